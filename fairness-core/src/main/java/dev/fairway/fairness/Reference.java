package dev.fairway.fairness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reference (privileged) group: the groups whose values equal these in the named columns. Name
 * every group column for one intersectional group, or fewer for a broader privileged set. Every
 * API that compares with a reference (reports, gates, assertions, privacy releases, the monitor)
 * takes this value; their {@code Map<String, String>} overloads are adapters over {@link #of(Map)}.
 *
 * <p>The one text form, as {@code --reference} spells it: {@code value} when there is one group
 * column, else {@code column=value[,column=value...]}; a column name is stripped of surrounding
 * white space, a value is taken as written (see {@link #parse(String, List)}).
 *
 * <pre>{@code
 * Reference ref = Reference.of("race", "Caucasian");
 * String json = AuditReport.of(audit).withReference(ref).toJson();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param values column name to value (as text), in the order given
 */
public record Reference(Map<String, String> values) {

    /**
     * Validates and copies the values.
     *
     * @param values column to value
     * @throws IllegalArgumentException if there are none, or a column name is empty
     */
    public Reference {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a reference names at least one column");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String column = Objects.requireNonNull(e.getKey(), "column");
            if (column.isEmpty()) {
                throw new IllegalArgumentException("a reference column name must not be empty");
            }
            copy.put(column, Objects.requireNonNull(e.getValue(), "value of " + column));
        }
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * Creates a reference from column-to-value pairs.
     *
     * @param values column to value
     * @return the reference
     */
    public static Reference of(Map<String, String> values) {
        return new Reference(values);
    }

    /**
     * Creates a reference on one column.
     *
     * @param column the column
     * @param value its value
     * @return the reference
     */
    public static Reference of(String column, String value) {
        return new Reference(Map.of(column, value));
    }

    /**
     * Parses the text form: {@code value} (when {@code columns} has one column) or
     * {@code column=value[,column=value...]} naming columns of {@code columns}.
     *
     * @param spec the text
     * @param columns the group columns the reference may name
     * @return the reference
     * @throws IllegalArgumentException naming the bad part: a bare value with several columns, a part
     *     without {@code =}, a column not in {@code columns}, or a column named twice
     */
    public static Reference parse(String spec, List<String> columns) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(columns, "columns");
        Map<String, String> values = new LinkedHashMap<>();
        if (!spec.contains("=")) {
            if (columns.size() != 1) {
                throw new IllegalArgumentException("--reference '" + spec + "' must name columns (col=value,...) when"
                        + " auditing " + columns.size() + " group columns");
            }
            values.put(columns.get(0), spec);
            return new Reference(values);
        }
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--reference part '" + part + "' is not col=value");
            }
            String column = part.substring(0, eq).strip();
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("--reference names column '" + column + "', which is not a --group"
                        + " column " + columns);
            }
            if (values.put(column, part.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("--reference names column '" + column + "' twice");
            }
        }
        return new Reference(values);
    }

    /**
     * Whether a group is in the reference: its value in every named column equals the reference's.
     *
     * @param group the group
     * @return true if it matches
     * @throws IllegalArgumentException if the group has no column the reference names
     */
    public boolean matches(Group group) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!String.valueOf(group.value(e.getKey())).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
