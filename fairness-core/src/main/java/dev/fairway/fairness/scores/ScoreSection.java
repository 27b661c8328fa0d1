package dev.fairway.fairness.scores;

import dev.fairway.fairness.report.JsonArray;
import dev.fairway.fairness.report.JsonObject;
import dev.fairway.fairness.report.ReportSection;
import dev.fairway.fairness.report.TextKit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A score column's per-group metrics as a section of an audit report: a {@code "scores"} object in
 * the JSON (the score column, the threshold that made the predictions if one did, whether the
 * scores are probabilities, and per group its count, ROC AUC, average precision, Brier score, log
 * loss and expected calibration error over 10 bins; the last three {@code null} unless every score
 * is a probability) and a {@code scores (...)} block in the text. It adds nothing to the HTML.
 *
 * <pre>{@code
 * String json = AuditReport.of(audit).withSection(ScoreSection.of("score", OptionalDouble.empty(), scores, columns)).toJson();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param column the score column's name
 * @param threshold the threshold the predictions were made with ({@code score >= threshold}), if any
 * @param audit the score audit
 * @param groupValues for each of the audit's group names, its column → value map as the JSON writes it
 */
public record ScoreSection(String column, OptionalDouble threshold, ScoreAudit audit,
        Map<String, Map<String, String>> groupValues) implements ReportSection {

    /**
     * Validates the parts and copies the map.
     *
     * @param column the score column's name
     * @param threshold the threshold, if any
     * @param audit the score audit
     * @param groupValues the column values of every group
     * @throws IllegalArgumentException if a group of the audit has no column values
     */
    public ScoreSection {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(audit, "audit");
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        for (String g : audit.groups()) {
            Map<String, String> values = Objects.requireNonNull(groupValues, "groupValues").get(g);
            if (values == null) {
                throw new IllegalArgumentException("groupValues has no entry for group '" + g + "'");
            }
            copy.put(g, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
        groupValues = Collections.unmodifiableMap(copy);
    }

    /**
     * Creates a section.
     *
     * @param column the score column's name
     * @param threshold the threshold the predictions were made with, if any
     * @param audit the score audit
     * @param groupValues the column values of every group of the audit
     * @return the section
     */
    public static ScoreSection of(String column, OptionalDouble threshold, ScoreAudit audit,
            Map<String, Map<String, String>> groupValues) {
        return new ScoreSection(column, threshold, audit, groupValues);
    }

    @Override
    public void writeJson(JsonObject root) {
        boolean probabilities = audit.probabilities();
        JsonObject node = root.putObject("scores");
        node.put("score_column", column);
        if (threshold.isPresent()) {
            node.put("threshold", threshold.getAsDouble());
        }
        node.put("probabilities", probabilities);
        JsonArray out = node.putArray("groups");
        for (int g = 0; g < audit.groups().size(); g++) {
            JsonObject o = out.addObject();
            JsonObject group = o.putObject("group");
            groupValues.get(audit.groups().get(g)).forEach(group::put);
            ScoreMetrics m = audit.group(g);
            o.put("count", m.count());
            o.put("roc_auc", m.rocAuc());
            o.put("average_precision", m.averagePrecision());
            o.put("brier_score", probabilities ? m.brierScore() : Double.NaN);
            o.put("log_loss", probabilities ? m.logLoss() : Double.NaN);
            o.put("expected_calibration_error",
                    probabilities ? audit.calibration(g, 10).expectedCalibrationError() : Double.NaN);
        }
    }

    @Override
    public String text() {
        boolean probabilities = audit.probabilities();
        StringBuilder sb = new StringBuilder(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "scores (%s)%s:%n", TextKit.esc(column), probabilities ? "" : ", not probabilities"));
        for (int g = 0; g < audit.groups().size(); g++) {
            ScoreMetrics m = audit.group(g);
            sb.append(String.format(Locale.ROOT, "  %-40s roc_auc %s  average_precision %s  brier %s%n",
                    TextKit.esc(audit.groups().get(g)), fmt(m.rocAuc()), fmt(m.averagePrecision()),
                    probabilities ? fmt(m.brierScore()) : "n/a"));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "n/a";
    }
}
