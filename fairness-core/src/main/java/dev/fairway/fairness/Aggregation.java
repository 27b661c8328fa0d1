package dev.fairway.fairness;

/**
 * How equalized odds combines its two component disparities (true positive rate and false
 * positive rate), with Fairlearn's names and semantics.
 *
 * <p>Thread-safe (an enum).
 */
public enum Aggregation {
    /** The worse of the two: the larger difference, or the smaller ratio. */
    WORST_CASE("worst_case"),
    /** The arithmetic mean of the two. */
    MEAN("mean");

    private final String jsonName;

    Aggregation(String jsonName) {
        this.jsonName = jsonName;
    }

    /**
     * Returns Fairlearn's name for the aggregation, as used in JSON reports.
     *
     * @return the snake_case name
     */
    public String jsonName() {
        return jsonName;
    }
}
