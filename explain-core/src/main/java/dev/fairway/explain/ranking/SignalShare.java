package dev.fairway.explain.ranking;

import java.util.Objects;

/**
 * One kind of signal's part in why an item is shown.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param kind the kind of signal
 * @param contribution the sum of the positive contributions of its players
 * @param share its fraction of all positive contributions, in (0, 1]
 */
public record SignalShare(SignalKind kind, double contribution, double share) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if the contribution is not positive or the share is not in
     *     (0, 1]
     */
    public SignalShare {
        Objects.requireNonNull(kind, "kind");
        if (!(contribution > 0) || !Double.isFinite(contribution)) {
            throw new IllegalArgumentException("contribution of " + kind + " must be positive, was " + contribution);
        }
        if (!(share > 0 && share <= 1 + 1e-12)) {
            throw new IllegalArgumentException("share of " + kind + " must be in (0, 1], was " + share);
        }
    }
}
