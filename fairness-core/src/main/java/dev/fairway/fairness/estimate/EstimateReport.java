package dev.fairway.fairness.estimate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The per-group performance estimate {@link PerformanceEstimate} computes before labels arrive, as
 * JSON ({@code fairway-estimate/v1}) or text.
 *
 * <p>Immutable and thread-safe.
 *
 * @param confidence the confidence level of the intervals
 * @param calibrationMethod {@code isotonic}, or {@code none} when the scores were taken as probabilities
 * @param referenceRows the rows of the reference set (0 without one)
 * @param calibrationErrorBefore the raw scores' expected calibration error on the reference set
 *     (NaN without one, or when the scores are not probabilities)
 * @param calibrationErrorAfter the calibrated scores' error on the same set (NaN without one)
 * @param groups one estimate per group, in order of first appearance
 * @param warnings what the reader must know about the estimate's assumptions
 */
public record EstimateReport(double confidence, String calibrationMethod, long referenceRows,
        double calibrationErrorBefore, double calibrationErrorAfter, List<GroupEstimate> groups, List<String> warnings) {
    /** The schema name written in every JSON document. */
    public static final String SCHEMA = "fairway-estimate/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Validates and copies the report. */
    public EstimateReport {
        Objects.requireNonNull(calibrationMethod, "calibrationMethod");
        groups = List.copyOf(groups);
        warnings = List.copyOf(warnings);
    }

    /**
     * An estimated rate with its interval (all NaN when the group has no expected positives, or negatives).
     *
     * @param value the estimate
     * @param lower the interval's lower end
     * @param upper the interval's upper end
     */
    public record Rate(double value, double lower, double upper) {
    }

    /**
     * One group's estimate.
     *
     * @param group the group column and value
     * @param count the group's rows
     * @param selectionRate the share of its rows with {@code ŷ = 1}
     * @param truePositives the expected true positives {@code Σ p·[ŷ=1]}
     * @param falsePositives the expected false positives {@code Σ (1-p)·[ŷ=1]}
     * @param falseNegatives the expected false negatives {@code Σ p·[ŷ=0]}
     * @param trueNegatives the expected true negatives {@code Σ (1-p)·[ŷ=0]}
     * @param truePositiveRate the estimated true positive rate
     * @param falsePositiveRate the estimated false positive rate
     */
    public record GroupEstimate(Map<String, String> group, long count, double selectionRate, double truePositives,
            double falsePositives, double falseNegatives, double trueNegatives, Rate truePositiveRate,
            Rate falsePositiveRate) {
        /** Validates and copies the estimate. */
        public GroupEstimate {
            group = Map.copyOf(group);
            Objects.requireNonNull(truePositiveRate, "truePositiveRate");
            Objects.requireNonNull(falsePositiveRate, "falsePositiveRate");
        }
    }

    /**
     * The estimated equal-opportunity difference: the largest minus the smallest estimated true
     * positive rate over the groups where it is defined.
     *
     * @return the difference, NaN with fewer than one defined rate
     */
    public double equalOpportunityDifference() {
        return gap(true);
    }

    /**
     * The estimated equalized-odds difference: the larger of the true and false positive rate gaps.
     *
     * @return the difference
     */
    public double equalizedOddsDifference() {
        return Math.max(gap(true), gap(false));
    }

    private double gap(boolean tpr) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (GroupEstimate g : groups) {
            double v = (tpr ? g.truePositiveRate() : g.falsePositiveRate()).value();
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi >= lo ? hi - lo : Double.NaN;
    }

    private static void put(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private static void rate(ObjectNode o, String name, Rate r) {
        ObjectNode n = o.putObject(name);
        put(n, "value", r.value());
        put(n, "lower", r.lower());
        put(n, "upper", r.upper());
    }

    /**
     * Writes the report as JSON: {@code schema}, {@code confidence}, {@code calibration}
     * ({@code method}, {@code reference_rows}, {@code error_before}, {@code error_after}),
     * {@code warnings}, {@code groups} (each with {@code group} column to value, {@code count},
     * {@code selection_rate} and {@code estimated} holding the four expected counts and
     * {@code true_positive_rate} and {@code false_positive_rate}, each {@code value}, {@code lower},
     * {@code upper}) and {@code estimated} with {@code equal_opportunity_difference} and
     * {@code equalized_odds_difference}. Undefined numbers are null.
     *
     * @return the JSON text, ending in a line break
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("confidence", confidence);
        ObjectNode c = root.putObject("calibration");
        c.put("method", calibrationMethod);
        c.put("reference_rows", referenceRows);
        put(c, "error_before", calibrationErrorBefore);
        put(c, "error_after", calibrationErrorAfter);
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        ArrayNode a = root.putArray("groups");
        for (GroupEstimate g : groups) {
            ObjectNode o = a.addObject();
            ObjectNode k = o.putObject("group");
            g.group().forEach(k::put);
            o.put("count", g.count());
            o.put("selection_rate", g.selectionRate());
            ObjectNode e = o.putObject("estimated");
            e.put("true_positives", g.truePositives());
            e.put("false_positives", g.falsePositives());
            e.put("false_negatives", g.falseNegatives());
            e.put("true_negatives", g.trueNegatives());
            rate(e, "true_positive_rate", g.truePositiveRate());
            rate(e, "false_positive_rate", g.falsePositiveRate());
        }
        ObjectNode d = root.putObject("estimated");
        put(d, "equal_opportunity_difference", equalOpportunityDifference());
        put(d, "equalized_odds_difference", equalizedOddsDifference());
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * Writes the report as text: warnings, one line per group, then the two differences.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (String w : warnings) {
            sb.append("warning: ").append(w).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "calibration: %s%s%n", calibrationMethod, referenceRows == 0 ? ""
                : String.format(Locale.ROOT, " on %d reference rows, expected calibration error %.4f before, %.4f after",
                        referenceRows, calibrationErrorBefore, calibrationErrorAfter)));
        int ci = (int) Math.round(confidence * 100);
        sb.append(String.format(Locale.ROOT, "%-24s %8s %9s  %-26s %-26s%n", "group", "count", "selection",
                "est. TPR [" + ci + "% interval]", "est. FPR [" + ci + "% interval]"));
        for (GroupEstimate g : groups) {
            sb.append(String.format(Locale.ROOT, "%-24s %8d %9.4f  %-26s %-26s%n", g.group().values().iterator().next(),
                    g.count(), g.selectionRate(), text(g.truePositiveRate()), text(g.falsePositiveRate())));
        }
        sb.append(String.format(Locale.ROOT, "estimated equal_opportunity_difference %.4f%n", equalOpportunityDifference()));
        sb.append(String.format(Locale.ROOT, "estimated equalized_odds_difference %.4f%n", equalizedOddsDifference()));
        return sb.toString();
    }

    private static String text(Rate r) {
        return Double.isNaN(r.value()) ? "undefined"
                : String.format(Locale.ROOT, "%.4f [%.4f, %.4f]", r.value(), r.lower(), r.upper());
    }
}
