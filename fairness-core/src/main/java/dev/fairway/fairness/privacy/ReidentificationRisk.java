package dev.fairway.fairness.privacy;

import dev.fairway.fairness.report.ReportHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Re-identification risk of a table over its quasi-identifiers, as JSON ({@code fairway-risk/v1}),
 * text or a self-contained HTML page.
 *
 * <pre>{@code
 * ReidentificationRisk risk = ReidentificationRisk.builder()
 *         .quasi("zip", zip).quasi("age_band", ageBand)   // Object[]; null is its own value
 *         .sensitive("diagnosis", diagnosis)              // optional, for l-diversity
 *         .build();
 * int k = risk.kAnonymity();
 * }</pre>
 *
 * <p>Rows with equal values in every quasi-identifier form an <em>equivalence class</em> (a missing
 * value is a value of its own). The table is {@code k}-anonymous for {@code k} = the size of its
 * smallest class; <em>sample uniqueness</em> is the share of rows alone in their class (the rows an
 * attacker who knows the quasi-identifiers singles out from the sample); distinct
 * <em>l-diversity</em> is the smallest number of distinct sensitive values within a class. The
 * report names the smallest classes by their quasi-identifier values, so that they can be
 * generalised or suppressed: it is itself sensitive and should stay with the data controller.
 *
 * <p>Immutable and thread-safe; the builder is not.
 */
public final class ReidentificationRisk {
    /** The schema identifier written in every JSON report. */
    public static final String SCHEMA = "fairway-risk/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One equivalence class. Immutable and thread-safe.
     *
     * @param values the quasi-identifier values, by column, as text ({@code null} for missing)
     * @param size its number of rows
     * @param distinctSensitive its number of distinct sensitive values, or 0 without a sensitive column
     */
    public record EquivalenceClass(Map<String, String> values, long size, int distinctSensitive) {
        /**
         * Copies the values.
         *
         * @throws IllegalArgumentException if the size is below 1
         */
        public EquivalenceClass {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            if (size < 1) {
                throw new IllegalArgumentException("a class has at least one row, got " + size);
            }
        }

        /**
         * Creates a class.
         *
         * @param values the quasi-identifier values by column
         * @param size its number of rows
         * @param distinctSensitive distinct sensitive values in it
         * @return the class
         */
        public static EquivalenceClass of(Map<String, String> values, long size, int distinctSensitive) {
            return new EquivalenceClass(values, size, distinctSensitive);
        }
    }

    private final List<String> quasi;
    private final String sensitive;
    private final long rows;
    private final long classes;
    private final long uniqueRows;
    private final int k;
    private final int l;
    private final List<EquivalenceClass> smallest;

    private ReidentificationRisk(List<String> quasi, String sensitive, long rows, long classes, long uniqueRows, int k,
            int l, List<EquivalenceClass> smallest) {
        this.quasi = quasi;
        this.sensitive = sensitive;
        this.rows = rows;
        this.classes = classes;
        this.uniqueRows = uniqueRows;
        this.k = k;
        this.l = l;
        this.smallest = smallest;
    }

    /**
     * Starts a risk report.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of rows.
     *
     * @return rows
     */
    public long rows() {
        return rows;
    }

    /**
     * Returns the number of equivalence classes.
     *
     * @return classes
     */
    public long classes() {
        return classes;
    }

    /**
     * Returns k: the size of the smallest equivalence class.
     *
     * @return k
     */
    public int kAnonymity() {
        return k;
    }

    /**
     * Returns the number of rows alone in their class.
     *
     * @return unique rows
     */
    public long uniqueRows() {
        return uniqueRows;
    }

    /**
     * Returns the share of rows alone in their class.
     *
     * @return sample uniqueness in [0, 1]
     */
    public double sampleUniqueness() {
        return (double) uniqueRows / rows;
    }

    /**
     * Returns distinct l-diversity: the fewest distinct sensitive values in a class.
     *
     * @return l, or 0 without a sensitive column
     */
    public int lDiversity() {
        return l;
    }

    /**
     * Returns the smallest classes, smallest first (then least diverse, then by values).
     *
     * @return the classes
     */
    public List<EquivalenceClass> smallestClasses() {
        return smallest;
    }

    /**
     * Renders the report as JSON.
     *
     * @return pretty-printed JSON
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("rows", rows);
        ArrayNode q = root.putArray("quasi_identifiers");
        quasi.forEach(q::add);
        if (sensitive == null) {
            root.putNull("sensitive");
        } else {
            root.put("sensitive", sensitive);
        }
        root.put("classes", classes);
        root.put("k_anonymity", k);
        root.put("unique_rows", uniqueRows);
        root.put("sample_uniqueness", sampleUniqueness());
        if (sensitive == null) {
            root.putNull("l_diversity");
        } else {
            root.put("l_diversity", l);
        }
        ArrayNode list = root.putArray("smallest_classes");
        for (EquivalenceClass c : smallest) {
            ObjectNode o = list.addObject();
            ObjectNode values = o.putObject("quasi");
            c.values().forEach((key, v) -> {
                if (v == null) {
                    values.putNull(key);
                } else {
                    values.put(key, v);
                }
            });
            o.put("size", c.size());
            if (sensitive != null) {
                o.put("distinct_sensitive", c.distinctSensitive());
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }

    /**
     * Renders the report as one self-contained HTML page in the audit report's style (inline CSS,
     * no script, no network; every value from the data escaped): the header, the figures and the
     * table of the smallest classes, a class of one row shaded. The same report and header give
     * the same bytes.
     *
     * @param header the data source, the Fairway version and the date
     * @return the HTML page
     */
    public String toHtml(ReportHeader header) {
        Objects.requireNonNull(header, "header");
        return RiskHtml.render(this, quasi, sensitive, header);
    }

    /**
     * Renders the report as text.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append("Fairway re-identification risk: ").append(rows).append(" rows, quasi-identifiers ")
                .append(String.join(", ", quasi)).append(nl);
        sb.append(String.format(Locale.ROOT, "  classes            %d%n  k-anonymity        %d%n  unique rows        %d"
                + "%n  sample uniqueness  %.4f%n", classes, k, uniqueRows, sampleUniqueness()));
        if (sensitive != null) {
            sb.append(String.format(Locale.ROOT, "  l-diversity        %d (distinct values of %s)%n", l, sensitive));
        }
        sb.append("smallest classes:").append(nl);
        for (EquivalenceClass c : smallest) {
            sb.append("  ").append(c.values()).append(" size ").append(c.size());
            if (sensitive != null) {
                sb.append(", distinct ").append(sensitive).append(' ').append(c.distinctSensitive());
            }
            sb.append(nl);
        }
        return sb.toString();
    }

    /**
     * Collects the columns. Not thread-safe.
     */
    public static final class Builder {
        private final Map<String, Object[]> quasi = new LinkedHashMap<>();
        private String sensitiveName;
        private Object[] sensitiveValues;
        private int smallest = 5;

        private Builder() {
        }

        /**
         * Adds a quasi-identifier column.
         *
         * @param column its name
         * @param values its values ({@code null} is a value of its own)
         * @return this builder
         * @throws IllegalArgumentException if the name is taken or the length differs
         */
        public Builder quasi(String column, Object[] values) {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(values, "values");
            if (quasi.containsKey(column) || column.equals(sensitiveName)) {
                throw new IllegalArgumentException("column '" + column + "' is added twice");
            }
            length(column, values.length);
            quasi.put(column, values.clone());
            return this;
        }

        /**
         * Sets the sensitive column whose diversity within classes is measured.
         *
         * @param column its name
         * @param values its values ({@code null} is a value of its own)
         * @return this builder
         * @throws IllegalArgumentException if it is also a quasi-identifier or the length differs
         */
        public Builder sensitive(String column, Object[] values) {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(values, "values");
            if (quasi.containsKey(column)) {
                throw new IllegalArgumentException("column '" + column + "' is a quasi-identifier and cannot be the sensitive one");
            }
            length(column, values.length);
            sensitiveName = column;
            sensitiveValues = values.clone();
            return this;
        }

        /**
         * Sets how many of the smallest classes are named (default 5).
         *
         * @param count at least 0
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder smallest(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("smallest must be >= 0, got " + count);
            }
            smallest = count;
            return this;
        }

        private void length(String column, int n) {
            Object[] any = !quasi.isEmpty() ? quasi.values().iterator().next() : sensitiveValues;
            if (any != null && any.length != n) {
                throw new IllegalArgumentException("column '" + column + "' has " + n + " rows but earlier columns have "
                        + any.length);
            }
        }

        /**
         * Groups the rows into classes and measures them.
         *
         * @return the report
         * @throws IllegalStateException without a quasi-identifier or without rows
         */
        public ReidentificationRisk build() {
            if (quasi.isEmpty()) {
                throw new IllegalStateException("no quasi-identifier");
            }
            List<String> names = List.copyOf(quasi.keySet());
            Object[][] cols = quasi.values().toArray(new Object[0][]);
            int n = cols[0].length;
            if (n == 0) {
                throw new IllegalStateException("no rows");
            }
            Map<List<Object>, long[]> sizes = new HashMap<>();
            Map<List<Object>, Set<Object>> diverse = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Object[] key = new Object[cols.length];
                for (int c = 0; c < cols.length; c++) {
                    key[c] = cols[c][i];
                }
                List<Object> k = Arrays.asList(key);
                sizes.computeIfAbsent(k, x -> new long[1])[0]++;
                if (sensitiveValues != null) {
                    diverse.computeIfAbsent(k, x -> new HashSet<>()).add(sensitiveValues[i] == null ? Missing.VALUE
                            : sensitiveValues[i]);
                }
            }
            long unique = 0;
            long minSize = Long.MAX_VALUE;
            int minL = Integer.MAX_VALUE;
            List<EquivalenceClass> all = new ArrayList<>();
            for (Map.Entry<List<Object>, long[]> e : sizes.entrySet()) {
                long size = e.getValue()[0];
                unique += size == 1 ? 1 : 0;
                minSize = Math.min(minSize, size);
                int l = sensitiveValues == null ? 0 : diverse.get(e.getKey()).size();
                minL = Math.min(minL, l);
                Map<String, String> values = new LinkedHashMap<>();
                for (int c = 0; c < names.size(); c++) {
                    Object v = e.getKey().get(c);
                    values.put(names.get(c), v == null ? null : String.valueOf(v));
                }
                all.add(EquivalenceClass.of(values, size, l));
            }
            all.sort(Comparator.comparingLong(EquivalenceClass::size).thenComparingInt(EquivalenceClass::distinctSensitive)
                    .thenComparing(c -> c.values().toString()));
            return new ReidentificationRisk(names, sensitiveName, n, sizes.size(), unique, (int) Math.min(Integer.MAX_VALUE,
                    minSize), sensitiveValues == null ? 0 : minL, List.copyOf(all.subList(0, Math.min(smallest, all.size()))));
        }
    }

    /** The key of a missing sensitive value in a class's set of values. */
    private enum Missing { VALUE }
}
