package dev.fairway.consent.filter;

import dev.fairway.consent.FilterReason;
import dev.fairway.consent.Purpose;

/**
 * Per-request modes that narrow what a snapshot grants.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum RequestMode {
    /**
     * The person chose a recommender option not based on profiling (DSA Art. 38): every purpose
     * flagged {@link Purpose#profiling()} is denied with {@link FilterReason#NON_PROFILING_MODE}.
     */
    NON_PROFILING,
    /**
     * The request carried a consent signal that failed validation: every consentable purpose is
     * denied with {@link FilterReason#INVALID_SIGNAL}, since the person's current wishes are unknown.
     */
    INVALID_SIGNAL
}
