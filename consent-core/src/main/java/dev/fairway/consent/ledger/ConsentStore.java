package dev.fairway.consent.ledger;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where a consent ledger keeps its events: implement this for your own database.
 *
 * <p>Contract: {@link #append} stores the event and gives it a sequence number greater than every
 * earlier one (starting at 1), atomically; an event once appended never changes or disappears;
 * {@link #events} returns one subject's events in sequence order. Implementations must be safe for
 * concurrent use by many threads.
 *
 * <p>Thread-safety: implementations are thread-safe.
 */
public interface ConsentStore extends AutoCloseable {

    /**
     * Appends an event, assigning its sequence number; the event's recorded time is kept.
     *
     * @param event the event, with sequence 0
     * @return the stored event, with its sequence number
     * @throws IllegalArgumentException if the event already has a sequence number
     * @throws IllegalStateException    if the store is closed
     */
    ConsentEvent append(ConsentEvent event);

    /**
     * Returns one subject's events in sequence order.
     *
     * @param subject the subject
     * @return a snapshot list, possibly empty
     */
    List<ConsentEvent> events(String subject);

    /**
     * Calls the action for every stored event in sequence order.
     *
     * @param action the action
     */
    void forEach(Consumer<ConsentEvent> action);

    /**
     * Returns the sequence number of the last appended event.
     *
     * @return the last sequence, 0 if empty
     */
    long lastSequence();

    /**
     * Subscribes a listener to every event this store appends from now on (see
     * {@link ConsentListener} for when and on which thread it is told). Events read back when a
     * durable store is opened are not delivered.
     *
     * <p>The default refuses: a store implemented elsewhere that cannot observe its appends says so
     * instead of staying silent; the shipped stores ({@link InMemoryConsentStore},
     * {@link JsonLinesConsentStore}) support it. A {@link ConsentLedger} offers
     * {@link ConsentLedger#subscribe} over any store.
     *
     * @param listener the listener
     * @return the subscription; close it to stop
     * @throws UnsupportedOperationException if this store cannot tell of its appends
     */
    default ConsentSubscription subscribe(ConsentListener listener) {
        throw new UnsupportedOperationException(getClass().getName()
                + " does not tell of its appends; subscribe through ConsentLedger.subscribe instead");
    }

    /** Releases resources; appends after close fail. */
    @Override
    void close();
}
