package dev.fairway.fairness.mitigation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of a {@link ThresholdOptimizer}: per group a randomised thresholding rule
 * ({@link GroupThresholds}) with its expected selection rate, TPR and FPR on the fitted data.
 * Serialisable as JSON ({@code fairway-threshold-policy/v1}) and applicable to new scores with a
 * seeded random source.
 *
 * <p>JSON: {@code schema}, {@code constraint}, {@code objective}, {@code grid_size}, {@code x_best},
 * {@code y_best} (equalized odds only), {@code objective_value}, and {@code groups}: group name to
 * {@code p0}, {@code operation0} ({@code {"operator": ">", "threshold": t}}), {@code p1},
 * {@code operation1}, {@code p_ignore}, {@code prediction_constant}, and {@code expected}
 * ({@code selection_rate}, {@code true_positive_rate}, {@code false_positive_rate}). Infinite
 * thresholds are the strings {@code "Infinity"} and {@code "-Infinity"}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ThresholdPolicy {
    /** The schema identifier written in the JSON. */
    public static final String SCHEMA = "fairway-threshold-policy/v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FairnessConstraint constraint;
    private final ThresholdObjective objective;
    private final int gridSize;
    private final double xBest;
    private final double yBest;
    private final double objectiveValue;
    private final Map<String, GroupThresholds> groups;

    ThresholdPolicy(FairnessConstraint constraint, ThresholdObjective objective, int gridSize, double xBest,
            double yBest, double objectiveValue, Map<String, GroupThresholds> groups) {
        this.constraint = constraint;
        this.objective = objective;
        this.gridSize = gridSize;
        this.xBest = xBest;
        this.yBest = yBest;
        this.objectiveValue = objectiveValue;
        this.groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /**
     * Returns the constraint.
     *
     * @return the constraint
     */
    public FairnessConstraint constraint() {
        return constraint;
    }

    /**
     * Returns the objective.
     *
     * @return the objective
     */
    public ThresholdObjective objective() {
        return objective;
    }

    /**
     * Returns the chosen value of the constrained rate (every group's expected rate).
     *
     * @return x at the best grid point
     */
    public double xBest() {
        return xBest;
    }

    /**
     * Returns the common true positive rate under equalized odds, {@code NaN} otherwise.
     *
     * @return y at the best grid point
     */
    public double yBest() {
        return yBest;
    }

    /**
     * Returns the objective at the chosen point as Fairlearn reports it (size-weighted mean of the
     * groups' objectives; under equalized odds the objective of the overall counts, rounded to 15
     * decimals).
     *
     * @return the objective value
     */
    public double objectiveValue() {
        return objectiveValue;
    }

    /**
     * Returns the rules by group name, in sorted order.
     *
     * @return the rules
     */
    public Map<String, GroupThresholds> groups() {
        return groups;
    }

    /**
     * Returns the probability of a positive decision for one score of one group.
     *
     * @param score the score
     * @param group the group's name
     * @return the probability
     * @throws IllegalArgumentException if the group is not in the policy
     */
    public double probability(double score, String group) {
        GroupThresholds g = groups.get(group);
        if (g == null) {
            throw new IllegalArgumentException("group '" + group + "' is not in the policy; groups are " + groups.keySet());
        }
        return g.probability(score);
    }

    /**
     * Decides every row: row {@code i} is positive iff {@code probability >= u_i}, with
     * {@code u_i} the {@code i}-th draw in [0, 1) of a {@link SplittableRandom} seeded with
     * {@code seed} (Fairlearn's {@code P >= u} rule).
     *
     * @param scores the scores
     * @param groupValues each row's group (by {@code toString()})
     * @param seed the seed
     * @return the decisions
     * @throws IllegalArgumentException naming the row of an unknown or null group, or on a length mismatch
     */
    public boolean[] apply(double[] scores, List<?> groupValues, long seed) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(groupValues, "groupValues");
        if (groupValues.size() != scores.length) {
            throw new IllegalArgumentException("scores have " + scores.length + " rows, groups " + groupValues.size());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] out = new boolean[scores.length];
        for (int i = 0; i < out.length; i++) {
            Object v = groupValues.get(i);
            GroupThresholds g = v == null ? null : groups.get(v.toString());
            if (g == null) {
                throw new IllegalArgumentException("group '" + v + "' at row " + i + " is not in the policy; groups are "
                        + groups.keySet());
            }
            out[i] = g.probability(scores[i]) >= rng.nextDouble();
        }
        return out;
    }

    /**
     * Renders the policy as pretty-printed JSON.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("constraint", constraint.jsonName());
        root.put("objective", objective.jsonName());
        root.put("grid_size", gridSize);
        root.put("x_best", xBest);
        if (!Double.isNaN(yBest)) {
            root.put("y_best", yBest);
        }
        root.put("objective_value", objectiveValue);
        ObjectNode gs = root.putObject("groups");
        for (GroupThresholds g : groups.values()) {
            ObjectNode node = gs.putObject(g.group());
            node.put("p0", g.p0());
            operation(node.putObject("operation0"), g.threshold0());
            node.put("p1", g.p1());
            operation(node.putObject("operation1"), g.threshold1());
            node.put("p_ignore", g.pIgnore());
            node.put("prediction_constant", g.predictionConstant());
            ObjectNode e = node.putObject("expected");
            e.put("selection_rate", g.selectionRate());
            e.put("true_positive_rate", g.truePositiveRate());
            e.put("false_positive_rate", g.falsePositiveRate());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }

    private static void operation(ObjectNode node, double threshold) {
        node.put("operator", ">");
        if (Double.isInfinite(threshold)) {
            node.put("threshold", threshold > 0 ? "Infinity" : "-Infinity");
        } else {
            node.put("threshold", threshold);
        }
    }

    /**
     * Reads a policy written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the policy
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static ThresholdPolicy fromJson(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("policy is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!SCHEMA.equals(text(root, "schema"))) {
            throw new IllegalArgumentException("field 'schema' must be " + SCHEMA);
        }
        FairnessConstraint constraint = FairnessConstraint.byJsonName(text(root, "constraint"));
        ThresholdObjective objective = ThresholdObjective.byJsonName(text(root, "objective"));
        int grid = (int) number(root, "grid_size");
        double x = number(root, "x_best");
        double y = root.has("y_best") ? number(root, "y_best") : Double.NaN;
        double value = number(root, "objective_value");
        JsonNode gs = root.get("groups");
        if (gs == null || !gs.isObject()) {
            throw new IllegalArgumentException("field 'groups' must be an object");
        }
        Map<String, GroupThresholds> groups = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : gs.properties()) {
            JsonNode g = e.getValue();
            String at = "groups." + e.getKey();
            JsonNode exp = g.get("expected");
            if (exp == null) {
                throw new IllegalArgumentException("field '" + at + ".expected' is missing");
            }
            groups.put(e.getKey(), new GroupThresholds(e.getKey(), number(g, "p0", at), threshold(g, "operation0", at),
                    number(g, "p1", at), threshold(g, "operation1", at), number(g, "p_ignore", at),
                    number(g, "prediction_constant", at), number(exp, "selection_rate", at + ".expected"),
                    number(exp, "true_positive_rate", at + ".expected"),
                    number(exp, "false_positive_rate", at + ".expected")));
        }
        return new ThresholdPolicy(constraint, objective, grid, x, y, value, groups);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return v.asString();
    }

    private static double number(JsonNode node, String field) {
        return number(node, field, null);
    }

    private static double number(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("field '" + (at == null ? "" : at + ".") + field + "' must be a number");
        }
        return v.asDouble();
    }

    private static double threshold(JsonNode node, String field, String at) {
        JsonNode op = node.get(field);
        if (op == null || !">".equals(op.path("operator").asString(""))) {
            throw new IllegalArgumentException("field '" + at + "." + field + ".operator' must be \">\"");
        }
        JsonNode t = op.get("threshold");
        if (t != null && t.isString() && (t.asString().equals("Infinity") || t.asString().equals("-Infinity"))) {
            return Double.parseDouble(t.asString());
        }
        return number(op, "threshold", at + "." + field);
    }
}
