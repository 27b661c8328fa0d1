package dev.fairway.explain.ranking;

import java.util.List;
import java.util.Objects;

/**
 * "Why am I seeing this": the kinds of signal that pushed an item up, largest first, and whether
 * the placement is sponsored (always disclosed, whatever the attributions say).
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param signals the kinds with a positive contribution, largest first (ties in enum order)
 * @param sponsored whether the item is a paid placement
 */
public record SeeingThis(List<SignalShare> signals, boolean sponsored) {

    /** Copies the list. */
    public SeeingThis {
        signals = List.copyOf(Objects.requireNonNull(signals, "signals"));
    }
}
