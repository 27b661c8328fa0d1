package dev.fairway.consent.signals;

/**
 * The kinds of consent signal Fairway reads.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum SignalType {
    /** An IAB TCF v2.2/2.3 TC string. */
    TCF,
    /** An IAB Global Privacy Platform string. */
    GPP,
    /** An IAB US Privacy (CCPA) string. */
    USP,
    /** A Global Privacy Control header value. */
    GPC
}
