package dev.fairway.explain.recourse;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a person can do about one feature: whether it can change at all, in which direction,
 * within which bounds, in which steps, and (for a categorical feature coded as numbers) which
 * transitions between values are allowed.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param feature the feature name
 * @param mutable whether the feature can change at all
 * @param direction the allowed direction of change
 * @param lower the smallest value allowed (may be {@code -Infinity})
 * @param upper the largest value allowed (may be {@code +Infinity})
 * @param step the grid of changes, {@code x + k·step}; 0 for a continuous feature
 * @param transitions for a categorical feature, current value to the values it may move to; empty
 *     for a numeric feature. A categorical feature ignores direction, bounds and step.
 */
public record FeatureAction(String feature, boolean mutable, ActionDirection direction, double lower, double upper,
        double step, Map<Double, Set<Double>> transitions) {

    /**
     * Validates and copies the record.
     *
     * @throws IllegalArgumentException if the name is blank, the bounds are NaN or crossed, or the
     *     step is negative or not finite
     */
    public FeatureAction {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(transitions, "transitions");
        if (feature.isBlank()) {
            throw new IllegalArgumentException("feature is blank");
        }
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("bounds of '" + feature + "' must satisfy lower <= upper, were ["
                    + lower + ", " + upper + "]");
        }
        if (!(step >= 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("step of '" + feature + "' must be finite and >= 0, was " + step);
        }
        Map<Double, Set<Double>> copy = new HashMap<>();
        for (Map.Entry<Double, Set<Double>> e : transitions.entrySet()) {
            copy.put(Objects.requireNonNull(e.getKey(), "transition source"), Set.copyOf(e.getValue()));
        }
        transitions = Map.copyOf(copy);
    }

    /**
     * A feature nobody can change (age group, a protected attribute, a withheld feature).
     *
     * @param feature the name
     * @return the action
     */
    public static FeatureAction immutable(String feature) {
        return new FeatureAction(feature, false, ActionDirection.ANY, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, 0, Map.of());
    }

    /**
     * A numeric feature that can move within bounds.
     *
     * @param feature the name
     * @param direction the allowed direction
     * @param lower the smallest value
     * @param upper the largest value
     * @param step the step, 0 for continuous
     * @return the action
     */
    public static FeatureAction numeric(String feature, ActionDirection direction, double lower, double upper,
            double step) {
        return new FeatureAction(feature, true, direction, lower, upper, step, Map.of());
    }

    /**
     * A categorical feature with allowed transitions.
     *
     * @param feature the name
     * @param transitions current value to allowed new values
     * @return the action
     */
    public static FeatureAction categorical(String feature, Map<Double, Set<Double>> transitions) {
        return new FeatureAction(feature, true, ActionDirection.ANY, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, 0, transitions);
    }

    boolean categorical() {
        return !transitions.isEmpty();
    }

    /** The interval a numeric feature at value x may move to: {lo, hi}. */
    double[] range(double x) {
        double lo = direction == ActionDirection.INCREASE ? Math.max(lower, x) : lower;
        double hi = direction == ActionDirection.DECREASE ? Math.min(upper, x) : upper;
        return new double[] {Math.min(lo, x), Math.max(hi, x)};
    }
}
