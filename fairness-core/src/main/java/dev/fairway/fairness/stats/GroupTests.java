package dev.fairway.fairness.stats;

import dev.fairway.fairness.Confusion;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.inference.GTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Hypothesis tests of group differences, from the unweighted counts: is the prediction
 * independent of the group (Pearson's chi-square and the G-test on the groups x predicted class
 * table, Fisher's exact test when there are two groups), and does each group's rate differ from
 * the reference rows' (two-proportion z-tests with Holm's correction).
 *
 * <p>The chi-square and G statistics have no continuity correction (scipy's
 * {@code chi2_contingency(..., correction=False)}); groups with no rows are left out. Special
 * functions and the exact test come from Apache Commons Statistics.
 *
 * <p>Stateless and thread-safe.
 */
public final class GroupTests {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private GroupTests() {
    }

    /**
     * Pearson's chi-square test of independence of group and predicted class.
     *
     * @param counts the table
     * @return the test ({@code NaN} when fewer than two groups have rows or a predicted class is empty)
     */
    public static TestResult chiSquare(ConfusionCounts counts) {
        long[][] t = predictionTable(counts);
        if (t == null) {
            return TestResult.of("chi_square", Double.NaN, 0, Double.NaN);
        }
        SignificanceResult r = ChiSquareTest.withDefaults().test(t);
        return TestResult.of("chi_square", r.getStatistic(), t.length - 1, r.getPValue());
    }

    /**
     * The G-test (log-likelihood ratio) of independence of group and predicted class.
     *
     * @param counts the table
     * @return the test ({@code NaN} when fewer than two groups have rows or a predicted class is empty)
     */
    public static TestResult gTest(ConfusionCounts counts) {
        long[][] t = predictionTable(counts);
        if (t == null) {
            return TestResult.of("g_test", Double.NaN, 0, Double.NaN);
        }
        SignificanceResult r = GTest.withDefaults().test(t);
        return TestResult.of("g_test", r.getStatistic(), t.length - 1, r.getPValue());
    }

    /**
     * Fisher's exact test (two-sided) of independence of group and predicted class for two groups.
     * The statistic is the sample odds ratio {@code (a d) / (b c)} of the table
     * {@code [[group0 predicted negative, group0 predicted positive], [group1 ..., ...]]}.
     *
     * @param counts a table with exactly two groups
     * @return the test
     * @throws IllegalArgumentException if the table does not have two groups or a count exceeds
     *     {@code Integer.MAX_VALUE}
     */
    public static TestResult fisherExact(ConfusionCounts counts) {
        Objects.requireNonNull(counts, "counts");
        if (counts.groups().size() != 2) {
            throw new IllegalArgumentException("Fisher's exact test needs exactly 2 groups, got " + counts.groups().size());
        }
        int[][] t = new int[2][2];
        for (int g = 0; g < 2; g++) {
            Confusion c = counts.unweightedConfusion(g);
            long neg = (long) c.predictedNegatives();
            long pos = (long) c.predictedPositives();
            if (neg > Integer.MAX_VALUE || pos > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Fisher's exact test takes counts up to " + Integer.MAX_VALUE);
            }
            t[g][0] = (int) neg;
            t[g][1] = (int) pos;
        }
        double odds = (double) t[0][0] * t[1][1] / ((double) t[0][1] * t[1][0]);
        SignificanceResult r = FisherExactTest.withDefaults().test(t);
        return TestResult.of("fisher_exact", odds, 0, r.getPValue());
    }

    /**
     * Compares each non-reference group's rate with the pooled reference rows' rate by the
     * two-proportion z-test (pooled variance), and adjusts the p-values by Holm's method.
     *
     * @param audit an audit (its unweighted counts are used)
     * @param metric a proportion ({@link RateIntervals#isProportion(Metric)}), such as the selection rate
     * @param reference which groups form the reference
     * @return one comparison per non-reference group, in group order
     * @throws IllegalArgumentException if the metric is not a proportion or no group, or every
     *     group, is in the reference
     */
    public static List<ProportionComparison> twoProportionZ(FairnessAudit audit, Metric metric,
            Predicate<Group> reference) {
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(reference, "reference");
        if (!RateIntervals.isProportion(metric)) {
            throw new IllegalArgumentException(metric.jsonName() + " is not a proportion of counts");
        }
        ConfusionCounts counts = audit.counts();
        int groups = counts.groups().size();
        long refK = 0;
        long refN = 0;
        List<Integer> compared = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            if (reference.test(counts.groups().group(g))) {
                long[] kn = RateIntervals.fraction(counts.unweightedConfusion(g), metric);
                refK += kn[0];
                refN += kn[1];
            } else {
                compared.add(g);
            }
        }
        if (compared.isEmpty() || compared.size() == groups) {
            throw new IllegalArgumentException("the reference must be some but not all groups");
        }
        double[] z = new double[compared.size()];
        double[] p = new double[compared.size()];
        long[][] kn = new long[compared.size()][];
        for (int i = 0; i < z.length; i++) {
            kn[i] = RateIntervals.fraction(counts.unweightedConfusion(compared.get(i)), metric);
            z[i] = z(kn[i][0], kn[i][1], refK, refN);
            p[i] = Double.isNaN(z[i]) ? Double.NaN : 2 * NORMAL.survivalProbability(Math.abs(z[i]));
        }
        double[] holm = holm(p);
        List<ProportionComparison> out = new ArrayList<>(z.length);
        for (int i = 0; i < z.length; i++) {
            out.add(new ProportionComparison(counts.groups().group(compared.get(i)), kn[i][0], kn[i][1], refK, refN,
                    z[i], p[i], holm[i]));
        }
        return List.copyOf(out);
    }

    private static double z(long k1, long n1, long k2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return Double.NaN;
        }
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double q = (double) (k1 + k2) / (n1 + n2);
        double se = Math.sqrt(q * (1 - q) * (1.0 / n1 + 1.0 / n2));
        return se == 0 ? Double.NaN : (p1 - p2) / se;
    }

    /**
     * Holm's step-down adjustment: with the p-values sorted ascending {@code p(1) <= ... <= p(m)},
     * the adjusted {@code p(i)} is {@code max over j <= i of min(1, (m - j + 1) p(j))}. {@code NaN}
     * p-values are kept as {@code NaN} and do not count in {@code m}.
     *
     * @param pValues the p-values
     * @return the adjusted p-values, in the input order
     */
    public static double[] holm(double[] pValues) {
        Objects.requireNonNull(pValues, "pValues");
        Integer[] order = new Integer[pValues.length];
        int m = 0;
        for (int i = 0; i < pValues.length; i++) {
            if (!Double.isNaN(pValues[i])) {
                order[m++] = i;
            }
        }
        Integer[] idx = Arrays.copyOf(order, m);
        Arrays.sort(idx, (a, b) -> Double.compare(pValues[a], pValues[b]));
        double[] out = new double[pValues.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1.0, (m - j) * pValues[idx[j]]));
            out[idx[j]] = running;
        }
        return out;
    }

    /** Groups with rows x (predicted negative, predicted positive); null if the test is undefined. */
    private static long[][] predictionTable(ConfusionCounts counts) {
        Objects.requireNonNull(counts, "counts");
        List<long[]> rows = new ArrayList<>();
        long neg = 0;
        long pos = 0;
        for (int g = 0; g < counts.groups().size(); g++) {
            Confusion c = counts.unweightedConfusion(g);
            long n = (long) c.predictedNegatives();
            long p = (long) c.predictedPositives();
            if (n + p > 0) {
                rows.add(new long[] {n, p});
                neg += n;
                pos += p;
            }
        }
        if (rows.size() < 2 || neg == 0 || pos == 0) {
            return null;
        }
        return rows.toArray(new long[0][]);
    }
}
