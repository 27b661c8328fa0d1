package dev.fairway.explain.reasons;

import java.util.List;
import java.util.Objects;

/**
 * A reason that the person's notice cites.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param rank the 1-based position among all qualifying reasons, cited or not
 * @param code the reason code
 * @param messageKey the key of its text
 * @param impact the adverse contribution it stands for (positive, on the attribution's scale)
 * @param players the covered players that contributed to it
 */
public record CitedReason(int rank, String code, String messageKey, double impact, List<String> players) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if the rank is not positive or the impact is not positive
     *     and finite
     */
    public CitedReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(messageKey, "messageKey");
        players = List.copyOf(Objects.requireNonNull(players, "players"));
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be positive, was " + rank);
        }
        if (!(impact > 0) || !Double.isFinite(impact)) {
            throw new IllegalArgumentException("impact of " + code + " must be positive and finite, was " + impact);
        }
    }
}
