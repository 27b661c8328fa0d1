package dev.fairway.fairness.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Fairness before the labels arrive: confidence-based performance estimation (CBPE) per group.
 * With {@code p} the calibrated probability of the positive label and {@code ŷ} the decision, the
 * expected confusion counts of a group are {@code TP = Σ p·[ŷ=1]}, {@code FP = Σ (1-p)·[ŷ=1]},
 * {@code FN = Σ p·[ŷ=0]}, {@code TN = Σ (1-p)·[ŷ=0]}; the estimated true positive rate is
 * {@code TP / (TP + FN)} and the false positive rate {@code FP / (FP + TN)}.
 *
 * <p>The interval of a rate is for the rate the group's rows will show once their labels arrive,
 * when the labels are independent Bernoulli(p) draws. The true positive rate is {@code A / (A + B)}
 * with {@code A = Σ_{ŷ=1} Y} and {@code B = Σ_{ŷ=0} Y} independent, of means {@code μA = TP},
 * {@code μB = FN} and variances {@code vA = Σ_{ŷ=1} p(1-p)}, {@code vB = Σ_{ŷ=0} p(1-p)}; by the
 * delta method its variance is {@code (μB² vA + μA² vB) / (μA + μB)⁴} and the interval is the
 * estimate plus or minus {@code z} standard deviations, clipped to {@code [0, 1]} (the false
 * positive rate likewise with {@code 1 - p}). The equal-opportunity difference is the largest
 * minus the smallest estimated true positive rate over the groups; the equalized-odds difference
 * the larger of that and the same gap in false positive rates.
 *
 * <p>When a labelled reference set is given the scores are first calibrated on it ({@link
 * Calibration#isotonic}), and the expected calibration error before and after is reported (after
 * is measured on the same reference, so it is optimistic). A report warns when the scores'
 * calibration error on the reference exceeds {@link #UNCALIBRATED}, and always says that the
 * estimate assumes calibrated scores.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class PerformanceEstimate {
    /** The expected calibration error above which a report warns that scores look uncalibrated. */
    public static final double UNCALIBRATED = 0.05;

    private final double confidence;
    private final Calibration calibration;
    private final double eceBefore;
    private final double eceAfter;
    private final long referenceRows;

    private PerformanceEstimate(Builder b) {
        this.confidence = b.confidence;
        this.calibration = b.calibration;
        this.eceBefore = b.eceBefore;
        this.eceAfter = b.eceAfter;
        this.referenceRows = b.referenceRows;
    }

    /**
     * Starts a configuration: 95% intervals, scores taken as probabilities.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The calibration fitted on the reference set, if one was given.
     *
     * @return the calibration
     */
    public Optional<Calibration> calibration() {
        return Optional.ofNullable(calibration);
    }

    /**
     * Estimates the rates of every group.
     *
     * @param groupColumn the name of the group column, as reported
     * @param scores each row's score (a probability in {@code [0, 1]} unless a reference set calibrates it)
     * @param decisions each row's decision {@code ŷ}
     * @param groups each row's group value, never null
     * @return the report, groups in order of first appearance
     * @throws IllegalArgumentException if lengths differ, there are no rows, a group is null or an
     *     uncalibrated score is outside {@code [0, 1]}
     */
    public EstimateReport estimate(String groupColumn, double[] scores, boolean[] decisions, Object[] groups) {
        Objects.requireNonNull(groupColumn, "groupColumn");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(groups, "groups");
        int n = scores.length;
        if (n == 0 || decisions.length != n || groups.length != n) {
            throw new IllegalArgumentException("need one score, decision and group per row and at least one row, got "
                    + n + ", " + decisions.length + " and " + groups.length);
        }
        Map<Object, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (groups[i] == null) {
                throw new IllegalArgumentException("groups[" + i + "] is null");
            }
            index.putIfAbsent(groups[i], index.size());
        }
        int g = index.size();
        double[][] acc = new double[g][7];
        for (int i = 0; i < n; i++) {
            double p = calibration == null ? scores[i] : calibration.apply(scores[i]);
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("score " + i + " is " + scores[i] + ", not a probability in [0, 1];"
                        + " calibrate on a reference set first");
            }
            double[] a = acc[index.get(groups[i])];
            int k = decisions[i] ? 0 : 2;
            a[k] += p;
            a[k + 1] += 1 - p;
            a[decisions[i] ? 4 : 5] += p * (1 - p);
            a[6] += decisions[i] ? 1 : 0;
        }
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
        List<EstimateReport.GroupEstimate> rows = new ArrayList<>();
        long[] counts = new long[g];
        for (int i = 0; i < n; i++) {
            counts[index.get(groups[i])]++;
        }
        for (Map.Entry<Object, Integer> e : index.entrySet()) {
            double[] a = acc[e.getValue()];
            long count = counts[e.getValue()];
            EstimateReport.Rate tpr = rate(a[0], a[2], a[4], a[5], z);
            EstimateReport.Rate fpr = rate(a[1], a[3], a[4], a[5], z);
            rows.add(new EstimateReport.GroupEstimate(Map.of(groupColumn, String.valueOf(e.getKey())), count,
                    a[6] / count, a[0], a[1], a[2], a[3], tpr, fpr));
        }
        List<String> warnings = new ArrayList<>();
        warnings.add(calibration == null ? "the estimate assumes the scores are calibrated probabilities; they were"
                + " not checked (give a labelled reference set)" : "the estimate assumes the isotonic calibration of the"
                + " reference set holds for these rows");
        if (calibration != null && Double.isNaN(eceBefore)) {
            warnings.add(String.format(java.util.Locale.ROOT, "the scores are not probabilities (some are outside"
                    + " [0, 1]); they were calibrated on the reference set (error after: %.4f)", eceAfter));
        } else if (calibration != null && eceBefore > UNCALIBRATED) {
            warnings.add(String.format(java.util.Locale.ROOT, "the scores look uncalibrated: expected calibration error"
                    + " %.4f on the reference set (above %.2f); they were calibrated on it (error after: %.4f)",
                    eceBefore, UNCALIBRATED, eceAfter));
        }
        return new EstimateReport(confidence, calibration == null ? "none" : "isotonic", referenceRows,
                eceBefore, eceAfter, rows,
                warnings);
    }

    /**
     * A rate {@code A / (A + B)} with its delta-method interval: {@code a} and {@code b} are the
     * expected sums, {@code va} and {@code vb} their variances ({@code Σ p(1-p)} on either side, the
     * same for the true and the false positive rate).
     */
    static EstimateReport.Rate rate(double a, double b, double va, double vb, double z) {
        double t = a + b;
        if (!(t > 0)) {
            return new EstimateReport.Rate(Double.NaN, Double.NaN, Double.NaN);
        }
        double r = a / t;
        double sd = Math.sqrt((b * b * va + a * a * vb) / (t * t * t * t));
        return new EstimateReport.Rate(r, Math.max(0, r - z * sd), Math.min(1, r + z * sd));
    }

    /** Configures a {@link PerformanceEstimate}. Not thread-safe. */
    public static final class Builder {
        private double confidence = 0.95;
        private Calibration calibration;
        private double eceBefore = Double.NaN;
        private double eceAfter = Double.NaN;
        private long referenceRows;

        private Builder() {
        }

        /**
         * Sets the confidence level of the intervals.
         *
         * @param level in {@code (0, 1)}
         * @return this builder
         * @throws IllegalArgumentException if the level is outside {@code (0, 1)}
         */
        public Builder confidence(double level) {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("confidence must be in (0, 1), got " + level);
            }
            confidence = level;
            return this;
        }

        /**
         * Calibrates the scores on a labelled reference set (isotonic regression) and measures the
         * expected calibration error of the raw scores (when they are all in {@code [0, 1]}; NaN
         * otherwise) and of the calibrated ones on that set.
         *
         * @param scores the reference scores
         * @param labels the reference labels
         * @return this builder
         * @throws IllegalArgumentException if the lengths differ, there are no rows or a score is not finite
         */
        public Builder reference(double[] scores, boolean[] labels) {
            calibration = Calibration.isotonic(scores, labels);
            boolean probabilities = true;
            for (double s : scores) {
                probabilities &= s >= 0 && s <= 1;
            }
            eceBefore = probabilities ? Calibration.expectedCalibrationError(scores, labels) : Double.NaN;
            eceAfter = Calibration.expectedCalibrationError(calibration.apply(scores), labels);
            referenceRows = scores.length;
            return this;
        }

        /**
         * Builds the estimator.
         *
         * @return the estimator
         */
        public PerformanceEstimate build() {
            return new PerformanceEstimate(this);
        }
    }
}
