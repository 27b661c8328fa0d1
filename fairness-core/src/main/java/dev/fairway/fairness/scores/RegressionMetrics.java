package dev.fairway.fairness.scores;

/**
 * The regression errors of one group (or of all rows); every mean is weighted when weights are
 * given. Residuals are {@code target - prediction}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param count rows
 * @param weight sum of weights (the count when unweighted)
 * @param meanAbsoluteError {@code sum w |y - f| / sum w}
 * @param rootMeanSquaredError {@code sqrt(sum w (y - f)^2 / sum w)}
 * @param meanPrediction {@code sum w f / sum w}
 * @param meanResidual {@code sum w (y - f) / sum w}
 * @param r2 {@code 1 - sum w (y - f)^2 / sum w (y - ybar)^2} with the group's weighted mean
 *     {@code ybar}; {@code NaN} (undefined) when every target in the group is equal
 */
public record RegressionMetrics(long count, double weight, double meanAbsoluteError, double rootMeanSquaredError,
        double meanPrediction, double meanResidual, double r2) {
}
