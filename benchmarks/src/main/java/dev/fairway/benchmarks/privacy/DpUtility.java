package dev.fairway.benchmarks.privacy;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.privacy.AuditRelease;
import dev.fairway.fairness.privacy.DiscreteSampler;
import dev.fairway.fairness.privacy.NoiseMechanism;
import dev.fairway.fairness.privacy.PrivacyAccountant;
import dev.fairway.fairness.privacy.PrivacyBudget;
import java.util.Arrays;
import java.util.Locale;

/**
 * Utility of differentially private audits: how far the released true-positive-rate gap between two
 * groups lies from the exact gap, over many releases of the same table through {@link AuditRelease}
 * (the code {@code fairway audit --dp-epsilon} runs). Each group has {@code n} people, base rate
 * {@code b} and true positive rates 0.70 and 0.60 (selection of negatives 0.2). Prints a markdown
 * table: the share of releases within +-0.01 of the exact gap and the 95th percentile of the absolute
 * error. Seeded samplers make the table reproducible (a measurement, not a release).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.fairway.benchmarks.privacy.DpUtility [releases]</pre>
 */
public final class DpUtility {
    private DpUtility() {
    }

    /**
     * Runs the measurement.
     *
     * @param args optional number of releases per row (default 1000)
     */
    public static void main(String[] args) {
        int releases = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        System.out.println("| mechanism | epsilon | delta | people per group | base rate | actual positives per group"
                + " | within +-0.01 | 95th pct abs error |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (NoiseMechanism m : NoiseMechanism.values()) {
            for (double base : new double[] {0.5, 0.1}) {
                for (int n : new int[] {1000, 10000}) {
                    row(m, 1.0, m == NoiseMechanism.LAPLACE ? 0 : 1e-6, n, base, releases);
                }
            }
        }
    }

    private static void row(NoiseMechanism m, double eps, double delta, int n, double base, int releases) {
        int positives = (int) Math.round(n * base);
        int negatives = n - positives;
        int[][] cells = new int[2][];
        double[] tpr = {0.70, 0.60};
        for (int g = 0; g < 2; g++) {
            int tp = (int) Math.round(positives * tpr[g]);
            int fp = (int) Math.round(negatives * 0.2);
            cells[g] = new int[] {negatives - fp, fp, positives - tp, tp};
        }
        ConfusionCounts counts = ConfusionCounts.of(data(cells));
        FairnessAudit exact = FairnessAudit.of(counts, dev.fairway.fairness.ZeroDivision.UNDEFINED);
        double trueGap = exact.value(Metric.TRUE_POSITIVE_RATE, 0) - exact.value(Metric.TRUE_POSITIVE_RATE, 1);
        double[] err = new double[releases];
        int within = 0;
        for (int r = 0; r < releases; r++) {
            PrivacyBudget budget = PrivacyBudget.of(eps, delta);
            PrivacyAccountant acct = PrivacyAccountant.of(budget);
            AuditRelease rel = AuditRelease.builder(counts)
                    .noise(m, m == NoiseMechanism.LAPLACE ? eps : budget.rho(), acct)
                    .sampler(DiscreteSampler.seeded(1_000_003L * r + n + Math.round(base * 100) + m.ordinal()))
                    .build();
            FairnessAudit a = rel.audit();
            double gap = a.value(Metric.TRUE_POSITIVE_RATE, 0) - a.value(Metric.TRUE_POSITIVE_RATE, 1);
            err[r] = Math.abs(gap - trueGap);
            within += err[r] <= 0.01 ? 1 : 0;
        }
        Arrays.sort(err);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %d | %.1f%% | %.4f |%n", m.jsonName(), eps,
                delta == 0 ? "0" : String.valueOf(delta), n, base, positives, 100.0 * within / releases,
                err[(int) Math.ceil(0.95 * releases) - 1]);
    }

    private static AuditData data(int[][] cells) {
        int total = 0;
        for (int[] c : cells) {
            for (int v : c) {
                total += v;
            }
        }
        byte[] y = new byte[total];
        byte[] p = new byte[total];
        int[] g = new int[total];
        int row = 0;
        for (int grp = 0; grp < cells.length; grp++) {
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < cells[grp][c]; i++) {
                    y[row] = (byte) (c >> 1);
                    p[row] = (byte) (c & 1);
                    g[row] = grp;
                    row++;
                }
            }
        }
        return AuditData.builder().labels("y", y).predictions("p", p)
                .sensitiveCodes("group", g, java.util.List.of("A", "B")).build();
    }
}
