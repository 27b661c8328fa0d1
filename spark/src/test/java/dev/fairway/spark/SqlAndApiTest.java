package dev.fairway.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fairway.fairness.ConfusionCounts;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The UDAF in SQL gives the in-memory table, per-group-by-key tables merge to the whole, and the
 * Java API's errors name the column.
 */
class SqlAndApiTest {

    @Test
    void sqlFunctionGivesTheTableAndPartialTablesMerge() {
        SparkSession spark = LocalSpark.session();
        spark.read().option("header", "true").csv(LocalSpark.compas().toString()).createOrReplaceTempView("compas");
        spark.udf().register("fairway_counts", FairwaySpark.udaf(Compas.spec(true)));
        byte[] whole = (byte[]) spark.sql("SELECT fairway_counts(two_year_recid, y_pred, sample_weight, race, sex)"
                + " FROM compas").first().get(0);
        Compas.assertSameTable(Compas.inMemory(true), ConfusionCounts.fromBytes(whole));

        // one table per decile score, stored as bytes, merged later: the same table
        List<Row> parts = spark.sql("SELECT decile_score, fairway_counts(two_year_recid, y_pred, sample_weight,"
                + " race, sex) AS state FROM compas GROUP BY decile_score").collectAsList();
        assertEquals(10, parts.size());
        ConfusionCounts merged = ConfusionCounts.empty(List.of("race", "sex"));
        for (Row r : parts) {
            merged = merged.merge(ConfusionCounts.fromBytes((byte[]) r.getAs("state")));
        }
        Compas.assertSameTable(Compas.inMemory(true), merged);
    }

    @Test
    void apiErrorsNameTheColumn() {
        Dataset<Row> rows = LocalSpark.session().read().option("header", "true").csv(LocalSpark.compas().toString());
        AuditSpec spec = AuditSpec.builder().label("two_year_recid").prediction("y_pred").group("nope").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FairwaySpark.audit(rows, spec));
        assertEquals("unknown column 'nope' in the data; columns are [id, sex, race, age, decile_score,"
                + " two_year_recid, y_pred, sample_weight, propublica_filter]", e.getMessage());

        AuditSpec sexAsLabel = AuditSpec.builder().label("sex").positiveLabel("Male").prediction("y_pred").positivePrediction("1")
                .group("race").build();
        AuditSpec raceAsLabel = AuditSpec.builder().label("race").prediction("y_pred").group("sex").build();
        // sex is binary (Female/Male): fine
        assertEquals(7214, FairwaySpark.counts(rows, sexAsLabel).rows());
        e = assertThrows(IllegalArgumentException.class, () -> FairwaySpark.audit(rows, raceAsLabel));
        assertEquals("the data: column 'race' is not binary: 'Asian' besides 'African-American', and neither is"
                + " the positive value '1'", e.getMessage());

        Dataset<Row> timestamps = rows.selectExpr("two_year_recid", "y_pred", "current_timestamp() AS t");
        AuditSpec byTime = AuditSpec.builder().label("two_year_recid").prediction("y_pred").group("t").build();
        e = assertThrows(IllegalArgumentException.class, () -> FairwaySpark.audit(timestamps, byTime));
        assertEquals("group column 't' has Spark type timestamp, which an audit cannot group by; cast it to string,"
                + " a number or a date", e.getMessage());
    }
}
