package dev.fairway.explain;

import java.util.Objects;

/**
 * A LIME explanation: the ridge surrogate's coefficients as an attribution (its base value is the
 * surrogate's intercept, its provenance's additivity residual the gap between the model's
 * prediction and the surrogate's local prediction), with the surrogate's fit.
 *
 * <p>LIME values are not Shapley values and need not add up; they are here for parity with tools
 * people already use.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param attribution the coefficients per player, standard errors not estimated (NaN)
 * @param intercept the surrogate's intercept (its value with every player absent)
 * @param localPrediction the surrogate's value with every player present
 * @param r2 the surrogate's weighted coefficient of determination on its samples
 * @param kernelWidth the kernel width used
 * @param ridge the ridge penalty used
 */
public record LimeExplanation(Attribution attribution, double intercept, double localPrediction, double r2,
        double kernelWidth, double ridge) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if the kernel width is not positive
     */
    public LimeExplanation {
        Objects.requireNonNull(attribution, "attribution");
        if (!(kernelWidth > 0)) {
            throw new IllegalArgumentException("kernelWidth must be positive, was " + kernelWidth);
        }
    }
}
