package dev.fairway.explain.ranking;

/**
 * The kinds of signal a recommendation can rest on, as a person would name them in "why am I
 * seeing this".
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum SignalKind {
    /** Items the person viewed, bought or rated before. */
    HISTORY_ITEM,
    /** What similar users engaged with. */
    SIMILAR_USERS,
    /** How popular the item is overall. */
    POPULARITY,
    /** Where the person is. */
    LOCATION,
    /** A paid placement. */
    SPONSORED
}
