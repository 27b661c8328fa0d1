package dev.fairway.guard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Intervals against SciPy (Wilson) and against the closed form of the mixture martingale. */
class IntervalsTest {
    @Test
    void wilsonMatchesScipy() throws IOException {
        String csv;
        try (InputStream in = IntervalsTest.class.getResourceAsStream("/oracles/wilson.csv")) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String[] lines = csv.strip().split("\n");
        assertEquals(5, lines.length);
        double[] out = new double[2];
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            Intervals.wilson(Long.parseLong(f[0]), Long.parseLong(f[1]), 1 - Double.parseDouble(f[2]), out, 0);
            assertEquals(Double.parseDouble(f[3]), out[0], 1e-12, lines[i]);
            assertEquals(Double.parseDouble(f[4]), out[1], 1e-12, lines[i]);
        }
    }

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 4, 5, 6, 7, 8);
    }

    /**
     * At an unclipped end p of the confidence sequence, the normal-mixture martingale
     * sqrt(rho/(V+rho)) exp((x - n p)^2 / (2 (V+rho))) equals 1/alpha exactly (Ville's threshold).
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void sequenceEndsSitOnVillesThreshold(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long n = 1 + r.nextInt(100_000);
        long x = r.nextLong(n + 1);
        double alpha = 0.001 + r.nextDouble() * 0.2;
        double rho = 10 + r.nextDouble() * 1000;
        double[] out = new double[2];
        Intervals.sequence(x, n, alpha, rho, out, 0);
        double v = n / 4.0 + rho;
        for (double p : out) {
            if (p <= 0 || p >= 1) {
                continue;
            }
            double s = x - n * p;
            double logM = 0.5 * Math.log(rho / v) + s * s / (2 * v);
            assertEquals(Math.log(1 / alpha), logM, 1e-7, "n=" + n + " x=" + x + " p=" + p);
        }
        assertTrue(out[0] <= (double) x / n && (double) x / n <= out[1]);
    }

    @Test
    void combinationsTakeTheExtremes() {
        // groups a in [0.40, 0.50], b in [0.10, 0.20]: difference max-min in [0.20, 0.40], ratio in [0.2, 0.5]
        double[] iv = {0.40, 0.50, 0.10, 0.20};
        double[] out = new double[2];
        Intervals.betweenGroups(iv, 2, false, out);
        assertEquals(0.20, out[0], 1e-15);
        assertEquals(0.40, out[1], 1e-15);
        Intervals.betweenGroups(iv, 2, true, out);
        assertEquals(0.2, out[0], 1e-15);
        assertEquals(0.5, out[1], 1e-15);
        // overlapping intervals: the difference may be 0
        Intervals.betweenGroups(new double[] {0.3, 0.5, 0.4, 0.6}, 2, false, out);
        assertEquals(0.0, out[0]);
        assertEquals(0.3, out[1], 1e-15);
        // alpha spending sums to alpha: 6/pi^2 * sum 1/k^2 -> 1
        double sum = 0;
        for (long k = 1; k <= 1_000_000; k++) {
            sum += Intervals.spent(0.05, k);
        }
        assertEquals(0.05, sum, 1e-7);
    }
}
