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

/**
 * An append-only consent ledger over a {@link ConsentStore}, with snapshots at an instant.
 *
 * <p>The clock is injected so that "now" in tests and audits is explicit; {@link #record} stamps
 * each event with the clock's instant as recorded time. See {@link ConsentSnapshot} for how events
 * fold into a snapshot.
 *
 * <p>Thread-safety: thread-safe when the store is (every shipped store is).
 */
public final class ConsentLedger {
    private static final Comparator<ConsentEvent> ORDER =
            Comparator.comparing(ConsentEvent::eventTime).thenComparingLong(ConsentEvent::sequence);

    private final ConsentStore store;
    private final Vocabulary vocabulary;
    private final Clock clock;

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
        return store.append(stamped);
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
