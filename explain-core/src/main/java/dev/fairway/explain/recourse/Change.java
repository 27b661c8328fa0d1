package dev.fairway.explain.recourse;

import java.util.Objects;

/**
 * One feature's change in a counterfactual.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param feature the feature name
 * @param from the person's value
 * @param to the suggested value
 */
public record Change(String feature, double from, double to) {

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if a value is not finite
     */
    public Change {
        Objects.requireNonNull(feature, "feature");
        if (!Double.isFinite(from) || !Double.isFinite(to)) {
            throw new IllegalArgumentException("change of '" + feature + "' must be finite, was " + from + " -> " + to);
        }
    }
}
