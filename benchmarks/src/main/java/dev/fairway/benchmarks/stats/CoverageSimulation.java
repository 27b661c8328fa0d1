package dev.fairway.benchmarks.stats;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.stats.AuditStatistic;
import dev.fairway.fairness.stats.Bootstrap;
import dev.fairway.fairness.stats.BootstrapResult;
import dev.fairway.fairness.stats.Interval;
import dev.fairway.fairness.stats.IntervalMethod;
import dev.fairway.fairness.stats.RateIntervals;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the coverage of Fairway's 95% intervals by simulation: synthetic groups with known true
 * selection rates, 1,000 seeded replications per scenario, 1,000 bootstrap replicates each
 * (stratified scheme). Prints the Markdown table published in {@code docs/statistics.md}.
 *
 * <pre>
 * mvn -B -ntp -q package -DskipTests -pl benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar dev.fairway.benchmarks.stats.CoverageSimulation
 * </pre>
 */
public final class CoverageSimulation {
    private static final int REPLICATIONS = 1000;
    private static final int BOOTSTRAP = 1000;
    private static final double LEVEL = 0.95;

    private CoverageSimulation() {
    }

    /**
     * Runs every scenario and prints the table.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("| scenario | true value | wilson | clopper_pearson | percentile | basic | bca |"
                + " interval above the estimate (percentile) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rate("group rate, n = 40, p = 0.15", 40, 0.15, 1);
        rate("group rate, n = 400, p = 0.15", 400, 0.15, 2);
        difference("two-group difference p_b - p_a, n = (400, 60), p = (0.30, 0.45)", new int[] {400, 60},
                new double[] {0.30, 0.45}, 3);
        spread("max - min over 8 groups, n = 1000..30, rates 0.25..0.40", new int[] {1000, 500, 300, 200, 100, 60, 40, 30},
                new double[] {0.30, 0.32, 0.28, 0.35, 0.30, 0.25, 0.40, 0.33}, 4);
        spread("max - min over 8 groups, n = 1000..30, all rates 0.30 (no disparity)",
                new int[] {1000, 500, 300, 200, 100, 60, 40, 30},
                new double[] {0.30, 0.30, 0.30, 0.30, 0.30, 0.30, 0.30, 0.30}, 5);
    }

    private static AuditData draw(SplittableRandom rng, int[] sizes, double[] rates) {
        int n = 0;
        for (int s : sizes) {
            n += s;
        }
        boolean[] y = new boolean[n];
        boolean[] p = new boolean[n];
        int[] g = new int[n];
        int i = 0;
        for (int k = 0; k < sizes.length; k++) {
            for (int j = 0; j < sizes[k]; j++, i++) {
                g[i] = k;
                p[i] = rng.nextDouble() < rates[k];
                y[i] = rng.nextBoolean();
            }
        }
        return AuditData.builder().labels("y", y).predictions("p", p).sensitive("g", g).build();
    }

    private static void rate(String name, int n, double rate, long seed) {
        run(name, new int[] {n}, new double[] {rate}, seed, rate,
                AuditStatistic.of("rate", a -> a.value(Metric.SELECTION_RATE, 0)), true);
    }

    private static void difference(String name, int[] sizes, double[] rates, long seed) {
        run(name, sizes, rates, seed, rates[1] - rates[0], AuditStatistic.of("difference",
                a -> a.value(Metric.SELECTION_RATE, 1) - a.value(Metric.SELECTION_RATE, 0)), false);
    }

    private static void spread(String name, int[] sizes, double[] rates, long seed) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double r : rates) {
            max = Math.max(max, r);
            min = Math.min(min, r);
        }
        run(name, sizes, rates, seed, max - min, AuditStatistic.of("dpd",
                a -> a.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS)), false);
    }

    private static void run(String name, int[] sizes, double[] rates, long seed, double truth, AuditStatistic stat,
            boolean closedForm) {
        SplittableRandom rng = new SplittableRandom(seed);
        int wilson = 0;
        int cp = 0;
        int pct = 0;
        int bca = 0;
        int basic = 0;
        int above = 0;
        for (int r = 0; r < REPLICATIONS; r++) {
            FairnessAudit audit = FairnessAudit.of(draw(rng, sizes, rates));
            if (closedForm) {
                wilson += hit(RateIntervals.of(audit, Metric.SELECTION_RATE, 0, IntervalMethod.WILSON, LEVEL), truth);
                cp += hit(RateIntervals.of(audit, Metric.SELECTION_RATE, 0, IntervalMethod.CLOPPER_PEARSON, LEVEL), truth);
            }
            BootstrapResult b = Bootstrap.builder().replicates(BOOTSTRAP).seed(rng.nextLong()).build()
                    .run(audit, List.of(stat));
            Interval p = b.interval(0, IntervalMethod.PERCENTILE, LEVEL);
            pct += hit(p, truth);
            bca += hit(b.interval(0, IntervalMethod.BCA, LEVEL), truth);
            basic += hit(b.interval(0, IntervalMethod.BASIC, LEVEL), truth);
            if (p != null && p.lower() > b.estimate(0)) {
                above++;
            }
        }
        System.out.printf(Locale.ROOT, "| %s | %.2f | %s | %s | %s | %s | %s | %s |%n", name, truth,
                closedForm ? share(wilson) : "-", closedForm ? share(cp) : "-", share(pct), share(basic), share(bca), share(above));
    }

    private static int hit(Interval i, double truth) {
        return i != null && i.contains(truth) ? 1 : 0;
    }

    private static String share(int k) {
        return String.format(Locale.ROOT, "%.3f", (double) k / REPLICATIONS);
    }
}
