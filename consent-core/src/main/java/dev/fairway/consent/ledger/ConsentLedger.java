package dev.fairway.consent.ledger;

import dev.fairway.consent.Purpose;
import dev.fairway.consent.Vocabulary;
import java.time.Clock;
import java.time.Duration;
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
 * <p><b>Order of record.</b> The store's sequence number is the order of record: of two events for one
 * purpose, the one later in sequence wins, whatever their timestamps (a withdrawal recorded after a
 * grant withdraws it even when a clock stepped back stamped it earlier). An event whose event time
 * lies more than {@link Builder#maxFutureSkew(Duration) the allowed skew} (default
 * {@link #DEFAULT_MAX_FUTURE_SKEW}, 5 minutes) after the ledger's clock is refused by {@link #record}:
 * a grant stamped in 2099 cannot wait to override every later withdrawal. A clock that steps back
 * changes nothing about the order; a snapshot at an instant still counts only the events whose event
 * and recorded times are at or before it.
 *
 * <p>Thread-safety: thread-safe when the store is (every shipped store is); listeners
 * ({@link #subscribe}) are told on the recording thread.
 */
public final class ConsentLedger {
    /** The default bound on how far an event's time may lie after the ledger's clock: 5 minutes. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    /** The order of record: the store's sequence number, whatever the timestamps. */
    private static final Comparator<ConsentEvent> ORDER = Comparator.comparingLong(ConsentEvent::sequence);

    private final ConsentStore store;
    private final Vocabulary vocabulary;
    private final Clock clock;
    private final Listeners listeners = new Listeners();
    private final Duration maxFutureSkew;
    /** Whether the store tells this ledger's listeners of every append (its own {@code subscribe}). */
    private volatile boolean storeTells;
    /** Whether the store was asked already; guarded by {@code this}. */
    private boolean storeAsked;

    /**
     * Creates a ledger with the default future skew ({@link #DEFAULT_MAX_FUTURE_SKEW}).
     *
     * @param store      where events are kept
     * @param vocabulary the purposes events may name (for maximum consent ages)
     * @param clock      the clock for recorded times and {@link #snapshot(String)}
     * @return the ledger
     */
    public static ConsentLedger of(ConsentStore store, Vocabulary vocabulary, Clock clock) {
        return builder(store, vocabulary).clock(clock).build();
    }

    /**
     * Starts a builder (clock: the system's UTC clock; future skew: {@link #DEFAULT_MAX_FUTURE_SKEW}).
     *
     * @param store      where events are kept
     * @param vocabulary the purposes events may name
     * @return the builder
     */
    public static Builder builder(ConsentStore store, Vocabulary vocabulary) {
        return new Builder(Objects.requireNonNull(store, "store"), Objects.requireNonNull(vocabulary, "vocabulary"));
    }

    private ConsentLedger(Builder b) {
        this.store = b.store;
        this.vocabulary = b.vocabulary;
        this.clock = b.clock;
        this.maxFutureSkew = b.maxFutureSkew;
    }

    /**
     * Builds a {@link ConsentLedger}. Not thread-safe; the ledger it builds is.
     */
    public static final class Builder {
        private final ConsentStore store;
        private final Vocabulary vocabulary;
        private Clock clock = Clock.systemUTC();
        private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;

        private Builder(ConsentStore store, Vocabulary vocabulary) {
            this.store = store;
            this.vocabulary = vocabulary;
        }

        /**
         * Sets the clock for recorded times, snapshots "now" and the future-skew check.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how far after the clock's instant an event's time may lie before {@link #record} refuses
         * it (clocks of the callers and of the ledger disagree a little).
         *
         * @param skew zero or more
         * @return this builder
         * @throws IllegalArgumentException if the skew is negative
         */
        public Builder maxFutureSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("maxFutureSkew must not be negative, got " + skew);
            }
            this.maxFutureSkew = skew;
            return this;
        }

        /**
         * Builds the ledger.
         *
         * @return the ledger
         */
        public ConsentLedger build() {
            return new ConsentLedger(this);
        }
    }

    /**
     * Records an event, stamping its recorded time with the clock.
     *
     * @param event the event, with sequence 0
     * @return the stored event with its sequence number
     * @throws IllegalArgumentException if the purpose is not in the vocabulary, the event already has a
     *                                  sequence, or its event time lies more than the allowed skew after the clock
     */
    public ConsentEvent record(ConsentEvent event) {
        Objects.requireNonNull(event, "event");
        if (vocabulary.purpose(event.purpose()).isEmpty()) {
            throw new IllegalArgumentException("event.purpose: unknown purpose '" + event.purpose() + "'");
        }
        Instant now = clock.instant();
        if (event.eventTime().isAfter(now.plus(maxFutureSkew))) {
            throw new IllegalArgumentException("event.eventTime " + event.eventTime() + " lies more than "
                    + maxFutureSkew + " after the ledger's clock (" + now + "); the order of record is the sequence,"
                    + " so a future time cannot be honoured");
        }
        ConsentEvent stamped = new ConsentEvent(event.subject(), event.purpose(), event.state(), event.basis(),
                event.explicit(), event.eventTime(), now, event.expiry(), event.noticeVersion(),
                event.source(), event.jurisdiction(), event.evidenceSha256(), event.sequence());
        ConsentEvent stored = store.append(stamped);
        if (!storeTells) {
            listeners.deliver(stored);
        }
        return stored;
    }

    /**
     * Subscribes a listener to every event recorded from now on. Where the store tells of its appends
     * ({@link ConsentStore#subscribe}: every shipped store), the listener hears every event the store
     * appends, whoever records it (another ledger over the same file, or another instance of a
     * service on the same database), as that store delivers: the in-memory and JSON-lines stores on
     * the recording thread before {@link #record} returns, the JDBC store on its change feed's
     * thread once the event is committed. Over a store that cannot tell, the listener hears the
     * events recorded through this ledger, on the recording thread before {@code record} returns. A
     * listener may hear an event twice while the first subscription is being set up; listeners that
     * keep state compare sequence numbers.
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
        ConsentSubscription s = listeners.subscribe(listener);
        synchronized (this) {
            if (!storeAsked) {
                storeAsked = true;
                try {
                    store.subscribe(listeners::deliver);
                    storeTells = true;
                } catch (UnsupportedOperationException e) {
                    // the store cannot tell of its appends: this ledger tells of its own records
                }
            }
        }
        return s;
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
