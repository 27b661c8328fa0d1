package dev.fairway.consent.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A consent store held in memory, for tests and short-lived services.
 *
 * <p>Thread-safety: thread-safe; appends are serialised by one lock, and listeners are told outside it.
 */
public final class InMemoryConsentStore implements ConsentStore {
    private final Listeners listeners = new Listeners();
    private final List<ConsentEvent> all = new ArrayList<>();
    private final Map<String, List<ConsentEvent>> bySubject = new HashMap<>();
    private long last;
    private boolean closed;

    private InMemoryConsentStore() {
    }

    /**
     * Creates an empty store.
     *
     * @return the store
     */
    public static InMemoryConsentStore empty() {
        return new InMemoryConsentStore();
    }

    @Override
    public ConsentEvent append(ConsentEvent event) {
        Objects.requireNonNull(event, "event");
        ConsentEvent stored;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("store is closed");
            }
            if (event.sequence() != 0) {
                throw new IllegalArgumentException("event.sequence must be 0 before append, got " + event.sequence());
            }
            stored = event.stored(event.recordedTime(), last + 1);
            last = stored.sequence();
            all.add(stored);
            bySubject.computeIfAbsent(stored.subject(), s -> new ArrayList<>()).add(stored);
        }
        listeners.deliver(stored);
        return stored;
    }

    /**
     * Subscribes a listener to every event appended from now on (not to events added by loading a
     * durable file); it is told on the appending thread, outside the store's lock, before
     * {@link #append} returns. A listener's exception reaches the appending caller after every
     * other listener was told; the event stays stored.
     *
     * @param listener the listener
     * @return the subscription
     */
    @Override
    public ConsentSubscription subscribe(ConsentListener listener) {
        return listeners.subscribe(listener);
    }

    /**
     * Adds an event that already carries its sequence number, as read back from durable storage.
     *
     * @param event the stored event
     * @throws IllegalArgumentException if its sequence is not after the last one (gaps are allowed: a
     *                                  salvaged ledger may have lost events)
     */
    synchronized void load(ConsentEvent event) {
        if (event.sequence() <= last) {
            throw new IllegalArgumentException("sequence " + event.sequence() + " out of order, expected more than "
                    + last);
        }
        last = event.sequence();
        all.add(event);
        bySubject.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event);
    }

    /**
     * Adds an event read back from durable storage if its sequence number is the next one (or, with
     * {@code gaps}, any later one); one lock for the check and the add.
     *
     * @param event the stored event
     * @param gaps  whether sequence numbers may be skipped (salvage)
     * @return what is wrong (nothing is added), or null when it was added
     */
    synchronized String loadNext(ConsentEvent event, boolean gaps) {
        long expected = last + 1;
        if (gaps ? event.sequence() < expected : event.sequence() != expected) {
            return "sequence " + event.sequence() + " where " + expected + " was expected";
        }
        last = event.sequence();
        all.add(event);
        bySubject.computeIfAbsent(event.subject(), s -> new ArrayList<>()).add(event);
        return null;
    }

    @Override
    public synchronized List<ConsentEvent> events(String subject) {
        Objects.requireNonNull(subject, "subject");
        List<ConsentEvent> list = bySubject.get(subject);
        return list == null ? List.of() : List.copyOf(list);
    }

    @Override
    public void forEach(Consumer<ConsentEvent> action) {
        Objects.requireNonNull(action, "action");
        List<ConsentEvent> copy;
        synchronized (this) {
            copy = List.copyOf(all);
        }
        copy.forEach(action);
    }

    @Override
    public synchronized long lastSequence() {
        return last;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
