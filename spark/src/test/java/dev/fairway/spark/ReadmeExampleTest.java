package dev.fairway.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fairway.fairness.report.AuditReport;
import dev.fairway.fairness.FairnessAudit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The README's Spark example (section {@code spark}), kept in sync by hand, runs and is right. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRuns() {
        SparkSession spark = LocalSpark.session();
        String path = LocalSpark.compas().toString();
        // --- README example start ---
        Dataset<Row> rows = spark.read().option("header", "true").csv(path);
        AuditSpec spec = AuditSpec.builder()
                .label("two_year_recid").prediction("y_pred")
                .group("race").group("sex")
                .weight("sample_weight")
                .build();
        FairnessAudit audit = FairwaySpark.audit(rows, spec);
        String json = AuditReport.of(audit).toJson();
        // --- README example end ---
        JsonNode report = Compas.JSON.readTree(json);
        assertEquals("fairway-audit/v1", report.get("schema").asString());
        assertEquals(7214, report.get("rows").asLong());
        assertEquals(true, report.get("weighted").asBoolean());
        Compas.assertSameTable(Compas.inMemory(true), audit.counts());
    }
}
