package dev.fairway.consent.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import dev.fairway.io.JsonLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The field helpers consent-core's JSON readers share (catalogue, consent events, audit records).
 * Documents are parsed by {@link JsonLimits#DEFAULTS} (the one limits object of every Fairway
 * reader: 16 MiB, nesting depth 64, strings of 65,536 characters, numbers of 100 characters, no
 * repeated key), whose errors are {@link dev.fairway.io.InputException}s naming the limit and the
 * position. Not exported.
 *
 * <p>Thread-safety: stateless; safe to use from many threads.
 */
public final class Json {
    /** The mapper for writing (and, through {@link JsonLimits#DEFAULTS}, reading). */
    public static final JsonMapper MAPPER = JsonLimits.DEFAULTS.mapper();

    private Json() {
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
