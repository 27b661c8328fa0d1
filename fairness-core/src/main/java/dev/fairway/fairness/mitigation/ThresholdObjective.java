package dev.fairway.fairness.mitigation;

import java.util.Locale;

/**
 * What a {@link ThresholdOptimizer} maximises.
 *
 * <p>Thread-safe (an enum).
 */
public enum ThresholdObjective {
    /** Accuracy, {@code (TP + TN) / n}. */
    ACCURACY_SCORE,
    /** Balanced accuracy, {@code 0.5 TP / P + 0.5 TN / N}. */
    BALANCED_ACCURACY_SCORE;

    /**
     * Returns the snake_case name (Fairlearn's {@code objective} value).
     *
     * @return the name
     */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds an objective by its JSON name.
     *
     * @param name {@code "accuracy_score"} or {@code "balanced_accuracy_score"}
     * @return the objective
     * @throws IllegalArgumentException if unknown
     */
    public static ThresholdObjective byJsonName(String name) {
        for (ThresholdObjective o : values()) {
            if (o.jsonName().equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + name
                + "'; expected accuracy_score or balanced_accuracy_score");
    }

    /** Fairlearn's METRIC_DICT formulas, in its order of operations. */
    double of(double tp, double fp, double tn, double fn) {
        if (this == ACCURACY_SCORE) {
            return (tp + tn) / (tp + tn + fp + fn);
        }
        return 0.5 * tp / (tp + fn) + 0.5 * tn / (tn + fp);
    }
}
