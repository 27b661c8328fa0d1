package dev.fairway.consent.filter;

import static dev.fairway.consent.log.CrashEnumeration.APPENDS;
import static dev.fairway.consent.log.CrashEnumeration.FLOOR;
import static dev.fairway.consent.log.CrashEnumeration.FP;
import static dev.fairway.consent.log.CrashEnumeration.T0;
import static dev.fairway.consent.log.CrashEnumeration.THREADS;
import static dev.fairway.consent.log.CrashEnumeration.enumerateInParallel;
import static dev.fairway.consent.log.CrashEnumeration.lineIndex;
import static dev.fairway.consent.log.CrashEnumeration.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.log.CrashEnumeration.History;
import dev.fairway.consent.log.SimulatedLogFile;
import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.log.RecoveryMode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Crashes the audit sink at every write and sync boundary of a 1,000-append history (see
 * {@link dev.fairway.consent.log.CrashEnumeration}), reopens each crash image and checks: every
 * acknowledged record is present, in order, the file is cut at a line boundary, and a torn tail is
 * reported and cut off.
 */
class AuditSinkCrashEnumerationTest {
    static DecisionRecord record(SplittableRandom r, int i) {
        long granted = r.nextLong() & 0xFFFF;
        return new DecisionRecord("pseudonym-" + i, T0.plusSeconds(i), FP, r.nextInt(100_000), granted,
                ~granted & 0xFFFFF, r.nextBoolean() ? Set.of() : EnumSet.of(RequestMode.NON_PROFILING));
    }

    @Test
    void everyCrashPointOfTheAuditSinkUnderEveryAppend() throws Exception {
        long start = System.nanoTime();
        SimulatedLogFile f = SimulatedLogFile.empty();
        SplittableRandom r = new SplittableRandom(29);
        List<DecisionRecord> written = new ArrayList<>();
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(f, "audit", FsyncPolicy.EVERY_APPEND,
                RecoveryMode.TOLERATE_TORN_TAIL)) {
            for (int i = 0; i < APPENDS; i++) {
                DecisionRecord d = record(r, i);
                sink.write(d);
                written.add(d);
                f.ack(i + 1);
            }
        }
        History h = History.of(f);
        long scenarios = enumerateInParallel(h, (n, base, length, zeros, acked, records) -> {
            SimulatedLogFile img = SimulatedLogFile.image(base, length, zeros);
            boolean torn = zeros > 0 || length != h.lineEnds()[lineIndex(h.lineEnds(), length)];
            try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(img, "audit", FsyncPolicy.EVERY_APPEND,
                    RecoveryMode.TOLERATE_TORN_TAIL)) {
                int k = lineIndex(h.lineEnds(), img.size());
                assertEquals(h.lineEnds()[k], img.size(), "the file is cut at the end of the last whole line");
                assertTrue(k >= acked && k <= records, () -> "k " + k + " acked " + acked);
                assertEquals(torn, sink.recovery().isPresent());
                if (n % 53 == 0) {
                    List<DecisionRecord> back = new ArrayList<>();
                    JsonLinesAuditSink.forEach(SimulatedLogFile.image(img.bytes(), (int) img.size(), 0), "audit",
                            RecoveryMode.ABSOLUTE_CONSISTENCY, back::add);
                    assertEquals(written.subList(0, k), back);
                }
            }
        });
        report("audit sink, EVERY_APPEND, " + THREADS + " checking threads", scenarios, start);
        assertTrue(scenarios >= FLOOR, "scenarios " + scenarios);
    }
}
