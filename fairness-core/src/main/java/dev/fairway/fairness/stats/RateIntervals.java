package dev.fairway.fairness.stats;

import dev.fairway.fairness.Confusion;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import java.util.Objects;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Closed-form confidence intervals of a binomial proportion {@code k / n}: Wilson's score interval
 * (the default for unweighted rates) and the Clopper-Pearson interval.
 *
 * <p>With {@code z} the standard normal quantile at {@code 1 - (1 - level) / 2}, Wilson's interval
 * is {@code (k + z^2/2) / (n + z^2) +- z / (n + z^2) * sqrt(k (n - k) / n + z^2 / 4)}; Clopper-Pearson's
 * bounds are the beta quantiles {@code B(alpha/2; k, n - k + 1)} (0 when {@code k = 0}) and
 * {@code B(1 - alpha/2; k + 1, n - k)} (1 when {@code k = n}). A rate of a group's confusion matrix
 * is such a proportion when it is a cell sum over a cell sum ({@link #isProportion(Metric)}):
 * every rate except balanced accuracy and F1. Both need counts, so they are offered for
 * unweighted audits only; use {@link Bootstrap} for weighted ones.
 *
 * <p>Stateless and thread-safe.
 */
public final class RateIntervals {
    private RateIntervals() {
    }

    /**
     * Wilson's score interval of {@code successes / trials}.
     *
     * @param successes the number of successes, {@code 0 <= successes <= trials}
     * @param trials the number of trials, at least 1
     * @param level the confidence level, strictly between 0 and 1 (such as 0.95)
     * @return the interval, within [0, 1]
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Interval wilson(long successes, long trials, double level) {
        check(successes, trials, level);
        double z = NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - level) / 2);
        double n = trials;
        double k = successes;
        double z2 = z * z;
        double center = (k + z2 / 2) / (n + z2);
        double half = z / (n + z2) * Math.sqrt(k * (n - k) / n + z2 / 4);
        double lo = successes == 0 ? 0.0 : Math.max(0.0, center - half);
        double hi = successes == trials ? 1.0 : Math.min(1.0, center + half);
        return Interval.of(lo, hi);
    }

    /**
     * The Clopper-Pearson ("exact") interval of {@code successes / trials}.
     *
     * @param successes the number of successes, {@code 0 <= successes <= trials}
     * @param trials the number of trials, at least 1
     * @param level the confidence level, strictly between 0 and 1
     * @return the interval, within [0, 1]
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Interval clopperPearson(long successes, long trials, double level) {
        check(successes, trials, level);
        double alpha = 1 - level;
        double lo = successes == 0 ? 0.0
                : BetaDistribution.of(successes, (double) (trials - successes) + 1).inverseCumulativeProbability(alpha / 2);
        double hi = successes == trials ? 1.0
                : BetaDistribution.of((double) successes + 1, trials - successes).inverseSurvivalProbability(alpha / 2);
        return Interval.of(lo, hi);
    }

    /**
     * Returns whether a metric is a binomial proportion of the confusion cells (a cell sum over a
     * cell sum), so that {@link #wilson} and {@link #clopperPearson} apply.
     *
     * @param metric the metric
     * @return false for count, balanced accuracy and F1
     */
    public static boolean isProportion(Metric metric) {
        return switch (Objects.requireNonNull(metric, "metric")) {
            case COUNT, BALANCED_ACCURACY, F1_SCORE -> false;
            default -> true;
        };
    }

    /**
     * The closed-form interval of one group's rate, from the group's unweighted counts.
     *
     * @param audit an unweighted audit
     * @param metric a proportion ({@link #isProportion(Metric)})
     * @param group the group code
     * @param method {@link IntervalMethod#WILSON} or {@link IntervalMethod#CLOPPER_PEARSON}
     * @param level the confidence level
     * @return the interval, or {@code null} when the rate's denominator is empty
     * @throws IllegalArgumentException if the audit is weighted, the metric is not a proportion,
     *     or the method is a bootstrap method
     */
    public static Interval of(FairnessAudit audit, Metric metric, int group, IntervalMethod method, double level) {
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(method, "method");
        if (audit.counts().weighted()) {
            throw new IllegalArgumentException(method.jsonName() + " intervals need unweighted counts; "
                    + "use a bootstrap interval for weighted data");
        }
        if (!isProportion(metric)) {
            throw new IllegalArgumentException(metric.jsonName() + " is not a proportion of counts; use a bootstrap interval");
        }
        long[] kn = fraction(audit.counts().unweightedConfusion(group), metric);
        if (kn[1] == 0) {
            return null;
        }
        return switch (method) {
            case WILSON -> wilson(kn[0], kn[1], level);
            case CLOPPER_PEARSON -> clopperPearson(kn[0], kn[1], level);
            default -> throw new IllegalArgumentException(method.jsonName() + " is not a closed-form method");
        };
    }

    /** Numerator and denominator counts of a proportion metric. */
    static long[] fraction(Confusion c, Metric metric) {
        long tp = (long) c.truePositives();
        long fp = (long) c.falsePositives();
        long tn = (long) c.trueNegatives();
        long fn = (long) c.falseNegatives();
        long n = tp + fp + tn + fn;
        return switch (metric) {
            case SELECTION_RATE -> new long[] {tp + fp, n};
            case BASE_RATE -> new long[] {tp + fn, n};
            case TRUE_POSITIVE_RATE -> new long[] {tp, tp + fn};
            case FALSE_POSITIVE_RATE -> new long[] {fp, fp + tn};
            case TRUE_NEGATIVE_RATE -> new long[] {tn, tn + fp};
            case FALSE_NEGATIVE_RATE -> new long[] {fn, fn + tp};
            case PRECISION -> new long[] {tp, tp + fp};
            case NEGATIVE_PREDICTIVE_VALUE -> new long[] {tn, tn + fn};
            case FALSE_DISCOVERY_RATE -> new long[] {fp, tp + fp};
            case FALSE_OMISSION_RATE -> new long[] {fn, tn + fn};
            case ACCURACY -> new long[] {tp + tn, n};
            case ERROR_RATE -> new long[] {fp + fn, n};
            default -> throw new IllegalArgumentException(metric.jsonName() + " is not a proportion of counts");
        };
    }

    private static void check(long successes, long trials, double level) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials >= 1, got " + successes + " of "
                    + trials);
        }
        checkLevel(level);
    }

    static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be strictly between 0 and 1, got " + level);
        }
    }
}
