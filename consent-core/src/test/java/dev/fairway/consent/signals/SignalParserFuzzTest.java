package dev.fairway.consent.signals;

import static dev.fairway.consent.log.SeededMutator.report;
import static dev.fairway.consent.log.SeededMutator.text;

import dev.fairway.consent.log.SeededMutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the TC/GPP/USP string and GPC header parsers with {@link SeededMutator}: 10,000 cases per target in {@code verify}, 1,000,000 with {@code -Preliability}. Only the documented exception may
 * come out, no case may take longer than {@link SeededMutator#CASE_BOUND_NANOS}, and a whole target is
 * bounded by a preemptive timeout (a hang fails the test instead of stalling the build).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SignalParserFuzzTest {
    static final int N = SeededMutator.CASES;

    @Test
    void signals() {
        List<byte[]> corpus = new ArrayList<>();
        SignalFuzzPropertiesTest.VALID.forEach(s -> corpus.add(s.getBytes(StandardCharsets.UTF_8)));
        TcfOptions lenient = new TcfOptions(true, true, 755);
        long ok = SeededMutator.run("signals", corpus, 1, N, b -> {
            String s = text(b);
            ConsentSignals.decode(s, lenient);
        }, InvalidSignalException.class);
        long gpcOk = SeededMutator.run("gpc", List.of("1".getBytes(StandardCharsets.UTF_8),
                " 1 ".getBytes(StandardCharsets.UTF_8), "0".getBytes(StandardCharsets.UTF_8)), 2, N,
                b -> ConsentSignals.gpc(List.of(text(b))), InvalidSignalException.class);
        report("TC/GPP/USP strings", ok);
        report("GPC header values", gpcOk);
    }
}
