package dev.fairway.consent.filter;

import dev.fairway.consent.internal.Ids;
import dev.fairway.consent.ledger.ConsentSnapshot;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One compact audit record per filtering decision. It holds no feature values: only who (a
 * pseudonym), when, which plan, which ledger state, which purposes were granted and denied, and the
 * request modes. {@link AuditReplayer} re-derives the per-feature reasons from it offline.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param subject         the subject's pseudonym (see {@link Pseudonymizer})
 * @param time            the instant of the snapshot the decision used
 * @param planFingerprint the plan's {@link FilterPlan#fingerprint()}
 * @param ledgerSequence  the snapshot's ledger sequence
 * @param grantedMask     the granted purpose bits, in the plan's bit order
 * @param deniedMask      the plan's purpose bits that were not granted
 * @param modes           the request modes
 */
public record DecisionRecord(String subject, Instant time, String planFingerprint, long ledgerSequence,
        long grantedMask, long deniedMask, Set<RequestMode> modes) {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{32}");

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the masks overlap, the fingerprint is not 32 hex digits or
     *                                  the sequence is negative
     * @throws NullPointerException     if a field is null
     */
    public DecisionRecord {
        Ids.nonBlank(subject, "subject");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(planFingerprint, "planFingerprint");
        if (!FINGERPRINT.matcher(planFingerprint).matches()) {
            throw new IllegalArgumentException("planFingerprint must be 32 lower-case hex digits");
        }
        if (ledgerSequence < 0) {
            throw new IllegalArgumentException("ledgerSequence must be non-negative, got " + ledgerSequence);
        }
        if ((grantedMask & deniedMask) != 0) {
            throw new IllegalArgumentException("grantedMask and deniedMask overlap");
        }
        Objects.requireNonNull(modes, "modes");
        modes = modes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(modes));
    }

    /**
     * Makes the record of one decision.
     *
     * @param plan         the plan
     * @param snapshot     the snapshot decided on
     * @param modes        the request modes
     * @param pseudonymizer turns the subject into a pseudonym
     * @return the record
     */
    public static DecisionRecord of(FilterPlan plan, ConsentSnapshot snapshot, Set<RequestMode> modes,
            Pseudonymizer pseudonymizer) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        long granted = plan.grantedMask(snapshot, modes);
        return new DecisionRecord(pseudonymizer.pseudonym(snapshot.subject()), snapshot.at(), plan.fingerprint(),
                snapshot.ledgerSequence(), granted, plan.allPurposesMask() & ~granted, modes);
    }
}
