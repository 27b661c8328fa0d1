package dev.fairway.explain;

/**
 * The scale on which an output is explained. The game's value of a coalition is the link applied
 * to the background-weighted mean of the model's output, so attributions add up on that scale.
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum Link {
    /** The model's output as it is: {@code g(p) = p}. */
    IDENTITY,
    /** The log-odds of a probability: {@code g(p) = ln(p / (1 - p))}, infinite at 0 and 1. */
    LOGIT;

    /**
     * Applies the link to a value.
     *
     * @param p the value on the model's scale (a probability for {@link #LOGIT})
     * @return the value on the explained scale
     */
    public double apply(double p) {
        return this == IDENTITY ? p : Math.log(p / (1.0 - p));
    }
}
