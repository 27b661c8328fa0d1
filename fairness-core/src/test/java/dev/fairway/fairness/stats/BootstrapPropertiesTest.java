package dev.fairway.fairness.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.CellMoments;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of the bootstrap from counts: the binomial sampler follows the binomial law,
 * the same seed gives the same replicates on any number of threads, and the count bootstrap (plain
 * and weighted) matches a brute-force row bootstrap within Monte Carlo error.
 */
class BootstrapPropertiesTest {
    private static final List<AuditStatistic> STATS = List.of(
            AuditStatistic.of("dpd", a -> a.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS)),
            AuditStatistic.of("tpr_0", a -> a.value(Metric.TRUE_POSITIVE_RATE, 0)),
            AuditStatistic.of("eod_to_overall", a -> a.equalOpportunityDifference(DisparityMethod.TO_OVERALL)));

    static Stream<Arguments> binomials() {
        return Stream.of(Arguments.of(20L, 0.3, 1L), Arguments.of(1000L, 0.3, 2L), Arguments.of(10_000_000L, 0.02, 3L),
                Arguments.of(50L, 0.9, 4L), Arguments.of(40L, 0.26, 5L), Arguments.of(200L, 0.5, 6L));
    }

    @ParameterizedTest(name = "Binomial({0}, {1}) seed {2}")
    @MethodSource("binomials")
    void binomialSamplerFollowsTheBinomialLaw(long n, double p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int draws = 40_000;
        BinomialDistribution law = BinomialDistribution.of((int) n, p);
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        // bins of width 1 around the mode, tails pooled, every bin with expected count >= 20
        int lo = (int) Math.max(0, Math.floor(mean - 4 * sd));
        int hi = (int) Math.min(n, Math.ceil(mean + 4 * sd));
        long[] observed = new long[hi - lo + 3];
        for (int i = 0; i < draws; i++) {
            long x = Binomial.sample(rng, n, p);
            assertTrue(x >= 0 && x <= n);
            observed[x < lo ? 0 : x > hi ? observed.length - 1 : (int) (x - lo + 1)]++;
        }
        List<double[]> bins = new ArrayList<>();
        double[] acc = {0, 0};
        for (int b = 0; b < observed.length; b++) {
            double prob = b == 0 ? (lo == 0 ? 0 : law.cumulativeProbability(lo - 1))
                    : b == observed.length - 1 ? law.survivalProbability(hi) : law.probability(lo + b - 1);
            acc[0] += draws * prob;
            acc[1] += observed[b];
            if (acc[0] >= 20) {
                bins.add(acc.clone());
                acc[0] = 0;
                acc[1] = 0;
            }
        }
        bins.get(bins.size() - 1)[0] += acc[0];
        bins.get(bins.size() - 1)[1] += acc[1];
        double sum = 0;
        for (double[] b : bins) {
            sum += (b[1] - b[0]) * (b[1] - b[0]) / b[0];
        }
        double chi = sum;
        double pValue = ChiSquaredDistribution.of(bins.size() - 1).survivalProbability(chi);
        assertTrue(pValue > 1e-4, () -> "chi-square " + chi + " on " + bins.size() + " bins, p = " + pValue);
    }

    @Test
    void multinomialKeepsTheTotalAndSkipsEmptyCells() {
        SplittableRandom rng = new SplittableRandom(7);
        long[] counts = {5, 0, 120, 3, 0, 1000};
        long[] out = new long[6];
        for (int i = 0; i < 200; i++) {
            Binomial.multinomial(rng, 1128, counts, 0, 6, 1128, out);
            assertEquals(1128, Arrays.stream(out).sum());
            assertEquals(0, out[1]);
            assertEquals(0, out[4]);
        }
    }

    private static AuditData data(long seed, int rows, boolean weighted) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] y = new boolean[rows];
        boolean[] p = new boolean[rows];
        String[] g = new String[rows];
        double[] w = new double[rows];
        for (int i = 0; i < rows; i++) {
            int grp = r.nextDouble() < 0.6 ? 0 : r.nextDouble() < 0.7 ? 1 : 2;
            g[i] = "g" + grp;
            y[i] = r.nextDouble() < 0.4 + 0.1 * grp;
            p[i] = r.nextDouble() < (y[i] ? 0.7 : 0.25) - 0.08 * grp;
            w[i] = 1 + r.nextInt(5) + (grp == 2 ? 3 : 0);
        }
        AuditData.Builder b = AuditData.builder().labels("y", y).predictions("p", p).sensitive("g", g);
        if (weighted) {
            b.weights("w", w);
        }
        return b.build();
    }

    @Test
    void sameSeedSameIntervalsWhateverTheThreadCount() {
        AuditData d = data(11, 5000, true);
        FairnessAudit audit = FairnessAudit.of(d);
        Bootstrap.Builder b = Bootstrap.builder().replicates(500).seed(99).weightMoments(CellMoments.of(d));
        BootstrapResult one = b.build().run(audit, STATS);
        ForkJoinPool two = new ForkJoinPool(2);
        ForkJoinPool three = new ForkJoinPool(3);
        try {
            BootstrapResult r2 = b.pool(two).build().run(audit, STATS);
            BootstrapResult r3 = b.pool(three).build().run(audit, STATS);
            for (int i = 0; i < STATS.size(); i++) {
                assertArrayEquals(one.replicates(i), r2.replicates(i));
                assertArrayEquals(one.replicates(i), r3.replicates(i));
                for (IntervalMethod m : List.of(IntervalMethod.PERCENTILE, IntervalMethod.BCA)) {
                    assertEquals(one.interval(i, m, 0.95), r3.interval(i, m, 0.95));
                }
            }
        } finally {
            two.shutdown();
            three.shutdown();
        }
        BootstrapResult other = Bootstrap.builder().replicates(500).seed(100).weightMoments(CellMoments.of(d)).build()
                .run(audit, STATS);
        assertFalse(Arrays.equals(one.replicates(0), other.replicates(0)));
    }

    @Test
    void percentileIntervalIsTheType7QuantileOfTheReplicates() {
        FairnessAudit audit = FairnessAudit.of(data(3, 800, false));
        BootstrapResult r = Bootstrap.builder().replicates(401).seed(5).build().run(audit, STATS);
        double[] v = r.replicates(0);
        Arrays.sort(v);
        // 401 replicates: (400 x 0.025) = 10 and (400 x 0.975) = 390 are whole order statistics
        Interval ci = r.interval(0, IntervalMethod.PERCENTILE, 0.95);
        assertEquals(v[10], ci.lower(), 1e-12);
        assertEquals(v[390], ci.upper(), 1e-12);
        assertEquals(audit.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS), r.estimate(0));
        assertNotNull(r.interval(0, IntervalMethod.BCA, 0.95));
        Interval basic = r.interval(0, IntervalMethod.BASIC, 0.95);
        assertEquals(2 * r.estimate(0) - v[390], basic.lower(), 1e-12);
        assertEquals(2 * r.estimate(0) - v[10], basic.upper(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> r.interval(0, IntervalMethod.WILSON, 0.95));
    }

    @Test
    void weightedAuditWithoutMomentsIsRefused() {
        FairnessAudit audit = FairnessAudit.of(data(3, 100, true));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.builder().build().run(audit, STATS));
    }

    static Stream<Arguments> schemes() {
        return Stream.of(Arguments.of(Bootstrap.Scheme.STRATIFIED, false, 21L),
                Arguments.of(Bootstrap.Scheme.MULTINOMIAL, false, 22L),
                Arguments.of(Bootstrap.Scheme.STRATIFIED, true, 23L),
                Arguments.of(Bootstrap.Scheme.MULTINOMIAL, true, 24L));
    }

    /**
     * The count bootstrap against resampling rows: mean and standard deviation of each statistic
     * over 3,000 replicates agree within Monte Carlo error (standard error of a standard deviation
     * is about sd / sqrt(2B), 1.3% here, so 7% is over 3.5 combined standard errors).
     */
    @ParameterizedTest(name = "{0}, weighted {1}, seed {2}")
    @MethodSource("schemes")
    void matchesABruteForceRowBootstrap(Bootstrap.Scheme scheme, boolean weighted, long seed) {
        int rows = 300;
        AuditData d = data(seed, rows, weighted);
        FairnessAudit audit = FairnessAudit.of(d);
        int reps = 3000;
        Bootstrap.Builder bb = Bootstrap.builder().replicates(reps).seed(seed).scheme(scheme);
        if (weighted) {
            bb.weightMoments(CellMoments.of(d));
        }
        BootstrapResult counts = bb.build().run(audit, STATS);
        // brute force: rebuild the rows from the generator and resample them
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] y = new boolean[rows];
        boolean[] p = new boolean[rows];
        int[] g = new int[rows];
        double[] w = new double[rows];
        for (int i = 0; i < rows; i++) {
            int grp = r.nextDouble() < 0.6 ? 0 : r.nextDouble() < 0.7 ? 1 : 2;
            g[i] = grp;
            y[i] = r.nextDouble() < 0.4 + 0.1 * grp;
            p[i] = r.nextDouble() < (y[i] ? 0.7 : 0.25) - 0.08 * grp;
            w[i] = 1 + r.nextInt(5) + (grp == 2 ? 3 : 0);
        }
        List<List<Integer>> byGroup = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < rows; i++) {
            byGroup.get(g[i]).add(i);
        }
        SplittableRandom rr = new SplittableRandom(seed * 31 + 7);
        double[][] brute = new double[STATS.size()][reps];
        for (int b = 0; b < reps; b++) {
            boolean[] by = new boolean[rows];
            boolean[] bp = new boolean[rows];
            String[] bg = new String[rows];
            double[] bw = new double[rows];
            for (int i = 0; i < rows; i++) {
                int src;
                if (scheme == Bootstrap.Scheme.STRATIFIED) {
                    List<Integer> members = byGroup.get(g[i]);
                    src = members.get(rr.nextInt(members.size()));
                } else {
                    src = rr.nextInt(rows);
                }
                by[i] = y[src];
                bp[i] = p[src];
                bg[i] = "g" + g[src];
                bw[i] = w[src];
            }
            AuditData.Builder ab = AuditData.builder().labels("y", by).predictions("p", bp).sensitive("g", bg);
            if (weighted) {
                ab.weights("w", bw);
            }
            FairnessAudit a = FairnessAudit.of(ab.build());
            for (int s = 0; s < STATS.size(); s++) {
                // a resample may lose a group in the multinomial scheme; "tpr_0" is group g0, always present
                brute[s][b] = a.groups().size() == 3 || s == 1 ? STATS.get(s).of(a) : Double.NaN;
            }
        }
        for (int s = 0; s < STATS.size(); s++) {
            double[] c = defined(counts.replicates(s));
            double[] bf = defined(brute[s]);
            double sdC = sd(c);
            double sdB = sd(bf);
            String what = STATS.get(s).name() + ": count sd " + sdC + " vs row sd " + sdB + ", means " + mean(c)
                    + " vs " + mean(bf);
            assertEquals(sdB, sdC, 0.07 * sdB, what);
            assertEquals(mean(bf), mean(c), 4 * sdB * Math.sqrt(2.0 / reps), what);
        }
    }

    private static double[] defined(double[] v) {
        return Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
