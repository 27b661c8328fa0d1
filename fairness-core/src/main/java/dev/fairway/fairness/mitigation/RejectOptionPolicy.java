package dev.fairway.fairness.mitigation;

import java.util.Objects;

/**
 * The result of a {@link RejectOptionClassification} search: a classification threshold and a
 * margin around it inside which privileged rows get the unfavourable and unprivileged rows the
 * favourable outcome, with the metrics it achieved on the data it was fitted on.
 *
 * <p>Immutable and thread-safe.
 *
 * @param classificationThreshold t: favourable iff {@code score > t} outside the critical region
 * @param margin m: the critical region is {@code t - m < score <= t + m}
 * @param thresholdIndex position of t in the threshold grid
 * @param marginIndex position of m in t's margin grid
 * @param constraintSatisfied whether the statistical parity difference lies within the bounds
 * @param statisticalParityDifference weighted favourable rate of unprivileged minus privileged rows
 * @param balancedAccuracy {@code 0.5 (TPR + TNR)}, the favourable label as positive (weighted)
 * @param accuracy weighted accuracy
 * @param selectionRatePrivileged weighted favourable rate of privileged rows
 * @param selectionRateUnprivileged weighted favourable rate of unprivileged rows
 * @param favorablePredictions number of rows predicted favourable
 */
public record RejectOptionPolicy(double classificationThreshold, double margin, int thresholdIndex, int marginIndex,
        boolean constraintSatisfied, double statisticalParityDifference, double balancedAccuracy, double accuracy,
        double selectionRatePrivileged, double selectionRateUnprivileged, long favorablePredictions) {

    /**
     * Decides one row.
     *
     * @param score the score, the probability of the favourable label
     * @param privileged whether the row is privileged
     * @return true for the favourable outcome
     */
    public boolean predict(double score, boolean privileged) {
        return RejectOptionClassification.predict(score, privileged, classificationThreshold, margin);
    }

    /**
     * Decides every row.
     *
     * @param scores the scores
     * @param privileged whether each row is privileged
     * @return true where favourable
     * @throws IllegalArgumentException on a length mismatch
     */
    public boolean[] predict(double[] scores, boolean[] privileged) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(privileged, "privileged");
        if (scores.length != privileged.length) {
            throw new IllegalArgumentException("scores have " + scores.length + " rows, privileged " + privileged.length);
        }
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predict(scores[i], privileged[i]);
        }
        return out;
    }
}
