package dev.fairway.fairness;

/**
 * How two group values of a metric are set against each other: by their difference or by their
 * ratio (see {@link FairnessAudit#difference} and {@link FairnessAudit#ratio}).
 *
 * <p>Thread-safe (an enum).
 */
public enum Disparity {
    /** The difference of the values. */
    DIFFERENCE("difference"),
    /** The ratio of the values. */
    RATIO("ratio");

    private final String jsonName;

    Disparity(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * Returns the name used in JSON reports and gate rules ({@code difference} or {@code ratio}).
     *
     * @return the snake_case name
     */
    public String jsonName() {
        return jsonName;
    }
}
