package dev.fairway.consent.filter;

import static dev.fairway.consent.log.SeededMutator.report;
import static dev.fairway.consent.log.SeededMutator.text;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.log.CheckedLog;
import dev.fairway.consent.log.SeededMutator;
import dev.fairway.consent.log.SimulatedLogFile;
import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.log.RecoveryMode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of audit lines, audit record JSON and whole audit files with {@link SeededMutator}: 10,000 cases per target in {@code verify}, 1,000,000 with {@code -Preliability}. Only the documented exception may
 * come out, no case may take longer than {@link SeededMutator#CASE_BOUND_NANOS}, and a whole target is
 * bounded by a preemptive timeout (a hang fails the test instead of stalling the build).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AuditFuzzTest {
    static final int N = SeededMutator.CASES;
    static final Instant T = Instant.parse("2026-07-01T00:00:00Z");

    static DecisionRecord record(int i) {
        return new DecisionRecord("p" + i, T.plusSeconds(i), "0123456789abcdef0123456789abcdef", i, 5, 2,
                i % 2 == 0 ? Set.of() : EnumSet.of(RequestMode.NON_PROFILING, RequestMode.INVALID_SIGNAL));
    }

    @Test
    void auditLines() {
        List<byte[]> framed = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] body = AuditJson.write(record(i)).getBytes(StandardCharsets.UTF_8);
            bodies.add(body);
            byte[] line = CheckedLog.frame(i + 1, body);
            framed.add(Arrays.copyOf(line, line.length - 1));
        }
        long ok = SeededMutator.run("audit line", framed, 5, N, b -> JsonLinesAuditSink.read(text(b)),
                IllegalArgumentException.class);
        // past the checksum: the record parser itself
        long bodyOk = SeededMutator.run("audit JSON", bodies, 6, N, b -> AuditJson.read(text(b)),
                IllegalArgumentException.class);
        report("audit line", ok);
        report("audit record JSON", bodyOk);
    }

    @Test
    void auditFiles() throws IOException {
        SimulatedLogFile audit = SimulatedLogFile.empty();
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(audit, "audit", FsyncPolicy.ON_CLOSE,
                RecoveryMode.TOLERATE_TORN_TAIL)) {
            for (int i = 0; i < 6; i++) {
                sink.write(record(i));
            }
        }
        long auditOk = SeededMutator.run("audit file", List.of(audit.bytes()), 9, N,
                b -> JsonLinesAuditSink.forEach(SimulatedLogFile.image(b, b.length, 0), "audit",
                        RecoveryMode.TOLERATE_TORN_TAIL, r -> { }), IllegalStateException.class);
        report("audit file", auditOk);
        assertTrue(auditOk > 0, "some mutated files still open (a torn tail, a whole-line delete)");
    }
}
