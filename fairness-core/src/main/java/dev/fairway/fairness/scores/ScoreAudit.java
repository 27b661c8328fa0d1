package dev.fairway.fairness.scores;

import dev.fairway.fairness.Confusion;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-group metrics of a score: ROC AUC, average precision, Brier score, log loss, calibration
 * curves, the area between two groups' ROC curves and a threshold sweep of every confusion metric.
 *
 * <pre>{@code
 * ScoreAudit audit = ScoreAudit.of(probabilities, labels, null, race);   // weights optional
 * double auc = audit.group(audit.groups().indexOf("Caucasian")).rocAuc();
 * CalibrationCurve curve = audit.calibration(0, 10);
 * }</pre>
 *
 * <p>Scores are real numbers; the Brier score, log loss and calibration read them as
 * probabilities of the positive label (in {@code [0, 1]}). Each group's rows are sorted once by
 * score; every metric is then one pass over the sorted rows. Groups are sorted by their text.
 * Numbers agree with scikit-learn 1.2 ({@code roc_auc_score}, {@code average_precision_score},
 * {@code brier_score_loss}, {@code log_loss}, {@code calibration_curve}) to 1e-12.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScoreAudit {
    private static final double EPS = Math.ulp(1.0);

    private final double[] scores;
    private final boolean[] labels;
    private final double[] weights;
    private final GroupColumn groups;
    /** Per group, its row indices sorted by decreasing score (stable). */
    private final int[][] sorted;
    private final int[] all;
    private final ScoreMetrics[] metrics;
    private final ScoreMetrics overall;

    private ScoreAudit(double[] scores, boolean[] labels, double[] weights, GroupColumn groups) {
        this.scores = scores;
        this.labels = labels;
        this.weights = weights;
        this.groups = groups;
        this.sorted = new int[groups.names.size()][];
        this.metrics = new ScoreMetrics[sorted.length];
        for (int g = 0; g < sorted.length; g++) {
            sorted[g] = sortDescending(groups.members[g]);
            metrics[g] = metrics(sorted[g]);
        }
        int[] rows = new int[scores.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        this.all = sortDescending(rows);
        this.overall = metrics(all);
    }

    /**
     * Audits a score column.
     *
     * @param scores the scores, finite (probabilities for Brier, log loss and calibration)
     * @param labels the labels, true for the positive class
     * @param weights sample weights (finite, at least 0), or {@code null}
     * @param groups the group of each row (any values, grouped by {@code toString()})
     * @return the audit
     * @throws IllegalArgumentException naming the column and row of a bad value or length
     */
    public static ScoreAudit of(double[] scores, boolean[] labels, double[] weights, List<?> groups) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        int n = scores.length;
        if (n == 0) {
            throw new IllegalArgumentException("no rows");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("labels have " + labels.length + " rows, scores " + n);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score at row " + i + " is not finite: " + scores[i]);
            }
        }
        GroupColumn.checkWeights(weights, n);
        return new ScoreAudit(scores.clone(), labels.clone(), weights == null ? null : weights.clone(),
                GroupColumn.of("groups", groups, n));
    }

    /**
     * Returns the group names, sorted; a group's index is its position here.
     *
     * @return the names
     */
    public List<String> groups() {
        return groups.names;
    }

    /**
     * Returns whether every score lies in [0, 1], so that the Brier score, log loss and calibration
     * read them as probabilities.
     *
     * @return true if every score is a probability
     */
    public boolean probabilities() {
        for (double s : scores) {
            if (!(s >= 0 && s <= 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns whether weights were given.
     *
     * @return true if weighted
     */
    public boolean weighted() {
        return weights != null;
    }

    /**
     * Returns one group's metrics.
     *
     * @param group the group index
     * @return the metrics
     */
    public ScoreMetrics group(int group) {
        return metrics[group];
    }

    /**
     * Returns the metrics over all rows.
     *
     * @return the metrics
     */
    public ScoreMetrics overall() {
        return overall;
    }

    private double w(int i) {
        return weights == null ? 1.0 : weights[i];
    }

    private int[] sortDescending(int[] rows) {
        // stable sort by decreasing score: sort ascending by (-score, index)
        Integer[] boxed = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            boxed[i] = rows[i];
        }
        Arrays.sort(boxed, (a, b) -> {
            int c = Double.compare(scores[b], scores[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[rows.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = boxed[i];
        }
        return out;
    }

    private ScoreMetrics metrics(int[] rows) {
        long positives = 0;
        double weight = 0;
        double positiveWeight = 0;
        double brier = 0;
        double brierC = 0;
        double log = 0;
        double logC = 0;
        for (int i : rows) {
            double w = w(i);
            double y = labels[i] ? 1 : 0;
            double s = scores[i];
            weight += w;
            if (labels[i]) {
                positives++;
                positiveWeight += w;
            }
            double term = w * (y - s) * (y - s);
            double t = brier + term;
            brierC += Math.abs(brier) >= Math.abs(term) ? (brier - t) + term : (term - t) + brier;
            brier = t;
            double q = Math.min(1 - EPS, Math.max(EPS, s));
            double norm = (1 - q) + q;
            double ll = -w * Math.log((labels[i] ? q : 1 - q) / norm);
            double u = log + ll;
            logC += Math.abs(log) >= Math.abs(ll) ? (log - u) + ll : (ll - u) + log;
            log = u;
        }
        double negativeWeight = weight - positiveWeight;
        // ROC and precision-recall over distinct scores in decreasing order
        double tp = 0;
        double fp = 0;
        double area = 0;
        double ap = 0;
        for (int k = 0; k < rows.length;) {
            double s = scores[rows[k]];
            double tp0 = tp;
            double fp0 = fp;
            while (k < rows.length && scores[rows[k]] == s) {
                int i = rows[k++];
                if (labels[i]) {
                    tp += w(i);
                } else {
                    fp += w(i);
                }
            }
            area += (fp - fp0) * (tp + tp0) / 2;
            if (tp + fp > 0) {
                ap += (tp / positiveWeight - tp0 / positiveWeight) * (tp / (tp + fp));
            }
        }
        double auc = positiveWeight > 0 && negativeWeight > 0 ? area / (tp * fp) : Double.NaN;
        return new ScoreMetrics(rows.length, positives, weight, positiveWeight, auc,
                positiveWeight > 0 ? ap : Double.NaN, weight > 0 ? (brier + brierC) / weight : Double.NaN,
                weight > 0 ? (log + logC) / weight : Double.NaN);
    }

    /**
     * Returns a group's calibration curve over {@code bins} uniform bins (weighted sums when the
     * audit is weighted).
     *
     * @param group the group index, or -1 for all rows
     * @param bins the number of bins, at least 1
     * @return the curve
     */
    public CalibrationCurve calibration(int group, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        }
        int[] rows = group == -1 ? identity() : groups.members[group];
        double step = 1.0 / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = i * step;
        }
        edges[bins] = 1.0;
        double[] count = new double[bins];
        double[] sumPred = new double[bins];
        double[] sumTrue = new double[bins];
        for (int i : rows) {
            double s = scores[i];
            int b = 0;
            while (b < bins - 1 && edges[b + 1] < s) {
                b++;
            }
            double w = w(i);
            count[b] += w;
            sumPred[b] += w * s;
            sumTrue[b] += labels[i] ? w : 0;
        }
        double n = 0;
        int nonEmpty = 0;
        for (int b = 0; b < bins; b++) {
            n += count[b];
            nonEmpty += count[b] > 0 ? 1 : 0;
        }
        int[] bin = new int[nonEmpty];
        double[] c = new double[nonEmpty];
        double[] pred = new double[nonEmpty];
        double[] truth = new double[nonEmpty];
        double ece = 0;
        for (int b = 0, k = 0; b < bins; b++) {
            if (count[b] > 0) {
                bin[k] = b;
                c[k] = count[b];
                pred[k] = sumPred[b] / count[b];
                truth[k] = sumTrue[b] / count[b];
                ece += count[b] / n * Math.abs(pred[k] - truth[k]);
                k++;
            }
        }
        return new CalibrationCurve(bin, c, pred, truth, ece);
    }

    private int[] identity() {
        int[] r = new int[scores.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i;
        }
        return r;
    }

    /**
     * Returns a group's ROC curve: false and true positive rates at every distinct score
     * threshold, from (0, 0) to (1, 1).
     *
     * @param group the group index
     * @return {@code {fpr[], tpr[]}}
     * @throws IllegalArgumentException if the group lacks positives or negatives
     */
    public double[][] rocCurve(int group) {
        int[] rows = sorted[group];
        ScoreMetrics m = metrics[group];
        double pos = m.positiveWeight();
        double neg = m.weight() - pos;
        if (!(pos > 0 && neg > 0)) {
            throw new IllegalArgumentException("group " + groups.names.get(group) + " needs both labels for a ROC curve");
        }
        double[] fpr = new double[rows.length + 1];
        double[] tpr = new double[rows.length + 1];
        int points = 1;
        double tp = 0;
        double fp = 0;
        for (int k = 0; k < rows.length;) {
            double s = scores[rows[k]];
            while (k < rows.length && scores[rows[k]] == s) {
                int i = rows[k++];
                if (labels[i]) {
                    tp += w(i);
                } else {
                    fp += w(i);
                }
            }
            fpr[points] = fp / neg;
            tpr[points] = tp / pos;
            points++;
        }
        return new double[][] {Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points)};
    }

    /**
     * Returns ABROCA, the area between two groups' ROC curves: the integral over the false
     * positive rate of {@code |TPR_a - TPR_b|}, both curves linear between their points (Gardner,
     * Brooks and Baker, 2019).
     *
     * @param a one group index
     * @param b the other group index
     * @return the area, in [0, 1]
     */
    public double abroca(int a, int b) {
        double[][] ra = rocCurve(a);
        double[][] rb = rocCurve(b);
        double[] xs = mergedBreakpoints(ra[0], rb[0]);
        double area = 0;
        for (int k = 0; k + 1 < xs.length; k++) {
            double x0 = xs[k];
            double x1 = xs[k + 1];
            if (x1 <= x0) {
                continue;
            }
            // evaluate each curve just inside the interval (vertical jumps belong to their x)
            double d0 = at(ra, x0, false) - at(rb, x0, false);
            double d1 = at(ra, x1, true) - at(rb, x1, true);
            double width = x1 - x0;
            if (d0 * d1 >= 0) {
                area += width * (Math.abs(d0) + Math.abs(d1)) / 2;
            } else {
                double cross = width * Math.abs(d0) / (Math.abs(d0) + Math.abs(d1));
                area += (cross * Math.abs(d0) + (width - cross) * Math.abs(d1)) / 2;
            }
        }
        return area;
    }

    private static double[] mergedBreakpoints(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        Arrays.sort(all);
        int n = 0;
        for (double x : all) {
            if (n == 0 || x != all[n - 1]) {
                all[n++] = x;
            }
        }
        return Arrays.copyOf(all, n);
    }

    /** The curve's TPR at x: approaching from the left (the lowest point at x) or from the right (the highest). */
    private static double at(double[][] roc, double x, boolean fromLeft) {
        double[] fx = roc[0];
        double[] ty = roc[1];
        if (fromLeft) {
            for (int k = 0; k < fx.length; k++) {
                if (fx[k] >= x) {
                    if (fx[k] == x || k == 0) {
                        return ty[k];
                    }
                    return ty[k - 1] + (ty[k] - ty[k - 1]) * (x - fx[k - 1]) / (fx[k] - fx[k - 1]);
                }
            }
            return ty[ty.length - 1];
        }
        for (int k = fx.length - 1; k >= 0; k--) {
            if (fx[k] <= x) {
                if (fx[k] == x || k == fx.length - 1) {
                    return ty[k];
                }
                return ty[k] + (ty[k + 1] - ty[k]) * (x - fx[k]) / (fx[k + 1] - fx[k]);
            }
        }
        return ty[0];
    }

    /**
     * Sweeps thresholds: at each threshold {@code t} a row is predicted positive iff its score is
     * at least {@code t}, and each group's (weighted) confusion matrix is returned, from which
     * every {@link dev.fairway.fairness.Metric} follows.
     *
     * @param thresholds the thresholds
     * @return {@code [threshold][group]} confusion matrices
     */
    public Confusion[][] sweep(double[] thresholds) {
        Objects.requireNonNull(thresholds, "thresholds");
        Confusion[][] out = new Confusion[thresholds.length][sorted.length];
        for (int g = 0; g < sorted.length; g++) {
            int[] rows = sorted[g];
            // cumulative weights of positives and negatives along decreasing scores
            double[] cumPos = new double[rows.length + 1];
            double[] cumNeg = new double[rows.length + 1];
            double[] desc = new double[rows.length];
            for (int k = 0; k < rows.length; k++) {
                int i = rows[k];
                desc[k] = scores[i];
                cumPos[k + 1] = cumPos[k] + (labels[i] ? w(i) : 0);
                cumNeg[k + 1] = cumNeg[k] + (labels[i] ? 0 : w(i));
            }
            double pos = cumPos[rows.length];
            double neg = cumNeg[rows.length];
            for (int t = 0; t < thresholds.length; t++) {
                int selected = countAtLeast(desc, thresholds[t]);
                double tp = cumPos[selected];
                double fp = cumNeg[selected];
                out[t][g] = new Confusion(tp, fp, neg - fp, pos - tp);
            }
        }
        return out;
    }

    /** Number of leading entries of a decreasing array that are at least t. */
    private static int countAtLeast(double[] desc, double t) {
        int lo = 0;
        int hi = desc.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (desc[mid] >= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
