package dev.fairway.fairness.scores;

/**
 * The score metrics of one group (or of all rows).
 *
 * <p>Immutable and thread-safe.
 *
 * @param count rows
 * @param positives rows with a positive label
 * @param weight sum of weights (the count when unweighted)
 * @param positiveWeight sum of weights of the positive rows
 * @param rocAuc area under the ROC curve as scikit-learn computes it (ties one ROC point, i.e. a
 *     tie counts 1/2; weights as cumulative weight sums); {@code NaN} without both classes
 * @param averagePrecision {@code sum_k (R_k - R_{k-1}) P_k} over distinct scores in decreasing
 *     order, no interpolation (scikit-learn); {@code NaN} without positives
 * @param brierScore {@code sum w (y - s)^2 / sum w}; {@code NaN} with zero weight
 * @param logLoss {@code -sum w log q_y / sum w} with {@code s} clipped to {@code [eps, 1 - eps]},
 *     {@code eps = 2^-52}, and {@code q = [1 - s, s]} renormalised (scikit-learn 1.2)
 */
public record ScoreMetrics(long count, long positives, double weight, double positiveWeight, double rocAuc,
        double averagePrecision, double brierScore, double logLoss) {
}
