package dev.fairway.consent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.ledger.ConsentSubscription;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two service instances, each with its own store (its own connections) and ledger over one PostgreSQL
 * schema: a listener of instance B's ledger (what {@code Guard.Builder.consentFrom} subscribes) hears a
 * withdrawal that instance A records, once, with A's sequence number, and B's next snapshot shows it.
 */
@ExtendWith(PgTestServer.class)
class CrossInstanceLedgerTest {
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
    private final String schema = PgTestServer.freshSchema();

    @Test
    void aWithdrawalRecordedOnInstanceAReachesTheListenersOfInstanceB() throws Exception {
        try (JdbcConsentStore a = JdbcConsentStore.builder(PgTestServer.url()).schema(schema).build();
                JdbcConsentStore b = JdbcConsentStore.builder(PgTestServer.url()).schema(schema).build()) {
            ConsentLedger ledgerA = ConsentLedger.of(a, Vocabulary.standard(), Clock.systemUTC());
            ConsentLedger ledgerB = ConsentLedger.of(b, Vocabulary.standard(), Clock.systemUTC());
            List<String> heardOnB = Collections.synchronizedList(new ArrayList<>());
            ConsentSubscription s = ledgerB.subscribe(e -> heardOnB.add(e.sequence() + " " + e.state()));
            try {
                ConsentEvent granted = ledgerA.record(
                        ConsentEvent.direct("alice", "measurement", ConsentState.GIVEN, true, T));
                ConsentEvent withdrawn = ledgerA.record(
                        ConsentEvent.direct("alice", "measurement", ConsentState.WITHDRAWN, false, T.plusSeconds(1)));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (heardOnB.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                assertEquals(List.of(granted.sequence() + " GIVEN", withdrawn.sequence() + " WITHDRAWN"), heardOnB);
                assertEquals(ConsentState.WITHDRAWN,
                        ledgerB.snapshot("alice").entry("measurement").orElseThrow().state());
                Thread.sleep(300);
                assertEquals(2, heardOnB.size(), "each event is heard once");
            } finally {
                s.close();
            }
        }
    }
}
