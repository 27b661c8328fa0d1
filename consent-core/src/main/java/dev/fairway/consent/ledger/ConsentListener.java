package dev.fairway.consent.ledger;

/**
 * Told of every event a {@link ConsentLedger} or a {@link ConsentStore} appends, with its sequence
 * number, so that a cache of consent (such as a guard's compiled masks) stays current without the
 * caller having to remember to refresh it.
 *
 * <p>Delivery: synchronously, on the thread that appended, after the event is stored (for a durable
 * store, after the append is acknowledged as the store's fsync policy defines) and before the append
 * returns; so once {@code record} or {@code append} has returned, every listener subscribed before
 * the call has seen the event. Appends from several threads may be delivered concurrently and out
 * of sequence order: a listener that keeps state compares {@link ConsentEvent#sequence()}s (or reads
 * the ledger again) instead of relying on arrival order.
 *
 * <p>Thread-safety: implementations must be thread-safe, and should be quick (they run inside the
 * append). An exception from a listener does not undo the append; see the subscribing method.
 */
@FunctionalInterface
public interface ConsentListener {
    /**
     * Receives one appended event.
     *
     * @param event the stored event, with its recorded time and its sequence number (positive)
     */
    void onAppend(ConsentEvent event);
}
