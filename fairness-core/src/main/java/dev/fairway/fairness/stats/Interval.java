package dev.fairway.fairness.stats;

/**
 * A two-sided confidence interval {@code [lower, upper]}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lower the lower bound
 * @param upper the upper bound, at least {@code lower}
 */
public record Interval(double lower, double upper) {

    /**
     * Validates the bounds.
     *
     * @param lower the lower bound
     * @param upper the upper bound
     * @throws IllegalArgumentException if a bound is NaN or {@code lower > upper}
     */
    public Interval {
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
            throw new IllegalArgumentException("an interval needs lower <= upper, got [" + lower + ", " + upper + "]");
        }
    }

    /**
     * Creates an interval.
     *
     * @param lower the lower bound
     * @param upper the upper bound
     * @return the interval
     * @throws IllegalArgumentException if a bound is NaN or {@code lower > upper}
     */
    public static Interval of(double lower, double upper) {
        return new Interval(lower, upper);
    }

    /**
     * Returns whether the interval contains a value (bounds included).
     *
     * @param value the value
     * @return true if {@code lower <= value <= upper}
     */
    public boolean contains(double value) {
        return lower <= value && value <= upper;
    }

    /**
     * Returns the width, {@code upper - lower}.
     *
     * @return the width
     */
    public double width() {
        return upper - lower;
    }
}
