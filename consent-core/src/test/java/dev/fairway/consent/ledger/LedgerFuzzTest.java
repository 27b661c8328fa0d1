package dev.fairway.consent.ledger;

import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.log.RecoveryMode;
import static dev.fairway.consent.log.SeededMutator.corpusLines;
import static dev.fairway.consent.log.SeededMutator.report;
import static dev.fairway.consent.log.SeededMutator.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.log.SeededMutator;
import dev.fairway.consent.log.SimulatedLogFile;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the consent event JSON reader and of whole ledger files with {@link SeededMutator}: 10,000 cases per target in {@code verify}, 1,000,000 with {@code -Preliability}. Only the documented exception may
 * come out, no case may take longer than {@link SeededMutator#CASE_BOUND_NANOS}, and a whole target is
 * bounded by a preemptive timeout (a hang fails the test instead of stalling the build).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LedgerFuzzTest {
    static final int N = SeededMutator.CASES;

    @Test
    void consentEventJsonLines() throws IOException {
        long ok = SeededMutator.run("event JSON", corpusLines("events.jsonl"), 4, N, b -> ConsentEvent.fromJson(text(b)),
                IllegalArgumentException.class);
        report("consent event JSON", ok);
    }

    @Test
    void ledgerFiles() throws IOException {
        SimulatedLogFile ledger = SimulatedLogFile.empty();
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(ledger, "ledger", FsyncPolicy.ON_CLOSE,
                RecoveryMode.TOLERATE_TORN_TAIL, true, JsonLinesConsentStore.JSON)) {
            for (byte[] line : corpusLines("events.jsonl")) {
                s.append(ConsentEvent.fromJson(text(line)));
            }
        }
        long ok = SeededMutator.run("ledger file", List.of(ledger.bytes()), 7, N,
                b -> JsonLinesConsentStore.open(SimulatedLogFile.image(b, b.length, 0), "ledger", FsyncPolicy.ON_CLOSE,
                        RecoveryMode.TOLERATE_TORN_TAIL, false, JsonLinesConsentStore.JSON).close(),
                IllegalStateException.class);
        // salvage reads anything: no exception at all
        long salvaged = SeededMutator.run("ledger file, salvage", List.of(ledger.bytes()), 8, N,
                b -> JsonLinesConsentStore.open(SimulatedLogFile.image(b, b.length, 0), "ledger", FsyncPolicy.ON_CLOSE,
                        RecoveryMode.SALVAGE, false, JsonLinesConsentStore.JSON).close());
        assertEquals(N, salvaged);
        report("ledger file", ok);
        report("ledger file (salvage)", salvaged);
        assertTrue(ok > 0, "some mutated files still open (a torn tail, a whole-line delete)");
    }
}
