package dev.fairway.explain.recourse;

/**
 * The direction in which a person can change a feature (age only increases; a debt can only be
 * paid down in the short term).
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum ActionDirection {
    /** Up or down. */
    ANY,
    /** Only up. */
    INCREASE,
    /** Only down. */
    DECREASE
}
