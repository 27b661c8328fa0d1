package dev.fairway.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The columns of a fairness audit: a binary label and prediction per row, optional sample
 * weights, and one or more sensitive columns whose combinations form the groups.
 *
 * <p>Build one with {@link #builder()} from arrays, or with {@link #fromRows(List)} from your own
 * objects. Building validates every row and copies the data: labels and predictions become one
 * byte per row ({@code 2 * label + prediction}, see {@link Cell}) and the sensitive columns become
 * one dense group code per row (see {@link GroupIndex}). Bad input is rejected with an
 * {@link IllegalArgumentException} that names the column and the first bad row (0-based).
 *
 * <pre>{@code
 * AuditData data = AuditData.builder()
 *         .labels("approved", approved)          // boolean[], byte[] or int[] of 0/1
 *         .predictions("predicted", predicted)
 *         .sensitive("sex", sex)                 // any values: String[], enums, int[] ...
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AuditData {
    private final byte[] cells;
    private final int[] groups;
    private final double[] weights;
    private final GroupIndex index;
    private final String labelColumn;
    private final String predictionColumn;
    private final String weightColumn;

    private AuditData(byte[] cells, int[] groups, double[] weights, GroupIndex index, String labelColumn,
            String predictionColumn, String weightColumn) {
        this.cells = cells;
        this.groups = groups;
        this.weights = weights;
        this.index = index;
        this.labelColumn = labelColumn;
        this.predictionColumn = predictionColumn;
        this.weightColumn = weightColumn;
    }

    /**
     * Starts building audit data from columns.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts building audit data from a list of your own objects, one per row, with extractor
     * functions for each column. The extractors run once per row, in list order.
     *
     * @param rows the rows
     * @param <T> the row type
     * @return a new row builder
     */
    public static <T> RowBuilder<T> fromRows(List<T> rows) {
        return new RowBuilder<>(rows);
    }

    /**
     * Returns the number of rows.
     *
     * @return the number of rows, at least 1
     */
    public int rows() {
        return cells.length;
    }

    /**
     * Returns the groups: the sensitive columns and the combinations of their values that occur.
     *
     * @return the group index
     */
    public GroupIndex groupIndex() {
        return index;
    }

    /**
     * Returns whether sample weights were given.
     *
     * @return true if weighted
     */
    public boolean weighted() {
        return weights != null;
    }

    /**
     * Returns the label column's name.
     *
     * @return the name
     */
    public String labelColumn() {
        return labelColumn;
    }

    /**
     * Returns the prediction column's name.
     *
     * @return the name
     */
    public String predictionColumn() {
        return predictionColumn;
    }

    /**
     * Returns the weight column's name, or {@code null} when unweighted.
     *
     * @return the name or null
     */
    public String weightColumn() {
        return weightColumn;
    }

    byte[] cells() {
        return cells;
    }

    int[] groupCodes() {
        return groups;
    }

    /**
     * Checks every row's weight against a stated bound on one person's weight, as a differentially
     * private release of weighted sums needs ({@code AuditRelease.Builder#weightBound}).
     *
     * @param bound the largest weight allowed
     * @throws IllegalArgumentException naming the weight column, the first row (0-based) whose weight
     *     exceeds the bound and its weight; or if the data are unweighted
     */
    public void requireWeightsAtMost(double bound) {
        if (weights == null) {
            throw new IllegalArgumentException("the data are unweighted; there is no weight to bound");
        }
        for (int i = 0; i < weights.length && i < rows(); i++) {
            if (!(weights[i] <= bound)) {
                throw new IllegalArgumentException("weight column '" + weightColumn() + "' row " + i + " has weight "
                        + weights[i] + " above the weight bound " + bound);
            }
        }
    }

    double[] weightArray() {
        return weights;
    }

    @Override
    public String toString() {
        return "AuditData[rows=" + rows() + ", groups=" + index.size() + ", columns=" + index.columns()
                + (weighted() ? ", weighted by " + weightColumn : "") + "]";
    }

    /**
     * Collects columns and builds {@link AuditData}. Each setter validates its column at once;
     * {@link #build()} checks that the lengths agree.
     *
     * <p>Not thread-safe: use one builder from one thread.
     */
    public static final class Builder {
        private String labelColumn;
        private byte[] labels;
        private String predictionColumn;
        private byte[] predictions;
        private String weightColumn;
        private double[] weights;
        private final Map<String, Sensitive> sensitive = new LinkedHashMap<>();
        private Object nullGroup;

        private Builder() {
        }

        /**
         * Sets the labels (ground truth): {@code true} is the positive class.
         *
         * @param column the label column's name, used in messages and reports
         * @param values one label per row
         * @return this builder
         */
        public Builder labels(String column, boolean[] values) {
            labels = fromBooleans(values);
            labelColumn = name(column);
            return this;
        }

        /**
         * Sets the labels from 0/1 bytes, 1 being the positive class.
         *
         * @param column the label column's name
         * @param values one label per row, each 0 or 1
         * @return this builder
         * @throws IllegalArgumentException naming the column and the first row that is not 0 or 1
         */
        public Builder labels(String column, byte[] values) {
            labels = fromBytes(column, values);
            labelColumn = name(column);
            return this;
        }

        /**
         * Sets the labels from 0/1 ints, 1 being the positive class.
         *
         * @param column the label column's name
         * @param values one label per row, each 0 or 1
         * @return this builder
         * @throws IllegalArgumentException naming the column and the first row that is not 0 or 1
         */
        public Builder labels(String column, int[] values) {
            labels = fromInts(column, values);
            labelColumn = name(column);
            return this;
        }

        /**
         * Sets the labels from arbitrary values with a declared positive value. The column must
         * be binary: the positive value and at most one other value, no nulls.
         *
         * @param column the label column's name
         * @param values one label per row
         * @param positive the value that is the positive class (compared with {@code equals})
         * @return this builder
         * @throws IllegalArgumentException naming the column and the first null row or the first
         *     row with a third distinct value
         */
        public Builder labels(String column, List<?> values, Object positive) {
            labels = fromValues(column, values, positive);
            labelColumn = name(column);
            return this;
        }

        /**
         * Sets the predictions: {@code true} is the positive class.
         *
         * @param column the prediction column's name
         * @param values one prediction per row
         * @return this builder
         */
        public Builder predictions(String column, boolean[] values) {
            predictions = fromBooleans(values);
            predictionColumn = name(column);
            return this;
        }

        /**
         * Sets the predictions from 0/1 bytes.
         *
         * @param column the prediction column's name
         * @param values one prediction per row, each 0 or 1
         * @return this builder
         * @throws IllegalArgumentException naming the column and the first row that is not 0 or 1
         */
        public Builder predictions(String column, byte[] values) {
            predictions = fromBytes(column, values);
            predictionColumn = name(column);
            return this;
        }

        /**
         * Sets the predictions from 0/1 ints.
         *
         * @param column the prediction column's name
         * @param values one prediction per row, each 0 or 1
         * @return this builder
         * @throws IllegalArgumentException naming the column and the first row that is not 0 or 1
         */
        public Builder predictions(String column, int[] values) {
            predictions = fromInts(column, values);
            predictionColumn = name(column);
            return this;
        }

        /**
         * Sets the predictions from arbitrary values with a declared positive value; the column
         * must be binary as for {@link #labels(String, List, Object)}.
         *
         * @param column the prediction column's name
         * @param values one prediction per row
         * @param positive the value that is the positive class
         * @return this builder
         * @throws IllegalArgumentException naming the column and the first bad row
         */
        public Builder predictions(String column, List<?> values, Object positive) {
            predictions = fromValues(column, values, positive);
            predictionColumn = name(column);
            return this;
        }

        /**
         * Sets sample weights. Every weight must be finite and non-negative.
         *
         * @param column the weight column's name
         * @param values one weight per row (copied)
         * @return this builder
         * @throws IllegalArgumentException naming the column and the first NaN, infinite or
         *     negative weight
         */
        public Builder weights(String column, double[] values) {
            Objects.requireNonNull(values, "values");
            for (int i = 0; i < values.length; i++) {
                double w = values[i];
                if (!(w >= 0.0) || w == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("weight column '" + column + "' has " + w + " at row " + i
                            + "; weights must be finite and non-negative");
                }
            }
            weights = values.clone();
            weightColumn = name(column);
            return this;
        }

        /**
         * Adds a sensitive column of any values (strings, enums, numbers, records ...). Values
         * are compared with {@code equals}; their groups are sorted in natural order when all
         * values are comparable and of one class, otherwise by their text.
         *
         * @param column the column's name, unique among sensitive columns
         * @param values one value per row; null only with {@link #nullGroup(Object)}
         * @return this builder
         * @throws IllegalArgumentException if the column was already added
         */
        public Builder sensitive(String column, List<?> values) {
            Objects.requireNonNull(values, "values");
            return addSensitive(column, new Sensitive(new ArrayList<>(values), null, null));
        }

        /**
         * Adds a sensitive column from an array of values.
         *
         * @param column the column's name
         * @param values one value per row
         * @return this builder
         * @throws IllegalArgumentException if the column was already added
         */
        public Builder sensitive(String column, Object[] values) {
            Objects.requireNonNull(values, "values");
            return addSensitive(column, new Sensitive(Arrays.asList(values.clone()), null, null));
        }

        /**
         * Adds a sensitive column of int values (such as an encoded attribute); groups sort
         * numerically.
         *
         * @param column the column's name
         * @param values one value per row
         * @return this builder
         * @throws IllegalArgumentException if the column was already added
         */
        public Builder sensitive(String column, int[] values) {
            Objects.requireNonNull(values, "values");
            List<Object> boxed = new ArrayList<>(values.length);
            for (int v : values) {
                boxed.add(v);
            }
            return addSensitive(column, new Sensitive(boxed, null, null));
        }

        /**
         * Adds a dictionary-encoded sensitive column: each row holds an index into
         * {@code levels}, or -1 for a null value. This avoids one object per row for large
         * data (the CLI reads CSV this way).
         *
         * @param column the column's name
         * @param codes one index per row, {@code -1 .. levels.size()-1}
         * @param levels the distinct values (non-null)
         * @return this builder
         * @throws IllegalArgumentException if the column was already added
         */
        public Builder sensitiveCodes(String column, int[] codes, List<?> levels) {
            Objects.requireNonNull(codes, "codes");
            Objects.requireNonNull(levels, "levels");
            return addSensitive(column, new Sensitive(null, codes.clone(), new ArrayList<>(levels)));
        }

        /**
         * Maps null sensitive values to a named group instead of rejecting them.
         *
         * @param value the group value for nulls, such as {@code "unknown"}
         * @return this builder
         */
        public Builder nullGroup(Object value) {
            nullGroup = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Validates lengths and encodes the groups.
         *
         * @return the audit data
         * @throws IllegalArgumentException if labels, predictions or a sensitive column are
         *     missing, there are no rows, or a column's length differs from the labels'
         */
        public AuditData build() {
            if (labels == null) {
                throw new IllegalArgumentException("labels are missing");
            }
            if (predictions == null) {
                throw new IllegalArgumentException("predictions are missing");
            }
            if (sensitive.isEmpty()) {
                throw new IllegalArgumentException("at least one sensitive column is needed");
            }
            int n = labels.length;
            if (n == 0) {
                throw new IllegalArgumentException("label column '" + labelColumn + "' is empty; an audit needs rows");
            }
            checkLength(predictionColumn, predictions.length, n);
            if (weights != null) {
                checkLength(weightColumn, weights.length, n);
            }
            int[][] columnCodes = new int[sensitive.size()][];
            int[] levelCounts = new int[sensitive.size()];
            List<List<Object>> levels = new ArrayList<>();
            int c = 0;
            for (Map.Entry<String, Sensitive> e : sensitive.entrySet()) {
                Sensitive s = e.getValue();
                int[] codes = new int[n];
                List<Object> lv;
                if (s.values != null) {
                    checkLength(e.getKey(), s.values.size(), n);
                    lv = Levels.encode(e.getKey(), s.values, nullGroup, codes);
                } else {
                    checkLength(e.getKey(), s.codes.length, n);
                    lv = Levels.encode(e.getKey(), s.codes, s.levels, nullGroup, codes);
                }
                columnCodes[c] = codes;
                levelCounts[c] = lv.size();
                levels.add(lv);
                c++;
            }
            int[][][] levelOf = new int[1][][];
            int[] groupCodes = Levels.combine(columnCodes, levelCounts, levelOf);
            GroupIndex index = new GroupIndex(new ArrayList<>(sensitive.keySet()), levels, levelOf[0]);
            byte[] cells = new byte[n];
            for (int i = 0; i < n; i++) {
                cells[i] = (byte) (2 * labels[i] + predictions[i]);
            }
            return new AuditData(cells, groupCodes, weights, index, labelColumn, predictionColumn, weightColumn);
        }

        private void checkLength(String column, int length, int n) {
            if (length != n) {
                throw new IllegalArgumentException("column '" + column + "' has " + length + " rows but label column '"
                        + labelColumn + "' has " + n + (length < n ? "; row " + length + " is missing" : ""));
            }
        }

        private Builder addSensitive(String column, Sensitive s) {
            if (sensitive.putIfAbsent(name(column), s) != null) {
                throw new IllegalArgumentException("sensitive column '" + column + "' was already added");
            }
            return this;
        }

        private static String name(String column) {
            Objects.requireNonNull(column, "column");
            if (column.isBlank()) {
                throw new IllegalArgumentException("column names must not be blank");
            }
            return column;
        }

        private static byte[] fromBooleans(boolean[] values) {
            Objects.requireNonNull(values, "values");
            byte[] out = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (byte) (values[i] ? 1 : 0);
            }
            return out;
        }

        private static byte[] fromBytes(String column, byte[] values) {
            Objects.requireNonNull(values, "values");
            for (int i = 0; i < values.length; i++) {
                if ((values[i] & ~1) != 0) {
                    throw notBinary(column, i, values[i]);
                }
            }
            return values.clone();
        }

        private static byte[] fromInts(String column, int[] values) {
            Objects.requireNonNull(values, "values");
            byte[] out = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                if ((values[i] & ~1) != 0) {
                    throw notBinary(column, i, values[i]);
                }
                out[i] = (byte) values[i];
            }
            return out;
        }

        private static IllegalArgumentException notBinary(String column, int row, int value) {
            return new IllegalArgumentException("column '" + column + "' has " + value + " at row " + row
                    + "; a binary column holds 0 or 1");
        }

        private static byte[] fromValues(String column, List<?> values, Object positive) {
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(positive, "positive");
            byte[] out = new byte[values.size()];
            Object negative = null;
            int i = 0;
            for (Object v : values) {
                if (v == null) {
                    throw new IllegalArgumentException("column '" + column + "' is null at row " + i);
                }
                if (v.equals(positive)) {
                    out[i] = 1;
                } else if (negative == null) {
                    negative = v;
                } else if (!v.equals(negative)) {
                    throw new IllegalArgumentException("column '" + column + "' has a third value '" + v + "' at row " + i
                            + " besides the positive value '" + positive + "' and '" + negative + "'; it must be binary");
                }
                i++;
            }
            return out;
        }
    }

    private record Sensitive(List<?> values, int[] codes, List<?> levels) {
    }

    /**
     * Builds {@link AuditData} from a list of your own objects with one extractor per column.
     *
     * <pre>{@code
     * AuditData data = AuditData.fromRows(applicants)
     *         .label("repaid", Applicant::repaid)
     *         .prediction("approved", a -> a.score() >= 0.5)
     *         .sensitive("sex", Applicant::sex)
     *         .build();
     * }</pre>
     *
     * <p>Not thread-safe: use one builder from one thread.
     *
     * @param <T> the row type
     */
    public static final class RowBuilder<T> {
        private final List<T> rows;
        private String labelColumn;
        private Predicate<? super T> label;
        private String predictionColumn;
        private Predicate<? super T> prediction;
        private String weightColumn;
        private ToDoubleFunction<? super T> weight;
        private final Map<String, Function<? super T, ?>> sensitive = new LinkedHashMap<>();
        private Object nullGroup;

        private RowBuilder(List<T> rows) {
            this.rows = Objects.requireNonNull(rows, "rows");
        }

        /**
         * Sets the label extractor: true is the positive class.
         *
         * @param column the label column's name
         * @param extractor the row's label
         * @return this builder
         */
        public RowBuilder<T> label(String column, Predicate<? super T> extractor) {
            labelColumn = column;
            label = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Sets the prediction extractor: true is the positive class.
         *
         * @param column the prediction column's name
         * @param extractor the row's prediction
         * @return this builder
         */
        public RowBuilder<T> prediction(String column, Predicate<? super T> extractor) {
            predictionColumn = column;
            prediction = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Sets the sample weight extractor.
         *
         * @param column the weight column's name
         * @param extractor the row's weight, finite and non-negative
         * @return this builder
         */
        public RowBuilder<T> weight(String column, ToDoubleFunction<? super T> extractor) {
            weightColumn = column;
            weight = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /**
         * Adds a sensitive column extractor.
         *
         * @param column the column's name
         * @param extractor the row's value
         * @return this builder
         */
        public RowBuilder<T> sensitive(String column, Function<? super T, ?> extractor) {
            sensitive.put(Objects.requireNonNull(column, "column"), Objects.requireNonNull(extractor, "extractor"));
            return this;
        }

        /**
         * Maps null sensitive values to a named group instead of rejecting them.
         *
         * @param value the group value for nulls
         * @return this builder
         */
        public RowBuilder<T> nullGroup(Object value) {
            nullGroup = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Extracts every column and builds the audit data.
         *
         * @return the audit data
         * @throws IllegalArgumentException as {@link Builder#build()} does, or if the label or
         *     prediction extractor is missing
         */
        public AuditData build() {
            if (label == null || prediction == null) {
                throw new IllegalArgumentException("label and prediction extractors are both required");
            }
            int n = rows.size();
            boolean[] y = new boolean[n];
            boolean[] p = new boolean[n];
            double[] w = weight == null ? null : new double[n];
            List<List<Object>> columns = new ArrayList<>();
            for (int c = 0; c < sensitive.size(); c++) {
                columns.add(new ArrayList<>(n));
            }
            List<Function<? super T, ?>> extractors = new ArrayList<>(sensitive.values());
            int i = 0;
            for (T row : rows) {
                if (row == null) {
                    throw new IllegalArgumentException("row " + i + " is null");
                }
                y[i] = label.test(row);
                p[i] = prediction.test(row);
                if (w != null) {
                    w[i] = weight.applyAsDouble(row);
                }
                for (int c = 0; c < extractors.size(); c++) {
                    columns.get(c).add(extractors.get(c).apply(row));
                }
                i++;
            }
            Builder b = builder().labels(labelColumn, y).predictions(predictionColumn, p);
            if (w != null) {
                b.weights(weightColumn, w);
            }
            if (nullGroup != null) {
                b.nullGroup(nullGroup);
            }
            int c = 0;
            for (String column : sensitive.keySet()) {
                b.addSensitive(column, new Sensitive(columns.get(c++), null, null));
            }
            return b.build();
        }
    }
}
