package dev.fairway.fairness.gate;

import dev.fairway.fairness.Reference;
import dev.fairway.fairness.Aggregation;
import dev.fairway.fairness.Disparity;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.FavorableOutcome;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.PrivilegedComparison;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates {@link Rule}s against a {@link FairnessAudit}, with the names of the audit's JSON report
 * ({@code fairway-audit/v1}).
 *
 * <p>Names:
 * <ul>
 *   <li>the named criteria {@code demographic_parity_difference}, {@code demographic_parity_ratio},
 *       {@code equal_opportunity_difference}, {@code equal_opportunity_ratio},
 *       {@code equalized_odds_difference} and {@code equalized_odds_ratio} (the last two take
 *       {@code :worst_case}, the default, or {@code :mean});</li>
 *   <li>{@code <metric>_difference} and {@code <metric>_ratio} for every metric of the report's
 *       {@code by_metric} (for example {@code false_positive_rate_ratio});</li>
 *   <li>a bare metric name such as {@code true_positive_rate} is a per-group bound that holds when
 *       <em>any</em> group's value meets it; the value reported is the group value nearest to
 *       breaking the other way (the largest for {@code >}/{@code >=}, the smallest for
 *       {@code <}/{@code <=}). A bare metric with a method, such as
 *       {@code true_positive_rate@to_reference < 0.8}, means its ratio
 *       ({@code true_positive_rate_ratio@to_reference}).</li>
 * </ul>
 * Methods: {@code between_groups} (the default), {@code to_overall}, and {@code to_reference}, the
 * AIF360 comparison of a reference (privileged) group with all other rows (unprivileged minus or
 * over privileged), which needs {@link #withReference(Map)}. Equalized odds has no
 * {@code to_reference} form; bound its two rates' differences instead.
 *
 * <p>An evaluation says which groups are responsible (the minimum and maximum group for
 * between-groups figures, the furthest group for to-overall figures, the privileged groups for
 * to-reference figures, the matching groups for per-group bounds) and, for an undefined value, why.
 *
 * <p>Immutable and thread-safe.
 */
public final class AuditGate {
    private final FairnessAudit audit;
    private final Map<String, String> reference;

    private AuditGate(FairnessAudit audit, Map<String, String> reference) {
        this.audit = audit;
        this.reference = reference;
    }

    /**
     * Creates a gate over an audit, without a reference group.
     *
     * @param audit the audit
     * @return the gate
     */
    public static AuditGate of(FairnessAudit audit) {
        return new AuditGate(Objects.requireNonNull(audit, "audit"), null);
    }

    /**
     * Returns this gate with a reference group for {@code @to_reference} rules; the same as
     * {@link #withReference(Map)} with the reference's values.
     *
     * @param reference the reference group
     * @return a new gate
     * @throws IllegalArgumentException if it names an unknown column, or matches no group or every group
     */
    public AuditGate withReference(Reference reference) {
        return withReference(Objects.requireNonNull(reference, "reference").values());
    }

    /**
     * Returns this gate with a reference (privileged) group for {@code @to_reference} rules.
     *
     * @param values column name to value (as text)
     * @return a new gate
     * @throws IllegalArgumentException if the reference is empty, names an unknown column, or
     *     matches no group or every group
     */
    public AuditGate withReference(Map<String, String> values) {
        audit.compare(values, FavorableOutcome.POSITIVE); // validates
        return new AuditGate(audit, new LinkedHashMap<>(values));
    }

    /**
     * Checks that a rule names a figure this gate knows, with a method and aggregation that apply
     * to it, without any data: a CLI calls this before reading its input.
     *
     * @param rule the rule
     * @throws IllegalArgumentException naming the rule and what is wrong, with the valid choices
     */
    public static void check(Rule rule) {
        resolve(rule);
    }

    /**
     * Returns the group metrics a rule's figure derives from (selection rate for demographic parity,
     * true and false positive rates for equalized odds, the named metric otherwise), for showing the
     * per-group table behind a value.
     *
     * @param rule the rule
     * @return one or two metrics
     * @throws IllegalArgumentException as {@link #check(Rule)}
     */
    public static List<Metric> metrics(Rule rule) {
        Target t = resolve(rule);
        return t.aggregation != null ? List.of(Metric.TRUE_POSITIVE_RATE, Metric.FALSE_POSITIVE_RATE) : List.of(t.metric);
    }

    /**
     * Says whether a rule is a per-group bound (a bare metric name without a method, such as
     * {@code true_positive_rate >= 0.7}), which {@link #evaluate(Rule)} reads as "any group".
     *
     * @param rule the rule
     * @return true for a per-group bound
     * @throws IllegalArgumentException as {@link #check(Rule)}
     */
    public static boolean perGroup(Rule rule) {
        return resolve(rule).perGroup;
    }

    /**
     * Evaluates a rule.
     *
     * @param rule the rule
     * @return the evaluation
     * @throws IllegalArgumentException if the rule names an unknown figure, or needs a reference
     *     group this gate lacks
     */
    public Evaluation evaluate(Rule rule) {
        Target t = resolve(rule);
        if (t.method == Method.TO_REFERENCE) {
            if (reference == null) {
                throw new IllegalArgumentException("rule '" + rule.text() + "' compares to a reference group; "
                        + "name one (--reference col=value)");
            }
            PrivilegedComparison cmp = audit.compare(reference, FavorableOutcome.POSITIVE);
            double v = t.disparity == Disparity.RATIO ? cmp.ratio(t.metric) : cmp.difference(t.metric);
            String why = null;
            if (Double.isNaN(v)) {
                why = Double.isNaN(cmp.unprivileged(t.metric)) ? "unprivileged rows: " + t.metric.undefinedReason()
                        : Double.isNaN(cmp.privileged(t.metric)) ? "privileged rows: " + t.metric.undefinedReason()
                        : "privileged " + t.metric.jsonName() + " is 0";
            }
            return new Evaluation(rule, v, rule.test(v), why, cmp.privilegedGroups());
        }
        if (t.perGroup) {
            return perGroup(rule, t.metric);
        }
        DisparityMethod m = t.method == Method.TO_OVERALL ? DisparityMethod.TO_OVERALL : DisparityMethod.BETWEEN_GROUPS;
        double v;
        String why;
        List<Group> responsible;
        if (t.aggregation != null) {
            v = t.disparity == Disparity.RATIO ? audit.equalizedOddsRatio(m, t.aggregation)
                    : audit.equalizedOddsDifference(m, t.aggregation);
            String tprWhy = audit.disparityUndefinedReason(Metric.TRUE_POSITIVE_RATE, m, t.disparity);
            String fprWhy = audit.disparityUndefinedReason(Metric.FALSE_POSITIVE_RATE, m, t.disparity);
            why = tprWhy != null ? tprWhy : fprWhy;
            if (tprWhy != null || fprWhy != null) {
                // the undefined component is what a reader must look at
                responsible = responsible(tprWhy != null ? Metric.TRUE_POSITIVE_RATE : Metric.FALSE_POSITIVE_RATE, m,
                        t.disparity);
            } else {
                List<Group> both = new ArrayList<>(responsible(Metric.TRUE_POSITIVE_RATE, m, t.disparity));
                for (Group g : responsible(Metric.FALSE_POSITIVE_RATE, m, t.disparity)) {
                    if (!both.contains(g)) {
                        both.add(g);
                    }
                }
                responsible = both;
            }
        } else {
            v = audit.disparity(t.metric, m, t.disparity);
            why = audit.disparityUndefinedReason(t.metric, m, t.disparity);
            responsible = responsible(t.metric, m, t.disparity);
        }
        if (!Double.isNaN(v)) {
            why = null;
        } else if (why == null) {
            why = "undefined";
        }
        return new Evaluation(rule, v, rule.test(v), why, responsible);
    }

    private Evaluation perGroup(Rule rule, Metric metric) {
        double[] v = audit.byGroup(metric);
        boolean high = rule.operator() == Operator.GREATER || rule.operator() == Operator.GREATER_OR_EQUAL;
        List<Group> matching = new ArrayList<>();
        List<Group> undefined = new ArrayList<>();
        double reported = Double.NaN;
        for (int g = 0; g < v.length; g++) {
            if (Double.isNaN(v[g])) {
                undefined.add(audit.groups().group(g));
                continue;
            }
            if (rule.test(v[g])) {
                matching.add(audit.groups().group(g));
            }
            if (Double.isNaN(reported) || (high ? v[g] > reported : v[g] < reported)) {
                reported = v[g];
            }
        }
        if (!matching.isEmpty()) {
            if (rule.operator() == Operator.EQUAL) {
                reported = rule.bound();
            }
            return new Evaluation(rule, reported, true, null, matching);
        }
        if (!undefined.isEmpty()) {
            return new Evaluation(rule, Double.NaN, false, "group " + undefined.get(0) + ": " + metric.undefinedReason(),
                    undefined);
        }
        return new Evaluation(rule, reported, false, null, List.of());
    }

    /** The groups behind a disparity: the extremes between groups, or the furthest from overall. */
    private List<Group> responsible(Metric metric, DisparityMethod method, Disparity disparity) {
        double[] v = audit.byGroup(metric);
        double o = audit.overall(metric);
        int lo = -1;
        int hi = -1;
        for (int g = 0; g < v.length; g++) {
            if (Double.isNaN(v[g])) {
                return List.of(audit.groups().group(g));
            }
            if (method == DisparityMethod.TO_OVERALL) {
                // distance from overall: the largest |v - o|, or the smallest folded ratio
                double r = v[g] / o;
                v[g] = disparity == Disparity.RATIO ? -(r > 1 ? 1 / r : r) : Math.abs(v[g] - o);
            }
            lo = lo < 0 || v[g] < v[lo] ? g : lo;
            hi = hi < 0 || v[g] > v[hi] ? g : hi;
        }
        if (hi < 0) {
            return List.of();
        }
        if (method == DisparityMethod.TO_OVERALL || lo == hi) {
            return List.of(audit.groups().group(hi));
        }
        return List.of(audit.groups().group(lo), audit.groups().group(hi));
    }

    /** What a rule's name resolves to. */
    private record Target(Metric metric, Disparity disparity, Method method, Aggregation aggregation,
            boolean perGroup) {
    }

    private enum Method {
        BETWEEN_GROUPS, TO_OVERALL, TO_REFERENCE
    }

    private static Target resolve(Rule rule) {
        Objects.requireNonNull(rule, "rule");
        String name = rule.name();
        Method method = method(rule);
        Metric perGroup = metric(name);
        if (perGroup != null) {
            if (rule.aggregation() != null) {
                throw new IllegalArgumentException("rule '" + rule.text() + "': '" + name + "' takes no aggregation");
            }
            if (rule.method() == null) {
                return new Target(perGroup, null, null, null, true);
            }
            return new Target(perGroup, Disparity.RATIO, method, null, false);
        }
        Disparity disparity = name.endsWith("_ratio") ? Disparity.RATIO
                : name.endsWith("_difference") ? Disparity.DIFFERENCE : null;
        String base = disparity == null ? null
                : name.substring(0, name.length() - disparity.jsonName().length() - 1);
        Metric metric = base == null ? null : switch (base) {
            case "demographic_parity" -> Metric.SELECTION_RATE;
            case "equal_opportunity" -> Metric.TRUE_POSITIVE_RATE;
            case "equalized_odds" -> Metric.TRUE_POSITIVE_RATE;
            default -> metric(base);
        };
        if (metric == null) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': unknown name '" + name + "'; use "
                    + "demographic_parity_difference|ratio, equal_opportunity_difference|ratio, "
                    + "equalized_odds_difference|ratio, <metric>_difference|ratio or a metric (" + metricNames() + ")");
        }
        Aggregation aggregation = null;
        if ("equalized_odds".equals(base)) {
            if (method == Method.TO_REFERENCE) {
                throw new IllegalArgumentException("rule '" + rule.text() + "': equalized odds has no to_reference "
                        + "form; bound true_positive_rate_difference@to_reference and "
                        + "false_positive_rate_difference@to_reference instead");
            }
            aggregation = rule.aggregation() == null ? Aggregation.WORST_CASE : aggregation(rule);
        } else if (rule.aggregation() != null) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': only equalized odds takes an aggregation");
        }
        return new Target(metric, disparity, method, aggregation, false);
    }

    private static Method method(Rule rule) {
        if (rule.method() == null) {
            return Method.BETWEEN_GROUPS;
        }
        return switch (rule.method()) {
            case "between_groups" -> Method.BETWEEN_GROUPS;
            case "to_overall" -> Method.TO_OVERALL;
            case "to_reference" -> Method.TO_REFERENCE;
            default -> throw new IllegalArgumentException("rule '" + rule.text() + "': unknown method '" + rule.method()
                    + "'; use between_groups, to_overall or to_reference");
        };
    }

    private static Aggregation aggregation(Rule rule) {
        for (Aggregation a : Aggregation.values()) {
            if (a.jsonName().equals(rule.aggregation())) {
                return a;
            }
        }
        throw new IllegalArgumentException("rule '" + rule.text() + "': unknown aggregation '" + rule.aggregation()
                + "'; use worst_case or mean");
    }

    private static Metric metric(String name) {
        for (Metric m : Metric.values()) {
            if (m.jsonName().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static String metricNames() {
        return String.join(", ", Arrays.stream(Metric.values()).map(Metric::jsonName).toList());
    }

    /**
     * The outcome of one rule against an audit.
     *
     * <p>Immutable and thread-safe.
     *
     * @param rule the rule
     * @param value the figure's value ({@code NaN} when undefined)
     * @param holds whether the rule's condition holds (never for an undefined value)
     * @param undefinedReason why the value is undefined, or {@code null}
     * @param groups the groups responsible for the value (see {@link AuditGate})
     */
    public record Evaluation(Rule rule, double value, boolean holds, String undefinedReason, List<Group> groups) {
        /**
         * Validates and copies.
         *
         * @param rule the rule
         * @param value the value
         * @param holds whether the condition holds
         * @param undefinedReason the reason, or {@code null}
         * @param groups the responsible groups
         */
        public Evaluation {
            Objects.requireNonNull(rule, "rule");
            groups = List.copyOf(groups);
        }

        /**
         * Returns whether the value is defined.
         *
         * @return false when the value is {@code NaN}
         */
        public boolean defined() {
            return !Double.isNaN(value);
        }

        /**
         * Returns one line: the rule, the value and the groups, as {@code fairway audit} prints a
         * violated gate.
         *
         * @return the line
         */
        @Override
        public String toString() {
            String v = defined() ? String.format(Locale.ROOT, "%.6g", value) : "undefined (" + undefinedReason + ")";
            return rule.text() + ": value " + v + (groups.isEmpty() ? "" : ", groups " + groups);
        }
    }
}
