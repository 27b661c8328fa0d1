package dev.fairway.fairness.privacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stochastic differential-privacy tester on neighbouring count tables: the release of a table and
 * of the table with one more person in one cell, sampled many times each through the same code the
 * release uses ({@code AuditRelease.noisy}). The other cells are untouched and get independent
 * noise of the same law, so the privacy loss of the whole table is that of the changed cell.
 *
 * <p>Pure DP (Laplace): for every output value seen at least {@code MIN} times under both tables,
 * the empirical loss {@code ln(P^(o) / Q^(o))} must stay below {@code epsilon + 4 sqrt(1/a + 1/b)}
 * (a and b the two counts: four standard errors of a log ratio of proportions), and the largest
 * loss must come within that tolerance of epsilon (the bound is tight for Laplace). Approximate DP
 * (Gaussian): the empirical hockey-stick divergence {@code sum_o max(0, P^(o) - e^eps Q^(o))} must
 * stay below {@code delta} plus four binomial standard errors. Negative controls: noise at half the
 * scale is caught by the same tester.
 */
class DpTesterTest {
    private static final int RUNS = 40_000;
    private static final int MIN = 300;

    /** Output histogram of the changed cell over RUNS releases of a 1-group table whose TP count is tp. */
    static Map<Long, Integer> releases(long tp, NoiseMechanism m, BigInteger num, BigInteger den, long seed) {
        DiscreteSampler rng = DiscreteSampler.seeded(seed);
        Map<Long, Integer> h = new HashMap<>();
        long[] table = {40, 30, 20, tp};
        for (int i = 0; i < RUNS; i++) {
            long[] out = AuditRelease.noisy(new long[] {table[3]}, m, num, den, rng);
            h.merge(out[0], 1, Integer::sum);
        }
        return h;
    }

    /** Largest empirical loss minus its tolerance, and the largest loss, over well-populated outputs. */
    static double[] worstLoss(Map<Long, Integer> p, Map<Long, Integer> q) {
        double excess = Double.NEGATIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<Long, Integer> e : p.entrySet()) {
            int a = e.getValue();
            int b = q.getOrDefault(e.getKey(), 0);
            if (a < MIN || b < MIN) {
                continue;
            }
            for (double loss : new double[] {Math.log((double) a / b), Math.log((double) b / a)}) {
                double tol = 4 * Math.sqrt(1.0 / a + 1.0 / b);
                excess = Math.max(excess, loss - tol);
                max = Math.max(max, loss + tol);
            }
        }
        return new double[] {excess, max};
    }

    @Test
    void laplaceLossStaysWithinEpsilon() {
        double eps = 0.5;
        // scale 1/eps = 2/1
        Map<Long, Integer> p = releases(50, NoiseMechanism.LAPLACE, BigInteger.TWO, BigInteger.ONE, 1);
        Map<Long, Integer> q = releases(51, NoiseMechanism.LAPLACE, BigInteger.TWO, BigInteger.ONE, 2);
        double[] w = worstLoss(p, q);
        assertTrue(w[0] <= eps, "empirical loss beyond epsilon + tolerance by " + (w[0] - eps));
        assertTrue(w[1] >= eps, "the loss never reaches epsilon within tolerance: " + w[1]);
    }

    @Test
    void halfTheNoiseIsCaught() {
        double eps = 0.5;
        // scale 1/(2 eps) = 1: the true loss is 1, twice the claimed epsilon
        Map<Long, Integer> p = releases(50, NoiseMechanism.LAPLACE, BigInteger.ONE, BigInteger.ONE, 3);
        Map<Long, Integer> q = releases(51, NoiseMechanism.LAPLACE, BigInteger.ONE, BigInteger.ONE, 4);
        assertTrue(worstLoss(p, q)[0] > eps, "the tester did not catch a mechanism spending 2 epsilon");
    }

    /**
     * Output histogram (in grid steps) of one weighted cell over RUNS releases through {@code
     * AuditRelease.noisyWeighted} with bound W = 2 and 1 grid bit (resolution 1, grid sensitivity 2),
     * so that outputs are well populated; the unit-sensitivity scale is num/den.
     */
    static Map<Long, Integer> weightedReleases(double sum, BigInteger num, BigInteger den, long seed) {
        DiscreteSampler rng = DiscreteSampler.seeded(seed);
        Map<Long, Integer> h = new HashMap<>();
        for (int i = 0; i < RUNS; i++) {
            double[] out = AuditRelease.noisyWeighted(new double[] {sum}, 2, 1, NoiseMechanism.LAPLACE, num, den, rng);
            h.merge(Math.round(out[0]), 1, Integer::sum);
        }
        return h;
    }

    @Test
    void weightedLaplaceLossStaysWithinEpsilon() {
        double eps = 0.5;
        // neighbours: a person of the full weight W = 2 added to a cell summing to 40.3 (grid 40 -> 42);
        // unit scale 1/eps = 2, grid scale 2 * 2^1 = 4, loss at most 2 / 4 = eps
        Map<Long, Integer> p = weightedReleases(40.3, BigInteger.TWO, BigInteger.ONE, 9);
        Map<Long, Integer> q = weightedReleases(42.3, BigInteger.TWO, BigInteger.ONE, 10);
        double[] w = worstLoss(p, q);
        assertTrue(w[0] <= eps, "empirical loss beyond epsilon + tolerance by " + (w[0] - eps));
        assertTrue(w[1] >= eps, "the loss never reaches epsilon within tolerance: " + w[1]);
    }

    @Test
    void weightedHalfTheNoiseIsCaught() {
        double eps = 0.5;
        // unit scale 1 (half): grid scale 2 against grid sensitivity 2, true loss 1 = 2 eps
        Map<Long, Integer> p = weightedReleases(40.3, BigInteger.ONE, BigInteger.ONE, 11);
        Map<Long, Integer> q = weightedReleases(42.3, BigInteger.ONE, BigInteger.ONE, 12);
        assertTrue(worstLoss(p, q)[0] > eps, "the tester did not catch a weighted mechanism spending 2 epsilon");
    }

    static double hockeyStick(Map<Long, Integer> p, Map<Long, Integer> q, double eps) {
        double sum = 0;
        for (Map.Entry<Long, Integer> e : p.entrySet()) {
            double a = e.getValue() / (double) RUNS;
            double b = q.getOrDefault(e.getKey(), 0) / (double) RUNS;
            sum += Math.max(0, a - Math.exp(eps) * b);
        }
        return sum;
    }

    @Test
    void gaussianMeetsItsEpsilonDelta() {
        PrivacyBudget budget = PrivacyBudget.of(1.0, 0.05);
        double rho = budget.rho();
        // sigma^2 = 1 / (2 rho), rounded up as the release does
        java.math.BigDecimal s2 = java.math.BigDecimal.ONE.divide(java.math.BigDecimal.valueOf(2 * rho),
                new java.math.MathContext(6, java.math.RoundingMode.CEILING));
        BigInteger num = s2.unscaledValue();
        BigInteger den = BigInteger.TEN.pow(s2.scale());
        Map<Long, Integer> p = releases(50, NoiseMechanism.GAUSSIAN, num, den, 5);
        Map<Long, Integer> q = releases(51, NoiseMechanism.GAUSSIAN, num, den, 6);
        double tol = 4 * Math.sqrt(budget.delta() * (1 - budget.delta()) / RUNS) + 4 * Math.sqrt(1.0 / RUNS);
        assertTrue(hockeyStick(p, q, 1.0) <= budget.delta() + tol, "hockey-stick divergence above delta");
        assertTrue(hockeyStick(q, p, 1.0) <= budget.delta() + tol, "hockey-stick divergence above delta");
        // negative control: sigma^2 = 1/16 leaks nearly everything
        Map<Long, Integer> p2 = releases(50, NoiseMechanism.GAUSSIAN, BigInteger.ONE, BigInteger.valueOf(16), 7);
        Map<Long, Integer> q2 = releases(51, NoiseMechanism.GAUSSIAN, BigInteger.ONE, BigInteger.valueOf(16), 8);
        assertTrue(hockeyStick(p2, q2, 1.0) > budget.delta() + tol, "the tester did not catch a leaky Gaussian");
    }
}
