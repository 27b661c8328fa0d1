package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The load test's histogram against exact quantiles of the sorted values (brute force). */
class LatencyHistogramTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void quantilesAreTheSortedValuesWithinOneSixtyFourth(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(50_000);
        long[] values = new long[n];
        LatencyHistogram[] parts = {new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram()};
        for (int i = 0; i < n; i++) {
            // log-uniform from 1 ns to about 1 s, with some exact small values
            values[i] = r.nextInt(10) == 0 ? r.nextInt(64) : (long) Math.exp(r.nextDouble() * Math.log(1e9));
            parts[i % 3].record(values[i]);
        }
        LatencyHistogram h = new LatencyHistogram();
        for (LatencyHistogram p : parts) {
            h.add(p);
        }
        Arrays.sort(values);
        assertEquals(n, h.count());
        assertEquals(values[n - 1], h.max());
        for (double q : new double[] {0.0, 0.5, 0.9, 0.99, 0.999, 1.0}) {
            long exact = values[(int) Math.max(0, Math.ceil(q * n) - 1)];
            long got = h.quantile(q);
            assertTrue(got >= exact && got <= exact + exact / 64, "q " + q + ": " + got + " for " + exact);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 63, 64, 65, 127, 128, 129, 1000, 1L << 40, Long.MAX_VALUE})
    void everyValueLiesInItsBucket(long v) {
        int b = LatencyHistogram.bucket(v);
        assertTrue(LatencyHistogram.highest(b) >= v);
        assertTrue(b == 0 || LatencyHistogram.highest(b - 1) < v);
    }
}
