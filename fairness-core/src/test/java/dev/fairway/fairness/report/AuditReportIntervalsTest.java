package dev.fairway.fairness.report;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.CellMoments;
import dev.fairway.fairness.Confusion;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.stats.AuditIntervals;
import dev.fairway.fairness.stats.Interval;
import dev.fairway.fairness.stats.IntervalMethod;
import dev.fairway.fairness.stats.RateIntervals;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The interval and test additions of the JSON report on COMPAS by race. */
class AuditReportIntervalsTest {
    private static AuditData compas(boolean weighted) {
        Map<String, List<String>> csv = Shared.compas();
        AuditData.Builder b = AuditData.builder().labels("two_year_recid", Shared.ints(csv.get("two_year_recid")))
                .predictions("y_pred", Shared.ints(csv.get("y_pred"))).sensitive("race", csv.get("race"));
        if (weighted) {
            b.weights("sample_weight", Shared.doubles(csv.get("sample_weight")));
        }
        return b.build();
    }

    @Test
    void wilsonGroupIntervalsAndBootstrapDisparitiesShapedLikeTheReport() {
        FairnessAudit audit = FairnessAudit.of(compas(false));
        AuditIntervals options = AuditIntervals.builder(0.95).replicates(300).seed(3).tests(true).build();
        String json = AuditReport.of(audit).withReference(Map.of("race", "Caucasian")).withIntervals(options).toJson();
        JsonNode root = Shared.JSON.readTree(json);
        for (int g = 0; g < audit.groups().size(); g++) {
            JsonNode node = root.get("groups").get(g);
            assertEquals(names(node.get("metrics")), names(node.get("ci")));
            Confusion c = audit.counts().unweightedConfusion(g);
            Interval w = RateIntervals.wilson((long) c.predictedPositives(), (long) c.total(), 0.95);
            assertEquals(w.lower(), node.get("ci").get("selection_rate").get(0).asDouble(), 0.0);
            assertEquals(w.upper(), node.get("ci").get("selection_rate").get(1).asDouble(), 0.0);
        }
        assertShape(root.get("disparities"), root.get("disparities_ci"), "disparities");
        JsonNode dpd = root.get("disparities_ci").get("demographic_parity_difference").get("between_groups");
        assertTrue(dpd.get(0).asDouble() < dpd.get(1).asDouble());
        JsonNode info = root.get("intervals");
        assertEquals(0.95, info.get("level").asDouble());
        assertEquals("wilson", info.get("method").asString());
        assertEquals("bca", info.get("bootstrap_method").asString());
        assertEquals(300, info.get("replicates").asInt());
        assertEquals(3, info.get("seed").asLong());
        assertEquals("stratified", info.get("scheme").asString());
        // chi-square of race x y_pred: scipy 1.17 value from stats/scipy_stats.json
        JsonNode oracle = Shared.JSON.readTree(readResource("stats/scipy_stats.json"));
        double expected = oracle.get("contingency").get(0).get("chi_square").get("statistic").asDouble();
        assertEquals(expected, root.get("tests").get("chi_square").get("statistic").asDouble(), 1e-9 * expected);
        assertEquals(5, root.get("tests").get("two_proportion_z").get("comparisons").size());
        // same seed, same report
        assertEquals(json, AuditReport.of(audit).withReference(Map.of("race", "Caucasian")).withIntervals(options).toJson());
        assertTrue(AuditReport.of(audit).withIntervals(options).toText().contains("95% intervals: wilson"));
    }

    @Test
    void weightedNeedsABootstrapMethodAndMoments() {
        AuditData d = compas(true);
        FairnessAudit audit = FairnessAudit.of(d);
        assertThrows(IllegalArgumentException.class,
                () -> AuditReport.of(audit).withIntervals(AuditIntervals.builder(0.9).replicates(50).build()).toJson());
        String json = AuditReport.of(audit).withIntervals(AuditIntervals.builder(0.9).method(IntervalMethod.PERCENTILE)
                .replicates(50).weightMoments(CellMoments.of(d)).build()).toJson();
        JsonNode root = Shared.JSON.readTree(json);
        assertTrue(root.get("intervals").get("weighted").asBoolean());
        assertFalse(root.get("groups").get(0).get("ci").get("selection_rate").isNull());
    }

    private static String readResource(String path) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources").resolve(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext();) {
            String n = it.next();
            if (!n.equals("undefined")) {
                out.add(n);
            }
        }
        out.sort(null);
        return out;
    }

    /** Same keys at every level (ignoring "undefined"); a value leaf becomes an interval leaf. */
    private static void assertShape(JsonNode expected, JsonNode actual, String at) {
        if (expected.isObject()) {
            assertEquals(names(expected), names(actual), at);
            for (String n : names(expected)) {
                assertShape(expected.get(n), actual.get(n), at + "." + n);
            }
        } else {
            assertTrue(actual.isNull() || (actual.isArray() && actual.size() == 2), at);
            assertEquals(expected.isNull(), actual.isNull(), at);
        }
    }
}
