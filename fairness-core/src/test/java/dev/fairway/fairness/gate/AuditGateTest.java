package dev.fairway.fairness.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Group;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules against a hand-counted audit. Group A: y = 1 1 1 0 0 0, p = 1 1 0 1 0 0 (TP 2, FN 1, FP 1,
 * TN 2): selection 1/2, TPR 2/3, FPR 1/3. Group B: y = 1 1 1, p = 1 0 0 (TP 1, FN 2): selection 1/3,
 * TPR 1/3, FPR undefined. Overall: selection 4/9, TPR 1/2.
 */
class AuditGateTest {
    private static final double EPS = 1e-15;
    private static final Group A = new Group(List.of("g"), List.of("A"));
    private static final Group B = new Group(List.of("g"), List.of("B"));

    private static AuditGate gate() {
        return AuditGate.of(FairnessAudit.of(AuditData.builder()
                .labels("y", new int[] {1, 1, 1, 0, 0, 0, 1, 1, 1})
                .predictions("p", new int[] {1, 1, 0, 1, 0, 0, 1, 0, 0})
                .sensitive("g", new String[] {"A", "A", "A", "A", "A", "A", "B", "B", "B"})
                .build()));
    }

    @Test
    void namedCriterionBetweenGroupsNamesTheExtremes() {
        AuditGate.Evaluation e = gate().evaluate(Rule.parse("demographic_parity_difference > 0.1"));
        assertEquals(1.0 / 2 - 1.0 / 3, e.value(), EPS);
        assertTrue(e.holds());
        assertNull(e.undefinedReason());
        assertEquals(List.of(B, A), e.groups());
        AuditGate.Evaluation r = gate().evaluate(Rule.parse("demographic_parity_ratio >= 0.8"));
        assertEquals(2.0 / 3, r.value(), EPS);
        assertFalse(r.holds());
    }

    @Test
    void undefinedValuesSayWhyAndNeverHold() {
        AuditGate.Evaluation e = gate().evaluate(Rule.parse("equalized_odds_difference:worst_case > 0.05"));
        assertFalse(e.defined());
        assertFalse(e.holds());
        assertEquals("group g=B: no actual negatives", e.undefinedReason());
        assertEquals(List.of(B), e.groups());
    }

    @Test
    void aBareMetricIsAPerGroupBoundOnAnyGroup() {
        AuditGate.Evaluation low = gate().evaluate(Rule.parse("true_positive_rate < 0.5"));
        assertTrue(low.holds());
        assertEquals(1.0 / 3, low.value(), EPS);
        assertEquals(List.of(B), low.groups());
        AuditGate.Evaluation high = gate().evaluate(Rule.parse("true_positive_rate > 0.9"));
        assertFalse(high.holds());
        assertEquals(2.0 / 3, high.value(), EPS);
        assertEquals(List.of(), high.groups());
    }

    @Test
    void toOverallNamesTheFurthestGroup() {
        // |1/2 - 4/9| = 1/18, |1/3 - 4/9| = 1/9
        AuditGate.Evaluation e = gate().evaluate(Rule.parse("selection_rate_difference@to_overall >= 0.1"));
        assertEquals(1.0 / 9, e.value(), EPS);
        assertTrue(e.holds());
        assertEquals(List.of(B), e.groups());
    }

    @Test
    void toReferenceIsUnprivilegedOverPrivileged() {
        AuditGate g = gate().withReference(Map.of("g", "A"));
        AuditGate.Evaluation di = g.evaluate(Rule.parse("demographic_parity_ratio@to_reference < 0.8"));
        assertEquals((1.0 / 3) / (1.0 / 2), di.value(), EPS);
        assertTrue(di.holds());
        assertEquals(List.of(A), di.groups());
        // a bare metric with a method means its ratio: TPR B 1/3 over A 2/3
        AuditGate.Evaluation tpr = g.evaluate(Rule.parse("true_positive_rate@to_reference < 0.8"));
        assertEquals(0.5, tpr.value(), EPS);
        AuditGate.Evaluation spd = g.evaluate(Rule.parse("demographic_parity_difference@to_reference <= -0.1"));
        assertEquals(1.0 / 3 - 1.0 / 2, spd.value(), EPS);
        assertTrue(spd.holds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gate().evaluate(Rule.parse("demographic_parity_ratio@to_reference < 0.8")));
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demographic_parity > 1", "selection_rate_ratio@nowhere > 1",
        "demographic_parity_ratio:mean > 1", "equalized_odds_ratio:median > 1", "true_positive_rate:mean > 1",
        "equalized_odds_difference@to_reference > 1", "fair.passed == false"})
    void unknownNamesMethodsAndAggregationsAreRefusedWithoutData(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditGate.check(Rule.parse(text)));
        assertTrue(e.getMessage().startsWith("rule '" + text + "'"), e.getMessage());
    }

    @Test
    void everyReportNameIsAccepted() {
        for (String n : new String[] {"demographic_parity_difference", "demographic_parity_ratio",
            "equal_opportunity_difference", "equal_opportunity_ratio", "equalized_odds_difference:mean",
            "equalized_odds_ratio:worst_case", "f1_score_ratio@to_overall", "count < 30", "accuracy"}) {
            AuditGate.check(Rule.parse(n.contains("<") ? n : n + " > 0"));
        }
    }
}
