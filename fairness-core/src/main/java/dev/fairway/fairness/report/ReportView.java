package dev.fairway.fairness.report;

import dev.fairway.fairness.Aggregation;
import dev.fairway.fairness.Disparity;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.FavorableOutcome;
import dev.fairway.fairness.FourFifths;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.PrivilegedComparison;
import dev.fairway.fairness.Reference;
import dev.fairway.fairness.ZeroDivision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the text and HTML reports show, computed once: the chosen metrics, which groups are small
 * or the reference, the audit the disparities are computed over (small groups left out when asked),
 * the rows of the disparity table, and numbered footnotes for every undefined value.
 *
 * <p>Not thread-safe (footnotes are numbered as they are asked for); one per rendering.
 */
final class ReportView {
    /** Metrics shown when none are chosen. */
    static final List<Metric> DEFAULT_METRICS = List.of(Metric.SELECTION_RATE, Metric.TRUE_POSITIVE_RATE,
            Metric.FALSE_POSITIVE_RATE, Metric.PRECISION, Metric.ACCURACY);

    final FairnessAudit audit;
    /** The audit disparities are computed over: {@link #audit} or its groups of at least the minimum size. */
    final FairnessAudit compared;
    final List<Metric> metrics;
    final long minGroupSize;
    final boolean excludeRequested;
    final boolean excluded;
    final boolean[] small;
    final int smallCount;
    final boolean[] reference;
    final Map<String, String> referenceSpec;
    final PrivilegedComparison cmp;
    /** Why a requested reference comparison is absent, or null. */
    final String referenceProblem;
    /** The four-fifths rule per group over {@link #compared}: against the reference when there is a comparison. */
    final FourFifths fourFifths;
    private final Map<String, Integer> notes = new LinkedHashMap<>();

    ReportView(FairnessAudit audit, Map<String, String> referenceSpec, List<Metric> metrics, long minGroupSize,
            boolean exclude) {
        this.audit = audit;
        this.metrics = metrics;
        this.minGroupSize = minGroupSize;
        this.excludeRequested = exclude;
        this.referenceSpec = referenceSpec;
        int n = audit.groups().size();
        small = new boolean[n];
        int s = 0;
        for (int g = 0; g < n; g++) {
            small[g] = audit.counts().count(g) < minGroupSize;
            s += small[g] ? 1 : 0;
        }
        smallCount = s;
        excluded = exclude && s > 0 && s < n;
        compared = excluded ? FairnessAudit.of(audit.counts().retain(g -> !small[g]), audit.zeroDivision()) : audit;
        reference = new boolean[n];
        PrivilegedComparison c = null;
        String problem = null;
        if (referenceSpec != null) {
            for (int g = 0; g < n; g++) {
                reference[g] = matches(audit.groups().group(g), referenceSpec);
            }
            try {
                c = compared.compare(referenceSpec, FavorableOutcome.POSITIVE);
            } catch (IllegalArgumentException e) {
                problem = "no to_reference comparison: with the small groups left out, " + e.getMessage();
            }
        }
        cmp = c;
        referenceProblem = problem;
        fourFifths = c != null ? FourFifths.against(compared, Reference.of(referenceSpec)) : FourFifths.of(compared);
    }

    /** Marks the verdict word in {@link #fourFifthsSentence()}; escaped input never holds it. */
    static final char MARK = '\u0000';

    /**
     * The four-fifths sentence of the text and HTML reports: what each group is compared with, the
     * verdict (between two {@link #MARK}s), and every failing group with its ratio (or why the rule
     * is undefined).
     */
    String fourFifthsSentence() {
        FourFifths f = fourFifths;
        StringBuilder sb = new StringBuilder("four-fifths rule (each group's selection rate over ");
        if (f.basis() == FourFifths.Basis.REFERENCE) {
            sb.append("the reference rows'");
        } else {
            sb.append("the highest group's");
            if (!f.benchmarkGroups().isEmpty()) {
                sb.append(", ");
                for (int i = 0; i < f.benchmarkGroups().size(); i++) {
                    sb.append(i == 0 ? "" : " and ").append(TextKit.esc(f.benchmarkGroups().get(i)));
                }
            }
        }
        sb.append(Double.isFinite(f.benchmark()) ? " " + TextReport.format(f.benchmark()) : "").append("): ")
                .append(MARK).append(f.verdict().name().toLowerCase(Locale.ROOT)).append(MARK);
        if (f.undefinedReason().isPresent()) {
            return sb.append(" (").append(f.undefinedReason().get()).append(')').toString();
        }
        List<FourFifths.GroupRatio> failing = f.failing();
        if (!failing.isEmpty()) {
            sb.append(failing.size() == 1 ? "; below four fifths: " : "; " + failing.size() + " groups below four fifths: ");
            for (int i = 0; i < failing.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(TextKit.esc(failing.get(i).group())).append(' ')
                        .append(TextReport.format(failing.get(i).ratio()));
            }
        }
        for (FourFifths.GroupRatio r : f.groups()) {
            if (r.undefinedReason().isPresent()) {
                sb.append("; undefined for ").append(TextKit.esc(r.group())).append(": ").append(r.undefinedReason().get());
            }
        }
        return sb.append('.').toString();
    }

    static boolean matches(Group g, Map<String, String> spec) {
        for (Map.Entry<String, String> e : spec.entrySet()) {
            if (!String.valueOf(g.value(e.getKey())).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The group's values joined by " × " (the column names are in the header). */
    static String label(Group g) {
        StringBuilder sb = new StringBuilder();
        for (Object v : g.values()) {
            if (sb.length() > 0) {
                sb.append(" × ");
            }
            sb.append(TextKit.esc(v));
        }
        return sb.toString();
    }

    String columnsLabel() {
        List<String> escaped = new ArrayList<>();
        for (String c : audit.groups().columns()) {
            escaped.add(TextKit.esc(c));
        }
        return String.join(" × ", escaped);
    }

    boolean fairlearn() {
        return audit.zeroDivision() == ZeroDivision.FAIRLEARN;
    }

    /** Numbers a footnote (the same text gets the same number). */
    int note(String text) {
        return notes.computeIfAbsent(text, t -> notes.size() + 1);
    }

    /** The footnotes in order of their numbers. */
    List<String> notes() {
        return new ArrayList<>(notes.keySet());
    }

    /** The footnote text of a group metric with an empty denominator, or null. */
    String groupNote(FairnessAudit a, Metric m, int g) {
        String reason = a.undefinedReason(m, g);
        return reason == null ? null : TextKit.esc(a.groups().group(g)) + ": " + m.jsonName() + " " + why(reason);
    }

    String overallNote(Metric m) {
        String reason = audit.overallUndefinedReason(m);
        return reason == null ? null : "overall: " + m.jsonName() + " " + why(reason);
    }

    private String why(String reason) {
        return fairlearn() ? "has " + reason + "; 0 by Fairlearn's convention" : "is undefined: " + reason;
    }

    /** The footnote of an undefined disparity over {@link #compared}, naming the group and metric, or null. */
    String disparityNote(Metric m, DisparityMethod method, Disparity d) {
        if (!Double.isNaN(compared.disparity(m, method, d))) {
            return null;
        }
        if (compared.groups().size() < 2) {
            return FourFifths.ONE_GROUP;
        }
        if (method == DisparityMethod.TO_OVERALL && Double.isNaN(compared.overall(m))) {
            return "overall: " + m.jsonName() + " is undefined: " + m.undefinedReason();
        }
        for (int g = 0; g < compared.groups().size(); g++) {
            if (Double.isNaN(compared.value(m, g))) {
                return groupNote(compared, m, g);
            }
        }
        if (d == Disparity.RATIO) {
            return method == DisparityMethod.TO_OVERALL ? "overall " + m.jsonName() + " is 0, so no ratio to it"
                    : "every group's " + m.jsonName() + " is 0, so no ratio between groups";
        }
        return m.jsonName() + " " + d.jsonName() + " is undefined";
    }

    /** The footnote of an undefined to_reference value, or null. */
    String referenceNote(Metric m, Disparity d) {
        double v = d == Disparity.RATIO ? cmp.ratio(m) : cmp.difference(m);
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
            return null;
        }
        if (Double.isNaN(cmp.unprivileged(m))) {
            return "rows outside the reference: " + m.jsonName() + " is undefined: " + m.undefinedReason();
        }
        if (Double.isNaN(cmp.privileged(m))) {
            return "reference rows: " + m.jsonName() + " is undefined: " + m.undefinedReason();
        }
        return "reference rows: " + m.jsonName() + " is 0, so no ratio to it";
    }

    /** One row of the disparity table: a name in the gate grammar and its values. */
    record Row(String name, Metric metric, Disparity disparity, Aggregation aggregation) {
        double value(FairnessAudit a, DisparityMethod method) {
            if (aggregation == null) {
                return a.disparity(metric, method, disparity);
            }
            return disparity == Disparity.RATIO ? a.equalizedOddsRatio(method, aggregation)
                    : a.equalizedOddsDifference(method, aggregation);
        }
    }

    /** The named criteria, then the difference and ratio of each chosen metric they do not cover. */
    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Disparity d : Disparity.values()) {
            rows.add(new Row("demographic_parity_" + d.jsonName(), Metric.SELECTION_RATE, d, null));
        }
        for (Disparity d : Disparity.values()) {
            rows.add(new Row("equal_opportunity_" + d.jsonName(), Metric.TRUE_POSITIVE_RATE, d, null));
        }
        for (Disparity d : Disparity.values()) {
            for (Aggregation agg : Aggregation.values()) {
                rows.add(new Row("equalized_odds_" + d.jsonName() + ":" + agg.jsonName(), null, d, agg));
            }
        }
        for (Metric m : metrics) {
            if (m != Metric.SELECTION_RATE && m != Metric.TRUE_POSITIVE_RATE && m != Metric.COUNT) {
                for (Disparity d : Disparity.values()) {
                    rows.add(new Row(m.jsonName() + "_" + d.jsonName(), m, d, null));
                }
            }
        }
        return rows;
    }

    /** The footnote text of an undefined row value, or null. */
    String rowNote(Row row, DisparityMethod method) {
        if (row.aggregation == null) {
            return disparityNote(row.metric, method, row.disparity);
        }
        String tpr = disparityNote(Metric.TRUE_POSITIVE_RATE, method, row.disparity);
        return tpr != null ? tpr : disparityNote(Metric.FALSE_POSITIVE_RATE, method, row.disparity);
    }

    /** The sentence on small groups, or null when none is small. */
    String smallGroupsSentence() {
        if (smallCount == 0) {
            return null;
        }
        String head = String.format(Locale.ROOT, "%d of %d groups have fewer than %d rows (minimum group size)",
                smallCount, audit.groups().size(), minGroupSize);
        if (excluded) {
            return head + "; they are left out of the disparities, which compare the other "
                    + compared.groups().size() + " groups (" + compared.counts().rows() + " rows).";
        }
        if (excludeRequested) {
            return head + "; every group is small, so none is left out of the disparities.";
        }
        return head + "; their rates are uncertain. They stay in the disparities.";
    }
}
