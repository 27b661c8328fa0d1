package dev.fairway.consent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.filter.JsonLinesAuditSink;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22.2: one writer per log. A second writer is refused with an {@link IllegalStateException}
 * naming the file, in this JVM and in a second JVM ({@link LockChild}, started on this test's class
 * path), while the first holds the file; after the first closes, the second opens it.
 */
class WriterLockTest {
    @TempDir
    Path dir;

    static ConsentEvent event() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new ConsentEvent("u", "measurement", ConsentState.GIVEN, LawfulBasis.CONSENT, false, t, t, null, null,
                ConsentSource.DIRECT, null, null, 0);
    }

    @Test
    void theLedgerHasOneWriterAcrossTwoJvms() throws Exception {
        Path f = dir.resolve("ledger.jsonl");
        try (JsonLinesConsentStore first = JsonLinesConsentStore.open(f, FsyncPolicy.EVERY_APPEND)) {
            first.append(event());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> JsonLinesConsentStore.open(f, FsyncPolicy.EVERY_APPEND));
            assertTrue(e.getMessage().startsWith(f + " is already open for writing (by process "
                    + ProcessHandle.current().pid() + ")"), e.getMessage());
            assertTrue(Files.exists(dir.resolve("ledger.jsonl.lock")));
            String child = LockChild.run("ledger", f);
            assertTrue(child.startsWith("refused: " + f + " is already open for writing"), child);
            // readers take no lock
            try (JsonLinesConsentStore reader = JsonLinesConsentStore.readOnly(f)) {
                assertEquals(1, reader.lastSequence());
            }
            first.append(event());
        }
        assertFalse(Files.exists(dir.resolve("ledger.jsonl.lock")), "the lock file goes on close");
        assertEquals("opened", LockChild.run("ledger", f));
        try (JsonLinesConsentStore again = JsonLinesConsentStore.open(f, FsyncPolicy.EVERY_APPEND)) {
            assertEquals(2, again.lastSequence(), "both appends of the one writer survive");
        }
    }

    @Test
    void theAuditSinkHasOneWriterAcrossTwoJvms() throws Exception {
        Path f = dir.resolve("audit.jsonl");
        try (JsonLinesAuditSink first = JsonLinesAuditSink.open(f)) {
            assertTrue(first.recovery().isEmpty());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> JsonLinesAuditSink.open(f));
            assertTrue(e.getMessage().contains(f + " is already open for writing"), e.getMessage());
            String child = LockChild.run("audit", f);
            assertTrue(child.startsWith("refused: " + f + " is already open for writing"), child);
        }
        assertEquals("opened", LockChild.run("audit", f));
        JsonLinesAuditSink.open(f).close();
    }
}
