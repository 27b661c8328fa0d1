package dev.fairway.fairness;

import dev.fairway.fairness.stats.AuditIntervals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fairness audit rendered as JSON ({@code fairway-audit/v1}) or as text, as {@code fairway
 * audit} prints it.
 *
 * <p>The JSON carries the row count, the sensitive columns, the zero-division mode, every metric
 * overall and per group (with count and total weight), the named Fairlearn criteria for each
 * disparity method, the difference and ratio of every metric, the inequality indices, the
 * marginal audit of each column when several are crossed, and with a reference group the AIF360
 * comparison ({@code to_reference}, unprivileged minus or over privileged). An undefined number
 * is {@code null} and the object holding it has an {@code "undefined"} map from the field to the
 * reason, never the string "NaN". The favourable outcome of the AIF360 comparison and of the
 * inequality indices is the positive class.
 *
 * <pre>{@code
 * String json = AuditReport.of(FairnessAudit.of(data)).withReference(Map.of("race", "Caucasian")).toJson();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AuditReport {
    /** The schema identifier written in every JSON report. */
    public static final String SCHEMA = "fairway-audit/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<Metric> RATES = rates();

    private final FairnessAudit audit;
    private final Map<String, String> reference;
    private final AuditIntervals intervals;

    private AuditReport(FairnessAudit audit, Map<String, String> reference) {
        this(audit, reference, null);
    }

    private AuditReport(FairnessAudit audit, Map<String, String> reference, AuditIntervals intervals) {
        this.audit = audit;
        this.reference = reference;
        this.intervals = intervals;
    }

    /**
     * Returns this report with confidence intervals (and optionally hypothesis tests) for the
     * groups' metrics and the disparities; see {@link AuditIntervals} for what is added.
     *
     * @param options the interval configuration
     * @return a new report
     */
    public AuditReport withIntervals(AuditIntervals options) {
        return new AuditReport(audit, reference, Objects.requireNonNull(options, "options"));
    }

    private static List<Metric> rates() {
        List<Metric> m = new ArrayList<>(List.of(Metric.values()));
        m.remove(Metric.COUNT);
        return List.copyOf(m);
    }

    /**
     * Creates a report of an audit, without a reference group.
     *
     * @param audit the audit
     * @return the report
     */
    public static AuditReport of(FairnessAudit audit) {
        return new AuditReport(Objects.requireNonNull(audit, "audit"), null);
    }

    /**
     * Returns this report with a reference (privileged) group: the groups whose values equal the
     * given ones in the named columns are pooled as privileged, all others as unprivileged. Name
     * every column for one intersectional group, or fewer for a broader privileged set.
     *
     * @param values column name to value (as text)
     * @return a new report
     * @throws IllegalArgumentException if a column is unknown, the map is empty, or the
     *     reference matches no group or every group
     */
    public AuditReport withReference(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a reference group names at least one column");
        }
        for (String column : values.keySet()) {
            audit.groups().columnIndex(column);
        }
        Map<String, String> copy = new LinkedHashMap<>(values);
        long matching = audit.groups().groups().stream().filter(privileged(copy)).count();
        if (matching == 0) {
            throw new IllegalArgumentException("no group matches the reference " + copy + "; groups are "
                    + audit.groups().groups());
        }
        if (matching == audit.groups().size()) {
            throw new IllegalArgumentException("the reference " + copy + " matches every group; nothing to compare it with");
        }
        return new AuditReport(audit, copy, intervals);
    }

    private static Predicate<Group> privileged(Map<String, String> reference) {
        return g -> {
            for (Map.Entry<String, String> e : reference.entrySet()) {
                if (!String.valueOf(g.value(e.getKey())).equals(e.getValue())) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * Renders the report as pretty-printed JSON.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("rows", audit.counts().rows());
        ArrayNode groupBy = root.putArray("group_by");
        audit.groups().columns().forEach(groupBy::add);
        root.put("weighted", audit.counts().weighted());
        root.put("zero_division", audit.zeroDivision().name().toLowerCase(Locale.ROOT));
        ObjectNode overall = root.putObject("overall");
        ObjectNode overallUndefined = JSON.createObjectNode();
        for (Metric m : RATES) {
            number(overall, overallUndefined, m.jsonName(), audit.overall(m), audit.overallUndefinedReason(m));
        }
        attach(overall, overallUndefined);
        PrivilegedComparison cmp = reference == null ? null
                : audit.compare(privileged(reference), FavorableOutcome.POSITIVE);
        section(root, audit, cmp);
        ObjectNode inequality = root.putObject("inequality");
        ObjectNode inequalityUndefined = JSON.createObjectNode();
        index(inequality, inequalityUndefined, "theil_index", audit.theilIndex(FavorableOutcome.POSITIVE));
        index(inequality, inequalityUndefined, "generalized_entropy_index_alpha2",
                audit.generalizedEntropyIndex(2, FavorableOutcome.POSITIVE));
        index(inequality, inequalityUndefined, "between_group_theil_index",
                audit.betweenGroupTheilIndex(FavorableOutcome.POSITIVE));
        index(inequality, inequalityUndefined, "between_group_generalized_entropy_index_alpha2",
                audit.betweenGroupGeneralizedEntropyIndex(2, FavorableOutcome.POSITIVE));
        attach(inequality, inequalityUndefined);
        if (cmp != null) {
            root.set("reference", reference(cmp));
        }
        if (audit.groups().columns().size() > 1) {
            ObjectNode marginals = root.putObject("marginals");
            for (String column : audit.groups().columns()) {
                section(marginals.putObject(column), audit.marginal(column), null);
            }
        }
        if (intervals != null) {
            ReportIntervals.writeJson(root, audit, reference == null ? null : privileged(reference), intervals, RATES);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }

    /** Groups and disparities of one audit (the main one or a marginal). */
    private static void section(ObjectNode out, FairnessAudit a, PrivilegedComparison cmp) {
        ArrayNode groups = out.putArray("groups");
        for (int g = 0; g < a.groups().size(); g++) {
            ObjectNode node = groups.addObject();
            ObjectNode values = node.putObject("group");
            Group group = a.groups().group(g);
            for (int c = 0; c < group.columns().size(); c++) {
                values.put(group.columns().get(c), String.valueOf(group.values().get(c)));
            }
            node.put("count", (long) a.value(Metric.COUNT, g));
            node.put("weight", a.weight(g));
            ObjectNode metrics = node.putObject("metrics");
            ObjectNode undefined = JSON.createObjectNode();
            for (Metric m : RATES) {
                number(metrics, undefined, m.jsonName(), a.value(m, g), a.undefinedReason(m, g));
            }
            if (!undefined.isEmpty()) {
                node.set("undefined", undefined);
            }
        }
        ObjectNode disparities = out.putObject("disparities");
        criterion(disparities, a, cmp, "demographic_parity", Metric.SELECTION_RATE);
        criterion(disparities, a, cmp, "equal_opportunity", Metric.TRUE_POSITIVE_RATE);
        for (boolean ratio : new boolean[] {false, true}) {
            ObjectNode eo = disparities.putObject("equalized_odds_" + (ratio ? "ratio" : "difference"));
            for (DisparityMethod method : DisparityMethod.values()) {
                ObjectNode byAgg = eo.putObject(method.jsonName());
                ObjectNode undefined = JSON.createObjectNode();
                for (Aggregation agg : Aggregation.values()) {
                    double v = ratio ? a.equalizedOddsRatio(method, agg) : a.equalizedOddsDifference(method, agg);
                    String reason = a.disparityUndefinedReason(Metric.TRUE_POSITIVE_RATE, method, ratio);
                    if (reason == null) {
                        reason = a.disparityUndefinedReason(Metric.FALSE_POSITIVE_RATE, method, ratio);
                    }
                    number(byAgg, undefined, agg.jsonName(), v, reason);
                }
                attach(byAgg, undefined);
            }
        }
        ObjectNode byMetric = out.putObject("by_metric");
        for (Metric m : RATES) {
            ObjectNode node = byMetric.putObject(m.jsonName());
            for (boolean ratio : new boolean[] {false, true}) {
                disparity(node.putObject(ratio ? "ratio" : "difference"), a, cmp, m, ratio);
            }
        }
    }

    private static void criterion(ObjectNode disparities, FairnessAudit a, PrivilegedComparison cmp, String name,
            Metric metric) {
        for (boolean ratio : new boolean[] {false, true}) {
            disparity(disparities.putObject(name + (ratio ? "_ratio" : "_difference")), a, cmp, metric, ratio);
        }
    }

    /** One metric's difference or ratio: each method, and {@code to_reference} with a comparison. */
    private static void disparity(ObjectNode node, FairnessAudit a, PrivilegedComparison cmp, Metric metric,
            boolean ratio) {
        ObjectNode undefined = JSON.createObjectNode();
        for (DisparityMethod method : DisparityMethod.values()) {
            double v = ratio ? a.ratio(metric, method) : a.difference(metric, method);
            number(node, undefined, method.jsonName(), v, a.disparityUndefinedReason(metric, method, ratio));
        }
        if (cmp != null) {
            double v = ratio ? cmp.ratio(metric) : cmp.difference(metric);
            number(node, undefined, "to_reference", v, referenceReason(cmp, metric, ratio));
        }
        attach(node, undefined);
    }

    private static String referenceReason(PrivilegedComparison cmp, Metric m, boolean ratio) {
        if (Double.isNaN(cmp.unprivileged(m))) {
            return "unprivileged rows: " + m.undefinedReason();
        }
        if (Double.isNaN(cmp.privileged(m))) {
            return "privileged rows: " + m.undefinedReason();
        }
        return ratio ? "privileged " + m.jsonName() + " is 0" : "undefined";
    }

    private static ObjectNode reference(PrivilegedComparison cmp) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode privileged = node.putArray("privileged_groups");
        for (Group g : cmp.privilegedGroups()) {
            ObjectNode values = privileged.addObject();
            for (int c = 0; c < g.columns().size(); c++) {
                values.put(g.columns().get(c), String.valueOf(g.values().get(c)));
            }
        }
        node.put("favorable", "positive");
        ObjectNode undefined = JSON.createObjectNode();
        String unpriv = "undefined for the unprivileged or privileged rows";
        number(node, undefined, "statistical_parity_difference", cmp.statisticalParityDifference(), unpriv);
        number(node, undefined, "disparate_impact", cmp.disparateImpact(), "privileged selection rate is 0 or undefined");
        node.put("four_fifths_rule", cmp.fourFifthsRule().name().toLowerCase(Locale.ROOT));
        number(node, undefined, "equal_opportunity_difference", cmp.equalOpportunityDifference(),
                "true positive rate " + unpriv);
        number(node, undefined, "average_odds_difference", cmp.averageOddsDifference(),
                "a true or false positive rate is " + unpriv);
        number(node, undefined, "average_abs_odds_difference", cmp.averageAbsOddsDifference(),
                "a true or false positive rate is " + unpriv);
        number(node, undefined, "error_rate_difference", cmp.errorRateDifference(), unpriv);
        for (Metric m : List.of(Metric.SELECTION_RATE, Metric.TRUE_POSITIVE_RATE, Metric.FALSE_POSITIVE_RATE)) {
            number(node, undefined, m.jsonName() + "_privileged", cmp.privileged(m), m.undefinedReason());
            number(node, undefined, m.jsonName() + "_unprivileged", cmp.unprivileged(m), m.undefinedReason());
        }
        number(node, undefined, "label_base_rate", cmp.labelBaseRate(), "no rows");
        number(node, undefined, "label_statistical_parity_difference", cmp.labelStatisticalParityDifference(), unpriv);
        number(node, undefined, "label_disparate_impact", cmp.labelDisparateImpact(), "privileged base rate is 0");
        index(node, undefined, "between_group_theil_index", cmp.betweenGroupTheilIndex());
        index(node, undefined, "between_group_generalized_entropy_index_alpha2",
                cmp.betweenGroupGeneralizedEntropyIndex(2));
        attach(node, undefined);
        return node;
    }

    private static void index(ObjectNode out, ObjectNode undefined, String name, double v) {
        String reason = Double.isNaN(v) ? "mean benefit is 0 (every row a false negative)"
                : Double.isInfinite(v) ? "infinite: some rows have zero benefit" : null;
        number(out, undefined, name, v, reason);
    }

    private static void number(ObjectNode out, ObjectNode undefined, String name, double v, String reason) {
        if (Double.isFinite(v)) {
            out.put(name, v);
        } else {
            out.putNull(name);
        }
        if (reason != null) {
            undefined.put(name, reason);
        } else if (!Double.isFinite(v)) {
            undefined.put(name, "undefined");
        }
    }

    private static void attach(ObjectNode out, ObjectNode undefined) {
        if (!undefined.isEmpty()) {
            out.set("undefined", undefined);
        }
    }

    /**
     * Renders the report as plain text for a terminal: the groups with their main rates, then
     * the named criteria. Undefined values print as {@code n/a} with the reason.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append("Fairway audit: ").append(audit.counts().rows()).append(" rows, grouped by ")
                .append(String.join(" x ", audit.groups().columns())).append(", zero division ")
                .append(audit.zeroDivision().name().toLowerCase(Locale.ROOT)).append(nl).append(nl);
        List<Metric> shown = List.of(Metric.SELECTION_RATE, Metric.TRUE_POSITIVE_RATE, Metric.FALSE_POSITIVE_RATE,
                Metric.PRECISION, Metric.ACCURACY);
        int width = "overall".length();
        for (Group g : audit.groups().groups()) {
            width = Math.max(width, g.toString().length());
        }
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %9s %12s", "group", "count", "weight"));
        for (Metric m : shown) {
            sb.append(String.format(Locale.ROOT, " %20s", m.jsonName()));
        }
        sb.append(nl);
        List<String> notes = new ArrayList<>();
        for (int g = 0; g < audit.groups().size(); g++) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %9d %12s", audit.groups().group(g),
                    (long) audit.value(Metric.COUNT, g), fmt(audit.weight(g))));
            for (Metric m : shown) {
                sb.append(String.format(Locale.ROOT, " %20s", fmt(audit.value(m, g))));
                String reason = audit.undefinedReason(m, g);
                if (reason != null) {
                    notes.add(audit.groups().group(g) + ": " + m.jsonName() + " has " + reason);
                }
            }
            sb.append(nl);
        }
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %9d %12s", "overall", audit.counts().rows(), ""));
        for (Metric m : shown) {
            sb.append(String.format(Locale.ROOT, " %20s", fmt(audit.overall(m))));
        }
        sb.append(nl).append(nl);
        for (DisparityMethod method : DisparityMethod.values()) {
            sb.append(method.jsonName()).append(':').append(nl);
            line(sb, "demographic_parity_difference", audit.demographicParityDifference(method));
            line(sb, "demographic_parity_ratio", audit.demographicParityRatio(method));
            line(sb, "equal_opportunity_difference", audit.equalOpportunityDifference(method));
            line(sb, "equal_opportunity_ratio", audit.equalOpportunityRatio(method));
            for (Aggregation agg : Aggregation.values()) {
                line(sb, "equalized_odds_difference (" + agg.jsonName() + ")", audit.equalizedOddsDifference(method, agg));
                line(sb, "equalized_odds_ratio (" + agg.jsonName() + ")", audit.equalizedOddsRatio(method, agg));
            }
        }
        if (reference != null) {
            PrivilegedComparison cmp = audit.compare(privileged(reference), FavorableOutcome.POSITIVE);
            sb.append("to_reference ").append(reference).append(" (unprivileged - privileged):").append(nl);
            line(sb, "statistical_parity_difference", cmp.statisticalParityDifference());
            line(sb, "disparate_impact", cmp.disparateImpact());
            sb.append(String.format(Locale.ROOT, "  %-42s %s%n", "four_fifths_rule",
                    cmp.fourFifthsRule().name().toLowerCase(Locale.ROOT)));
            line(sb, "equal_opportunity_difference", cmp.equalOpportunityDifference());
            line(sb, "average_odds_difference", cmp.averageOddsDifference());
            line(sb, "error_rate_difference", cmp.errorRateDifference());
        }
        if (!notes.isEmpty()) {
            sb.append(nl).append(audit.zeroDivision() == ZeroDivision.UNDEFINED ? "undefined (n/a):" : "zero division (0 by convention):")
                    .append(nl);
            for (String n : notes) {
                sb.append("  ").append(n).append(nl);
            }
        }
        if (intervals != null) {
            sb.append(ReportIntervals.text(audit, reference == null ? null : privileged(reference), intervals, RATES));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String name, double v) {
        sb.append(String.format(Locale.ROOT, "  %-42s %s%n", name, fmt(v)));
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) {
            return "n/a";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.6f", v);
    }
}
