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

    /** Releases resources; appends after close fail. */
    @Override
    void close();
}
