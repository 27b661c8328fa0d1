package dev.fairway.fairness.stats;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The replicates of a {@link Bootstrap} run, and the intervals read from them.
 *
 * <p>A replicate in which a statistic is undefined ({@code NaN}, for instance a rate of a group
 * with no positives in that draw) is left out of that statistic's interval and counted by
 * {@link #undefinedReplicates(int)}. Quantiles interpolate linearly between order statistics
 * (Hyndman and Fan's type 7, numpy's default).
 *
 * <p><b>Percentile</b>: the {@code (1-level)/2} and {@code (1+level)/2} quantiles of the replicates.
 * <b>Basic</b>: {@code [2 t - q_hi, 2 t - q_lo]} with {@code t} the estimate and {@code q} those
 * quantiles. <b>BCa</b> (Efron 1987): the same quantiles at adjusted levels
 * {@code Phi(z0 + (z0 + z)/(1 - a (z0 + z)))}, with bias correction {@code z0 = Phi^-1(share of
 * replicates below the estimate, ties counted half)} (the share clamped to
 * {@code [1/(2m), 1 - 1/(2m)]} for {@code m} defined replicates) and acceleration {@code a} from the
 * leave-one-row-out jackknife, computed on counts. Neither interval is claimed to contain the
 * estimate: for a between-groups maximum minus minimum the replicates are biased upward and a
 * percentile interval can lie entirely above it (see {@code docs/statistics.md} for measured
 * coverage).
 *
 * <p>Immutable and thread-safe.
 */
public final class BootstrapResult {
    private static final NormalDistribution NORMAL = NormalDistribution.of(0, 1);

    private final List<AuditStatistic> statistics;
    private final double[] estimates;
    private final double[][] replicates;
    private final double[][] sorted;
    private final double[] acceleration;
    private final long seed;
    private final Bootstrap.Scheme scheme;
    private final boolean weighted;

    BootstrapResult(List<AuditStatistic> statistics, double[] estimates, double[][] replicates, double[] acceleration,
            long seed, Bootstrap.Scheme scheme, boolean weighted) {
        this.statistics = statistics;
        this.estimates = estimates;
        this.replicates = replicates;
        this.acceleration = acceleration;
        this.seed = seed;
        this.scheme = scheme;
        this.weighted = weighted;
        this.sorted = new double[replicates.length][];
        for (int i = 0; i < replicates.length; i++) {
            double[] v = Arrays.stream(replicates[i]).filter(x -> !Double.isNaN(x)).toArray();
            Arrays.sort(v);
            sorted[i] = v;
        }
    }

    /**
     * Returns the statistics, in the order given to {@link Bootstrap#run}.
     *
     * @return the statistics
     */
    public List<AuditStatistic> statistics() {
        return statistics;
    }

    /**
     * Returns the statistic's value on the audit itself.
     *
     * @param statistic the statistic's index
     * @return the estimate
     */
    public double estimate(int statistic) {
        return estimates[statistic];
    }

    /**
     * Returns a copy of the statistic's replicate values, in replicate order.
     *
     * @param statistic the statistic's index
     * @return the values ({@code NaN} where undefined)
     */
    public double[] replicates(int statistic) {
        return replicates[statistic].clone();
    }

    /**
     * Returns how many replicates left the statistic undefined.
     *
     * @param statistic the statistic's index
     * @return the number of {@code NaN} replicates
     */
    public int undefinedReplicates(int statistic) {
        return replicates[statistic].length - sorted[statistic].length;
    }

    /**
     * Returns the jackknife acceleration used by BCa.
     *
     * @param statistic the statistic's index
     * @return the acceleration (0 when the jackknife is undefined or flat)
     */
    public double acceleration(int statistic) {
        return acceleration[statistic];
    }

    /**
     * Returns the number of replicates drawn.
     *
     * @return the replicates
     */
    public int replicateCount() {
        return replicates.length == 0 ? 0 : replicates[0].length;
    }

    /**
     * Returns the seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the resampling scheme.
     *
     * @return the scheme
     */
    public Bootstrap.Scheme scheme() {
        return scheme;
    }

    /**
     * Returns whether the audit was weighted (weighted replicates use the normal approximation of
     * within-cell weight sums, see {@link Bootstrap}).
     *
     * @return true if weighted
     */
    public boolean weighted() {
        return weighted;
    }

    /**
     * Returns the bootstrap interval of a statistic.
     *
     * @param statistic the statistic's index
     * @param method {@link IntervalMethod#PERCENTILE}, {@link IntervalMethod#BASIC} or
     *     {@link IntervalMethod#BCA}
     * @param level the confidence level, strictly between 0 and 1
     * @return the interval, or {@code null} when the estimate is undefined or fewer than two
     *     replicates are defined
     * @throws IllegalArgumentException if the method is not a bootstrap method
     */
    public Interval interval(int statistic, IntervalMethod method, double level) {
        Objects.requireNonNull(method, "method");
        RateIntervals.checkLevel(level);
        if (!method.bootstrap()) {
            throw new IllegalArgumentException(method.jsonName() + " is not a bootstrap method");
        }
        double[] v = sorted[statistic];
        double theta = estimates[statistic];
        if (v.length < 2 || Double.isNaN(theta)) {
            return null;
        }
        double lo = (1 - level) / 2;
        double hi = (1 + level) / 2;
        if (method == IntervalMethod.BCA) {
            int below = 0;
            int ties = 0;
            for (double x : v) {
                if (x < theta) {
                    below++;
                } else if (x == theta) {
                    ties++;
                }
            }
            double share = (below + 0.5 * ties) / v.length;
            double clamp = 0.5 / v.length;
            share = Math.min(1 - clamp, Math.max(clamp, share));
            double z0 = NORMAL.inverseCumulativeProbability(share);
            double a = acceleration[statistic];
            lo = adjusted(z0, a, NORMAL.inverseCumulativeProbability(lo));
            hi = adjusted(z0, a, NORMAL.inverseCumulativeProbability(hi));
        }
        if (method == IntervalMethod.BASIC) {
            return Interval.of(2 * theta - quantile(v, hi), 2 * theta - quantile(v, lo));
        }
        return Interval.of(quantile(v, lo), quantile(v, hi));
    }

    private static double adjusted(double z0, double a, double z) {
        double t = z0 + z;
        if (1 - a * t <= 0) {
            return t > 0 ? 1.0 : 0.0;
        }
        return NORMAL.cumulativeProbability(z0 + t / (1 - a * t));
    }

    /** Type 7 quantile of sorted values. */
    static double quantile(double[] sortedValues, double q) {
        double h = (sortedValues.length - 1) * q;
        int i = (int) Math.floor(h);
        if (i >= sortedValues.length - 1) {
            return sortedValues[sortedValues.length - 1];
        }
        if (i < 0) {
            return sortedValues[0];
        }
        return sortedValues[i] + (h - i) * (sortedValues[i + 1] - sortedValues[i]);
    }
}
