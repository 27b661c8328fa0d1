package dev.fairway.fairness.assertions;

import dev.fairway.fairness.Reference;
import dev.fairway.fairness.Aggregation;
import dev.fairway.fairness.Disparity;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.gate.AuditGate;
import dev.fairway.fairness.gate.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Assertions on one {@link FairnessAudit}: the named criteria, any metric's difference or ratio, one
 * group's rates, and rules in the gate grammar. Settings ({@link #using}, {@link #excludingGroupsSmallerThan},
 * {@link #allowingUndefined}, {@link #withReference}) return a new object and apply to what follows.
 *
 * <pre>{@code
 * assertThat(audit).excludingGroupsSmallerThan(30).demographicParityRatio().isAtLeast(0.8);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AuditAssert {
    private final FairnessAudit audit;
    private final DisparityMethod method;
    private final long minGroupSize;
    private final boolean allowUndefined;
    private final Map<String, String> reference;

    private AuditAssert(FairnessAudit audit, DisparityMethod method, long minGroupSize, boolean allowUndefined,
            Map<String, String> reference) {
        this.audit = audit;
        this.method = method;
        this.minGroupSize = minGroupSize;
        this.allowUndefined = allowUndefined;
        this.reference = reference;
    }

    static AuditAssert of(FairnessAudit audit) {
        return new AuditAssert(Objects.requireNonNull(audit, "audit"), DisparityMethod.BETWEEN_GROUPS, 0, false, null);
    }

    /**
     * Compares groups by this method from now on (the default is {@link DisparityMethod#BETWEEN_GROUPS}).
     *
     * @param disparityMethod the method
     * @return a new assertion object
     */
    public AuditAssert using(DisparityMethod disparityMethod) {
        return new AuditAssert(audit, Objects.requireNonNull(disparityMethod, "disparityMethod"), minGroupSize,
                allowUndefined, reference);
    }

    /**
     * Leaves groups with fewer rows out of every disparity, group and rule that follows (overall values
     * are then over the other groups' rows); failure messages name the groups left out.
     *
     * @param rows the minimum number of rows a group needs to count
     * @return a new assertion object
     * @throws IllegalArgumentException if {@code rows} is negative
     */
    public AuditAssert excludingGroupsSmallerThan(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        return new AuditAssert(audit, method, rows, allowUndefined, reference);
    }

    /**
     * Lets an undefined value pass every bound that follows (by default it fails).
     *
     * @return a new assertion object
     */
    public AuditAssert allowingUndefined() {
        return new AuditAssert(audit, method, minGroupSize, true, reference);
    }

    /**
     * Names the reference (privileged) group for {@code @to_reference} rules; the same as
     * {@link #withReference(Map)} with the reference's values.
     *
     * @param reference the reference group
     * @return a new assertion object
     * @throws IllegalArgumentException if the reference matches no group or every group
     */
    public AuditAssert withReference(Reference reference) {
        return withReference(Objects.requireNonNull(reference, "reference").values());
    }

    /**
     * Names the reference (privileged) group for {@code @to_reference} rules in {@link #passes(String)}.
     *
     * @param values column name to value (as text)
     * @return a new assertion object
     * @throws IllegalArgumentException if the reference matches no group or every group
     */
    public AuditAssert withReference(Map<String, String> values) {
        AuditGate.of(audit).withReference(values); // validates
        return new AuditAssert(audit, method, minGroupSize, allowUndefined, new LinkedHashMap<>(values));
    }

    boolean allowUndefined() {
        return allowUndefined;
    }

    /** The audit over the groups that count. */
    private FairnessAudit compared() {
        if (minGroupSize == 0) {
            return audit;
        }
        for (int g = 0; g < audit.groups().size(); g++) {
            if (audit.counts().count(g) >= minGroupSize) {
                return FairnessAudit.of(audit.counts().retain(k -> audit.counts().count(k) >= minGroupSize),
                        audit.zeroDivision());
            }
        }
        throw new AssertionError("every group has fewer than " + minGroupSize + " rows; nothing left to assert on"
                + System.lineSeparator() + GroupTable.of(audit, List.of(Metric.SELECTION_RATE), -1));
    }

    /** The line naming the groups left out, or empty. */
    private String excludedNote() {
        StringBuilder sb = new StringBuilder();
        for (int g = 0; g < audit.groups().size(); g++) {
            long n = audit.counts().count(g);
            if (n < minGroupSize) {
                sb.append(sb.length() == 0 ? "" : ", ").append(audit.groups().group(g)).append(" (").append(n)
                        .append(n == 1 ? " row)" : " rows)");
            }
        }
        return sb.length() == 0 ? "" : System.lineSeparator() + "left out, fewer than " + minGroupSize + " rows: " + sb;
    }

    private String table(FairnessAudit a, List<Metric> metrics) {
        StringBuilder head = new StringBuilder();
        for (Metric m : metrics) {
            head.append(head.length() == 0 ? "" : " and ").append(m.jsonName());
        }
        return head + " by group:" + System.lineSeparator() + GroupTable.of(a, metrics, -1) + excludedNote();
    }

    /**
     * Fairlearn's demographic parity difference (of selection rates).
     *
     * @return bounds on it
     */
    public ValueAssert demographicParityDifference() {
        return disparity("demographic_parity_difference", Metric.SELECTION_RATE, Disparity.DIFFERENCE);
    }

    /**
     * Fairlearn's demographic parity ratio (of selection rates).
     *
     * @return bounds on it
     */
    public ValueAssert demographicParityRatio() {
        return disparity("demographic_parity_ratio", Metric.SELECTION_RATE, Disparity.RATIO);
    }

    /**
     * The equal opportunity difference (of true positive rates).
     *
     * @return bounds on it
     */
    public ValueAssert equalOpportunityDifference() {
        return disparity("equal_opportunity_difference", Metric.TRUE_POSITIVE_RATE, Disparity.DIFFERENCE);
    }

    /**
     * The equal opportunity ratio (of true positive rates).
     *
     * @return bounds on it
     */
    public ValueAssert equalOpportunityRatio() {
        return disparity("equal_opportunity_ratio", Metric.TRUE_POSITIVE_RATE, Disparity.RATIO);
    }

    /**
     * Any metric's difference across groups.
     *
     * @param metric the metric
     * @return bounds on it
     */
    public ValueAssert difference(Metric metric) {
        return disparity(metric.jsonName() + "_difference", metric, Disparity.DIFFERENCE);
    }

    /**
     * Any metric's ratio across groups.
     *
     * @param metric the metric
     * @return bounds on it
     */
    public ValueAssert ratio(Metric metric) {
        return disparity(metric.jsonName() + "_ratio", metric, Disparity.RATIO);
    }

    private ValueAssert disparity(String name, Metric metric, Disparity d) {
        FairnessAudit a = compared();
        return new ValueAssert(name + " (" + method.jsonName() + ")", a.disparity(metric, method, d),
                a.disparityUndefinedReason(metric, method, d), allowUndefined, () -> table(a, List.of(metric)));
    }

    /**
     * Fairlearn's equalized odds difference: the differences of true and of false positive rates,
     * combined by their maximum ({@link Aggregation#WORST_CASE}) or mean.
     *
     * @param aggregation how the two differences combine
     * @return bounds on it
     */
    public ValueAssert equalizedOddsDifference(Aggregation aggregation) {
        return equalizedOdds(Disparity.DIFFERENCE, aggregation);
    }

    /**
     * Fairlearn's equalized odds ratio: the ratios of true and of false positive rates, combined by
     * their minimum ({@link Aggregation#WORST_CASE}) or mean.
     *
     * @param aggregation how the two ratios combine
     * @return bounds on it
     */
    public ValueAssert equalizedOddsRatio(Aggregation aggregation) {
        return equalizedOdds(Disparity.RATIO, aggregation);
    }

    private ValueAssert equalizedOdds(Disparity d, Aggregation aggregation) {
        Objects.requireNonNull(aggregation, "aggregation");
        FairnessAudit a = compared();
        double v = d == Disparity.RATIO ? a.equalizedOddsRatio(method, aggregation)
                : a.equalizedOddsDifference(method, aggregation);
        String why = a.disparityUndefinedReason(Metric.TRUE_POSITIVE_RATE, method, d);
        if (why == null) {
            why = a.disparityUndefinedReason(Metric.FALSE_POSITIVE_RATE, method, d);
        }
        return new ValueAssert("equalized_odds_" + d.jsonName() + ":" + aggregation.jsonName() + " (" + method.jsonName()
                + ")", v, why, allowUndefined,
                () -> table(a, List.of(Metric.TRUE_POSITIVE_RATE, Metric.FALSE_POSITIVE_RATE)));
    }

    /**
     * One group of a single-column audit, or of one column's marginal in an intersectional audit.
     *
     * @param column a sensitive column
     * @param value the group's value in it (as text)
     * @return assertions on the group's rates
     * @throws AssertionError if no such group has enough rows to count
     * @throws IllegalArgumentException if the column is unknown
     */
    public GroupAssert group(String column, String value) {
        FairnessAudit a = audit.groups().columns().size() == 1 ? audit : audit.marginal(column);
        return groupOf(a, Map.of(column, value));
    }

    /**
     * One group named by its value in every sensitive column.
     *
     * @param values column name to value (as text), every column named
     * @return assertions on the group's rates
     * @throws AssertionError if no such group has enough rows to count
     * @throws IllegalArgumentException if a column is unknown or missing
     */
    public GroupAssert group(Map<String, String> values) {
        return groupOf(audit, values);
    }

    private GroupAssert groupOf(FairnessAudit a, Map<String, String> values) {
        int code;
        try {
            code = a.groups().find(values);
        } catch (IllegalArgumentException e) {
            if (e.getMessage().startsWith("no group")) {
                throw new AssertionError(e.getMessage(), e);
            }
            throw e;
        }
        Group g = a.groups().group(code);
        long n = a.counts().count(code);
        if (n < minGroupSize) {
            throw new AssertionError("group " + g + " has " + n + " rows, fewer than the " + minGroupSize
                    + " this assertion counts");
        }
        FairnessAudit kept = minGroupSize == 0 ? a
                : FairnessAudit.of(a.counts().retain(k -> a.counts().count(k) >= minGroupSize), a.zeroDivision());
        return new GroupAssert(this, kept, kept.groups().groups().indexOf(g));
    }

    /**
     * Asserts that a rule in the gate grammar ({@link Rule}) holds, for example
     * {@code passes("demographic_parity_ratio >= 0.8")} or {@code passes("equalized_odds_difference:mean < 0.1")}.
     * A bare metric name is a bound on <em>every</em> group: {@code passes("true_positive_rate >= 0.7")}
     * fails if any group's rate is below 0.7 (and names those groups).
     *
     * @param rule the rule
     * @return this
     * @throws AssertionError if the condition does not hold, or the value is undefined and not allowed to be
     * @throws IllegalArgumentException if the rule is malformed ({@code RuleSyntaxException}) or names an
     *     unknown figure, or compares to a reference without {@link #withReference}
     */
    public AuditAssert passes(String rule) {
        Rule r = Rule.parse(rule);
        List<Metric> metrics = AuditGate.metrics(r);
        FairnessAudit a = compared();
        String nl = System.lineSeparator();
        if (AuditGate.perGroup(r)) {
            List<String> failing = new ArrayList<>();
            for (int g = 0; g < a.groups().size(); g++) {
                double v = a.value(metrics.get(0), g);
                if (Double.isNaN(v) ? !allowUndefined : !r.test(v)) {
                    failing.add(a.groups().group(g) + " (" + GroupTable.format(v, a.undefinedReason(metrics.get(0), g))
                            + ")");
                }
            }
            if (!failing.isEmpty()) {
                throw new AssertionError("rule '" + r.text() + "' does not hold for every group: "
                        + String.join("; ", failing) + nl + table(a, metrics));
            }
            return this;
        }
        AuditGate gate = AuditGate.of(a);
        if (reference != null) {
            gate = gate.withReference(reference);
        }
        AuditGate.Evaluation e = gate.evaluate(r);
        if (e.holds() || (!e.defined() && allowUndefined)) {
            return this;
        }
        String groups = e.groups().isEmpty() ? "" : "; groups: " + String.join(" | ", e.groups().stream()
                .map(Group::toString).toList());
        String value = e.defined() ? "value " + e.value()
                : "value undefined (" + e.undefinedReason() + "); allowingUndefined() accepts an undefined value";
        throw new AssertionError("rule '" + r.text() + "' does not hold: " + value + groups + nl + table(a, metrics));
    }
}
