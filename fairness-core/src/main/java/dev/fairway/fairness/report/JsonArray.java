package dev.fairway.fairness.report;

import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;

/**
 * A JSON array inside a report being built, as a {@link ReportSection} sees it: elements are written
 * in the order they are added; a number that is not finite is written as {@code null}.
 *
 * <p>Not thread-safe: one per rendering, used by the thread that renders.
 */
public final class JsonArray {
    private final ArrayNode node;

    JsonArray(ArrayNode node) {
        this.node = node;
    }

    /**
     * Adds a text element.
     *
     * @param value the text
     * @return this array
     */
    public JsonArray add(String value) {
        node.add(Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Adds a number element, {@code null} when the number is not finite.
     *
     * @param value the number
     * @return this array
     */
    public JsonArray add(double value) {
        if (Double.isFinite(value)) {
            node.add(value);
        } else {
            node.addNull();
        }
        return this;
    }

    /**
     * Adds an integer element.
     *
     * @param value the number
     * @return this array
     */
    public JsonArray add(long value) {
        node.add(value);
        return this;
    }

    /**
     * Adds an object element and returns it, for its members.
     *
     * @return the new, empty object
     */
    public JsonObject addObject() {
        return new JsonObject(node.addObject());
    }
}
