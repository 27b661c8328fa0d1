package dev.fairway.spark;

import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Fairness audits of Spark tables: the rows are counted where they live, partition by partition,
 * into fairness-core's mergeable {@link ConfusionCounts} table, and only that small table comes
 * back to the driver. The audit is the same {@link FairnessAudit} the in-memory kernel gives
 * (render it with {@link dev.fairway.fairness.report.AuditReport}).
 *
 * <pre>{@code
 * Dataset<Row> rows = spark.read().option("header", "true").csv("compas.csv");
 * AuditSpec spec = AuditSpec.builder().label("two_year_recid").prediction("y_pred")
 *         .group("race").group("sex").build();
 * FairnessAudit audit = FairwaySpark.audit(rows, spec);
 * String json = AuditReport.of(audit).toJson();
 * }</pre>
 *
 * <p>For SQL, register {@link #udaf(AuditSpec)}: it returns the table in the binary state format,
 * for instance one table per day to be merged later. Stateless and thread-safe.
 */
public final class FairwaySpark {

    private FairwaySpark() {
    }

    /**
     * Audits a Spark table.
     *
     * @param data the rows
     * @param spec which columns are what
     * @return the audit, under the spec's zero-division convention
     * @throws IllegalArgumentException if a column is missing or of a type that cannot be
     *     grouped, a label or prediction is not binary, a weight is bad, a group value is null
     *     without a null group, or there are no rows; the message names the column
     */
    public static FairnessAudit audit(Dataset<Row> data, AuditSpec spec) {
        return FairnessAudit.of(counts(data, spec), spec.zeroDivision());
    }

    /**
     * Counts a Spark table into the per-group confusion table.
     *
     * @param data the rows
     * @param spec which columns are what
     * @return the table
     * @throws IllegalArgumentException as {@link #audit(Dataset, AuditSpec)}
     */
    public static ConfusionCounts counts(Dataset<Row> data, AuditSpec spec) {
        return counts(data, spec, "the data");
    }

    /** Counts, naming the data as {@code source} (a path) in errors. */
    static ConfusionCounts counts(Dataset<Row> data, AuditSpec spec, String source) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(spec, "spec");
        List<String> present = Arrays.asList(data.columns());
        for (String c : spec.inputColumns()) {
            if (!present.contains(c)) {
                throw new IllegalArgumentException("unknown column '" + c + "' in " + source + "; columns are " + present);
            }
        }
        List<Column> cols = new ArrayList<>();
        for (String c : spec.inputColumns()) {
            cols.add(data.col(c));
        }
        Dataset<Row> input = data.select(cols.toArray(new Column[0]));
        StructType schema = input.schema();
        for (String g : spec.groups()) {
            checkGroupType(g, schema.apply(g).dataType());
        }
        UserDefinedFunction f = functions.udaf(ConfusionCountsAggregator.of(spec, source), Encoders.row(schema))
                .withName("fairway_counts");
        List<Column> args = new ArrayList<>();
        for (String c : spec.inputColumns()) {
            args.add(input.col(c));
        }
        byte[] bytes;
        try {
            bytes = (byte[]) input.select(f.apply(args.toArray(new Column[0]))).first().get(0);
        } catch (Exception e) {
            // Spark throws its (checked) SparkException without declaring it; our bad-input error is its cause
            IllegalArgumentException bad = ours(e);
            if (bad != null) {
                throw new IllegalArgumentException(bad.getMessage(), e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the Spark job failed: " + e.getMessage(), e);
        }
        return ConfusionCounts.fromBytes(bytes);
    }

    /**
     * Returns the aggregator as a UDAF for SQL. Register it, then call it with the spec's
     * {@link AuditSpec#inputColumns()} in order (label, prediction, the weight if any, the
     * groups); arguments are cast to string (label, prediction, groups) and double (weight). It
     * returns the table in the binary state format ({@link ConfusionCounts#fromBytes(byte[])}).
     *
     * <pre>{@code
     * spark.udf().register("fairway_counts", FairwaySpark.udaf(spec));
     * byte[] state = spark.sql("SELECT fairway_counts(two_year_recid, y_pred, race, sex) FROM compas")
     *         .first().getAs(0);
     * }</pre>
     *
     * @param spec which arguments are what (their names only document the arguments)
     * @return the function
     */
    public static UserDefinedFunction udaf(AuditSpec spec) {
        Objects.requireNonNull(spec, "spec");
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(spec.label(), DataTypes.StringType, true));
        fields.add(DataTypes.createStructField(spec.prediction(), DataTypes.StringType, true));
        spec.weight().ifPresent(w -> fields.add(DataTypes.createStructField(w, DataTypes.DoubleType, true)));
        for (String g : spec.groups()) {
            fields.add(DataTypes.createStructField(g, DataTypes.StringType, true));
        }
        return functions.udaf(ConfusionCountsAggregator.of(spec), Encoders.row(DataTypes.createStructType(fields)));
    }

    private static void checkGroupType(String column, DataType type) {
        if (type instanceof StringType || type instanceof BooleanType || type instanceof ByteType
                || type instanceof ShortType || type instanceof IntegerType || type instanceof LongType
                || type instanceof FloatType || type instanceof DoubleType || type instanceof DecimalType
                || type instanceof DateType) {
            return;
        }
        throw new IllegalArgumentException("group column '" + column + "' has Spark type " + type.simpleString()
                + ", which an audit cannot group by; cast it to string, a number or a date");
    }

    /** Our bad-input exception inside a Spark job failure, or null. */
    private static IllegalArgumentException ours(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadRowsException b) {
                return b;
            }
            if (t instanceof IllegalArgumentException iae && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("dev.fairway.")) {
                return iae;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
