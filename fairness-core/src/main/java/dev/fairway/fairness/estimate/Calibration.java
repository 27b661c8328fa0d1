package dev.fairway.fairness.estimate;

import java.util.Arrays;
import java.util.Objects;

/**
 * A map from a model's scores to calibrated probabilities of the positive label, fitted on a
 * labelled reference set by isotonic regression (pool-adjacent-violators): the reference scores
 * are sorted, tied scores pooled, and adjacent blocks whose mean label decreases are merged until
 * the fitted probabilities are non-decreasing in the score. A new score is mapped by linear
 * interpolation between the distinct reference scores' fitted values and clipped to the first or
 * last fitted value outside their range (as scikit-learn's {@code IsotonicRegression} with
 * {@code out_of_bounds="clip"} does).
 *
 * <p>Immutable and thread-safe.
 */
public final class Calibration {
    private final double[] x;
    private final double[] y;

    private Calibration(double[] x, double[] y) {
        this.x = x;
        this.y = y;
    }

    /**
     * Fits the isotonic map.
     *
     * @param scores the reference scores, finite
     * @param labels the reference labels
     * @return the map
     * @throws IllegalArgumentException if the lengths differ, there are no rows or a score is not finite
     */
    public static Calibration isotonic(double[] scores, boolean[] labels) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        if (scores.length != labels.length || scores.length == 0) {
            throw new IllegalArgumentException("need as many labels as scores and at least one, got " + scores.length
                    + " scores and " + labels.length + " labels");
        }
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "] is not finite: " + scores[i]);
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // distinct scores with their label sums and counts
        double[] xs = new double[scores.length];
        double[] sum = new double[scores.length];
        double[] weight = new double[scores.length];
        int m = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            if (m == 0 || scores[i] != xs[m - 1]) {
                xs[m++] = scores[i];
            }
            sum[m - 1] += labels[i] ? 1 : 0;
            weight[m - 1] += 1;
        }
        // pool adjacent violators over the distinct scores: blocks [start, end) with sum and weight
        int[] start = new int[m];
        double[] bs = new double[m];
        double[] bw = new double[m];
        int blocks = 0;
        for (int j = 0; j < m; j++) {
            start[blocks] = j;
            bs[blocks] = sum[j];
            bw[blocks] = weight[j];
            blocks++;
            while (blocks > 1 && bs[blocks - 2] / bw[blocks - 2] >= bs[blocks - 1] / bw[blocks - 1]) {
                bs[blocks - 2] += bs[blocks - 1];
                bw[blocks - 2] += bw[blocks - 1];
                blocks--;
            }
        }
        double[] fitted = new double[m];
        for (int b = 0; b < blocks; b++) {
            int end = b + 1 < blocks ? start[b + 1] : m;
            Arrays.fill(fitted, start[b], end, bs[b] / bw[b]);
        }
        return new Calibration(Arrays.copyOf(xs, m), fitted);
    }

    /**
     * The calibrated probability of a score.
     *
     * @param score a finite score
     * @return the probability, in {@code [0, 1]}
     */
    public double apply(double score) {
        if (score <= x[0]) {
            return y[0];
        }
        if (score >= x[x.length - 1]) {
            return y[y.length - 1];
        }
        int pos = Arrays.binarySearch(x, score);
        if (pos >= 0) {
            return y[pos];
        }
        int hi = -pos - 1;
        int lo = hi - 1;
        double t = (score - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + t * (y[hi] - y[lo]);
    }

    /**
     * The calibrated probabilities of many scores.
     *
     * @param scores finite scores
     * @return one probability per score
     */
    public double[] apply(double[] scores) {
        double[] p = new double[scores.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = apply(scores[i]);
        }
        return p;
    }

    /**
     * The expected calibration error of probabilities against labels: with ten equal-width bins
     * over {@code [0, 1]} (the last one closed), {@code Σ (n_b / n) |mean p_b - mean y_b|}.
     *
     * @param probabilities probabilities in {@code [0, 1]}
     * @param labels the labels
     * @return the error, in {@code [0, 1]}
     * @throws IllegalArgumentException if the lengths differ, there are no rows or a probability is
     *     outside {@code [0, 1]}
     */
    public static double expectedCalibrationError(double[] probabilities, boolean[] labels) {
        if (probabilities.length != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("need as many labels as probabilities and at least one");
        }
        double[] ps = new double[10];
        double[] ys = new double[10];
        long[] ns = new long[10];
        for (int i = 0; i < labels.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probability " + i + " is outside [0, 1]: " + p);
            }
            int b = Math.min(9, (int) (p * 10));
            ps[b] += p;
            ys[b] += labels[i] ? 1 : 0;
            ns[b]++;
        }
        double e = 0;
        for (int b = 0; b < 10; b++) {
            if (ns[b] > 0) {
                e += Math.abs(ps[b] - ys[b]) / labels.length;
            }
        }
        return e;
    }
}
