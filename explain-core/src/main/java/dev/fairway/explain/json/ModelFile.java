package dev.fairway.explain.json;

import dev.fairway.explain.LinearModel;
import dev.fairway.explain.LogisticModel;
import dev.fairway.explain.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A model file, as {@code fairway explain --model} reads it, and the instance files that go with it:
 * <pre>{@code
 * {"type": "logistic", "intercept": -0.5,
 *  "coefficients": {"income": 0.8, "debt_ratio": -2.0, "history_years": 0.25}}
 * }</pre>
 * {@code type} is {@code linear} or {@code logistic}; {@code intercept} defaults to 0; the
 * coefficients' order is the feature order. An instance is one object of numbers by feature name,
 * {@code {"income": 2.5, "debt_ratio": 0.6, "history_years": 2}}.
 *
 * <p>Files are untrusted input: they are read under the limits listed on {@link ExplanationJson}
 * (1 MiB, nesting depth 64, strings of 65,536 and numbers of 100 characters); every error is an
 * {@link IllegalArgumentException} whose message starts with {@code model} or {@code instance} and
 * names the field.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param model the model: a {@link LinearModel}, or a {@link LogisticModel} over one
 * @param featureNames the feature names in column order
 * @param logistic whether the model is logistic
 */
public record ModelFile(Model model, List<String> featureNames, boolean logistic) {

    /**
     * Validates and copies the record.
     *
     * @throws IllegalArgumentException if the number of names differs from the model's features
     */
    public ModelFile {
        Objects.requireNonNull(model, "model");
        featureNames = List.copyOf(Objects.requireNonNull(featureNames, "featureNames"));
        if (featureNames.size() != model.features()) {
            throw new IllegalArgumentException("featureNames has " + featureNames.size() + " names, the model has "
                    + model.features() + " features");
        }
    }

    /**
     * Reads a model file.
     *
     * @param file the file, UTF-8, at most 1 MiB
     * @return the model and its feature names
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file and field when the content is invalid or past a limit
     */
    public static ModelFile read(Path file) throws IOException {
        String label = "model file " + file;
        return parse(Json.parseObject(Json.readFile(file, label), label));
    }

    /**
     * Parses a model document.
     *
     * @param json the document, at most 1 MiB
     * @return the model and its feature names
     * @throws IllegalArgumentException naming the field when the content is invalid or past a limit
     */
    public static ModelFile parse(String json) {
        return parse(Json.parseObject(json, "model"));
    }

    private static ModelFile parse(JsonNode n) {
        JsonNode type = n.get("type");
        if (type == null || !type.isString()) {
            throw new IllegalArgumentException("model field 'type' must be \"linear\" or \"logistic\"");
        }
        boolean logistic = switch (type.stringValue()) {
            case "linear" -> false;
            case "logistic" -> true;
            default -> throw new IllegalArgumentException("model field 'type' must be \"linear\" or \"logistic\", was \""
                    + type.stringValue() + "\"");
        };
        JsonNode b = n.get("intercept");
        if (b != null && !b.isNumber()) {
            throw new IllegalArgumentException("model field 'intercept' must be a number");
        }
        JsonNode cs = n.get("coefficients");
        if (cs == null || !cs.isObject() || cs.size() == 0) {
            throw new IllegalArgumentException("model field 'coefficients' must be a non-empty object of name: weight");
        }
        List<String> names = new ArrayList<>();
        double[] w = new double[cs.size()];
        for (Map.Entry<String, JsonNode> e : cs.properties()) {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("model coefficient '" + e.getKey() + "' must be a number");
            }
            w[names.size()] = e.getValue().doubleValue();
            names.add(e.getKey());
        }
        LinearModel lin;
        try {
            lin = LinearModel.of(b == null ? 0.0 : b.doubleValue(), w, names);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model: " + e.getMessage(), e);
        }
        return new ModelFile(logistic ? LogisticModel.of(lin) : lin, names, logistic);
    }

    /**
     * Reads an instance file for this model.
     *
     * @param file the file, UTF-8, at most 1 MiB
     * @return the instance's values in feature order
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the feature when one is missing, unknown or not a number
     */
    public double[] readInstance(Path file) throws IOException {
        String label = "instance file " + file;
        return instance(Json.parseObject(Json.readFile(file, label), label));
    }

    /**
     * Parses an instance document for this model.
     *
     * @param json the document, at most 1 MiB
     * @return the instance's values in feature order
     * @throws IllegalArgumentException naming the feature when one is missing, unknown or not a number
     */
    public double[] parseInstance(String json) {
        return instance(Json.parseObject(json, "instance"));
    }

    private double[] instance(JsonNode n) {
        for (String key : n.propertyNames()) {
            if (!featureNames.contains(key)) {
                throw new IllegalArgumentException("instance names '" + key + "', which the model does not have");
            }
        }
        double[] x = new double[featureNames.size()];
        for (int j = 0; j < x.length; j++) {
            JsonNode v = n.get(featureNames.get(j));
            if (v == null || !v.isNumber()) {
                throw new IllegalArgumentException("instance needs a number for feature '" + featureNames.get(j) + "'");
            }
            x[j] = v.doubleValue();
        }
        return x;
    }
}
