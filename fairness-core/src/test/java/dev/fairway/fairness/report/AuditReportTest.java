package dev.fairway.fairness.report;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.ZeroDivision;
import dev.fairway.fairness.Shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code fairway-audit/v1} JSON contract and the text rendering, on hand-counted data. */
class AuditReportTest {
    private static final double EPS = 1e-15;

    /**
     * Two columns. A/x: y 1 1 0, p 1 0 0 (TP 1, FN 1, TN 1). A/y: y 0, p 1 (FP 1). B/x: y 1 1,
     * p 1 1 (TP 2; no actual negatives).
     */
    private static FairnessAudit audit(ZeroDivision mode) {
        AuditData data = AuditData.builder()
                .labels("y", new int[] {1, 1, 0, 0, 1, 1})
                .predictions("p", new int[] {1, 0, 0, 1, 1, 1})
                .weights("w", new double[] {1, 1, 2, 1, 1, 3})
                .sensitive("g", new String[] {"A", "A", "A", "A", "B", "B"})
                .sensitive("h", new String[] {"x", "x", "x", "y", "x", "x"})
                .build();
        return FairnessAudit.of(data, mode);
    }

    @Test
    void jsonFollowsTheSchema() {
        String text = AuditReport.of(audit(ZeroDivision.UNDEFINED)).toJson();
        assertFalse(text.contains("NaN"), text);
        JsonNode json = Shared.JSON.readTree(text);
        assertEquals("fairway-audit/v1", json.get("schema").asString());
        assertEquals(6, json.get("rows").asLong());
        assertEquals(List.of("g", "h"), List.of(json.get("group_by").get(0).asString(), json.get("group_by").get(1).asString()));
        assertEquals("undefined", json.get("zero_division").asString());
        assertTrue(json.get("weighted").asBoolean());
        // overall weighted: TP 1+1+3 = 5, FN 1, TN 2, FP 1 -> selection (5+1)/9
        assertEquals(6.0 / 9, json.get("overall").get("selection_rate").doubleValue(), EPS);
        JsonNode groups = json.get("groups");
        assertEquals(3, groups.size());
        JsonNode bx = groups.get(2);
        assertEquals("B", bx.get("group").get("g").asString());
        assertEquals("x", bx.get("group").get("h").asString());
        assertEquals(2, bx.get("count").asLong());
        assertEquals(4.0, bx.get("weight").doubleValue());
        assertTrue(bx.get("metrics").get("false_positive_rate").isNull());
        assertEquals("no actual negatives", bx.get("undefined").get("false_positive_rate").asString());
        assertEquals(1.0, bx.get("metrics").get("true_positive_rate").doubleValue());
        JsonNode dpd = json.get("disparities").get("demographic_parity_difference");
        // selection: A/x 1/4 (weights 1,1,2), A/y 1, B/x 1 -> max - min = 3/4
        assertEquals(0.75, dpd.get("between_groups").doubleValue(), EPS);
        JsonNode eod = json.get("disparities").get("equalized_odds_difference").get("between_groups");
        assertTrue(eod.get("worst_case").isNull());
        assertTrue(eod.get("undefined").get("worst_case").asString().startsWith("group g=A, h=y: no actual positives"),
                eod.toString());
        JsonNode marginals = json.get("marginals");
        assertEquals(2, marginals.get("g").get("groups").size());
        assertEquals(1, marginals.get("h").get("groups").get(1).get("count").asLong());
        // marginal g=A: weights TP 1, FN 1, TN 2, FP 1 -> selection 2/5
        assertEquals(0.4, marginals.get("g").get("groups").get(0).get("metrics").get("selection_rate").doubleValue(), EPS);
    }

    @Test
    void fairlearnModeWritesZeroWithTheReasonBeside() {
        JsonNode json = Shared.JSON.readTree(AuditReport.of(audit(ZeroDivision.FAIRLEARN)).toJson());
        JsonNode bx = json.get("groups").get(2);
        assertEquals(0.0, bx.get("metrics").get("false_positive_rate").doubleValue());
        assertEquals("no actual negatives", bx.get("undefined").get("false_positive_rate").asString());
        assertEquals("fairlearn", json.get("zero_division").asString());
    }

    @Test
    void referenceGivesTheAif360Comparison() {
        JsonNode json = Shared.JSON.readTree(AuditReport.of(audit(ZeroDivision.UNDEFINED))
                .withReference(Map.of("g", "A")).toJson());
        JsonNode ref = json.get("reference");
        // privileged A (weights: TP 1, FN 1, TN 2, FP 1): selection 2/5; unprivileged B: selection 1
        assertEquals(1 - 0.4, ref.get("statistical_parity_difference").doubleValue(), EPS);
        assertEquals(1 / 0.4, ref.get("pooled_disparate_impact").doubleValue(), EPS);
        assertFalse(ref.has("four_fifths_rule"), "the pooled ratio carries no pass or fail word");
        assertFalse(ref.has("disparate_impact"));
        // four-fifths against the reference rows (A: 2/5): B/x selected weight 4 of 4 -> 1 / 0.4 = 2.5, passes
        JsonNode ff = json.get("four_fifths");
        assertEquals("reference", ff.get("basis").asString());
        assertEquals(0.4, ff.get("benchmark_selection_rate").doubleValue(), EPS);
        assertEquals(1, ff.get("groups").size());
        assertEquals(2.5, ff.get("groups").get(0).get("ratio").doubleValue(), 1e-12);
        assertEquals("pass", ff.get("verdict").asString());
        assertEquals(1 - 0.4, json.get("disparities").get("demographic_parity_difference").get("to_reference").doubleValue(),
                EPS);
        // a defined to_reference value carries no undefined reason beside it
        JsonNode dpd = json.get("disparities").get("demographic_parity_difference");
        assertTrue(dpd.get("undefined") == null || !dpd.get("undefined").has("to_reference"), dpd.toString());
        assertEquals(1, ref.get("privileged_groups").size() - 1, "A/x and A/y are privileged");
        assertTrue(ref.get("average_odds_difference").isNull());
    }

    @Test
    void badReferencesAreRejected() {
        AuditReport report = AuditReport.of(audit(ZeroDivision.UNDEFINED));
        assertThrows(IllegalArgumentException.class, () -> report.withReference(Map.of("race", "A")));
        assertThrows(IllegalArgumentException.class, () -> report.withReference(Map.of("g", "C")));
        assertThrows(IllegalArgumentException.class, () -> report.withReference(Map.of()));
    }

    @Test
    void textFootnotesSayWhichGroupAndMetricIsUndefined() {
        String text = AuditReport.of(audit(ZeroDivision.UNDEFINED)).withReference(Map.of("g", "A")).toText();
        assertTrue(text.contains("B × x"), text);
        assertTrue(text.contains("[2] g=B, h=x: false_positive_rate is undefined: no actual negatives"), text);
        assertTrue(text.matches("(?s).*equalized_odds_difference:worst_case +—\\[1\\].*"), text);
        assertTrue(text.contains("four-fifths rule"), text);
        assertFalse(text.contains("n/a"), text);
    }
}
