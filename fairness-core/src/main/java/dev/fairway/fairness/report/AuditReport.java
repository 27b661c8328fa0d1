package dev.fairway.fairness.report;

import dev.fairway.fairness.Reference;
import dev.fairway.fairness.Aggregation;
import dev.fairway.fairness.Disparity;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.FavorableOutcome;
import dev.fairway.fairness.FourFifths;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.PrivilegedComparison;

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
 * A fairness audit rendered as JSON ({@code fairway-audit/v1}), as text ({@link #toText()}) or as a
 * self-contained HTML page ({@link #toHtml(ReportHeader)}), as {@code fairway audit} prints it. Groups
 * with fewer rows than a minimum ({@link #withMinGroupSize(long)}, default 30) are flagged and can be
 * left out of the disparities ({@link #excludingSmallGroups()}).
 *
 * <p>The JSON carries the row count, the sensitive columns, the zero-division mode, every metric
 * overall and per group (with count and total weight), the named Fairlearn criteria for each
 * disparity method, the difference and ratio of every metric, the inequality indices, the
 * marginal audit of each column when several are crossed, and with a reference group the AIF360
 * comparison ({@code to_reference}, unprivileged minus or over privileged, with the pooled disparate
 * impact), and the four-fifths rule judged per group ({@code four_fifths}, see {@link FourFifths}:
 * against the highest selection rate, or against the reference rows when a reference is given). An
 * undefined number
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

    /** The minimum group size below which a group is flagged, unless another is set. */
    public static final long DEFAULT_MIN_GROUP_SIZE = 30;

    private final FairnessAudit audit;
    private final Map<String, String> reference;
    private final List<Metric> metrics;
    private final long minGroupSize;
    private final boolean excludeSmallGroups;
    private final AuditIntervals intervals;
    /** The sections added with {@link #withSection(ReportSection)}, rendered after the intervals. */
    private final List<ReportSection> sections;

    private AuditReport(FairnessAudit audit, Map<String, String> reference, List<Metric> metrics, long minGroupSize,
            boolean excludeSmallGroups, AuditIntervals intervals, List<ReportSection> sections) {
        this.audit = audit;
        this.reference = reference;
        this.metrics = metrics;
        this.minGroupSize = minGroupSize;
        this.excludeSmallGroups = excludeSmallGroups;
        this.intervals = intervals;
        this.sections = sections;
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
        return new AuditReport(Objects.requireNonNull(audit, "audit"), null, ReportView.DEFAULT_METRICS,
                DEFAULT_MIN_GROUP_SIZE, false, null, List.of());
    }

    /**
     * Returns this report with confidence intervals (and optionally hypothesis tests) for the
     * groups' metrics and the disparities; see {@link AuditIntervals} for what is added.
     *
     * @param options the interval configuration
     * @return a new report
     * @throws IllegalArgumentException if small groups are left out of the disparities (intervals are
     *     computed over every group)
     */
    public AuditReport withIntervals(AuditIntervals options) {
        Objects.requireNonNull(options, "options");
        if (excludeSmallGroups) {
            throw new IllegalArgumentException("intervals are computed over every group; they do not combine with "
                    + "leaving small groups out of the disparities");
        }
        return new AuditReport(audit, reference, metrics, minGroupSize, false, options, sections);
    }

    /**
     * Returns this report with one more section (for example a privacy release's or a score
     * column's), rendered after the audit, its intervals and the sections added before it, in JSON,
     * text and HTML alike.
     *
     * @param section the section
     * @return a new report
     */
    public AuditReport withSection(ReportSection section) {
        Objects.requireNonNull(section, "section");
        List<ReportSection> more = new ArrayList<>(sections);
        more.add(section);
        return new AuditReport(audit, reference, metrics, minGroupSize, excludeSmallGroups, intervals, List.copyOf(more));
    }

    /** Every section in rendering order: the intervals (if any), then the added ones. */
    private List<ReportSection> allSections() {
        if (intervals == null) {
            return sections;
        }
        List<ReportSection> all = new ArrayList<>(sections.size() + 1);
        all.add(new IntervalSection(audit, reference == null ? null : privileged(), intervals, RATES));
        all.addAll(sections);
        return all;
    }

    /** The reference as a predicate on groups, for the interval computation. */
    private Predicate<Group> privileged() {
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
     * Returns this report with a reference (privileged) group; the same as {@link #withReference(Map)}
     * with the reference's values.
     *
     * @param reference the reference group
     * @return a new report
     * @throws IllegalArgumentException if a column is unknown, or the reference matches no group or every group
     */
    public AuditReport withReference(Reference reference) {
        return withReference(Objects.requireNonNull(reference, "reference").values());
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
        audit.compare(values, FavorableOutcome.POSITIVE); // validates the reference
        return new AuditReport(audit, new LinkedHashMap<>(values), metrics, minGroupSize, excludeSmallGroups, intervals, sections);
    }

    /**
     * Returns this report showing these metrics in the text and HTML group tables (and their
     * difference and ratio beside the named criteria); the JSON always carries every metric. The
     * default is selection rate, true and false positive rates, precision and accuracy.
     *
     * @param shown one or more metrics, without {@link Metric#COUNT} (always shown) or repeats
     * @return a new report
     * @throws IllegalArgumentException if the list is empty, repeats a metric or holds {@code COUNT}
     */
    public AuditReport withMetrics(List<Metric> shown) {
        List<Metric> copy = List.copyOf(shown);
        if (copy.isEmpty() || copy.contains(Metric.COUNT) || copy.stream().distinct().count() != copy.size()) {
            throw new IllegalArgumentException("metrics must be one or more distinct rates (count is always shown), got "
                    + copy);
        }
        return new AuditReport(audit, reference, copy, minGroupSize, excludeSmallGroups, intervals, sections);
    }

    /**
     * Returns this report flagging groups with fewer rows than {@code minGroupSize} (default
     * {@value #DEFAULT_MIN_GROUP_SIZE}); the text, HTML and JSON reports list them.
     *
     * @param minGroupSize the minimum number of rows, at least 0 (0 flags nothing)
     * @return a new report
     * @throws IllegalArgumentException if negative
     */
    public AuditReport withMinGroupSize(long minGroupSize) {
        if (minGroupSize < 0) {
            throw new IllegalArgumentException("minGroupSize must be >= 0, got " + minGroupSize);
        }
        return new AuditReport(audit, reference, metrics, minGroupSize, excludeSmallGroups, intervals, sections);
    }

    /**
     * Returns this report leaving groups below the minimum size out of every disparity (the named
     * criteria, {@code by_metric} and the reference comparison), which are then computed over the
     * other groups' rows only, overall included; the group tables still show every group, and the
     * report says what was left out. Nothing is left out when every group is small. Marginal audits
     * are not affected.
     *
     * @return a new report
     */
    public AuditReport excludingSmallGroups() {
        if (intervals != null) {
            throw new IllegalArgumentException("intervals are computed over every group; they do not combine with "
                    + "leaving small groups out of the disparities");
        }
        return new AuditReport(audit, reference, metrics, minGroupSize, true, null, sections);
    }

    /**
     * Returns the audit the disparities are computed over: the audit itself, or with
     * {@link #excludingSmallGroups()} its groups of at least the minimum size (when some but not all
     * groups are small).
     *
     * @return the compared audit
     */
    public FairnessAudit comparedAudit() {
        return view().compared;
    }

    ReportView view() {
        return new ReportView(audit, reference, metrics, minGroupSize, excludeSmallGroups);
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
        ReportView view = view();
        root.put("min_group_size", minGroupSize);
        ArrayNode small = root.putArray("small_groups");
        for (int g = 0; g < audit.groups().size(); g++) {
            if (view.small[g]) {
                groupValues(small.addObject(), audit.groups().group(g));
            }
        }
        root.put("small_groups_excluded", view.excluded);
        PrivilegedComparison cmp = view.cmp;
        section(root, audit, view.compared, cmp);
        root.set("four_fifths", fourFifths(view.fourFifths));
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
                FairnessAudit m = audit.marginal(column);
                section(marginals.putObject(column), m, m, null);
            }
        }
        JsonObject top = new JsonObject(root);
        for (ReportSection s : allSections()) {
            s.writeJson(top);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }

    /** Groups and disparities of one audit (the main one or a marginal). */
    private static void section(ObjectNode out, FairnessAudit all, FairnessAudit a, PrivilegedComparison cmp) {
        ArrayNode groups = out.putArray("groups");
        for (int g = 0; g < all.groups().size(); g++) {
            ObjectNode node = groups.addObject();
            groupValues(node.putObject("group"), all.groups().group(g));
            node.put("count", (long) all.value(Metric.COUNT, g));
            node.put("weight", all.weight(g));
            ObjectNode metrics = node.putObject("metrics");
            ObjectNode undefined = JSON.createObjectNode();
            for (Metric m : RATES) {
                number(metrics, undefined, m.jsonName(), all.value(m, g), all.undefinedReason(m, g));
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
            Disparity kind = ratio ? Disparity.RATIO : Disparity.DIFFERENCE;
            for (DisparityMethod method : DisparityMethod.values()) {
                ObjectNode byAgg = eo.putObject(method.jsonName());
                ObjectNode undefined = JSON.createObjectNode();
                for (Aggregation agg : Aggregation.values()) {
                    double v = ratio ? a.equalizedOddsRatio(method, agg) : a.equalizedOddsDifference(method, agg);
                    String reason = a.disparityUndefinedReason(Metric.TRUE_POSITIVE_RATE, method, kind);
                    if (reason == null) {
                        reason = a.disparityUndefinedReason(Metric.FALSE_POSITIVE_RATE, method, kind);
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

    private static void groupValues(ObjectNode values, Group group) {
        for (int c = 0; c < group.columns().size(); c++) {
            values.put(group.columns().get(c), String.valueOf(group.values().get(c)));
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
            number(node, undefined, method.jsonName(), v,
                    a.disparityUndefinedReason(metric, method, ratio ? Disparity.RATIO : Disparity.DIFFERENCE));
        }
        if (cmp != null) {
            double v = ratio ? cmp.ratio(metric) : cmp.difference(metric);
            numberOrReason(node, undefined, "to_reference", v, referenceReason(cmp, metric, ratio));
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

    /** The four-fifths rule per group: its basis, benchmark, verdict, failing groups and every group's ratio. */
    private static ObjectNode fourFifths(FourFifths f) {
        ObjectNode node = JSON.createObjectNode();
        node.put("basis", f.basis().jsonName());
        node.put("threshold", FourFifths.THRESHOLD);
        ObjectNode undefined = JSON.createObjectNode();
        number(node, undefined, "benchmark_selection_rate", f.benchmark(),
                Double.isFinite(f.benchmark()) ? null : f.undefinedReason().orElse(
                        f.basis() == FourFifths.Basis.REFERENCE ? "the reference rows have no rows or zero weight"
                                : "no group has a defined selection rate"));
        ArrayNode benchmark = node.putArray("benchmark_groups");
        f.benchmarkGroups().forEach(g -> groupValues(benchmark.addObject(), g));
        node.put("verdict", f.verdict().name().toLowerCase(Locale.ROOT));
        f.undefinedReason().ifPresent(r -> undefined.put("verdict", r));
        ArrayNode failing = node.putArray("failing");
        for (FourFifths.GroupRatio r : f.failing()) {
            ObjectNode one = failing.addObject();
            groupValues(one.putObject("group"), r.group());
            one.put("ratio", r.ratio());
        }
        ArrayNode groups = node.putArray("groups");
        for (FourFifths.GroupRatio r : f.groups()) {
            ObjectNode one = groups.addObject();
            groupValues(one.putObject("group"), r.group());
            ObjectNode why = JSON.createObjectNode();
            number(one, why, "selection_rate", r.selectionRate(),
                    Double.isNaN(r.selectionRate()) ? Metric.SELECTION_RATE.undefinedReason() : null);
            number(one, why, "ratio", r.ratio(), r.undefinedReason().orElse(null));
            one.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
            attach(one, why);
        }
        attach(node, undefined);
        return node;
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
        numberOrReason(node, undefined, "statistical_parity_difference", cmp.statisticalParityDifference(), unpriv);
        numberOrReason(node, undefined, "pooled_disparate_impact", cmp.disparateImpact(),
                "privileged selection rate is 0 or undefined");
        numberOrReason(node, undefined, "equal_opportunity_difference", cmp.equalOpportunityDifference(),
                "true positive rate " + unpriv);
        numberOrReason(node, undefined, "average_odds_difference", cmp.averageOddsDifference(),
                "a true or false positive rate is " + unpriv);
        numberOrReason(node, undefined, "average_abs_odds_difference", cmp.averageAbsOddsDifference(),
                "a true or false positive rate is " + unpriv);
        numberOrReason(node, undefined, "error_rate_difference", cmp.errorRateDifference(), unpriv);
        for (Metric m : List.of(Metric.SELECTION_RATE, Metric.TRUE_POSITIVE_RATE, Metric.FALSE_POSITIVE_RATE)) {
            numberOrReason(node, undefined, m.jsonName() + "_privileged", cmp.privileged(m), m.undefinedReason());
            numberOrReason(node, undefined, m.jsonName() + "_unprivileged", cmp.unprivileged(m), m.undefinedReason());
        }
        numberOrReason(node, undefined, "label_base_rate", cmp.labelBaseRate(), "no rows");
        numberOrReason(node, undefined, "label_statistical_parity_difference", cmp.labelStatisticalParityDifference(), unpriv);
        numberOrReason(node, undefined, "label_disparate_impact", cmp.labelDisparateImpact(), "privileged base rate is 0");
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

    /** A number whose reason is recorded only when it is undefined (not finite). */
    private static void numberOrReason(ObjectNode out, ObjectNode undefined, String name, double v, String reason) {
        number(out, undefined, name, v, Double.isFinite(v) ? null : reason);
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
     * Renders the report as plain text for a terminal: a header, the group table (count and the
     * chosen metrics, one number format per column, the reference group marked {@code *} and small
     * groups {@code !}; at most 100 characters wide for up to six metrics, longer group names cut),
     * the disparity table with names as {@code --fail-if} rules spell them, and numbered footnotes
     * saying which group and metric made each undefined value ({@code —}) undefined.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder text = new StringBuilder(TextReport.render(view()));
        for (ReportSection s : allSections()) {
            text.append(s.text());
        }
        return text.toString();
    }

    /**
     * Renders the report as one self-contained HTML file: no script, style sheet, font or image is
     * fetched, and everything is readable without JavaScript. It holds a header (data source, rows,
     * grouping, zero-division mode, reference, minimum group size, Fairway version, date), warnings
     * for small groups and undefined values, one inline SVG chart per chosen metric (a sorted bar
     * per group, the overall value as a dashed line, the reference group in orange, the four-fifths
     * band) with its disparities beside it, the disparity and group tables with the same numbers, and
     * the numbered notes. Text from the data is escaped. The same audit and header give the same bytes.
     *
     * <p>With {@link #withIntervals(AuditIntervals)} the header also gives the level, the interval
     * methods and the bootstrap's replicates, seed and scheme; each group's shown metric has its
     * interval {@code [lo, hi]} under it, each bar an error bar, and each disparity beside a chart its
     * interval ({@code —} where undefined). The intervals are computed once per rendering.
     *
     * @param header the data source, version and date to print
     * @return the HTML document
     */
    public String toHtml(ReportHeader header) {
        Objects.requireNonNull(header, "header");
        ReportView view = view();
        ReportIntervals.Computed ci = intervals == null ? null
                : ReportIntervals.forHtml(audit, reference == null ? null : privileged(), intervals, RATES, view.metrics);
        StringBuilder extra = new StringBuilder();
        for (ReportSection s : sections) {
            extra.append(s.html());
        }
        return HtmlReport.render(view, header, ci, extra.toString());
    }
}
