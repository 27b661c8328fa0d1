package dev.fairway.consent;

/**
 * Why the filter kept or withheld a feature, or granted or denied a purpose: the answer of
 * {@code ConsentSnapshot.decide}, {@code FilterPlan.purposeReasons} and {@code AuditReplayer.replay}.
 * Everything except {@link #GRANTED} withholds: the filter fails closed. (Not to be confused with an
 * explanation's reason codes, which say why a model decided as it did.)
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum FilterReason {
    /** Every purpose the feature needs is granted. */
    GRANTED,
    /** The input position has no feature in the catalogue; it is dropped. */
    UNKNOWN_FEATURE,
    /** The ledger has no event for a consent-based purpose. */
    NO_RECORD,
    /** The consent expired (its expiry or the purpose's maximum consent age passed). */
    EXPIRED,
    /** The consent was withdrawn. */
    WITHDRAWN,
    /** The person refused. */
    REFUSED,
    /** The person objected. */
    OBJECTED,
    /** The person opted out (US state law, GPC). */
    OPTED_OUT,
    /** The request carried a consent signal that failed validation. */
    INVALID_SIGNAL,
    /** A purpose on explicit consent has a consent that was not explicit. */
    SENSITIVE_WITHOUT_EXPLICIT_CONSENT,
    /** The request asked for a recommender not based on profiling (DSA Art. 38) and the purpose profiles. */
    NON_PROFILING_MODE,
    /** The feature serves none of the purposes the plan was compiled for. */
    PURPOSE_NOT_SERVED
}
