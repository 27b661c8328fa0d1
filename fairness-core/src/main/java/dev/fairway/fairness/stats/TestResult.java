package dev.fairway.fairness.stats;

/**
 * The outcome of one hypothesis test.
 *
 * <p>Immutable and thread-safe.
 *
 * @param test the test's name, such as {@code "chi_square"}
 * @param statistic the test statistic ({@code NaN} when the test is undefined, e.g. a column of
 *     the table is empty)
 * @param degreesOfFreedom the degrees of freedom (0 for exact tests)
 * @param pValue the two-sided p-value ({@code NaN} when undefined)
 */
public record TestResult(String test, double statistic, int degreesOfFreedom, double pValue) {

    /**
     * Creates a result.
     *
     * @param test the test's name
     * @param statistic the statistic
     * @param degreesOfFreedom the degrees of freedom
     * @param pValue the p-value
     * @return the result
     */
    public static TestResult of(String test, double statistic, int degreesOfFreedom, double pValue) {
        return new TestResult(test, statistic, degreesOfFreedom, pValue);
    }
}
