package dev.fairway.fairness.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Exact distribution tests: a large seeded sample of each sampler against its closed-form pmf,
 * chi-square goodness of fit. Integers whose expected count is at least 5 get a bin each and the
 * two tails one bin each. A correct sampler fails with probability 1e-4 per case for a random
 * seed; the seeds are fixed, so the outcome is reproducible. Negative controls (the same sample
 * against a 10% wider pmf) must be rejected, which shows the test has power.
 */
class DiscreteSamplerTest {
    static final int N = 30_000;

    static double laplacePmf(long z, double b) {
        double q = Math.exp(-1 / b);
        return (1 - q) / (1 + q) * Math.pow(q, Math.abs(z));
    }

    static LongToDoubleFunction gaussianPmf(double sigma2) {
        double norm = 0;
        long range = (long) Math.ceil(40 * Math.sqrt(sigma2)) + 40;
        for (long k = -range; k <= range; k++) {
            norm += Math.exp(-(double) k * k / (2 * sigma2));
        }
        double c = norm;
        return z -> Math.exp(-(double) z * z / (2 * sigma2)) / c;
    }

    /** Chi-square p-value of the sample against the pmf. */
    static double pValue(Map<Long, Integer> observed, LongToDoubleFunction pmf, int n) {
        long lo = 0;
        while (pmf.applyAsDouble(lo - 1) * n >= 5) {
            lo--;
        }
        long hi = 0;
        while (pmf.applyAsDouble(hi + 1) * n >= 5) {
            hi++;
        }
        double chi = 0;
        double inside = 0;
        long seenInside = 0;
        for (long z = lo; z <= hi; z++) {
            double e = pmf.applyAsDouble(z) * n;
            inside += e;
            int o = observed.getOrDefault(z, 0);
            seenInside += o;
            chi += (o - e) * (o - e) / e;
        }
        double below = 0;
        for (long z = lo - 1; z > lo - 10_000; z--) {
            below += pmf.applyAsDouble(z) * n;
        }
        long first = lo;
        long seenBelow = observed.entrySet().stream().filter(e -> e.getKey() < first).mapToLong(Map.Entry::getValue).sum();
        double above = n - inside - below;
        long seenAbove = n - seenInside - seenBelow;
        int bins = (int) (hi - lo + 1);
        for (double[] tail : new double[][] {{below, seenBelow}, {above, seenAbove}}) {
            if (tail[0] > 1e-9) {
                chi += (tail[1] - tail[0]) * (tail[1] - tail[0]) / tail[0];
                bins++;
            }
        }
        return ChiSquaredDistribution.of(bins - 1).survivalProbability(chi);
    }

    static Map<Long, Integer> sample(java.util.function.LongSupplier s, int n) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(s.getAsLong(), 1, Integer::sum);
        }
        return counts;
    }

    @ParameterizedTest(name = "seed {0}: scale {1}/{2}")
    @CsvSource({"11, 1, 1", "12, 1, 2", "13, 10, 3", "14, 20, 1"})
    void discreteLaplaceMatchesItsPmf(long seed, long num, long den) {
        DiscreteSampler rng = DiscreteSampler.seeded(seed);
        double b = (double) num / den;
        Map<Long, Integer> s = sample(() -> rng.discreteLaplace(BigInteger.valueOf(num), BigInteger.valueOf(den)), N);
        double p = pValue(s, z -> laplacePmf(z, b), N);
        assertTrue(p > 1e-4, "p = " + p);
        double wrong = pValue(s, z -> laplacePmf(z, b * 1.1), N);
        assertTrue(wrong < 1e-4, "10% wider pmf not rejected: p = " + wrong);
    }

    @ParameterizedTest(name = "seed {0}: sigma^2 {1}/{2}")
    @CsvSource({"21, 1, 1", "22, 5, 2", "23, 20, 1", "24, 1, 4"})
    void discreteGaussianMatchesItsPmf(long seed, long num, long den) {
        DiscreteSampler rng = DiscreteSampler.seeded(seed);
        double sigma2 = (double) num / den;
        Map<Long, Integer> s = sample(() -> rng.discreteGaussian(BigInteger.valueOf(num), BigInteger.valueOf(den)), N);
        double p = pValue(s, gaussianPmf(sigma2), N);
        assertTrue(p > 1e-4, "p = " + p);
        double wrong = pValue(s, gaussianPmf(sigma2 * 1.21), N);
        assertTrue(wrong < 1e-4, "10% wider pmf not rejected: p = " + wrong);
    }

    @ParameterizedTest(name = "seed {0}: exp(-{1}/{2})")
    @CsvSource({"31, 0, 1", "32, 1, 3", "33, 3, 2", "34, 7, 2"})
    void bernoulliExpHasProbabilityExpMinusGamma(long seed, long num, long den) {
        DiscreteSampler rng = DiscreteSampler.seeded(seed);
        int n = 20_000;
        int ones = 0;
        for (int i = 0; i < n; i++) {
            ones += rng.bernoulliExp(BigInteger.valueOf(num), BigInteger.valueOf(den)) ? 1 : 0;
        }
        double p = Math.exp(-(double) num / den);
        double sd = Math.sqrt(n * p * (1 - p));
        assertEquals(n * p, ones, Math.max(1e-9, 4.5 * sd), "ones");
    }

    @Test
    void seededIsReproducibleAndSaysSo() {
        DiscreteSampler a = DiscreteSampler.seeded(5);
        DiscreteSampler b = DiscreteSampler.seeded(5);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.discreteLaplace(BigInteger.TEN, BigInteger.ONE), b.discreteLaplace(BigInteger.TEN, BigInteger.ONE));
        }
        assertTrue(a.isSeeded());
        assertTrue(!DiscreteSampler.secure().isSeeded());
        assertThrows(IllegalArgumentException.class, () -> a.discreteLaplace(BigInteger.ZERO, BigInteger.ONE));
    }
}
