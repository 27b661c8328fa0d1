package dev.fairway.consent.ledger;

/**
 * A listener's subscription to a {@link ConsentLedger} or {@link ConsentStore}: closing it stops
 * the deliveries (an append already delivering may still reach the listener once).
 *
 * <p>Thread-safety: thread-safe; closing twice is harmless.
 */
public interface ConsentSubscription extends AutoCloseable {
    /** Ends the subscription; never throws. */
    @Override
    void close();
}
