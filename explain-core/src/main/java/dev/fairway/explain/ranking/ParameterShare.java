package dev.fairway.explain.ranking;

import java.util.Objects;

/**
 * One main parameter of a recommender: its mean absolute attribution over the requests seen and
 * its share of the total.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param parameter the player name
 * @param meanAbsolute {@code (1/n) Σ |φ|} over the requests
 * @param share {@code meanAbsolute / Σ meanAbsolute}, 0 when every attribution was zero
 */
public record ParameterShare(String parameter, double meanAbsolute, double share) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if a number is negative or the share exceeds 1
     */
    public ParameterShare {
        Objects.requireNonNull(parameter, "parameter");
        if (!(meanAbsolute >= 0) || !(share >= 0 && share <= 1 + 1e-12)) {
            throw new IllegalArgumentException("parameter " + parameter + " needs meanAbsolute >= 0 and share in [0, 1]");
        }
    }
}
