package dev.fairway.spark;

import dev.fairway.fairness.ZeroDivision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which columns of a Spark table an audit reads, with the same mapping as {@code fairway audit}:
 * a binary label and prediction (a value is positive when its text equals the positive value),
 * optional sample weights, one or more group columns (several audit their intersection), a name
 * for null group values, and the zero-division convention.
 *
 * <pre>{@code
 * AuditSpec spec = AuditSpec.builder()
 *         .label("two_year_recid").prediction("y_pred")
 *         .group("race").group("sex")
 *         .weight("sample_weight")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; serializable so Spark can ship it to executors.
 */
public final class AuditSpec implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** The label column. */
    private final String label;
    /** The prediction column. */
    private final String prediction;
    /** The group columns, in audit order. */
    private final List<String> groups;
    /** The weight column, or null. */
    private final String weight;
    /** The positive label text. */
    private final String positiveLabel;
    /** The positive prediction text. */
    private final String positivePrediction;
    /** The name of the null group, or null. */
    private final String nullGroup;
    /** The zero-division convention. */
    private final ZeroDivision zeroDivision;

    private AuditSpec(Builder b) {
        this.label = b.label;
        this.prediction = b.prediction;
        this.groups = List.copyOf(b.groups);
        this.weight = b.weight;
        this.positiveLabel = b.positiveLabel;
        this.positivePrediction = b.positivePrediction == null ? b.positiveLabel : b.positivePrediction;
        this.nullGroup = b.nullGroup;
        this.zeroDivision = b.zeroDivision;
    }

    /**
     * Starts a specification.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the label column.
     *
     * @return the column name
     */
    public String label() {
        return label;
    }

    /**
     * Returns the prediction column.
     *
     * @return the column name
     */
    public String prediction() {
        return prediction;
    }

    /**
     * Returns the group columns, in audit order.
     *
     * @return the column names, at least one
     */
    public List<String> groups() {
        return groups;
    }

    /**
     * Returns the weight column, if the audit is weighted.
     *
     * @return the column name, or empty
     */
    public Optional<String> weight() {
        return Optional.ofNullable(weight);
    }

    /**
     * Returns the text of the positive label.
     *
     * @return the positive value
     */
    public String positiveLabel() {
        return positiveLabel;
    }

    /**
     * Returns the text of the positive prediction (the positive label unless set).
     *
     * @return the positive value
     */
    public String positivePrediction() {
        return positivePrediction;
    }

    /**
     * Returns the group name given to null group values, if any; without one a null group
     * value is an error.
     *
     * @return the name, or empty
     */
    public Optional<String> nullGroup() {
        return Optional.ofNullable(nullGroup);
    }

    /**
     * Returns what an empty denominator gives.
     *
     * @return the convention
     */
    public ZeroDivision zeroDivision() {
        return zeroDivision;
    }

    /**
     * Returns the columns read from the data: label, prediction, the weight if any, then the
     * groups; the argument order of the SQL function from {@link FairwaySpark#udaf(AuditSpec)}.
     *
     * @return the column names
     */
    public List<String> inputColumns() {
        List<String> cols = new ArrayList<>();
        cols.add(label);
        cols.add(prediction);
        if (weight != null) {
            cols.add(weight);
        }
        cols.addAll(groups);
        return List.copyOf(cols);
    }

    @Override
    public String toString() {
        return "AuditSpec[label=" + label + " (positive '" + positiveLabel + "'), prediction=" + prediction
                + " (positive '" + positivePrediction + "'), groups=" + groups
                + (weight == null ? "" : ", weight=" + weight) + (nullGroup == null ? "" : ", nullGroup=" + nullGroup)
                + ", zeroDivision=" + zeroDivision + "]";
    }

    /**
     * Collects an {@link AuditSpec}. Each setter checks its argument at once. Not thread-safe.
     */
    public static final class Builder {
        private String label;
        private String prediction;
        private final List<String> groups = new ArrayList<>();
        private String weight;
        private String positiveLabel = "1";
        private String positivePrediction;
        private String nullGroup;
        private ZeroDivision zeroDivision = ZeroDivision.UNDEFINED;

        private Builder() {
        }

        private static String name(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isEmpty()) {
                throw new IllegalArgumentException(what + " must not be empty");
            }
            return value;
        }

        /**
         * Sets the label column (required).
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException if null
         * @throws IllegalArgumentException if empty
         */
        public Builder label(String column) {
            this.label = name(column, "label column");
            return this;
        }

        /**
         * Sets the prediction column (required).
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException if null
         * @throws IllegalArgumentException if empty
         */
        public Builder prediction(String column) {
            this.prediction = name(column, "prediction column");
            return this;
        }

        /**
         * Adds a group column (at least one is required); several audit their intersection.
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException if null
         * @throws IllegalArgumentException if empty or already added
         */
        public Builder group(String column) {
            name(column, "group column");
            if (groups.contains(column)) {
                throw new IllegalArgumentException("group column '" + column + "' was already added");
            }
            groups.add(column);
            return this;
        }

        /**
         * Sets the sample weight column (finite, non-negative numbers).
         *
         * @param column the column name
         * @return this builder
         * @throws NullPointerException if null
         * @throws IllegalArgumentException if empty
         */
        public Builder weight(String column) {
            this.weight = name(column, "weight column");
            return this;
        }

        /**
         * Sets the text of the positive label (default {@code "1"}).
         *
         * @param value the positive value
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder positiveLabel(String value) {
            this.positiveLabel = Objects.requireNonNull(value, "positive label");
            return this;
        }

        /**
         * Sets the text of the positive prediction (default: the positive label).
         *
         * @param value the positive value
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder positivePrediction(String value) {
            this.positivePrediction = Objects.requireNonNull(value, "positive prediction");
            return this;
        }

        /**
         * Names the group that null group values join (default: a null group value is an error).
         *
         * @param name the group name
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder nullGroup(String name) {
            this.nullGroup = Objects.requireNonNull(name, "null group");
            return this;
        }

        /**
         * Sets what an empty denominator gives (default {@link ZeroDivision#UNDEFINED}).
         *
         * @param mode the convention
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder zeroDivision(ZeroDivision mode) {
            this.zeroDivision = Objects.requireNonNull(mode, "zeroDivision");
            return this;
        }

        /**
         * Builds the specification.
         *
         * @return the specification
         * @throws IllegalStateException if the label, the prediction or every group is missing, or
         *     a column is used twice
         */
        public AuditSpec build() {
            if (label == null || prediction == null || groups.isEmpty()) {
                throw new IllegalStateException("an audit needs a label, a prediction and at least one group column");
            }
            List<String> all = new ArrayList<>(List.of(label, prediction));
            if (weight != null) {
                all.add(weight);
            }
            all.addAll(groups);
            if (all.size() != all.stream().distinct().count()) {
                throw new IllegalStateException("a column is used twice in " + all);
            }
            return new AuditSpec(this);
        }
    }
}
