package dev.fairway.consent.ledger;

/**
 * The state a consent event puts a purpose in.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum ConsentState {
    /** The person agreed. */
    GIVEN,
    /** The person said no when asked. */
    REFUSED,
    /** The person took back an earlier agreement (GDPR Art. 7(3)). */
    WITHDRAWN,
    /** An agreement ran out; recorded explicitly, or derived by a snapshot from an expiry or maximum age. */
    EXPIRED,
    /** The person objected to processing on legitimate interests or public task (GDPR Art. 21). */
    OBJECTED,
    /** The person opted out under a US state law (sale, sharing, targeted advertising). */
    OPTED_OUT
}
