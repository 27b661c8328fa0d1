package dev.fairway.fairness.mitigation;

/**
 * One group's randomised thresholding rule: with probability {@code p0} predict positive iff
 * {@code score > threshold0}, otherwise (probability {@code p1}) iff {@code score > threshold1};
 * under equalized odds, with probability {@code pIgnore} the decision is instead a coin with
 * {@code P(positive) = predictionConstant}. So
 * {@code P(positive | score) = pIgnore c + (1 - pIgnore) (p0 [score > t0] + p1 [score > t1])}.
 * Thresholds may be infinite ({@code +Infinity} selects nobody, {@code -Infinity} everybody).
 *
 * <p>The expected rates are those of the rule on the data it was fitted on:
 * {@code p0 rate(t0) + p1 rate(t1)}, then mixed with the constant as above.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the group's name
 * @param p0 probability of the first operation
 * @param threshold0 the first operation's threshold
 * @param p1 probability of the second operation
 * @param threshold1 the second operation's threshold
 * @param pIgnore probability of ignoring the score (0 except under equalized odds)
 * @param predictionConstant the positive probability when the score is ignored
 * @param selectionRate the expected selection rate on the fitted data
 * @param truePositiveRate the expected true positive rate on the fitted data
 * @param falsePositiveRate the expected false positive rate on the fitted data
 */
public record GroupThresholds(String group, double p0, double threshold0, double p1, double threshold1, double pIgnore,
        double predictionConstant, double selectionRate, double truePositiveRate, double falsePositiveRate) {

    /**
     * Returns the probability of a positive prediction for a score, in Fairlearn's order of
     * operations.
     *
     * @param score the score
     * @return the probability
     */
    public double probability(double score) {
        double p = p0 * (score > threshold0 ? 1.0 : 0.0) + p1 * (score > threshold1 ? 1.0 : 0.0);
        return pIgnore == 0 ? p : pIgnore * predictionConstant + (1 - pIgnore) * p;
    }
}
