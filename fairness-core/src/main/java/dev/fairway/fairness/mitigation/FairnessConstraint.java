package dev.fairway.fairness.mitigation;

import java.util.Locale;

/**
 * The constraint a {@link ThresholdOptimizer} equalises across groups.
 *
 * <p>Thread-safe (an enum).
 */
public enum FairnessConstraint {
    /** Equal selection rates. */
    DEMOGRAPHIC_PARITY("selection_rate"),
    /** Equal true and false positive rates (with a randomised mixing towards the diagonal). */
    EQUALIZED_ODDS("false_positive_rate"),
    /** Equal true positive rates. */
    TRUE_POSITIVE_RATE_PARITY("true_positive_rate"),
    /** Equal false positive rates. */
    FALSE_POSITIVE_RATE_PARITY("false_positive_rate");

    private final String xMetric;

    FairnessConstraint(String xMetric) {
        this.xMetric = xMetric;
    }

    /**
     * Returns the snake_case name (Fairlearn's {@code constraints} value).
     *
     * @return the name, such as {@code "equalized_odds"}
     */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the metric on the x axis of the trade-off curve (the constrained rate).
     *
     * @return Fairlearn's metric name
     */
    public String xMetric() {
        return xMetric;
    }

    /**
     * Finds a constraint by its JSON name.
     *
     * @param name such as {@code "demographic_parity"}
     * @return the constraint
     * @throws IllegalArgumentException if unknown
     */
    public static FairnessConstraint byJsonName(String name) {
        for (FairnessConstraint c : values()) {
            if (c.jsonName().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown constraint '" + name + "'; expected demographic_parity, "
                + "equalized_odds, true_positive_rate_parity or false_positive_rate_parity");
    }
}
