package dev.fairway.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * COMPAS through Spark (race x sex, weighted and unweighted, 1, 3 and 8 partitions) gives the
 * in-memory kernel's table and audit, and its marginals reproduce Fairlearn 0.12's golden values
 * to 1e-12.
 */
class CompasSparkTest {

    static Stream<Arguments> cases() {
        return Stream.of(1, 3, 8).flatMap(n -> Stream.of(Arguments.of(n, false), Arguments.of(n, true)));
    }

    static Dataset<Row> compas(int partitions) {
        Dataset<Row> df = LocalSpark.session().read().option("header", "true").csv(LocalSpark.compas().toString())
                .repartition(partitions);
        assertEquals(partitions, df.rdd().getNumPartitions());
        return df;
    }

    @ParameterizedTest(name = "{0} partitions, weighted={1}")
    @MethodSource("cases")
    void sparkEqualsTheInMemoryKernelAndFairlearn(int partitions, boolean weighted) {
        FairnessAudit audit = FairwaySpark.audit(compas(partitions), Compas.spec(weighted));
        ConfusionCounts expected = Compas.inMemory(weighted);
        assertEquals(7214, audit.counts().rows());
        Compas.assertSameTable(expected, audit.counts());
        int checked = Compas.assertFairlearn(audit.marginal("race"), "race", weighted)
                + Compas.assertFairlearn(audit.marginal("sex"), "sex", weighted);
        assertTrue(checked > 50, "checked " + checked);
    }
}
