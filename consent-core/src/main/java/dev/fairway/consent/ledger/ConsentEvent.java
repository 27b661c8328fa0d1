package dev.fairway.consent.ledger;

import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.internal.Ids;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One append-only entry of a consent ledger: what a person chose (or a signal said) about one purpose.
 *
 * <p>The ledger sets {@code recordedTime} and {@code sequence} when it stores the event; before
 * that the sequence is 0. The raw text of a signal is never stored, only its SHA-256 in
 * {@code evidenceSha256}.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param subject        the person's identifier in the service, not blank
 * @param purpose        the purpose id
 * @param state          the state the event puts the purpose in
 * @param basis          the lawful basis the event concerns
 * @param explicit       whether a {@code GIVEN} consent was explicit (GDPR Art. 9(2)(a))
 * @param eventTime      when the choice was made
 * @param recordedTime   when the ledger stored it
 * @param expiry         when a {@code GIVEN} consent stops being valid (exclusive), or null
 * @param noticeVersion  the version of the notice the person saw, or null
 * @param source         where the event came from
 * @param jurisdiction   the jurisdiction the event was collected under (for example {@code EU}, {@code US-CA}), or null
 * @param evidenceSha256 the lower-case hex SHA-256 of the raw signal or consent receipt, or null
 * @param sequence       the ledger sequence number, positive once stored, 0 before
 */
public record ConsentEvent(String subject, String purpose, ConsentState state, LawfulBasis basis, boolean explicit,
        Instant eventTime, Instant recordedTime, Instant expiry, String noticeVersion, ConsentSource source,
        String jurisdiction, String evidenceSha256, long sequence) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field when a value is invalid
     * @throws NullPointerException     if a required field is null
     */
    public ConsentEvent {
        Ids.nonBlank(subject, "subject");
        Ids.check(purpose, "purpose");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(recordedTime, "recordedTime");
        Objects.requireNonNull(source, "source");
        if (explicit && state != ConsentState.GIVEN) {
            throw new IllegalArgumentException("explicit is only meaningful for state GIVEN, got " + state);
        }
        if (expiry != null && !expiry.isAfter(eventTime)) {
            throw new IllegalArgumentException("expiry must be after eventTime, got " + expiry + " <= " + eventTime);
        }
        if (evidenceSha256 != null && !SHA256_HEX.matcher(evidenceSha256).matches()) {
            throw new IllegalArgumentException("evidenceSha256 must be 64 lower-case hex digits");
        }
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must be non-negative, got " + sequence);
        }
    }

    /**
     * Creates a direct, not yet recorded event with the purpose's usual fields; the basis is
     * {@link LawfulBasis#CONSENT}, or {@link LawfulBasis#EXPLICIT_CONSENT} when {@code explicit}.
     *
     * @param subject   the person
     * @param purpose   the purpose id
     * @param state     the new state
     * @param explicit  whether a given consent was explicit
     * @param eventTime when the choice was made
     * @return the event, with sequence 0 and {@code recordedTime == eventTime}
     */
    public static ConsentEvent direct(String subject, String purpose, ConsentState state, boolean explicit,
            Instant eventTime) {
        return new ConsentEvent(subject, purpose, state, explicit ? LawfulBasis.EXPLICIT_CONSENT : LawfulBasis.CONSENT,
                explicit, eventTime, eventTime, null, null, ConsentSource.DIRECT, null, null, 0);
    }

    /**
     * Returns a copy with an expiry.
     *
     * @param newExpiry the expiry (exclusive), or null for none
     * @return the copy
     */
    public ConsentEvent withExpiry(Instant newExpiry) {
        return new ConsentEvent(subject, purpose, state, basis, explicit, eventTime, recordedTime, newExpiry,
                noticeVersion, source, jurisdiction, evidenceSha256, sequence);
    }

    /**
     * Returns a copy as stored by a ledger.
     *
     * @param recorded    when the ledger stored it
     * @param newSequence the sequence number, positive
     * @return the copy
     * @throws IllegalArgumentException if {@code newSequence} is not positive
     */
    public ConsentEvent stored(Instant recorded, long newSequence) {
        if (newSequence <= 0) {
            throw new IllegalArgumentException("newSequence must be positive, got " + newSequence);
        }
        return new ConsentEvent(subject, purpose, state, basis, explicit, eventTime, recorded, expiry,
                noticeVersion, source, jurisdiction, evidenceSha256, newSequence);
    }

    /**
     * Writes this event as one line of JSON, the form the durable store and the CLI use: one flat
     * object with snake_case fields ({@code seq}, {@code subject}, {@code purpose}, {@code state},
     * {@code basis}, {@code explicit}, {@code event_time}, {@code recorded_time}, {@code expiry},
     * {@code notice_version}, {@code source}, {@code jurisdiction}, {@code evidence_sha256}); enum
     * values by name, instants in ISO-8601; null fields are left out.
     *
     * @return the JSON text, without a newline
     */
    public String toJson() {
        return ConsentEventJson.write(this);
    }

    /**
     * Parses one event in the form {@link #toJson()} writes; {@code seq} and {@code explicit} default
     * to 0 and false.
     *
     * @param json the JSON text of one event
     * @return the event
     * @throws IllegalArgumentException naming the field when the JSON is malformed or a field is invalid
     * @throws NullPointerException     if {@code json} is null
     */
    public static ConsentEvent fromJson(String json) {
        return ConsentEventJson.read(json);
    }
}
