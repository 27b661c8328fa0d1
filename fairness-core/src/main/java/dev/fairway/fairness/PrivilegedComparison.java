package dev.fairway.fairness;

import java.util.List;

/**
 * AIF360's privileged/unprivileged comparison: the rows of the privileged groups pooled against
 * all other rows, every rate read with the favourable outcome as the class of interest. Obtain
 * one from {@link FairnessAudit#compare(java.util.function.Predicate, FavorableOutcome)}.
 *
 * <p>Orientation is AIF360's: differences are {@code unprivileged - privileged} and ratios
 * {@code unprivileged / privileged}. Rates use the weighted sums; the inequality indices use the
 * unweighted counts, as AIF360 0.6.1 does. A value whose denominator is empty is {@code NaN}
 * (or 0.0 for rates under {@link ZeroDivision#FAIRLEARN}).
 *
 * <p>Immutable and thread-safe.
 */
public final class PrivilegedComparison {
    /** The outcome of the four-fifths rule. */
    public enum Verdict {
        /** The lower selection rate is at least four fifths of the higher one. */
        PASS,
        /** The lower selection rate is below four fifths of the higher one: adverse impact. */
        FAIL,
        /** A selection rate is undefined, or both are 0. */
        UNDEFINED
    }

    private final List<Group> privilegedGroups;
    private final FavorableOutcome favorable;
    private final ZeroDivision zeroDivision;
    private final Confusion unprivileged;
    private final Confusion privileged;
    private final Confusion unprivilegedCounts;
    private final Confusion privilegedCounts;

    PrivilegedComparison(List<Group> privilegedGroups, FavorableOutcome favorable, ZeroDivision zeroDivision,
            Confusion unprivileged, Confusion privileged, Confusion unprivilegedCounts, Confusion privilegedCounts) {
        this.privilegedGroups = List.copyOf(privilegedGroups);
        this.favorable = favorable;
        this.zeroDivision = zeroDivision;
        this.unprivileged = unprivileged;
        this.privileged = privileged;
        this.unprivilegedCounts = unprivilegedCounts;
        this.privilegedCounts = privilegedCounts;
    }

    /**
     * Returns the groups pooled as privileged.
     *
     * @return the privileged groups
     */
    public List<Group> privilegedGroups() {
        return privilegedGroups;
    }

    /**
     * Returns the favourable outcome the rates are read in.
     *
     * @return the favourable outcome
     */
    public FavorableOutcome favorable() {
        return favorable;
    }

    /**
     * Returns the metric of the privileged rows.
     *
     * @param metric the metric
     * @return its value
     */
    public double privileged(Metric metric) {
        return metric == Metric.COUNT ? privilegedCounts.total() : metric.of(privileged, zeroDivision);
    }

    /**
     * Returns the metric of the unprivileged rows.
     *
     * @param metric the metric
     * @return its value
     */
    public double unprivileged(Metric metric) {
        return metric == Metric.COUNT ? unprivilegedCounts.total() : metric.of(unprivileged, zeroDivision);
    }

    /**
     * Returns the metric over all rows.
     *
     * @param metric the metric
     * @return its value
     */
    public double overall(Metric metric) {
        if (metric == Metric.COUNT) {
            return privilegedCounts.total() + unprivilegedCounts.total();
        }
        Confusion all = new Confusion(privileged.truePositives() + unprivileged.truePositives(),
                privileged.falsePositives() + unprivileged.falsePositives(),
                privileged.trueNegatives() + unprivileged.trueNegatives(),
                privileged.falseNegatives() + unprivileged.falseNegatives());
        return metric.of(all, zeroDivision);
    }

    /**
     * Returns {@code unprivileged - privileged} of a metric.
     *
     * @param metric the metric
     * @return the difference
     */
    public double difference(Metric metric) {
        return unprivileged(metric) - privileged(metric);
    }

    /**
     * Returns {@code unprivileged / privileged} of a metric; {@code NaN} when the privileged
     * value is 0 in the default mode (AIF360 would give infinity or NaN).
     *
     * @param metric the metric
     * @return the ratio
     */
    public double ratio(Metric metric) {
        double p = privileged(metric);
        if (p == 0 && zeroDivision == ZeroDivision.UNDEFINED) {
            return Double.NaN;
        }
        return unprivileged(metric) / p;
    }

    /**
     * Returns the statistical parity difference, {@code SR_unpriv - SR_priv} of the favourable
     * prediction's selection rate.
     *
     * @return the difference
     */
    public double statisticalParityDifference() {
        return difference(Metric.SELECTION_RATE);
    }

    /**
     * Returns the pooled disparate impact (AIF360's {@code disparate_impact}), {@code SR_unpriv /
     * SR_priv} over the pooled unprivileged and privileged rows; the reports call it
     * {@code pooled_disparate_impact} and give it no pass or fail word.
     *
     * @return the ratio
     */
    public double disparateImpact() {
        return ratio(Metric.SELECTION_RATE);
    }

    /**
     * Compares the two pooled selection rates by four fifths: passes when the lower of the
     * unprivileged and privileged rates is at least 80% of the higher. This is not the EEOC
     * four-fifths rule (29 CFR 1607.4(D)), which compares each group with the most-selected group
     * and can fail while this passes; for that use {@link FourFifths}. The reports do not print it.
     *
     * @return the verdict
     */
    public Verdict fourFifthsRule() {
        double u = unprivileged(Metric.SELECTION_RATE);
        double p = privileged(Metric.SELECTION_RATE);
        if (Double.isNaN(u) || Double.isNaN(p) || Math.max(u, p) == 0) {
            return Verdict.UNDEFINED;
        }
        return Math.min(u, p) / Math.max(u, p) >= 0.8 ? Verdict.PASS : Verdict.FAIL;
    }

    /**
     * Returns the equal opportunity difference, {@code TPR_unpriv - TPR_priv}.
     *
     * @return the difference
     */
    public double equalOpportunityDifference() {
        return difference(Metric.TRUE_POSITIVE_RATE);
    }

    /**
     * Returns the average odds difference,
     * {@code ((FPR_unpriv - FPR_priv) + (TPR_unpriv - TPR_priv)) / 2}.
     *
     * @return the difference
     */
    public double averageOddsDifference() {
        return (difference(Metric.FALSE_POSITIVE_RATE) + difference(Metric.TRUE_POSITIVE_RATE)) / 2;
    }

    /**
     * Returns the average absolute odds difference,
     * {@code (|FPR_unpriv - FPR_priv| + |TPR_unpriv - TPR_priv|) / 2}.
     *
     * @return the difference
     */
    public double averageAbsOddsDifference() {
        return (Math.abs(difference(Metric.FALSE_POSITIVE_RATE)) + Math.abs(difference(Metric.TRUE_POSITIVE_RATE))) / 2;
    }

    /**
     * Returns the error rate difference, {@code ERR_unpriv - ERR_priv}.
     *
     * @return the difference
     */
    public double errorRateDifference() {
        return difference(Metric.ERROR_RATE);
    }

    /**
     * Returns the dataset's base rate of the favourable label over all rows (AIF360's
     * {@code base_rate()}).
     *
     * @return the base rate
     */
    public double labelBaseRate() {
        return overall(Metric.BASE_RATE);
    }

    /**
     * Returns the labels' statistical parity difference, {@code BR_unpriv - BR_priv} (AIF360's
     * {@code BinaryLabelDatasetMetric.statistical_parity_difference}).
     *
     * @return the difference
     */
    public double labelStatisticalParityDifference() {
        return difference(Metric.BASE_RATE);
    }

    /**
     * Returns the labels' disparate impact, {@code BR_unpriv / BR_priv}.
     *
     * @return the ratio
     */
    public double labelDisparateImpact() {
        return ratio(Metric.BASE_RATE);
    }

    /**
     * Returns the generalized entropy index of individual benefits over all rows (see
     * {@link FairnessAudit#generalizedEntropyIndex(double, FavorableOutcome)}).
     *
     * @param alpha the index's parameter
     * @return the index
     */
    public double generalizedEntropyIndex(double alpha) {
        Inequality.checkAlpha(alpha);
        return Inequality.individual(alpha, unprivilegedCounts, privilegedCounts);
    }

    /**
     * Returns Theil's index over all rows.
     *
     * @return the index
     */
    public double theilIndex() {
        return generalizedEntropyIndex(1.0);
    }

    /**
     * Returns the between-group generalized entropy index: each row's benefit replaced by the
     * mean benefit of its side (privileged or unprivileged).
     *
     * @param alpha the index's parameter
     * @return the index
     */
    public double betweenGroupGeneralizedEntropyIndex(double alpha) {
        Inequality.checkAlpha(alpha);
        return Inequality.betweenGroups(alpha, unprivilegedCounts, privilegedCounts);
    }

    /**
     * Returns the between-group Theil index.
     *
     * @return the index
     */
    public double betweenGroupTheilIndex() {
        return betweenGroupGeneralizedEntropyIndex(1.0);
    }

    @Override
    public String toString() {
        return "PrivilegedComparison[privileged=" + privilegedGroups + ", favorable=" + favorable + "]";
    }
}
