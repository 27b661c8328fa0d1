package dev.fairway.fairness.scores;

import java.util.List;
import java.util.Objects;

/**
 * Per-group errors of a numeric prediction: mean absolute error, root mean squared error, mean
 * prediction, mean residual and R², and the group with the worst loss.
 *
 * <pre>{@code
 * RegressionAudit audit = RegressionAudit.of(predicted, actual, null, region);
 * int worst = audit.worstGroup(RegressionAudit.Loss.MEAN_ABSOLUTE_ERROR);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class RegressionAudit {
    /** A loss by which groups are compared. */
    public enum Loss {
        /** {@link RegressionMetrics#meanAbsoluteError()}. */
        MEAN_ABSOLUTE_ERROR,
        /** {@link RegressionMetrics#rootMeanSquaredError()}. */
        ROOT_MEAN_SQUARED_ERROR
    }

    private final List<String> groups;
    private final RegressionMetrics[] metrics;
    private final RegressionMetrics overall;

    private RegressionAudit(List<String> groups, RegressionMetrics[] metrics, RegressionMetrics overall) {
        this.groups = groups;
        this.metrics = metrics;
        this.overall = overall;
    }

    /**
     * Audits predictions against targets.
     *
     * @param predictions the predictions, finite
     * @param targets the true values, finite
     * @param weights sample weights (finite, at least 0), or {@code null}
     * @param groups the group of each row (grouped by {@code toString()}, sorted)
     * @return the audit
     * @throws IllegalArgumentException naming the column and row of a bad value or length
     */
    public static RegressionAudit of(double[] predictions, double[] targets, double[] weights, List<?> groups) {
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(targets, "targets");
        int n = predictions.length;
        if (n == 0) {
            throw new IllegalArgumentException("no rows");
        }
        if (targets.length != n) {
            throw new IllegalArgumentException("targets have " + targets.length + " rows, predictions " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(predictions[i])) {
                throw new IllegalArgumentException("prediction at row " + i + " is not finite: " + predictions[i]);
            }
            if (!Double.isFinite(targets[i])) {
                throw new IllegalArgumentException("target at row " + i + " is not finite: " + targets[i]);
            }
        }
        GroupColumn.checkWeights(weights, n);
        GroupColumn g = GroupColumn.of("groups", groups, n);
        RegressionMetrics[] m = new RegressionMetrics[g.names.size()];
        for (int k = 0; k < m.length; k++) {
            m[k] = metrics(predictions, targets, weights, g.members[k]);
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return new RegressionAudit(g.names, m, metrics(predictions, targets, weights, all));
    }

    private static RegressionMetrics metrics(double[] f, double[] y, double[] weights, int[] rows) {
        double sw = 0;
        double abs = 0;
        double sq = 0;
        double pred = 0;
        double res = 0;
        double sy = 0;
        for (int i : rows) {
            double w = weights == null ? 1 : weights[i];
            double r = y[i] - f[i];
            sw += w;
            abs += w * Math.abs(r);
            sq += w * r * r;
            pred += w * f[i];
            res += w * r;
            sy += w * y[i];
        }
        if (sw == 0) {
            return new RegressionMetrics(rows.length, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sy / sw;
        double tot = 0;
        for (int i : rows) {
            double w = weights == null ? 1 : weights[i];
            tot += w * (y[i] - mean) * (y[i] - mean);
        }
        return new RegressionMetrics(rows.length, sw, abs / sw, Math.sqrt(sq / sw), pred / sw, res / sw,
                tot > 0 ? 1 - sq / tot : Double.NaN);
    }

    /**
     * Returns the group names, sorted; a group's index is its position here.
     *
     * @return the names
     */
    public List<String> groups() {
        return groups;
    }

    /**
     * Returns one group's metrics.
     *
     * @param group the group index
     * @return the metrics
     */
    public RegressionMetrics group(int group) {
        return metrics[group];
    }

    /**
     * Returns the metrics over all rows.
     *
     * @return the metrics
     */
    public RegressionMetrics overall() {
        return overall;
    }

    /**
     * Returns the group with the largest loss (the first such group in sorted order on a tie;
     * groups with zero weight are skipped).
     *
     * @param loss the loss
     * @return the group index
     */
    public int worstGroup(Loss loss) {
        Objects.requireNonNull(loss, "loss");
        int worst = -1;
        for (int g = 0; g < metrics.length; g++) {
            double v = worstGroupLossOf(loss, g);
            if (!Double.isNaN(v) && (worst < 0 || v > worstGroupLossOf(loss, worst))) {
                worst = g;
            }
        }
        return worst;
    }

    /**
     * Returns the worst group's loss.
     *
     * @param loss the loss
     * @return the largest group loss
     */
    public double worstGroupLoss(Loss loss) {
        int g = worstGroup(loss);
        return g < 0 ? Double.NaN : worstGroupLossOf(loss, g);
    }

    private double worstGroupLossOf(Loss loss, int g) {
        return loss == Loss.MEAN_ABSOLUTE_ERROR ? metrics[g].meanAbsoluteError() : metrics[g].rootMeanSquaredError();
    }
}
