package dev.fairway.explain.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of explain-core and the helpers its readers share. Every document is read
 * under the {@link StreamReadConstraints} documented on {@link ExplanationJson}: at most
 * {@value #MAX_DOCUMENT_LENGTH} bytes or characters, nesting depth {@value #MAX_NESTING_DEPTH},
 * strings of {@value #MAX_STRING_LENGTH} characters and numbers of {@value #MAX_NUMBER_LENGTH}
 * characters; a document past one is an {@link IllegalArgumentException} naming the limit.
 *
 * <p>Thread-safety: stateless apart from the immutable mapper; safe to use from many threads.
 */
final class Json {
    /** The longest document: 1 MiB. */
    static final int MAX_DOCUMENT_LENGTH = 1 << 20;
    /** The deepest nesting of arrays and objects. */
    static final int MAX_NESTING_DEPTH = 64;
    /** The longest string value, in characters. */
    static final int MAX_STRING_LENGTH = 65_536;
    /** The longest number, in characters. */
    static final int MAX_NUMBER_LENGTH = 100;

    /** The module's one mapper. */
    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build())
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a repeated key is bad input
            .build();

    private Json() {
    }

    /** Parses a document; {@code label} starts every message. */
    static JsonNode parse(String json, String label) {
        Objects.requireNonNull(json, "json");
        try {
            return MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException(limitMessage(label, e), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(label + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a document that must be one object. */
    static JsonNode parseObject(String json, String label) {
        JsonNode n = parse(json, label);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(label + " must hold a JSON object");
        }
        return n;
    }

    /** Reads a UTF-8 file of at most {@link #MAX_DOCUMENT_LENGTH} bytes. */
    static String readFile(Path file, String label) throws IOException {
        Objects.requireNonNull(file, "file");
        long size = Files.size(file);
        if (size > MAX_DOCUMENT_LENGTH) {
            throw new IllegalArgumentException(label + " is " + size + " bytes, above the limit of "
                    + MAX_DOCUMENT_LENGTH);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    static String limitMessage(String label, StreamConstraintsException e) {
        String m = e.getOriginalMessage();
        String limit;
        if (m.contains("getMaxDocumentLength")) {
            limit = "document length " + MAX_DOCUMENT_LENGTH + " characters";
        } else if (m.contains("getMaxNestingDepth")) {
            limit = "nesting depth " + MAX_NESTING_DEPTH;
        } else if (m.contains("getMaxStringLength")) {
            limit = "string length " + MAX_STRING_LENGTH + " characters";
        } else if (m.contains("getMaxNumberLength")) {
            limit = "number length " + MAX_NUMBER_LENGTH + " characters";
        } else {
            limit = "a read limit";
        }
        return label + ": JSON past the limit of " + limit + " (" + m + ")";
    }

    /** A required string field. */
    static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString()) {
            throw new IllegalArgumentException(where + " field '" + field + "' must be a string");
        }
        return v.stringValue();
    }

    /** An array of strings, empty when optional and missing. */
    static List<String> strings(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null && !required) {
            return List.of();
        }
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(where + " field '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString()) {
                throw new IllegalArgumentException(where + "." + field + "[" + i + "] must be a string");
            }
            out.add(v.get(i).stringValue());
        }
        return out;
    }

    /** An optional number. */
    static double number(JsonNode node, String field, double otherwise, String where) {
        JsonNode v = node.get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException(where + " field '" + field + "' must be a number");
        }
        return v.doubleValue();
    }
}
