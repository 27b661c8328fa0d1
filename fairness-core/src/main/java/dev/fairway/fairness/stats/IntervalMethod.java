package dev.fairway.fairness.stats;

import java.util.Locale;

/**
 * How an interval is computed.
 *
 * <p>Thread-safe (an enum).
 */
public enum IntervalMethod {
    /** Wilson's score interval of a binomial proportion, from the counts (unweighted rates). */
    WILSON,
    /** The Clopper-Pearson ("exact") interval of a binomial proportion, from beta quantiles. */
    CLOPPER_PEARSON,
    /** The bootstrap percentile interval: quantiles of the replicate values. */
    PERCENTILE,
    /**
     * The basic (reverse percentile) bootstrap interval {@code [2 t - q_hi, 2 t - q_lo]}: it
     * reflects the replicates' bias about the estimate {@code t}, the stated correction for
     * statistics biased upward under resampling such as a between-groups maximum minus minimum.
     */
    BASIC,
    /** Efron's bias-corrected and accelerated bootstrap interval (acceleration by jackknife). */
    BCA;

    /**
     * Returns the snake_case name used in JSON and on the command line.
     *
     * @return the name, such as {@code "clopper_pearson"}
     */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns whether the method resamples (percentile, basic or BCa).
     *
     * @return true for the bootstrap methods
     */
    public boolean bootstrap() {
        return this == PERCENTILE || this == BASIC || this == BCA;
    }
}
