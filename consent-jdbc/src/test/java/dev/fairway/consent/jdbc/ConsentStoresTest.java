package dev.fairway.consent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentStore;
import dev.fairway.consent.ledger.ConsentStoreContract;
import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.ledger.InMemoryConsentStore;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Naming stores and copying a ledger file into PostgreSQL and back: the round trip keeps every byte. */
@ExtendWith(PgTestServer.class)
class ConsentStoresTest {
    @TempDir
    Path dir;

    private static List<ConsentEvent> all(ConsentStore s) {
        List<ConsentEvent> out = new ArrayList<>();
        s.forEach(out::add);
        return out;
    }

    @Test
    void aFileLedgerCopiedIntoPostgresqlAndBackIsTheSameFile() throws Exception {
        Path source = dir.resolve("source.jsonl");
        Path back = dir.resolve("back.jsonl");
        String schema = PgTestServer.freshSchema();
        List<ConsentEvent> written = new ArrayList<>();
        try (ConsentStore s = ConsentStores.open(source.toString(), FsyncPolicy.ON_CLOSE)) {
            assertInstanceOf(JsonLinesConsentStore.class, s);
            for (int i = 0; i < 50; i++) {
                written.add(s.append(ConsentStoreContract.event("p" + (i % 6), i)));
            }
        }
        try (ConsentStore from = JsonLinesConsentStore.readOnly(source);
                JdbcConsentStore db = JdbcConsentStore.builder(PgTestServer.url()).schema(schema).build()) {
            assertEquals(50, ConsentStores.copy(from, db));
            assertEquals(written, all(db));
            try (ConsentStore to = ConsentStores.open(back.toString(), FsyncPolicy.ON_CLOSE)) {
                assertEquals(50, ConsentStores.copy(db, to));
            }
        }
        assertEquals(Files.readString(source), Files.readString(back));
    }

    @Test
    void aNonEmptyTargetAndAGappedSourceAreRefused() throws Exception {
        InMemoryConsentStore target = InMemoryConsentStore.empty();
        target.append(ConsentStoreContract.event("a", 0));
        IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
                () -> ConsentStores.copy(InMemoryConsentStore.empty(), target));
        assertEquals("to: the target store must be empty, it holds events up to sequence 1", full.getMessage());

        // a source whose second event is numbered 3: a salvaged ledger with a lost line
        Path gapped = dir.resolve("gapped.jsonl");
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(gapped, FsyncPolicy.ON_CLOSE)) {
            for (int i = 0; i < 3; i++) {
                s.append(ConsentStoreContract.event("a", i));
            }
        }
        List<String> lines = Files.readAllLines(gapped);
        Files.write(gapped, List.of(lines.get(0), lines.get(2)));
        try (JsonLinesConsentStore from = JsonLinesConsentStore.readOnly(gapped,
                dev.fairway.consent.log.RecoveryMode.SALVAGE)) {
            InMemoryConsentStore to = InMemoryConsentStore.empty();
            IllegalStateException gap = assertThrows(IllegalStateException.class, () -> ConsentStores.copy(from, to));
            assertTrue(gap.getMessage().startsWith("source event 3 was stored as sequence 2"), gap.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ConsentStores.open(" ", FsyncPolicy.ON_CLOSE));
        assertThrows(IllegalArgumentException.class, () -> ConsentStores.open("jdbc:mysql://h/db", FsyncPolicy.ON_CLOSE));
    }
}
