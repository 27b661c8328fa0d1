package dev.fairway.fairness;

/**
 * Which class is the favourable outcome in AIF360-style comparisons and inequality indices.
 *
 * <p>With {@link #NEGATIVE} every rate is read with the negative class as the class of interest
 * (AIF360's {@code favorable_label=0}), see {@link Confusion#flipped()}. Thread-safe (an enum).
 */
public enum FavorableOutcome {
    /** The positive class (label and prediction 1) is favourable. */
    POSITIVE,
    /** The negative class (label and prediction 0) is favourable. */
    NEGATIVE;

    Confusion orient(Confusion c) {
        return this == POSITIVE ? c : c.flipped();
    }
}
