package dev.fairway.fairness;

import java.util.List;
import java.util.Objects;

/**
 * One group: a value for each sensitive column, such as {@code race=Caucasian, sex=Male}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param columns the sensitive column names, in audit order
 * @param values the group's value in each column (same order); never null
 */
public record Group(List<String> columns, List<Object> values) {

    /**
     * Validates and copies the lists.
     *
     * @param columns the sensitive column names
     * @param values the group's values
     * @throws IllegalArgumentException if the lists differ in size or are empty
     * @throws NullPointerException if a list or an element is null
     */
    public Group {
        columns = List.copyOf(columns);
        values = List.copyOf(values);
        if (columns.isEmpty() || columns.size() != values.size()) {
            throw new IllegalArgumentException(
                    "a group needs one value per column, got columns " + columns + " and values " + values);
        }
    }

    /**
     * Returns the group's value in a column.
     *
     * @param column the column name
     * @return the value
     * @throws IllegalArgumentException if the group has no such column
     */
    public Object value(String column) {
        int i = columns.indexOf(Objects.requireNonNull(column, "column"));
        if (i < 0) {
            throw new IllegalArgumentException("group has no column '" + column + "'; columns are " + columns);
        }
        return values.get(i);
    }

    /**
     * Returns {@code column=value} pairs joined by {@code ", "}.
     *
     * @return a readable label
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(columns.get(i)).append('=').append(values.get(i));
        }
        return sb.toString();
    }
}
