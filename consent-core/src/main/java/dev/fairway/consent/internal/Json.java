package dev.fairway.consent.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper of consent-core and the field helpers its readers share (catalogue, consent
 * events, audit records). Not exported: callers use {@code FeatureCatalogue.fromJson},
 * {@code ConsentEvent.fromJson} and the JSON-lines store and audit sink.
 *
 * <p>Every document is read under these {@link StreamReadConstraints}, since catalogues, ledgers
 * and audit files may come from outside the service: at most {@value #MAX_DOCUMENT_LENGTH}
 * bytes or characters per document (16 MiB, a catalogue's limit), nesting depth
 * {@value #MAX_NESTING_DEPTH}, strings of at most {@value #MAX_STRING_LENGTH} characters and
 * numbers of at most {@value #MAX_NUMBER_LENGTH} characters. A document past a limit is an
 * {@link IllegalArgumentException} naming the limit.
 *
 * <p>Thread-safety: stateless apart from the immutable mapper; safe to use from many threads.
 */
public final class Json {
    /** The longest document, in bytes (or characters for text input). */
    public static final int MAX_DOCUMENT_LENGTH = 16 * 1024 * 1024;
    /** The deepest nesting of arrays and objects. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** The longest string value, in characters. */
    public static final int MAX_STRING_LENGTH = 65_536;
    /** The longest number, in characters. */
    public static final int MAX_NUMBER_LENGTH = 100;

    /** The module's one mapper, configured with the limits above. */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
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

    /**
     * Parses a document.
     *
     * @param json the text
     * @param what what the document is, for the message (for example {@code "catalogue"})
     * @return the root node, or null for an empty document
     * @throws IllegalArgumentException if the JSON is malformed or past a limit, naming the limit
     */
    public static JsonNode read(String json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException(limitMessage(what, e), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses a document from UTF-8 bytes.
     *
     * @param json the bytes
     * @param what what the document is, for the message
     * @return the root node, or null for an empty document
     * @throws IllegalArgumentException if the JSON is malformed or past a limit, naming the limit
     */
    public static JsonNode read(byte[] json, String what) {
        try {
            return MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new IllegalArgumentException(limitMessage(what, e), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Words the error for a document past one of the limits.
     *
     * @param what what the document is
     * @param e    Jackson's error, whose message names the exceeded {@code StreamReadConstraints} getter
     * @return for example {@code "catalogue: JSON past the limit of nesting depth 64: ..."}
     */
    public static String limitMessage(String what, StreamConstraintsException e) {
        String m = e.getOriginalMessage();
        String limit;
        if (m.contains("getMaxDocumentLength")) {
            limit = "document length " + MAX_DOCUMENT_LENGTH + " bytes";
        } else if (m.contains("getMaxNestingDepth")) {
            limit = "nesting depth " + MAX_NESTING_DEPTH;
        } else if (m.contains("getMaxStringLength")) {
            limit = "string length " + MAX_STRING_LENGTH + " characters";
        } else if (m.contains("getMaxNumberLength")) {
            limit = "number length " + MAX_NUMBER_LENGTH + " characters";
        } else {
            limit = "a read limit";
        }
        return what + ": JSON past the limit of " + limit + " (" + m + ")";
    }

    /**
     * Reads a required, non-blank string field.
     *
     * @param node  the object
     * @param field the field
     * @param where the entry, for the message
     * @return the value
     * @throws IllegalArgumentException naming the entry and field
     */
    public static String nonBlankText(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.stringValue().isBlank()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a non-blank string");
        }
        return v.stringValue();
    }

    /**
     * Reads a string field that may be missing or null.
     *
     * @param node     the object
     * @param field    the field
     * @param required whether a missing or null value is an error
     * @return the value, or null
     * @throws IllegalArgumentException naming the field
     */
    public static String text(JsonNode node, String field, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("field '" + field + "' is required");
            }
            return null;
        }
        if (!v.isString()) {
            throw new IllegalArgumentException("field '" + field + "' must be a string");
        }
        return v.stringValue();
    }

    /**
     * Reads an ISO-8601 instant field.
     *
     * @param node     the object
     * @param field    the field
     * @param required whether a missing value is an error
     * @return the instant, or null
     * @throws IllegalArgumentException naming the field
     */
    public static Instant instant(JsonNode node, String field, boolean required) {
        String t = text(node, field, required);
        if (t == null) {
            return null;
        }
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' must be an ISO-8601 instant, got '" + t + "'", e);
        }
    }

    /**
     * Reads a required enum field spelled exactly as the constant's name.
     *
     * @param <E>   the enum
     * @param type  the enum class
     * @param node  the object
     * @param field the field
     * @return the constant
     * @throws IllegalArgumentException naming the field and the allowed names
     */
    public static <E extends Enum<E>> E enumByName(Class<E> type, JsonNode node, String field) {
        String name = text(node, field, true);
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + field + "' must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", got '" + name + "'", e);
        }
    }

    /**
     * Reads a required enum field in any case ({@code "special_category"} for {@code SPECIAL_CATEGORY}).
     *
     * @param <E>   the enum
     * @param type  the enum class
     * @param node  the object
     * @param field the field
     * @return the constant
     * @throws IllegalArgumentException naming the field and the allowed names in lower case
     */
    public static <E extends Enum<E>> E enumIgnoringCase(Class<E> type, JsonNode node, String field) {
        JsonNode v = node.get(field);
        String name = v != null && v.isString() ? v.stringValue() : "";
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("field '" + field + "' must be one of "
                + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ", got '" + name + "'");
    }

    /**
     * Reads an optional boolean field.
     *
     * @param node      the object
     * @param field     the field
     * @param otherwise the value when the field is missing
     * @return the value
     * @throws IllegalArgumentException naming the field
     */
    public static boolean flag(JsonNode node, String field, boolean otherwise) {
        JsonNode v = node.get(field);
        if (v == null) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("field '" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    /**
     * Reads an optional array of strings.
     *
     * @param node  the object
     * @param field the field
     * @return the strings, empty when the field is missing
     * @throws IllegalArgumentException naming the field (and element)
     */
    public static List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (!v.isArray()) {
            throw new IllegalArgumentException("field '" + field + "' must be an array of strings");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isString()) {
                throw new IllegalArgumentException("field '" + field + "[" + i + "]' must be a string");
            }
            out.add(v.get(i).stringValue());
        }
        return out;
    }

    /**
     * Reads a required number.
     *
     * @param node the object
     * @param path the field's path, for the message (for example {@code "on_denial.neutral"})
     * @param field the field
     * @return the value
     * @throws IllegalArgumentException naming the path
     */
    public static double number(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("field '" + path + "' must be a number");
        }
        return v.doubleValue();
    }

    /**
     * Reads a required 32-bit integer.
     *
     * @param node the object
     * @param path the field's path, for the message
     * @param field the field
     * @return the value
     * @throws IllegalArgumentException naming the path
     */
    public static int integer(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isInt()) {
            throw new IllegalArgumentException("field '" + path + "' must be an integer");
        }
        return v.intValue();
    }
}
