package dev.fairway.fairness.report;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON object inside a report being built, as a {@link ReportSection} sees it: members are added in
 * order and written in that order. A number that is not finite is written as {@code null}, as every
 * Fairway report writes an undefined number.
 *
 * <p>Not thread-safe: one per rendering, used by the thread that renders.
 */
public final class JsonObject {
    private final ObjectNode node;

    JsonObject(ObjectNode node) {
        this.node = node;
    }

    /** The underlying tree, for the renderers of this package. */
    ObjectNode node() {
        return node;
    }

    /**
     * Adds a text member.
     *
     * @param name the member name
     * @param value the text
     * @return this object
     */
    public JsonObject put(String name, String value) {
        node.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Adds an integer member.
     *
     * @param name the member name
     * @param value the number
     * @return this object
     */
    public JsonObject put(String name, long value) {
        node.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /**
     * Adds a number member, {@code null} when the number is not finite.
     *
     * @param name the member name
     * @param value the number
     * @return this object
     */
    public JsonObject put(String name, double value) {
        Objects.requireNonNull(name, "name");
        if (Double.isFinite(value)) {
            node.put(name, value);
        } else {
            node.putNull(name);
        }
        return this;
    }

    /**
     * Adds a boolean member.
     *
     * @param name the member name
     * @param value the truth value
     * @return this object
     */
    public JsonObject put(String name, boolean value) {
        node.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /**
     * Adds a {@code null} member.
     *
     * @param name the member name
     * @return this object
     */
    public JsonObject putNull(String name) {
        node.putNull(Objects.requireNonNull(name, "name"));
        return this;
    }

    /**
     * Adds an object member and returns it, for its own members.
     *
     * @param name the member name
     * @return the new, empty object
     */
    public JsonObject putObject(String name) {
        return new JsonObject(node.putObject(Objects.requireNonNull(name, "name")));
    }

    /**
     * Adds an array member and returns it, for its elements.
     *
     * @param name the member name
     * @return the new, empty array
     */
    public JsonArray putArray(String name) {
        return new JsonArray(node.putArray(Objects.requireNonNull(name, "name")));
    }
}
