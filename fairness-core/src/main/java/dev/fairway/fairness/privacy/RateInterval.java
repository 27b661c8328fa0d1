package dev.fairway.fairness.privacy;

/**
 * A released rate with its 95% interval, which covers both the noise added for privacy and the
 * sampling error of the group's people.
 *
 * <p>Immutable and thread-safe.
 *
 * @param estimate the rate computed from the released counts
 * @param low the lower end, at least 0
 * @param high the upper end, at most 1
 * @param samplingSd the binomial standard error {@code sqrt(r (1 - r) / N)}
 * @param noiseSd the standard deviation the noise adds to the rate (delta method)
 */
public record RateInterval(double estimate, double low, double high, double samplingSd, double noiseSd) {

    /**
     * Validates the order of the ends.
     *
     * @throws IllegalArgumentException if low exceeds high
     */
    public RateInterval {
        if (low > high) {
            throw new IllegalArgumentException("low " + low + " exceeds high " + high);
        }
    }

    /**
     * Creates an interval.
     *
     * @param estimate the rate
     * @param low the lower end
     * @param high the upper end
     * @param samplingSd the sampling standard error
     * @param noiseSd the noise standard deviation
     * @return the interval
     */
    public static RateInterval of(double estimate, double low, double high, double samplingSd, double noiseSd) {
        return new RateInterval(estimate, low, high, samplingSd, noiseSd);
    }
}
