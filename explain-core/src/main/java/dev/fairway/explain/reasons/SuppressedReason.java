package dev.fairway.explain.reasons;

import java.util.List;
import java.util.Objects;

/**
 * A reason that ranked among the principal reasons but covers a protected attribute or a feature
 * the person's consent withholds: it is left out of the person's notice and kept for the
 * auditor's view only.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param rank the 1-based position among all qualifying reasons
 * @param code the reason code
 * @param impact the adverse contribution it stands for
 * @param cause why it was suppressed
 * @param players the protected or withheld players it covers
 */
public record SuppressedReason(int rank, String code, double impact, Cause cause, List<String> players) {

    /** Why a reason was suppressed. Thread-safety: an enum; immutable. */
    public enum Cause {
        /** It covers a protected attribute, which a notice must never cite. */
        PROTECTED,
        /** It covers a feature the person's consent withholds. */
        WITHHELD
    }

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if the rank is not positive
     */
    public SuppressedReason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(cause, "cause");
        players = List.copyOf(Objects.requireNonNull(players, "players"));
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be positive, was " + rank);
        }
    }
}
