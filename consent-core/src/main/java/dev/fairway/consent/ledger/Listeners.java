package dev.fairway.consent.ledger;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of one ledger or store: a copy-on-write list, so that delivering takes no lock and
 * subscribing during a delivery is safe. Package-private.
 */
final class Listeners {
    private final CopyOnWriteArrayList<ConsentListener> all = new CopyOnWriteArrayList<>();

    ConsentSubscription subscribe(ConsentListener listener) {
        Objects.requireNonNull(listener, "listener");
        // a wrapper per subscription, so that one listener subscribed twice is removed once per close
        ConsentListener entry = listener::onAppend;
        all.add(entry);
        return () -> all.remove(entry);
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * Delivers to every listener in subscription order; a listener's exception does not keep the
     * others from the event and is rethrown (the first one, later ones suppressed) after all.
     */
    void deliver(ConsentEvent event) {
        RuntimeException first = null;
        for (ConsentListener l : all) {
            try {
                l.onAppend(event);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
