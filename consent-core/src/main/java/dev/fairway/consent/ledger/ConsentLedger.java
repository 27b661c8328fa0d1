package dev.fairway.consent.ledger;

import dev.fairway.consent.Purpose;
import dev.fairway.consent.Vocabulary;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An append-only consent ledger over a {@link ConsentStore}, with snapshots at an instant.
 *
 * <p>The clock is injected so that "now" in tests and audits is explicit; {@link #record} stamps
 * each event with the clock's instant as recorded time. See {@link ConsentSnapshot} for how events
 * fold into a snapshot.
 *
 * <p>Thread-safety: thread-safe when the store is (every shipped store is); listeners
 * ({@link #subscribe}) are told on the recording thread.
 */
public final class ConsentLedger {
    private static final Comparator<ConsentEvent> ORDER =
            Comparator.comparing(ConsentEvent::eventTime).thenComparingLong(ConsentEvent::sequence);

    private final ConsentStore store;
    private final Vocabulary vocabulary;
    private final Clock clock;
    private final Listeners listeners = new Listeners();

    /**
     * Creates a ledger.
     *
     * @param store      where events are kept
     * @param vocabulary the purposes events may name (for maximum consent ages)
     * @param clock      the clock for recorded times and {@link #snapshot(String)}
     * @return the ledger
     */
    public static ConsentLedger of(ConsentStore store, Vocabulary vocabulary, Clock clock) {
        return new ConsentLedger(store, vocabulary, clock);
    }

    private ConsentLedger(ConsentStore store, Vocabulary vocabulary, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records an event, stamping its recorded time with the clock.
     *
     * @param event the event, with sequence 0
     * @return the stored event with its sequence number
     * @throws IllegalArgumentException if the purpose is not in the vocabulary or the event already has a sequence
     */
    public ConsentEvent record(ConsentEvent event) {
        Objects.requireNonNull(event, "event");
        if (vocabulary.purpose(event.purpose()).isEmpty()) {
            throw new IllegalArgumentException("event.purpose: unknown purpose '" + event.purpose() + "'");
        }
        ConsentEvent stamped = new ConsentEvent(event.subject(), event.purpose(), event.state(), event.basis(),
                event.explicit(), event.eventTime(), clock.instant(), event.expiry(), event.noticeVersion(),
                event.source(), event.jurisdiction(), event.evidenceSha256(), event.sequence());
        ConsentEvent stored = store.append(stamped);
        listeners.deliver(stored);
        return stored;
    }

    /**
     * Subscribes a listener to every event recorded through this ledger from now on: it is told
     * on the recording thread after the store has stored the event (for a durable store, after it
     * is acknowledged) and before {@link #record} returns, so a cache the listener keeps is current
     * for every caller that has seen {@code record} return. Events appended to the store by other
     * means (another ledger over the same store) reach the store's own
     * {@link ConsentStore#subscribe listeners}, not this ledger's.
     *
     * <p>Thread-safety: any thread may subscribe or close a subscription at any time (the list is
     * copy-on-write); concurrent records deliver concurrently. A listener's exception does not undo
     * the record and does not keep the other listeners from the event: it is thrown from
     * {@code record} after all of them were told.
     *
     * @param listener the listener
     * @return the subscription; close it to stop
     */
    public ConsentSubscription subscribe(ConsentListener listener) {
        return listeners.subscribe(listener);
    }

    /**
     * Returns the earliest instant after {@code at} at which time alone may change this subject's
     * snapshot: an expiry or the end of a maximum consent age of one of its events, or the event or
     * recorded time of an event that does not count yet. A cache of the snapshot taken at
     * {@code at} is stale from that instant on (it may be stale earlier only through a new event,
     * which {@link #subscribe} tells of). Conservative: an instant returned may change nothing.
     *
     * @param subject the subject
     * @param at the instant of the cached snapshot
     * @return the instant, or empty if time alone never changes the snapshot
     */
    public Optional<Instant> nextChange(String subject, Instant at) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
        Instant next = null;
        for (ConsentEvent e : store.events(subject)) {
            next = earlier(next, after(e.eventTime(), at));
            next = earlier(next, after(e.recordedTime(), at));
            next = earlier(next, after(e.expiry(), at));
            Purpose p = vocabulary.purpose(e.purpose()).orElse(null);
            if (p != null && p.maxConsentAge() != null) {
                next = earlier(next, after(e.eventTime().plus(p.maxConsentAge()), at));
            }
        }
        return Optional.ofNullable(next);
    }

    private static Instant after(Instant t, Instant at) {
        return t != null && t.isAfter(at) ? t : null;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || !b.isBefore(a) ? a : b;
    }

    /**
     * Returns the snapshot of a subject at the clock's current instant.
     *
     * @param subject the subject
     * @return the snapshot
     */
    public ConsentSnapshot snapshot(String subject) {
        return snapshot(subject, clock.instant());
    }

    /**
     * Returns the snapshot of a subject at an instant.
     *
     * @param subject the subject
     * @param at      the instant
     * @return the snapshot
     */
    public ConsentSnapshot snapshot(String subject, Instant at) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(at, "at");
        return fold(subject, store.events(subject), at, vocabulary);
    }

    /**
     * Folds a subject's events into a snapshot; shared with offline replay.
     *
     * @param subject    the subject
     * @param events     the subject's events, any order
     * @param at         the instant
     * @param vocabulary the purposes, for maximum consent ages
     * @return the snapshot
     */
    static ConsentSnapshot fold(String subject, List<ConsentEvent> events, Instant at, Vocabulary vocabulary) {
        List<ConsentEvent> sorted = new ArrayList<>(events.size());
        long maxSeq = 0;
        for (ConsentEvent e : events) {
            if (e.subject().equals(subject) && !e.eventTime().isAfter(at) && !e.recordedTime().isAfter(at)) {
                sorted.add(e);
                maxSeq = Math.max(maxSeq, e.sequence());
            }
        }
        sorted.sort(ORDER);
        Map<String, ConsentEvent> current = new HashMap<>();
        Map<String, ConsentState> lastSignal = new HashMap<>();
        List<ConsentSnapshot.Conflict> conflicts = new ArrayList<>();
        for (ConsentEvent e : sorted) {
            ConsentEvent cur = current.get(e.purpose());
            if (e.source().isSignal()) {
                ConsentState previousSignal = lastSignal.put(e.purpose(), e.state());
                if (cur != null && !cur.source().isSignal() && previousSignal == e.state()) {
                    conflicts.add(new ConsentSnapshot.Conflict(e.purpose(), e.sequence(), cur.sequence()));
                    continue;
                }
            }
            current.put(e.purpose(), e);
        }
        Map<String, ConsentSnapshot.Entry> entries = new HashMap<>();
        for (ConsentEvent e : current.values()) {
            ConsentState state = e.state();
            if (state == ConsentState.GIVEN && expired(e, at, vocabulary)) {
                state = ConsentState.EXPIRED;
            }
            entries.put(e.purpose(), new ConsentSnapshot.Entry(state, e.explicit(), e.source(), e.sequence()));
        }
        return new ConsentSnapshot(subject, at, maxSeq, entries, conflicts);
    }

    private static boolean expired(ConsentEvent e, Instant at, Vocabulary vocabulary) {
        if (e.expiry() != null && !at.isBefore(e.expiry())) {
            return true;
        }
        Purpose p = vocabulary.purpose(e.purpose()).orElse(null);
        return p != null && p.maxConsentAge() != null && !at.isBefore(e.eventTime().plus(p.maxConsentAge()));
    }
}
