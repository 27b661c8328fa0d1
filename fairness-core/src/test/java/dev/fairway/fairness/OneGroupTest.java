package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.gate.AuditGate;
import dev.fairway.fairness.gate.Rule;
import dev.fairway.fairness.report.AuditReport;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A constant group column: one group, so no disparity is defined, in the library, the reports and the
 * gates. The table: group A only, y 1 1 0 0, p 1 0 1 0 (selection 1/2, TPR 1/2, FPR 1/2).
 */
class OneGroupTest {
    private static FairnessAudit audit(ZeroDivision mode) {
        return FairnessAudit.of(AuditData.builder().labels("y", new int[] {1, 1, 0, 0})
                .predictions("p", new int[] {1, 0, 1, 0}).sensitive("g", new String[] {"A", "A", "A", "A"}).build(), mode);
    }

    @Test
    void everyDisparityIsUndefinedWithTheReason() {
        for (ZeroDivision mode : ZeroDivision.values()) {
            FairnessAudit a = audit(mode);
            assertEquals(0.5, a.value(Metric.SELECTION_RATE, 0), 0.0, "the group's own rate stays defined");
            for (Metric m : Metric.values()) {
                for (DisparityMethod method : DisparityMethod.values()) {
                    for (Disparity d : Disparity.values()) {
                        assertTrue(Double.isNaN(a.disparity(m, method, d)), m + " " + method + " " + d + " " + mode);
                        assertEquals("one group: a disparity needs at least two", a.disparityUndefinedReason(m, method, d));
                    }
                }
                for (Aggregation agg : Aggregation.values()) {
                    assertTrue(Double.isNaN(a.equalizedOddsDifference(DisparityMethod.BETWEEN_GROUPS, agg)));
                    assertTrue(Double.isNaN(a.equalizedOddsRatio(DisparityMethod.TO_OVERALL, agg)));
                }
            }
            assertTrue(Double.isNaN(a.demographicParityRatio(DisparityMethod.BETWEEN_GROUPS)));
        }
    }

    @Test
    void jsonWritesNullWithTheReason() {
        JsonNode json = Shared.JSON.readTree(AuditReport.of(audit(ZeroDivision.UNDEFINED)).toJson());
        JsonNode dpr = json.get("disparities").get("demographic_parity_ratio");
        assertTrue(dpr.get("between_groups").isNull(), dpr.toString());
        assertEquals("one group: a disparity needs at least two", dpr.get("undefined").get("between_groups").asString());
        JsonNode eod = json.get("disparities").get("equalized_odds_difference").get("between_groups");
        assertTrue(eod.get("worst_case").isNull());
        assertEquals("one group: a disparity needs at least two", eod.get("undefined").get("worst_case").asString());
        assertEquals("undefined", json.get("four_fifths").get("verdict").asString());
        assertEquals("one group: a disparity needs at least two",
                json.get("four_fifths").get("undefined").get("verdict").asString());
    }

    @Test
    void textGivesAFootnote() {
        String text = AuditReport.of(audit(ZeroDivision.UNDEFINED)).toText();
        assertTrue(text.matches("(?s).*\\ndemographic_parity_ratio +—\\[(\\d+)\\] +—\\[\\1\\].*"), text);
        assertTrue(text.matches("(?s).*\\[\\d+\\] one group: a disparity needs at least two.*"), text);
        assertFalse(text.contains("1.0000 "), "no ratio of 1 from a single group: " + text);
    }

    @Test
    void htmlGivesTheNote() {
        String html = AuditReport.of(audit(ZeroDivision.UNDEFINED))
                .toHtml(dev.fairway.fairness.report.ReportHeader.of("one.csv", "1", "2026-01-01"));
        assertTrue(html.contains("<li>one group: a disparity needs at least two</li>"), html);
    }

    @Test
    void aGateOnADisparityGetsAnUndefinedValueWithTheReason() {
        AuditGate gate = AuditGate.of(audit(ZeroDivision.UNDEFINED));
        for (String rule : List.of("demographic_parity_ratio < 0.8", "demographic_parity_difference > 0.1",
                "equalized_odds_difference:mean > 0.1", "false_positive_rate_ratio@to_overall < 0.8")) {
            AuditGate.Evaluation e = gate.evaluate(Rule.parse(rule));
            assertFalse(e.defined(), e.toString());
            assertFalse(e.holds(), e.toString());
            assertEquals("one group: a disparity needs at least two", e.undefinedReason(), rule);
        }
        // a per-group bound is about each group's own rate, which stays defined
        assertTrue(gate.evaluate(Rule.parse("selection_rate < 0.6")).holds());
    }
}
