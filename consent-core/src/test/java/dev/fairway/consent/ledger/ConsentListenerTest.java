package dev.fairway.consent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fairway.consent.Vocabulary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Change listeners: every appended event with its sequence, after it is stored, and a failing listener. */
class ConsentListenerTest {
    static final Instant T = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void theDurableStoreTellsOfEachAppendAfterItIsStored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        List<String> seen = new ArrayList<>();
        try (JsonLinesConsentStore store = JsonLinesConsentStore.open(file, FsyncPolicy.EVERY_APPEND)) {
            ConsentSubscription s = store.subscribe(e -> seen.add(e.subject() + "#" + e.sequence() + " stored "
                    + store.events(e.subject()).size()));
            store.append(ConsentEvent.direct("a", "measurement", ConsentState.GIVEN, true, T));
            store.append(ConsentEvent.direct("a", "measurement", ConsentState.WITHDRAWN, false, T));
            s.close();
            store.append(ConsentEvent.direct("b", "measurement", ConsentState.GIVEN, true, T));
        }
        assertEquals(List.of("a#1 stored 1", "a#2 stored 2"), seen);
        List<String> reopened = new ArrayList<>();
        try (JsonLinesConsentStore store = JsonLinesConsentStore.open(file, FsyncPolicy.EVERY_APPEND)) {
            store.subscribe(e -> reopened.add(e.subject()));
            assertEquals(3, store.lastSequence());
        }
        assertEquals(List.of(), reopened, "events read back on open are not delivered");
    }

    @Test
    void aFailingListenerDoesNotUndoTheRecordOrSilenceTheOthers() {
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(),
                Clock.fixed(T, ZoneOffset.UTC));
        List<Long> second = new ArrayList<>();
        ledger.subscribe(e -> {
            throw new IllegalStateException("listener down");
        });
        ledger.subscribe(e -> second.add(e.sequence()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ledger.record(ConsentEvent.direct("a", "measurement", ConsentState.GIVEN, true, T)));
        assertEquals("listener down", e.getMessage());
        assertEquals(List.of(1L), second);
        assertEquals(ConsentState.GIVEN, ledger.snapshot("a").entry("measurement").orElseThrow().state());
    }

    @Test
    void nextChangeIsTheEarliestExpiryOrMaximumAge() {
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(),
                Clock.fixed(T, ZoneOffset.UTC));
        ledger.record(ConsentEvent.direct("a", "measurement", ConsentState.GIVEN, true, T.minusSeconds(10))
                .withExpiry(T.plusSeconds(3_600)));
        // measurement's standard maximum consent age is far later than an hour
        assertEquals(T.plusSeconds(3_600), ledger.nextChange("a", T).orElseThrow());
        assertEquals(true, ledger.nextChange("nobody", T).isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> new ConsentStore() {
            @Override
            public ConsentEvent append(ConsentEvent event) {
                return event;
            }

            @Override
            public List<ConsentEvent> events(String subject) {
                return List.of();
            }

            @Override
            public void forEach(java.util.function.Consumer<ConsentEvent> action) {
            }

            @Override
            public long lastSequence() {
                return 0;
            }

            @Override
            public void close() {
            }
        }.subscribe(e -> { }));
    }
}
