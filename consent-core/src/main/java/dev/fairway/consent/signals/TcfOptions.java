package dev.fairway.consent.signals;

/**
 * How strictly TC strings are read, and for whom.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param allowOldPolicy             accept policy versions below 4 (before TCF v2.2); off by default
 * @param allowNonServiceSpecific    accept global-scope strings (IsServiceSpecific = 0); off by default
 * @param vendorId                   this service's IAB vendor id: a purpose is granted only if the vendor
 *                                   consent (or legitimate-interest) list holds it; 0 to ignore vendor lists
 */
public record TcfOptions(boolean allowOldPolicy, boolean allowNonServiceSpecific, int vendorId) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if {@code vendorId} is negative
     */
    public TcfOptions {
        if (vendorId < 0) {
            throw new IllegalArgumentException("vendorId must be non-negative, got " + vendorId);
        }
    }

    /**
     * Returns the strict defaults: TCF v2.2 policy, service-specific strings only, no vendor check.
     *
     * @return the options
     */
    public static TcfOptions strict() {
        return new TcfOptions(false, false, 0);
    }
}
