package dev.fairway.consent.ledger;

import dev.fairway.consent.FilterReason;
import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.Purpose;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one person's ledger says about every purpose at one instant: the latest event per purpose,
 * with expiry applied.
 *
 * <p>Folding rule: events with event time and recorded time at or before the instant count, in
 * order of record (the store's sequence number, whatever their timestamps: a withdrawal recorded after
 * a grant wins even when it is stamped earlier); the latest wins, with one exception for conflicts between a
 * signal and a direct choice. A direct choice made after a signal event stands against later signal
 * events that only repeat the same state (a browser sends {@code Sec-GPC: 1} with every request;
 * the person's later "yes" on this site overrides it, CCPA regulations §7025(c)(3) and the GPC
 * explainer). A signal that changes state (for example GPC switched on after the direct choice)
 * wins again. Each overridden signal event is listed in {@link #conflicts()}.
 *
 * <p>Expiry: a {@code GIVEN} consent is live while {@code instant < expiry} and
 * {@code instant < eventTime + maxConsentAge}; at the boundary instant it has expired.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param subject        the person
 * @param at             the instant of the snapshot
 * @param ledgerSequence the highest sequence number among the events considered, 0 if none
 * @param entries        the effective entry per purpose id
 * @param conflicts      signal events that a later direct choice overrode
 */
public record ConsentSnapshot(String subject, Instant at, long ledgerSequence, Map<String, Entry> entries,
        List<Conflict> conflicts) {

    /**
     * Validates and copies the fields.
     *
     * @throws NullPointerException if a field is null
     */
    public ConsentSnapshot {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
        entries = Map.copyOf(Objects.requireNonNull(entries, "entries"));
        conflicts = List.copyOf(Objects.requireNonNull(conflicts, "conflicts"));
    }

    /**
     * The effective state of one purpose. Thread-safety: an immutable record.
     *
     * @param state    the effective state ({@code EXPIRED} when a given consent ran out)
     * @param explicit whether a given consent was explicit
     * @param source   where the deciding event came from
     * @param sequence the deciding event's sequence number
     */
    public record Entry(ConsentState state, boolean explicit, ConsentSource source, long sequence) {
        /**
         * Validates the fields.
         *
         * @throws NullPointerException if {@code state} or {@code source} is null
         */
        public Entry {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * A signal event that a direct choice overrode. Thread-safety: an immutable record.
     *
     * @param purpose        the purpose
     * @param signalSequence the overridden signal event
     * @param directSequence the direct choice that stands
     */
    public record Conflict(String purpose, long signalSequence, long directSequence) {
    }

    /**
     * Returns the effective entry for a purpose.
     *
     * @param purposeId the purpose id
     * @return the entry, or empty if the ledger has no event for it
     */
    public Optional<Entry> entry(String purposeId) {
        return Optional.ofNullable(entries.get(Objects.requireNonNull(purposeId, "purposeId")));
    }

    /**
     * Decides one purpose: {@link FilterReason#GRANTED} or why not, following the rules on {@link Purpose}.
     *
     * @param purpose the purpose
     * @return the reason
     */
    public FilterReason decide(Purpose purpose) {
        Objects.requireNonNull(purpose, "purpose");
        if (!purpose.consentable()) {
            return FilterReason.GRANTED;
        }
        Entry e = entries.get(purpose.id());
        if (!purpose.defaultBasis().isConsent()) {
            if (e == null) {
                return FilterReason.GRANTED;
            }
            switch (e.state()) {
                case REFUSED:
                case WITHDRAWN:
                case OBJECTED:
                case OPTED_OUT:
                    return denial(e.state());
                default:
                    return FilterReason.GRANTED;
            }
        }
        if (e == null) {
            return FilterReason.NO_RECORD;
        }
        if (e.state() != ConsentState.GIVEN) {
            return denial(e.state());
        }
        if (purpose.defaultBasis() == LawfulBasis.EXPLICIT_CONSENT && !e.explicit()) {
            return FilterReason.SENSITIVE_WITHOUT_EXPLICIT_CONSENT;
        }
        return FilterReason.GRANTED;
    }

    private static FilterReason denial(ConsentState state) {
        switch (state) {
            case REFUSED:
                return FilterReason.REFUSED;
            case WITHDRAWN:
                return FilterReason.WITHDRAWN;
            case EXPIRED:
                return FilterReason.EXPIRED;
            case OBJECTED:
                return FilterReason.OBJECTED;
            case OPTED_OUT:
                return FilterReason.OPTED_OUT;
            default:
                throw new IllegalStateException("state " + state + " is not a denial");
        }
    }
}
