package dev.fairway.explain.json;

import dev.fairway.explain.recourse.ActionDirection;
import dev.fairway.explain.recourse.FeatureAction;
import dev.fairway.explain.recourse.RecourseCost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A recourse-action file, as {@code fairway explain --recourse} reads it:
 * <pre>{@code
 * {"threshold": 0.7, "cost": "mad_l1", "k": 3,
 *  "actions": [{"feature": "income", "direction": "increase", "lower": 0, "upper": 8, "step": 0.5},
 *              {"feature": "plan", "transitions": {"0": [1, 2]}},
 *              {"feature": "age", "mutable": false}]}
 * }</pre>
 * {@code threshold} defaults to 0.5, {@code cost} ({@code mad_l1} or {@code percentile_shift}) to
 * {@code mad_l1}, {@code k} to 3; an action's {@code direction} ({@code any}, {@code increase},
 * {@code decrease}) to {@code any} and its bounds to unbounded. Feed the fields to
 * {@link dev.fairway.explain.recourse.RecourseSearch#builder}.
 *
 * <p>Files are untrusted input: they are read under the limits listed on {@link ExplanationJson};
 * every error is an {@link IllegalArgumentException} whose message starts with {@code recourse} and
 * names the action and field.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param threshold the score the counterfactuals must reach
 * @param cost the cost of a change
 * @param k how many counterfactuals to return
 * @param actions what can be done about which feature
 */
public record RecourseFile(double threshold, RecourseCost cost, int k, List<FeatureAction> actions) {

    /**
     * Validates and copies the record.
     *
     * @throws NullPointerException if the cost or actions are null
     */
    public RecourseFile {
        Objects.requireNonNull(cost, "cost");
        actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
    }

    /**
     * Reads a recourse-action file.
     *
     * @param file the file, UTF-8, at most 1 MiB
     * @param featureNames the model's feature names; every action must name one
     * @return the recourse settings
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the action and field when the content is invalid or past a limit
     */
    public static RecourseFile read(Path file, List<String> featureNames) throws IOException {
        String label = "recourse file " + file;
        return parse(Json.parseObject(Json.readFile(file, label), label), featureNames);
    }

    /**
     * Parses a recourse-action document.
     *
     * @param json the document, at most 1 MiB
     * @param featureNames the model's feature names; every action must name one
     * @return the recourse settings
     * @throws IllegalArgumentException naming the action and field when the content is invalid or past a limit
     */
    public static RecourseFile parse(String json, List<String> featureNames) {
        return parse(Json.parseObject(json, "recourse"), featureNames);
    }

    private static RecourseFile parse(JsonNode n, List<String> features) {
        Objects.requireNonNull(features, "featureNames");
        double threshold = Json.number(n, "threshold", 0.5, "recourse");
        String c = text(n, "cost", "mad_l1", "recourse");
        RecourseCost cost = switch (c) {
            case "mad_l1" -> RecourseCost.MAD_L1;
            case "percentile_shift" -> RecourseCost.PERCENTILE_SHIFT;
            default -> throw new IllegalArgumentException("recourse field 'cost' must be mad_l1 or percentile_shift, was '"
                    + c + "'");
        };
        int k = (int) Json.number(n, "k", 3, "recourse");
        JsonNode as = n.get("actions");
        if (as == null || !as.isArray()) {
            throw new IllegalArgumentException("recourse field 'actions' must be an array");
        }
        List<FeatureAction> actions = new ArrayList<>();
        for (int i = 0; i < as.size(); i++) {
            String where = "recourse actions[" + i + "]";
            try {
                actions.add(action(as.get(i), where, features));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(where)) {
                    throw e;
                }
                // a rule of FeatureAction itself, for example bounds in the wrong order
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new RecourseFile(threshold, cost, k, actions);
    }

    /**
     * A string field, or its default when absent; anything but a string (an array, say) is an
     * {@link IllegalArgumentException} naming the field (found by the CLI fuzz target at 20,000 cases: Jackson's
     * {@code asString()} throws its own exception on an array).
     */
    private static String text(JsonNode n, String field, String absent, String where) {
        JsonNode v = n.get(field);
        if (v == null) {
            return absent;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException(where + " field '" + field + "' must be a string");
        }
        return v.stringValue();
    }

    private static FeatureAction action(JsonNode a, String where, List<String> features) {
        JsonNode f = a.get("feature");
        if (f == null || !f.isString() || !features.contains(f.stringValue())) {
            throw new IllegalArgumentException(where + " field 'feature' must name a model feature");
        }
        String dir = text(a, "direction", "any", where);
        ActionDirection d = switch (dir) {
            case "any" -> ActionDirection.ANY;
            case "increase" -> ActionDirection.INCREASE;
            case "decrease" -> ActionDirection.DECREASE;
            default -> throw new IllegalArgumentException(where + " field 'direction' must be any, increase or "
                    + "decrease, was '" + dir + "'");
        };
        boolean mutable = !a.has("mutable") || a.get("mutable").asBoolean();
        if (!mutable) {
            return FeatureAction.immutable(f.stringValue());
        }
        JsonNode tr = a.get("transitions");
        if (tr != null) {
            if (!tr.isObject()) {
                throw new IllegalArgumentException(where + " field 'transitions' must be an object of value: [values]");
            }
            Map<Double, Set<Double>> transitions = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : tr.properties()) {
                double from;
                try {
                    from = Double.parseDouble(e.getKey());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException(where + ".transitions key '" + e.getKey() + "' is not a number", ex);
                }
                Set<Double> to = new HashSet<>();
                if (!e.getValue().isArray()) {
                    throw new IllegalArgumentException(where + ".transitions['" + e.getKey() + "'] must be an array");
                }
                for (JsonNode v : e.getValue()) {
                    if (!v.isNumber()) {
                        throw new IllegalArgumentException(where + ".transitions['" + e.getKey() + "'] holds a non-number");
                    }
                    to.add(v.doubleValue());
                }
                transitions.put(from, to);
            }
            return FeatureAction.categorical(f.stringValue(), transitions);
        }
        return FeatureAction.numeric(f.stringValue(), d, Json.number(a, "lower", Double.NEGATIVE_INFINITY, where),
                Json.number(a, "upper", Double.POSITIVE_INFINITY, where), Json.number(a, "step", 0, where));
    }
}
