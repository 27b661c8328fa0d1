package dev.fairway.fairness.mitigation;

import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of a {@link RejectOptionClassification} search: a classification threshold and a
 * margin around it inside which privileged rows get the unfavourable and unprivileged rows the
 * favourable outcome, with the metrics it achieved on the data it was fitted on.
 *
 * <p>{@link #toJson(double, double)} writes it as {@code fairway-reject-option/v1}, as
 * {@code fairway mitigate reject-option} prints it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param classificationThreshold t: favourable iff {@code score > t} outside the critical region
 * @param margin m: the critical region is {@code t - m < score <= t + m}
 * @param thresholdIndex position of t in the threshold grid
 * @param marginIndex position of m in t's margin grid
 * @param constraintSatisfied whether the statistical parity difference lies within the bounds
 * @param statisticalParityDifference weighted favourable rate of unprivileged minus privileged rows
 * @param balancedAccuracy {@code 0.5 (TPR + TNR)}, the favourable label as positive (weighted)
 * @param accuracy weighted accuracy
 * @param selectionRatePrivileged weighted favourable rate of privileged rows
 * @param selectionRateUnprivileged weighted favourable rate of unprivileged rows
 * @param favorablePredictions number of rows predicted favourable
 */
public record RejectOptionPolicy(double classificationThreshold, double margin, int thresholdIndex, int marginIndex,
        boolean constraintSatisfied, double statisticalParityDifference, double balancedAccuracy, double accuracy,
        double selectionRatePrivileged, double selectionRateUnprivileged, long favorablePredictions) {

    /**
     * Decides one row.
     *
     * @param score the score, the probability of the favourable label
     * @param privileged whether the row is privileged
     * @return true for the favourable outcome
     */
    public boolean predict(double score, boolean privileged) {
        return RejectOptionClassification.predict(score, privileged, classificationThreshold, margin);
    }

    /**
     * Decides every row.
     *
     * @param scores the scores
     * @param privileged whether each row is privileged
     * @return true where favourable
     * @throws IllegalArgumentException on a length mismatch
     */
    public boolean[] predict(double[] scores, boolean[] privileged) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(privileged, "privileged");
        if (scores.length != privileged.length) {
            throw new IllegalArgumentException("scores have " + scores.length + " rows, privileged " + privileged.length);
        }
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = predict(scores[i], privileged[i]);
        }
        return out;
    }

    /** The schema identifier of {@link #toJson(double, double)}. */
    public static final String SCHEMA = "fairway-reject-option/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Renders the policy as pretty-printed JSON ({@value #SCHEMA}): the threshold, margin, their grid
     * positions, whether the constraint holds, the bounds searched, and the metrics at the solution.
     * An undefined number (a rate over rows of zero weight) is {@code null}, and the object holding it
     * has an {@code "undefined"} map from the field to the reason, as every Fairway report writes it.
     *
     * @param metricLower the lowest allowed statistical parity difference the search used
     * @param metricUpper the highest allowed statistical parity difference the search used
     * @return the JSON text, ending with a line separator
     */
    public String toJson(double metricLower, double metricUpper) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        ObjectNode undefined = JSON.createObjectNode();
        number(root, undefined, "classification_threshold", classificationThreshold, "undefined");
        number(root, undefined, "roc_margin", margin, "undefined");
        root.put("threshold_index", thresholdIndex);
        root.put("margin_index", marginIndex);
        root.put("constraint_satisfied", constraintSatisfied);
        number(root, undefined, "metric_lower", metricLower, "undefined");
        number(root, undefined, "metric_upper", metricUpper, "undefined");
        ObjectNode at = root.putObject("at_solution");
        ObjectNode atUndefined = JSON.createObjectNode();
        String groups = "the privileged or the unprivileged rows have zero weight";
        number(at, atUndefined, "statistical_parity_difference", statisticalParityDifference, groups);
        number(at, atUndefined, "balanced_accuracy", balancedAccuracy,
                "the rows with the favourable or the unfavourable label have zero weight");
        number(at, atUndefined, "accuracy", accuracy, "the rows have zero weight");
        number(at, atUndefined, "selection_rate_privileged", selectionRatePrivileged, "the privileged rows have zero weight");
        number(at, atUndefined, "selection_rate_unprivileged", selectionRateUnprivileged,
                "the unprivileged rows have zero weight");
        at.put("favorable_predictions", favorablePredictions);
        if (!atUndefined.isEmpty()) {
            at.set("undefined", atUndefined);
        }
        if (!undefined.isEmpty()) {
            root.set("undefined", undefined);
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }

    private static void number(ObjectNode out, ObjectNode undefined, String name, double v, String reason) {
        if (Double.isFinite(v)) {
            out.put(name, v);
        } else {
            out.putNull(name);
            undefined.put(name, reason);
        }
    }
}
