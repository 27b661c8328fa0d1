package dev.fairway.spark;

import dev.fairway.fairness.ConfusionCounts;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * A Spark {@link Aggregator} that counts rows into fairness-core's {@link ConfusionCounts} table
 * and returns it in the binary state format ({@link ConfusionCounts#toBytes()}; read it with
 * {@link ConfusionCounts#fromBytes(byte[])}).
 *
 * <p>Input rows hold, by position, the label, the prediction, the weight when the
 * {@link AuditSpec} has one, then the group columns in the spec's order
 * ({@link AuditSpec#inputColumns()}). Each partition counts into its own buffer, keyed by group
 * value; buffers are merged with {@link ConfusionCounts#merge(ConfusionCounts)}, which aligns
 * groups by value, never by a partition's local code. Weighted sums are carried as double-double
 * values, as in the in-memory kernel.
 *
 * <p>Bad rows (a null label or prediction, a third label value, a negative, infinite or
 * non-numeric weight, a null group value without {@link AuditSpec#nullGroup()}) are collected
 * in the buffer, not thrown where they occur, and {@link #finish(Buffer)} throws one
 * {@link IllegalArgumentException} naming the column and values; what it names does not depend
 * on how the data is partitioned. Use {@link FairwaySpark} rather than this class unless you
 * compose aggregations yourself.
 *
 * <p>Immutable and thread-safe; Spark serializes it to executors.
 */
public final class ConfusionCountsAggregator extends Aggregator<Row, ConfusionCountsAggregator.Buffer, byte[]> {
    private static final long serialVersionUID = 1L;

    /** The specification. */
    private final AuditSpec spec;
    /** How errors name the data, such as a path. */
    private final String source;

    private ConfusionCountsAggregator(AuditSpec spec, String source) {
        this.spec = spec;
        this.source = source;
    }

    /**
     * Creates the aggregator for a specification.
     *
     * @param spec which columns are what
     * @return the aggregator
     */
    public static ConfusionCountsAggregator of(AuditSpec spec) {
        return new ConfusionCountsAggregator(Objects.requireNonNull(spec, "spec"), "the data");
    }

    /** An aggregator whose error messages name the data as {@code source}, such as a file. */
    static ConfusionCountsAggregator of(AuditSpec spec, String source) {
        return new ConfusionCountsAggregator(spec, source);
    }

    /**
     * Returns an empty buffer.
     *
     * @return the buffer
     */
    @Override
    public Buffer zero() {
        return new Buffer(spec);
    }

    /**
     * Counts one row into the buffer.
     *
     * @param b the buffer
     * @param row label, prediction, weight (if weighted), groups
     * @return the same buffer
     */
    @Override
    public Buffer reduce(Buffer b, Row row) {
        b.add(row);
        return b;
    }

    /**
     * Merges two buffers by group value.
     *
     * @param b1 the first buffer (returned)
     * @param b2 the second buffer
     * @return the merged buffer
     */
    @Override
    public Buffer merge(Buffer b1, Buffer b2) {
        b1.mergeFrom(b2);
        return b1;
    }

    /**
     * Returns the table in the binary state format.
     *
     * @param b the merged buffer
     * @return the table's bytes
     * @throws IllegalArgumentException if a row was bad or there were no rows
     */
    @Override
    public byte[] finish(Buffer b) {
        return b.result(source).toBytes();
    }

    /**
     * Returns the buffer encoder (Java serialization of the buffer, whose table travels in the
     * binary state format).
     *
     * @return the encoder
     */
    @Override
    public Encoder<Buffer> bufferEncoder() {
        return Encoders.javaSerialization(Buffer.class);
    }

    /**
     * Returns the output encoder: binary.
     *
     * @return the encoder
     */
    @Override
    public Encoder<byte[]> outputEncoder() {
        return Encoders.BINARY();
    }

    /**
     * The per-partition state of {@link ConfusionCountsAggregator}: rows counted since the last
     * merge, keyed by group value, and the table merged so far. Opaque; not thread-safe (Spark
     * uses one per task).
     */
    public static final class Buffer implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The specification. */
        private transient AuditSpec spec;
        private transient int groupOffset;
        private transient HashMap<Key, Integer> slots;
        private transient List<List<Object>> keys;
        private transient long[] counts;
        private transient double[] hi;
        private transient double[] lo;
        private transient Key probe;
        private transient Object lastLabel;
        private transient int lastLabelBit;
        private transient Object lastPrediction;
        private transient int lastPredictionBit;
        /** The table merged so far (partials flushed into it). */
        private transient ConfusionCounts merged;
        private transient Problems problems;

        Buffer(AuditSpec spec) {
            init(spec);
            this.merged = ConfusionCounts.empty(spec.groups());
            this.problems = new Problems();
        }

        private void init(AuditSpec s) {
            this.spec = s;
            this.groupOffset = s.weight().isPresent() ? 3 : 2;
            this.slots = new HashMap<>();
            this.keys = new ArrayList<>();
            this.counts = new long[64];
            boolean weighted = s.weight().isPresent();
            this.hi = weighted ? new double[64] : null;
            this.lo = weighted ? new double[64] : null;
            this.probe = new Key(new Object[s.groups().size()]);
            this.lastLabelBit = -1;
            this.lastPredictionBit = -1;
        }

        void add(Row row) {
            Object y = row.get(0);
            Object p = row.get(1);
            int label;
            if (y != null && y.equals(lastLabel)) {
                label = lastLabelBit;
            } else {
                label = binary(y, spec.positiveLabel(), problems.labelOthers, true);
                if (label < 0) {
                    return;
                }
                lastLabel = y;
                lastLabelBit = label;
            }
            int prediction;
            if (p != null && p.equals(lastPrediction)) {
                prediction = lastPredictionBit;
            } else {
                prediction = binary(p, spec.positivePrediction(), problems.predictionOthers, false);
                if (prediction < 0) {
                    return;
                }
                lastPrediction = p;
                lastPredictionBit = prediction;
            }
            double w = 0;
            if (hi != null) {
                w = weight(row.get(2));
                if (!(w >= 0)) {
                    return;
                }
            }
            Object[] values = probe.values;
            for (int c = 0; c < values.length; c++) {
                Object v = row.get(groupOffset + c);
                if (v == null) {
                    if (spec.nullGroup().isEmpty()) {
                        problems.nullGroupColumns.add(spec.groups().get(c));
                        return;
                    }
                    v = spec.nullGroup().get();
                } else if (v instanceof java.sql.Date d) {
                    v = d.toLocalDate();
                }
                values[c] = v;
            }
            probe.rehash();
            Integer slot = slots.get(probe);
            if (slot == null) {
                slot = keys.size();
                Key key = new Key(values.clone());
                slots.put(key, slot);
                keys.add(Arrays.asList(key.values));
                if (4 * keys.size() > counts.length) {
                    counts = Arrays.copyOf(counts, 2 * counts.length);
                    if (hi != null) {
                        hi = Arrays.copyOf(hi, counts.length);
                        lo = Arrays.copyOf(lo, counts.length);
                    }
                }
            }
            int j = 4 * slot + 2 * label + prediction;
            counts[j]++;
            if (hi != null) {
                // two-sum of hi[j] and w; the error goes to the low word (as fairness-core's kernel)
                double a = hi[j];
                double s = a + w;
                double bp = s - a;
                double e = (a - (s - bp)) + (w - bp) + lo[j];
                double h = s + e;
                lo[j] = e - (h - s);
                hi[j] = h;
            }
        }

        /** 1 or 0, or -1 (recorded as a problem) for null or a third value. */
        private int binary(Object v, String positive, TreeSet<String> others, boolean isLabel) {
            if (v == null) {
                if (isLabel) {
                    problems.labelNull = true;
                } else {
                    problems.predictionNull = true;
                }
                return -1;
            }
            String text = String.valueOf(v);
            if (text.equals(positive)) {
                return 1;
            }
            others.add(text);
            if (others.size() > 2) {
                others.pollLast();
            }
            return others.size() == 1 && others.first().equals(text) ? 0 : -1;
        }

        private double weight(Object v) {
            double w;
            if (v == null) {
                problems.weightNull = true;
                return Double.NaN;
            } else if (v instanceof Number n) {
                w = n.doubleValue();
            } else {
                try {
                    w = Double.parseDouble(String.valueOf(v).strip());
                } catch (NumberFormatException e) {
                    problems.badWeight(String.valueOf(v), true);
                    return Double.NaN;
                }
            }
            if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
                problems.badWeight(String.valueOf(v), false);
                return Double.NaN;
            }
            return w;
        }

        /** Moves the rows counted since the last flush into {@link #merged}. */
        private void flush() {
            int n = keys.size();
            if (n == 0) {
                return;
            }
            long[] c = Arrays.copyOf(counts, 4 * n);
            ConfusionCounts part = ConfusionCounts.ofGroups(spec.groups(), keys, c,
                    hi == null ? null : Arrays.copyOf(hi, 4 * n), lo == null ? null : Arrays.copyOf(lo, 4 * n));
            merged = merged.merge(part);
            init(spec);
        }

        void mergeFrom(Buffer other) {
            flush();
            other.flush();
            merged = merged.merge(other.merged);
            problems.mergeFrom(other.problems);
        }

        ConfusionCounts result(String source) {
            flush();
            problems.check(spec, source);
            if (merged.rows() == 0) {
                throw new BadRowsException(source + " has no rows");
            }
            return merged;
        }

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.defaultWriteObject();
            flush();
            out.writeObject(spec);
            byte[] table = merged.toBytes();
            out.writeInt(table.length);
            out.write(table);
            out.writeObject(problems);
        }

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            AuditSpec s = (AuditSpec) in.readObject();
            init(s);
            byte[] table = new byte[in.readInt()];
            in.readFully(table);
            merged = ConfusionCounts.fromBytes(table);
            problems = (Problems) in.readObject();
        }
    }

    /** A group key: the values of the group columns, compared by value. */
    private static final class Key {
        final Object[] values;
        int hash;

        Key(Object[] values) {
            this.values = values;
            rehash();
        }

        void rehash() {
            hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && Arrays.equals(values, k.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * Bad input seen in the rows, kept so that the error names the same values whatever the
     * partitioning: the smallest texts win.
     */
    static final class Problems implements Serializable {
        private static final long serialVersionUID = 1L;

        boolean labelNull;
        boolean predictionNull;
        boolean weightNull;
        /** The two smallest label texts other than the positive one. */
        final TreeSet<String> labelOthers = new TreeSet<>();
        /** The two smallest prediction texts other than the positive one. */
        final TreeSet<String> predictionOthers = new TreeSet<>();
        /** The smallest non-numeric weight text. */
        String weightNotNumber;
        /** The smallest negative or infinite weight text. */
        String weightOutOfRange;
        /** Group columns with a null value and no null group. */
        final TreeSet<String> nullGroupColumns = new TreeSet<>();

        void badWeight(String text, boolean notNumber) {
            if (notNumber) {
                weightNotNumber = weightNotNumber == null || text.compareTo(weightNotNumber) < 0 ? text : weightNotNumber;
            } else {
                weightOutOfRange = weightOutOfRange == null || text.compareTo(weightOutOfRange) < 0 ? text
                        : weightOutOfRange;
            }
        }

        void mergeFrom(Problems o) {
            labelNull |= o.labelNull;
            predictionNull |= o.predictionNull;
            weightNull |= o.weightNull;
            addBounded(labelOthers, o.labelOthers);
            addBounded(predictionOthers, o.predictionOthers);
            if (o.weightNotNumber != null) {
                badWeight(o.weightNotNumber, true);
            }
            if (o.weightOutOfRange != null) {
                badWeight(o.weightOutOfRange, false);
            }
            nullGroupColumns.addAll(o.nullGroupColumns);
        }

        private static void addBounded(TreeSet<String> to, TreeSet<String> from) {
            to.addAll(from);
            while (to.size() > 2) {
                to.pollLast();
            }
        }

        /** Throws the first problem in a fixed order, worded as {@code fairway audit} words it. */
        void check(AuditSpec spec, String source) {
            binary(spec.label(), labelNull, labelOthers, spec.positiveLabel(), source);
            binary(spec.prediction(), predictionNull, predictionOthers, spec.positivePrediction(), source);
            String w = spec.weight().orElse(null);
            if (weightNull) {
                throw new BadRowsException(source + ": column '" + w + "' has '', not a finite decimal number");
            }
            if (weightNotNumber != null) {
                throw new BadRowsException(source + ": column '" + w + "' has '" + weightNotNumber
                        + "', not a finite decimal number");
            }
            if (weightOutOfRange != null) {
                throw new BadRowsException(source + ": column '" + w + "' has '" + weightOutOfRange
                        + "'; weights must be finite and non-negative");
            }
            if (!nullGroupColumns.isEmpty()) {
                throw new BadRowsException("group column '" + nullGroupColumns.first() + "' is empty in "
                        + source + "; name a group for empty values with --null-group");
            }
        }

        private static void binary(String column, boolean isNull, TreeSet<String> others, String positive,
                String source) {
            if (isNull) {
                throw new BadRowsException("column '" + column + "' is empty in " + source);
            }
            if (others.size() > 1) {
                throw new BadRowsException(source + ": column '" + column + "' is not binary: '" + others.last()
                        + "' besides '" + others.first() + "', and neither is the positive value '" + positive + "'");
            }
        }
    }
}
