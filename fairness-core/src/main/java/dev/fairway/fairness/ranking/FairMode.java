package dev.fairway.fairness.ranking;

/**
 * How the fail probability of an FA*IR table is computed.
 *
 * <p>Constants are immutable and thread-safe.
 */
public enum FairMode {
    /**
     * The probability that a ranking of k independent draws (protected with probability p) misses
     * the table at some position 1..k, position k included. This is what the Java reference
     * (fairsearch-fair-java) computes and what brute force over all 2<sup>k</sup> rankings gives.
     */
    CORRECT,
    /**
     * The Python package fairsearch-fair-python's value: its block recursion ignores the
     * constraint at position k, so the fail probability is that of positions 1..k-1. Offered so
     * that its users can compare; the tables it adjusts to can differ from {@link #CORRECT}'s.
     */
    FAIRSEARCH_PY
}
