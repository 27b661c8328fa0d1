package dev.fairway.consent.signals;

import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A decoded, validated consent signal: what it says, and what it means for our purposes.
 *
 * <p>{@code purposes} lists only the purposes the signal maps, each with the state it puts them in;
 * a signal never speaks for any other purpose. US signals (US Privacy, {@code usnat}, GPC) only
 * restrict: they produce {@code OPTED_OUT} and never grant. The raw string is not kept, only its
 * SHA-256.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param type           the kind of signal
 * @param tcf            the TCF content (a TC string, or a GPP {@code tcfeuv2} section), or null
 * @param usnat          the GPP {@code usnat} content, or null
 * @param usPrivacy      the US Privacy content (a string, or a GPP {@code uspv1} section), or null
 * @param gpc            whether Global Privacy Control is on (the GPC header, or the {@code usnat} GPC sub-section)
 * @param gppSectionIds  the GPP section ids in the header, empty for other signals
 * @param purposes       the mapped purposes and their states
 * @param evidenceSha256 the lower-case hex SHA-256 of the raw string (UTF-8)
 */
public record DecodedSignal(SignalType type, TcfData tcf, UsNatData usnat, UsPrivacyData usPrivacy, boolean gpc,
        List<Integer> gppSectionIds, List<PurposeSignal> purposes, String evidenceSha256) {

    /**
     * One purpose a signal speaks for. Thread-safety: an immutable record.
     *
     * @param purpose the purpose id
     * @param state   the state the signal puts it in
     * @param basis   the basis ({@link LawfulBasis#LEGITIMATE_INTERESTS} when granted by a TCF legitimate-interest bit)
     */
    public record PurposeSignal(String purpose, ConsentState state, LawfulBasis basis) {
        /**
         * Validates the fields.
         *
         * @throws NullPointerException if a field is null
         */
        public PurposeSignal {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(basis, "basis");
        }
    }

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a required field is null
     */
    public DecodedSignal {
        Objects.requireNonNull(type, "type");
        gppSectionIds = List.copyOf(gppSectionIds);
        purposes = List.copyOf(purposes);
        Objects.requireNonNull(evidenceSha256, "evidenceSha256");
    }

    /**
     * Returns the ids of the purposes the signal grants.
     *
     * @return the granted purpose ids, in mapping order
     */
    public List<String> grants() {
        List<String> out = new ArrayList<>();
        for (PurposeSignal p : purposes) {
            if (p.state() == ConsentState.GIVEN) {
                out.add(p.purpose());
            }
        }
        return out;
    }

    /**
     * Turns the signal into ledger events, one per mapped purpose, carrying the evidence hash.
     *
     * @param subject      the person
     * @param eventTime    when the signal was received
     * @param jurisdiction the jurisdiction, or null
     * @return the events, not yet recorded
     */
    public List<ConsentEvent> toEvents(String subject, Instant eventTime, String jurisdiction) {
        ConsentSource source;
        switch (type) {
            case TCF:
                source = ConsentSource.TCF;
                break;
            case GPP:
                source = ConsentSource.GPP;
                break;
            case USP:
                source = ConsentSource.US_PRIVACY;
                break;
            default:
                source = ConsentSource.GPC;
        }
        List<ConsentEvent> out = new ArrayList<>(purposes.size());
        for (PurposeSignal p : purposes) {
            out.add(new ConsentEvent(subject, p.purpose(), p.state(), p.basis(), false, eventTime, eventTime, null,
                    null, source, jurisdiction, evidenceSha256, 0));
        }
        return out;
    }
}
