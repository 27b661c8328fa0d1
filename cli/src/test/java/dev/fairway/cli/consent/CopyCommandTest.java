package dev.fairway.cli.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairway consent copy} between ledger files, and its bad input. The PostgreSQL round trip of the same
 * copy is proved in consent-jdbc ({@code ConsentStoresTest}), against a real server.
 */
class CopyCommandTest {
    @TempDir
    Path dir;

    private Path ledger(int n) throws Exception {
        Path f = dir.resolve("source.jsonl");
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE)) {
            for (int i = 0; i < n; i++) {
                s.append(ConsentEvent.direct("p" + (i % 3), "measurement",
                        i % 2 == 0 ? ConsentState.GIVEN : ConsentState.WITHDRAWN, false,
                        Instant.parse("2026-05-01T10:00:00.000000123Z").plusSeconds(i)));
            }
        }
        return f;
    }

    @Test
    void aLedgerFileIsCopiedWithEverySequenceAndTime() throws Exception {
        Path source = ledger(7);
        Path copy = dir.resolve("copy.jsonl");
        ConsentCommandTest.Result r = ConsentCommandTest.run("consent", "copy", "--from", source.toString(), "--to",
                copy.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("copied 7 events from " + source + " to " + copy, r.out().strip());
        assertEquals(Files.readString(source), Files.readString(copy));
    }

    @Test
    void badStoresAreExitTwoWithOneLineAndNothingWritten() throws Exception {
        Path source = ledger(2);
        ConsentCommandTest.Result missing = ConsentCommandTest.run("consent", "copy", "--from",
                dir.resolve("nope.jsonl").toString(), "--to", dir.resolve("x.jsonl").toString());
        assertEquals(2, missing.code());
        assertEquals("fairway: --from: no such ledger file " + dir.resolve("nope.jsonl"), missing.err().strip());
        assertFalse(Files.exists(dir.resolve("x.jsonl")));

        ConsentCommandTest.Result full = ConsentCommandTest.run("consent", "copy", "--from", source.toString(), "--to",
                source.toString());
        assertEquals(2, full.code());
        assertEquals("fairway: --to: " + source + " is not empty; copy into a new ledger file", full.err().strip());

        ConsentCommandTest.Result down = ConsentCommandTest.run("consent", "copy", "--from", source.toString(), "--to",
                "jdbc:postgresql://127.0.0.1:1/fairway?user=fairway&password=s3cret&connectTimeout=2");
        assertEquals(2, down.code());
        String line = down.err().strip();
        assertTrue(line.startsWith("fairway: consent store jdbc:postgresql://127.0.0.1:1/fairway (schema fairway): "
                + "cannot connect: "), line);
        assertFalse(line.contains("s3cret") || line.contains("\n") || line.contains("at dev.fairway"), line);
    }
}
