package dev.fairway.benchmarks.stats;

import dev.fairway.fairness.estimate.EstimateReport;
import dev.fairway.fairness.estimate.PerformanceEstimate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the coverage of {@code fairway estimate}'s intervals by simulation: a group of n rows
 * with calibrated probabilities drawn from a Beta-like shape, decisions fixed once, then 4,000
 * seeded draws of the labels from those probabilities; a draw is covered when its realized TPR
 * (FPR) lies in the interval. Prints the Markdown table published in {@code docs/statistics.md}.
 *
 * <pre>
 * mvn -B -ntp -q package -DskipTests -pl benchmarks -am
 * java -cp benchmarks/target/benchmarks.jar dev.fairway.benchmarks.stats.EstimateCoverage
 * </pre>
 */
public final class EstimateCoverage {
    private static final int DRAWS = 4000;

    private EstimateCoverage() {
    }

    /**
     * Runs every scenario and prints the table.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("| rows | probabilities | decision | level | TPR coverage | FPR coverage | mean TPR width |");
        System.out.println("|---:|---|---|---:|---:|---:|---:|");
        int[] sizes = {50, 200, 1000, 5000};
        String[] shapes = {"uniform", "low (p^3)", "high (1-(1-u)^3)"};
        double[] levels = {0.9, 0.95};
        long seed = 1;
        for (int n : sizes) {
            for (int s = 0; s < shapes.length; s++) {
                for (double level : levels) {
                    row(n, s, shapes[s], level, seed++);
                }
            }
        }
    }

    private static void row(int n, int shape, String name, double level, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] p = new double[n];
        boolean[] d = new boolean[n];
        Object[] g = new Object[n];
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble();
            p[i] = shape == 0 ? u : shape == 1 ? u * u * u : 1 - Math.pow(1 - u, 3);
            d[i] = p[i] >= 0.5;
            g[i] = "g";
        }
        EstimateReport.GroupEstimate e = PerformanceEstimate.builder().confidence(level).build()
                .estimate("g", p, d, g).groups().get(0);
        int tprIn = 0;
        int fprIn = 0;
        int tprDraws = 0;
        int fprDraws = 0;
        for (int r = 0; r < DRAWS; r++) {
            double tp = 0;
            double pos = 0;
            double fp = 0;
            double neg = 0;
            for (int i = 0; i < n; i++) {
                boolean y = rnd.nextDouble() < p[i];
                pos += y ? 1 : 0;
                neg += y ? 0 : 1;
                tp += y && d[i] ? 1 : 0;
                fp += !y && d[i] ? 1 : 0;
            }
            if (pos > 0) {
                tprDraws++;
                double t = tp / pos;
                tprIn += t >= e.truePositiveRate().lower() && t <= e.truePositiveRate().upper() ? 1 : 0;
            }
            if (neg > 0) {
                fprDraws++;
                double f = fp / neg;
                fprIn += f >= e.falsePositiveRate().lower() && f <= e.falsePositiveRate().upper() ? 1 : 0;
            }
        }
        System.out.println(String.format(Locale.ROOT, "| %d | %s | p >= 0.5 | %.2f | %.3f | %.3f | %.3f |", n, name, level,
                (double) tprIn / tprDraws, (double) fprIn / fprDraws,
                e.truePositiveRate().upper() - e.truePositiveRate().lower()));
    }
}
