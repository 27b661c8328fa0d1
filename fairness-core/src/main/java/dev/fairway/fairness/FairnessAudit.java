package dev.fairway.fairness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Every group metric, disparity and named fairness criterion of one audit, derived from a
 * {@link ConfusionCounts} table.
 *
 * <pre>{@code
 * FairnessAudit audit = FairnessAudit.of(data);
 * double dpd = audit.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS);
 * double eod = audit.equalizedOddsDifference(DisparityMethod.BETWEEN_GROUPS, Aggregation.WORST_CASE);
 * }</pre>
 *
 * <p>Rates use the weighted sums ({@link Metric#COUNT} uses the unweighted counts). Under
 * {@link ZeroDivision#UNDEFINED} a metric whose denominator is empty is {@code NaN} with a reason
 * ({@link #undefinedReason(Metric, int)}), and any disparity over an undefined value is
 * {@code NaN} too ({@link #disparityUndefinedReason(Metric, DisparityMethod, Disparity)}), as is every
 * disparity of an audit with fewer than two groups. Under
 * {@link ZeroDivision#FAIRLEARN} the numbers are Fairlearn 0.12's.
 *
 * <p>Immutable and thread-safe.
 */
public final class FairnessAudit {
    private final ConfusionCounts counts;
    private final ZeroDivision zeroDivision;
    private final Confusion[] weighted;
    private final Confusion[] unweighted;
    private final Confusion overall;
    private final Confusion overallCounts;

    private FairnessAudit(ConfusionCounts counts, ZeroDivision zeroDivision) {
        this.counts = counts;
        this.zeroDivision = zeroDivision;
        int g = counts.groups().size();
        if (g == 0) {
            throw new IllegalArgumentException("cannot audit a table with no groups");
        }
        weighted = new Confusion[g];
        unweighted = new Confusion[g];
        for (int i = 0; i < g; i++) {
            weighted[i] = counts.confusion(i);
            unweighted[i] = counts.unweightedConfusion(i);
        }
        overall = counts.overall();
        overallCounts = counts.overallCounts();
    }

    /**
     * Audits the data with undefined metrics reported as undefined.
     *
     * @param data the audit data
     * @return the audit
     */
    public static FairnessAudit of(AuditData data) {
        return of(ConfusionCounts.of(data), ZeroDivision.UNDEFINED);
    }

    /**
     * Audits the data under a zero-division convention.
     *
     * @param data the audit data
     * @param zeroDivision what an empty denominator gives
     * @return the audit
     */
    public static FairnessAudit of(AuditData data, ZeroDivision zeroDivision) {
        return of(ConfusionCounts.of(data), zeroDivision);
    }

    /**
     * Audits an existing table, for instance one merged from chunks.
     *
     * @param counts the table
     * @param zeroDivision what an empty denominator gives
     * @return the audit
     * @throws IllegalArgumentException if the table has no groups
     */
    public static FairnessAudit of(ConfusionCounts counts, ZeroDivision zeroDivision) {
        return new FairnessAudit(Objects.requireNonNull(counts, "counts"),
                Objects.requireNonNull(zeroDivision, "zeroDivision"));
    }

    /**
     * Returns the table this audit derives from.
     *
     * @return the table
     */
    public ConfusionCounts counts() {
        return counts;
    }

    /**
     * Returns the groups.
     *
     * @return the group index
     */
    public GroupIndex groups() {
        return counts.groups();
    }

    /**
     * Returns the zero-division convention.
     *
     * @return the convention
     */
    public ZeroDivision zeroDivision() {
        return zeroDivision;
    }

    /**
     * Returns the metric over all rows.
     *
     * @param metric the metric
     * @return its value, {@code NaN} when undefined
     */
    public double overall(Metric metric) {
        return metric == Metric.COUNT ? overallCounts.total() : metric.of(overall, zeroDivision);
    }

    /**
     * Returns the metric of one group.
     *
     * @param metric the metric
     * @param group the group code
     * @return its value, {@code NaN} when undefined
     */
    public double value(Metric metric, int group) {
        return metric == Metric.COUNT ? unweighted[group].total() : metric.of(weighted[group], zeroDivision);
    }

    /**
     * Returns the metric of one group, named by value.
     *
     * @param metric the metric
     * @param group the group, as found in {@link GroupIndex#groups()}
     * @return its value, {@code NaN} when undefined
     * @throws IllegalArgumentException if the group does not occur in this audit
     */
    public double value(Metric metric, Group group) {
        Objects.requireNonNull(group, "group");
        int code = groups().groups().indexOf(group);
        if (code < 0) {
            throw new IllegalArgumentException("no group " + group + " in this audit; groups are " + groups().groups());
        }
        return value(metric, code);
    }

    /**
     * Returns the metric of one group, named by its values as text, for example
     * {@code audit.value(Metric.TRUE_POSITIVE_RATE, Map.of("sex", "female"))}.
     *
     * @param metric the metric
     * @param group column name to value (compared with {@code String.valueOf}); every column named
     * @return its value, {@code NaN} when undefined
     * @throws IllegalArgumentException if a column is unknown or missing, or no group matches
     */
    public double value(Metric metric, Map<String, String> group) {
        return value(metric, groups().find(group));
    }

    /**
     * Returns the metric of every group, indexed by group code.
     *
     * @param metric the metric
     * @return a new array of values
     */
    public double[] byGroup(Metric metric) {
        double[] v = new double[weighted.length];
        for (int g = 0; g < v.length; g++) {
            v[g] = value(metric, g);
        }
        return v;
    }

    /**
     * Returns a group's total weight (its row count when unweighted).
     *
     * @param group the group code
     * @return the weight
     */
    public double weight(int group) {
        return weighted[group].total();
    }

    /**
     * Says why a group's metric has an empty denominator, in either zero-division mode (under
     * {@link ZeroDivision#FAIRLEARN} the value is then 0.0 by convention).
     *
     * @param metric the metric
     * @param group the group code
     * @return the reason, or {@code null} if the denominator is not empty
     */
    public String undefinedReason(Metric metric, int group) {
        return Double.isNaN(metric.of(weighted[group], ZeroDivision.UNDEFINED)) ? metric.undefinedReason() : null;
    }

    /**
     * Says why the overall metric has an empty denominator.
     *
     * @param metric the metric
     * @return the reason, or {@code null} if the denominator is not empty
     */
    public String overallUndefinedReason(Metric metric) {
        return Double.isNaN(metric.of(overall, ZeroDivision.UNDEFINED)) ? metric.undefinedReason() : null;
    }

    /**
     * Returns the smallest group value; {@code NaN} if any group's value is undefined (under
     * {@link ZeroDivision#FAIRLEARN}, {@code NaN} values are skipped as pandas does).
     *
     * @param metric the metric
     * @return the minimum
     */
    public double groupMin(Metric metric) {
        return extreme(byGroup(metric), true);
    }

    /**
     * Returns the largest group value, with the same undefined rule as {@link #groupMin}.
     *
     * @param metric the metric
     * @return the maximum
     */
    public double groupMax(Metric metric) {
        return extreme(byGroup(metric), false);
    }

    private double extreme(double[] v, boolean min) {
        double best = Double.NaN;
        for (double x : v) {
            if (Double.isNaN(x)) {
                if (zeroDivision == ZeroDivision.UNDEFINED) {
                    return Double.NaN;
                }
                continue;
            }
            if (Double.isNaN(best) || (min ? x < best : x > best)) {
                best = x;
            }
        }
        return best;
    }

    /**
     * Returns the difference of a metric across groups: {@code max - min} for
     * {@link DisparityMethod#BETWEEN_GROUPS}, {@code max_g |v_g - overall|} for
     * {@link DisparityMethod#TO_OVERALL}. Undefined with fewer than two groups (a disparity needs
     * at least two; see {@link #disparityUndefinedReason}), in either zero-division mode.
     *
     * @param metric the metric
     * @param method how groups are compared
     * @return the difference, {@code NaN} when undefined
     */
    public double difference(Metric metric, DisparityMethod method) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(method, "method");
        if (weighted.length < 2) {
            return Double.NaN;
        }
        if (method == DisparityMethod.BETWEEN_GROUPS) {
            return groupMax(metric) - groupMin(metric);
        }
        double o = overall(metric);
        if (Double.isNaN(o)) {
            return Double.NaN;
        }
        double[] v = byGroup(metric);
        for (int g = 0; g < v.length; g++) {
            v[g] = Math.abs(v[g] - o);
        }
        return extreme(v, false);
    }

    /**
     * Returns the ratio of a metric across groups: {@code min / max} for
     * {@link DisparityMethod#BETWEEN_GROUPS}; for {@link DisparityMethod#TO_OVERALL} the
     * smallest {@code r_g = v_g / overall}, each replaced by {@code 1 / r_g} when above 1.
     * Undefined with fewer than two groups, when a value is undefined, when {@code max} is 0, or
     * (to overall, in the default mode) when the overall value is 0.
     *
     * @param metric the metric
     * @param method how groups are compared
     * @return the ratio, {@code NaN} when undefined
     */
    public double ratio(Metric metric, DisparityMethod method) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(method, "method");
        if (weighted.length < 2) {
            return Double.NaN;
        }
        if (method == DisparityMethod.BETWEEN_GROUPS) {
            return groupMin(metric) / groupMax(metric);
        }
        double o = overall(metric);
        if (Double.isNaN(o) || (o == 0 && zeroDivision == ZeroDivision.UNDEFINED)) {
            return Double.NaN;
        }
        double[] v = byGroup(metric);
        for (int g = 0; g < v.length; g++) {
            double x = v[g] / o;
            v[g] = x > 1 ? 1 / x : x;
        }
        return extreme(v, true);
    }

    /**
     * Returns the difference or the ratio of a metric across groups: {@link #difference} or
     * {@link #ratio}.
     *
     * @param metric the metric
     * @param method how groups are compared
     * @param disparity the difference or the ratio
     * @return the value, {@code NaN} when undefined
     */
    public double disparity(Metric metric, DisparityMethod method, Disparity disparity) {
        return Objects.requireNonNull(disparity, "disparity") == Disparity.RATIO ? ratio(metric, method)
                : difference(metric, method);
    }

    /**
     * Says why a difference or ratio is undefined: {@value FourFifths#ONE_GROUP} with fewer than
     * two groups, else the group or overall value that is undefined, or the zero denominator.
     *
     * @param metric the metric
     * @param method how groups are compared
     * @param disparity the difference or the ratio
     * @return the reason, or {@code null} if the value is defined
     */
    public String disparityUndefinedReason(Metric metric, DisparityMethod method, Disparity disparity) {
        boolean ratio = Objects.requireNonNull(disparity, "disparity") == Disparity.RATIO;
        double value = disparity(metric, method, disparity);
        if (!Double.isNaN(value)) {
            return null;
        }
        if (weighted.length < 2) {
            return FourFifths.ONE_GROUP;
        }
        if (method == DisparityMethod.TO_OVERALL && Double.isNaN(overall(metric))) {
            return "overall " + metric.jsonName() + " is undefined: " + metric.undefinedReason();
        }
        for (int g = 0; g < weighted.length; g++) {
            if (Double.isNaN(value(metric, g))) {
                return "group " + groups().group(g) + ": " + metric.undefinedReason();
            }
        }
        if (ratio && method == DisparityMethod.TO_OVERALL) {
            return "overall " + metric.jsonName() + " is 0";
        }
        return ratio ? "every group's " + metric.jsonName() + " is 0" : "undefined";
    }

    /**
     * Returns Fairlearn's demographic parity difference: the difference of selection rates.
     *
     * @param method how groups are compared
     * @return the difference
     */
    public double demographicParityDifference(DisparityMethod method) {
        return difference(Metric.SELECTION_RATE, method);
    }

    /**
     * Returns Fairlearn's demographic parity ratio: the ratio of selection rates.
     *
     * @param method how groups are compared
     * @return the ratio
     */
    public double demographicParityRatio(DisparityMethod method) {
        return ratio(Metric.SELECTION_RATE, method);
    }

    /**
     * Returns Fairlearn's equal opportunity difference: the difference of true positive rates.
     *
     * @param method how groups are compared
     * @return the difference
     */
    public double equalOpportunityDifference(DisparityMethod method) {
        return difference(Metric.TRUE_POSITIVE_RATE, method);
    }

    /**
     * Returns Fairlearn's equal opportunity ratio: the ratio of true positive rates.
     *
     * @param method how groups are compared
     * @return the ratio
     */
    public double equalOpportunityRatio(DisparityMethod method) {
        return ratio(Metric.TRUE_POSITIVE_RATE, method);
    }

    /**
     * Returns Fairlearn's equalized odds difference: the differences of true positive rates and
     * of false positive rates, combined by their maximum ({@link Aggregation#WORST_CASE}) or mean.
     * {@code NaN} if either component is.
     *
     * @param method how groups are compared
     * @param aggregation how the two components combine
     * @return the difference
     */
    public double equalizedOddsDifference(DisparityMethod method, Aggregation aggregation) {
        Objects.requireNonNull(aggregation, "aggregation");
        double tpr = difference(Metric.TRUE_POSITIVE_RATE, method);
        double fpr = difference(Metric.FALSE_POSITIVE_RATE, method);
        return aggregation == Aggregation.WORST_CASE ? Math.max(tpr, fpr) : (tpr + fpr) / 2;
    }

    /**
     * Returns Fairlearn's equalized odds ratio: the ratios of true positive rates and of false
     * positive rates, combined by their minimum ({@link Aggregation#WORST_CASE}) or mean.
     * {@code NaN} if either component is.
     *
     * @param method how groups are compared
     * @param aggregation how the two components combine
     * @return the ratio
     */
    public double equalizedOddsRatio(DisparityMethod method, Aggregation aggregation) {
        Objects.requireNonNull(aggregation, "aggregation");
        double tpr = ratio(Metric.TRUE_POSITIVE_RATE, method);
        double fpr = ratio(Metric.FALSE_POSITIVE_RATE, method);
        return aggregation == Aggregation.WORST_CASE ? Math.min(tpr, fpr) : (tpr + fpr) / 2;
    }

    /**
     * Returns the audit of one sensitive column's marginal groups, rolled up from this audit's
     * table (no second pass over the rows).
     *
     * @param column a sensitive column
     * @return the marginal audit
     * @throws IllegalArgumentException if the column is unknown
     */
    public FairnessAudit marginal(String column) {
        ConfusionCounts m = counts.marginal(column);
        return m == counts ? this : new FairnessAudit(m, zeroDivision);
    }

    /**
     * Compares a reference (privileged) group with all other rows; the same as
     * {@link #compare(Map, FavorableOutcome)} with the reference's values.
     *
     * @param reference the reference group
     * @param favorable which class is favourable
     * @return the comparison
     * @throws IllegalArgumentException if a column is unknown, or the reference matches no group or every group
     */
    public PrivilegedComparison compare(Reference reference, FavorableOutcome favorable) {
        return compare(Objects.requireNonNull(reference, "reference").values(), favorable);
    }

    /**
     * Compares a reference (privileged) group with all other rows, as AIF360 does: the groups whose
     * values equal the given ones in the named columns are pooled as privileged, all others as
     * unprivileged. Name every column for one intersectional group, or fewer for a broader set.
     *
     * @param reference column name to value (as text, compared with {@code String.valueOf})
     * @param favorable which class is favourable
     * @return the comparison
     * @throws IllegalArgumentException if a column is unknown, the map is empty, or the reference
     *     matches no group or every group
     */
    public PrivilegedComparison compare(Map<String, String> reference, FavorableOutcome favorable) {
        Objects.requireNonNull(reference, "reference");
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("a reference group names at least one column");
        }
        for (String column : reference.keySet()) {
            groups().columnIndex(column);
        }
        Map<String, String> copy = Map.copyOf(reference);
        Predicate<Group> privileged = g -> {
            for (Map.Entry<String, String> e : copy.entrySet()) {
                if (!String.valueOf(g.value(e.getKey())).equals(e.getValue())) {
                    return false;
                }
            }
            return true;
        };
        long matching = groups().groups().stream().filter(privileged).count();
        if (matching == 0) {
            throw new IllegalArgumentException("no group matches the reference " + reference + "; groups are "
                    + groups().groups());
        }
        if (matching == groups().size()) {
            throw new IllegalArgumentException("the reference " + reference
                    + " matches every group; nothing to compare it with");
        }
        return compare(privileged, favorable);
    }

    /**
     * Compares privileged and unprivileged rows as AIF360 does: the groups matching
     * {@code privileged} are pooled into the privileged group, all others into the
     * unprivileged group.
     *
     * @param privileged which groups are privileged (the reference)
     * @param favorable which class is the favourable outcome
     * @return the comparison
     * @throws IllegalArgumentException if no group, or every group, is privileged
     */
    public PrivilegedComparison compare(Predicate<Group> privileged, FavorableOutcome favorable) {
        Objects.requireNonNull(privileged, "privileged");
        Objects.requireNonNull(favorable, "favorable");
        List<Group> priv = new ArrayList<>();
        int[] map = new int[weighted.length];
        for (int g = 0; g < weighted.length; g++) {
            if (privileged.test(groups().group(g))) {
                priv.add(groups().group(g));
                map[g] = 1;
            }
        }
        if (priv.isEmpty() || priv.size() == weighted.length) {
            throw new IllegalArgumentException("the privileged groups must be some but not all of " + groups().groups()
                    + "; privileged: " + priv);
        }
        GroupIndex pooled = new GroupIndex(List.of("privileged"), List.of(List.of(false, true)), new int[][] {{0, 1}});
        ConfusionCounts r = counts.rollUp(map, pooled);
        return new PrivilegedComparison(priv, favorable, zeroDivision,
                favorable.orient(r.confusion(0)), favorable.orient(r.confusion(1)),
                favorable.orient(r.unweightedConfusion(0)), favorable.orient(r.unweightedConfusion(1)));
    }

    /**
     * Returns the generalized entropy index of individual benefits {@code b = 1 + prediction -
     * label} in the favourable orientation (AIF360's definition, over every row, ignoring
     * weights as AIF360 0.6.1 does): {@code 1/(n a (a-1)) sum ((b/mu)^a - 1)}, Theil's index at
     * {@code a = 1}, {@code -1/n sum ln(b/mu)} at {@code a = 0}. Infinite for {@code a <= 0}
     * when some row has benefit 0 (a false negative); {@code NaN} when the mean benefit is 0.
     *
     * @param alpha the index's parameter
     * @param favorable which class is favourable
     * @return the index
     */
    public double generalizedEntropyIndex(double alpha, FavorableOutcome favorable) {
        Inequality.checkAlpha(alpha);
        return Inequality.individual(alpha, favorable.orient(overallCounts));
    }

    /**
     * Returns Theil's index, the generalized entropy index at {@code alpha = 1}.
     *
     * @param favorable which class is favourable
     * @return the index
     */
    public double theilIndex(FavorableOutcome favorable) {
        return generalizedEntropyIndex(1.0, favorable);
    }

    /**
     * Returns the between-group generalized entropy index over this audit's groups: each row's
     * benefit is replaced by its group's mean benefit (unweighted, as in AIF360).
     *
     * @param alpha the index's parameter
     * @param favorable which class is favourable
     * @return the index
     */
    public double betweenGroupGeneralizedEntropyIndex(double alpha, FavorableOutcome favorable) {
        Inequality.checkAlpha(alpha);
        Confusion[] oriented = new Confusion[unweighted.length];
        for (int g = 0; g < oriented.length; g++) {
            oriented[g] = favorable.orient(unweighted[g]);
        }
        return Inequality.betweenGroups(alpha, oriented);
    }

    /**
     * Returns the between-group Theil index over this audit's groups.
     *
     * @param favorable which class is favourable
     * @return the index
     */
    public double betweenGroupTheilIndex(FavorableOutcome favorable) {
        return betweenGroupGeneralizedEntropyIndex(1.0, favorable);
    }

    /**
     * Returns a summary line and the per-group table (count, selection rate, true and false positive
     * rates, with the smallest and largest value of each marked), so that a failed assertion that
     * prints the audit shows the numbers behind it.
     *
     * @return the summary and table
     */
    @Override
    public String toString() {
        Metric[] cols = {Metric.SELECTION_RATE, Metric.TRUE_POSITIVE_RATE, Metric.FALSE_POSITIVE_RATE};
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append("FairnessAudit[").append(groups().columns()).append(", ").append(groups().size()).append(" groups, ")
                .append(counts.rows()).append(" rows, ").append(zeroDivision).append(']').append(nl);
        int width = "group".length();
        for (Group g : groups().groups()) {
            width = Math.max(width, g.toString().length());
        }
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %10s", "group", "count"));
        for (Metric m : cols) {
            sb.append(String.format(Locale.ROOT, " %22s", m.jsonName()));
        }
        sb.append(nl);
        for (int g = 0; g < groups().size(); g++) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %10d", groups().group(g), (long) value(Metric.COUNT, g)));
            for (Metric m : cols) {
                double v = value(m, g);
                String mark = Double.isNaN(v) ? "" : v == groupMin(m) ? " (min)" : v == groupMax(m) ? " (max)" : "";
                sb.append(String.format(Locale.ROOT, " %22s", (Double.isNaN(v) ? "undefined"
                        : String.format(Locale.ROOT, "%.6f", v)) + mark));
            }
            sb.append(nl);
        }
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %10d", "overall", (long) overall(Metric.COUNT)));
        for (Metric m : cols) {
            double v = overall(m);
            sb.append(String.format(Locale.ROOT, " %22s", Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.6f", v)));
        }
        return sb.toString();
    }
}
