package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Metrics, disparities, undefined cases and inequality indices on small data counted by hand.
 *
 * <p>Group A: y = 1 1 1 0 0 0, p = 1 1 0 1 0 0 gives TP 2, FN 1, FP 1, TN 2. Group B: y = 1 1 1,
 * p = 1 0 0 gives TP 1, FN 2 and no actual negatives.
 */
class FairnessAuditTest {
    private static final double EPS = 1e-15;

    private static AuditData data() {
        return AuditData.builder()
                .labels("y", new int[] {1, 1, 1, 0, 0, 0, 1, 1, 1})
                .predictions("p", new int[] {1, 1, 0, 1, 0, 0, 1, 0, 0})
                .sensitive("g", new String[] {"A", "A", "A", "A", "A", "A", "B", "B", "B"})
                .build();
    }

    @Test
    void everyMetricOfAGroupCountedByHand() {
        FairnessAudit audit = FairnessAudit.of(data());
        int a = 0;
        assertEquals(6, audit.value(Metric.COUNT, a));
        assertEquals(3.0 / 6, audit.value(Metric.SELECTION_RATE, a), EPS);
        assertEquals(3.0 / 6, audit.value(Metric.BASE_RATE, a), EPS);
        assertEquals(2.0 / 3, audit.value(Metric.TRUE_POSITIVE_RATE, a), EPS);
        assertEquals(1.0 / 3, audit.value(Metric.FALSE_POSITIVE_RATE, a), EPS);
        assertEquals(2.0 / 3, audit.value(Metric.TRUE_NEGATIVE_RATE, a), EPS);
        assertEquals(1.0 / 3, audit.value(Metric.FALSE_NEGATIVE_RATE, a), EPS);
        assertEquals(2.0 / 3, audit.value(Metric.PRECISION, a), EPS);
        assertEquals(2.0 / 3, audit.value(Metric.NEGATIVE_PREDICTIVE_VALUE, a), EPS);
        assertEquals(1.0 / 3, audit.value(Metric.FALSE_DISCOVERY_RATE, a), EPS);
        assertEquals(1.0 / 3, audit.value(Metric.FALSE_OMISSION_RATE, a), EPS);
        assertEquals(4.0 / 6, audit.value(Metric.ACCURACY, a), EPS);
        assertEquals(2.0 / 3, audit.value(Metric.BALANCED_ACCURACY, a), EPS);
        assertEquals(2.0 / 6, audit.value(Metric.ERROR_RATE, a), EPS);
        assertEquals(4.0 / 6, audit.value(Metric.F1_SCORE, a), EPS);
    }

    @Test
    void emptyDenominatorsAreUndefinedWithAReason() {
        FairnessAudit audit = FairnessAudit.of(data());
        int b = 1;
        assertTrue(Double.isNaN(audit.value(Metric.FALSE_POSITIVE_RATE, b)));
        assertTrue(Double.isNaN(audit.value(Metric.TRUE_NEGATIVE_RATE, b)));
        assertTrue(Double.isNaN(audit.value(Metric.BALANCED_ACCURACY, b)));
        assertEquals("no actual negatives", audit.undefinedReason(Metric.FALSE_POSITIVE_RATE, b));
        assertNull(audit.undefinedReason(Metric.TRUE_POSITIVE_RATE, b));
        assertEquals(1.0 / 3, audit.value(Metric.TRUE_POSITIVE_RATE, b), EPS);
        // a disparity over an undefined value is undefined too, with the group named
        assertTrue(Double.isNaN(audit.difference(Metric.FALSE_POSITIVE_RATE, DisparityMethod.BETWEEN_GROUPS)));
        assertTrue(Double.isNaN(audit.equalizedOddsDifference(DisparityMethod.BETWEEN_GROUPS, Aggregation.WORST_CASE)));
        assertEquals("group g=B: no actual negatives",
                audit.disparityUndefinedReason(Metric.FALSE_POSITIVE_RATE, DisparityMethod.BETWEEN_GROUPS, Disparity.DIFFERENCE));
        // TPR: A 2/3, B 1/3, overall 3/6
        assertEquals(1.0 / 3, audit.equalOpportunityDifference(DisparityMethod.BETWEEN_GROUPS), EPS);
        assertEquals(0.5, audit.equalOpportunityRatio(DisparityMethod.BETWEEN_GROUPS), EPS);
        assertEquals(1.0 / 6, audit.equalOpportunityDifference(DisparityMethod.TO_OVERALL), EPS);
        // to overall ratio: A (2/3)/(1/2) = 4/3 -> 3/4; B (1/3)/(1/2) = 2/3
        assertEquals(2.0 / 3, audit.equalOpportunityRatio(DisparityMethod.TO_OVERALL), EPS);
        assertNull(audit.disparityUndefinedReason(Metric.TRUE_POSITIVE_RATE, DisparityMethod.TO_OVERALL, Disparity.RATIO));
    }

    @Test
    void fairlearnModeGivesZeroAsScikitLearnDoes() {
        FairnessAudit audit = FairnessAudit.of(data(), ZeroDivision.FAIRLEARN);
        int b = 1;
        assertEquals(0.0, audit.value(Metric.FALSE_POSITIVE_RATE, b));
        assertEquals(0.0, audit.value(Metric.TRUE_NEGATIVE_RATE, b));
        // scikit-learn's balanced accuracy averages only the defined recall: TPR of B = 1/3
        assertEquals(1.0 / 3, audit.value(Metric.BALANCED_ACCURACY, b), EPS);
        assertEquals("no actual negatives", audit.undefinedReason(Metric.FALSE_POSITIVE_RATE, b));
        // FPR: A 1/3, B 0 -> difference 1/3, ratio 0; TPR difference 1/3 -> worst case 1/3, mean 1/3
        assertEquals(1.0 / 3, audit.equalizedOddsDifference(DisparityMethod.BETWEEN_GROUPS, Aggregation.WORST_CASE), EPS);
        assertEquals(0.0, audit.equalizedOddsRatio(DisparityMethod.BETWEEN_GROUPS, Aggregation.WORST_CASE));
        assertEquals(0.25, audit.equalizedOddsRatio(DisparityMethod.BETWEEN_GROUPS, Aggregation.MEAN), EPS);
    }

    @Test
    void privilegedComparisonInAif360Orientation() {
        FairnessAudit audit = FairnessAudit.of(data());
        PrivilegedComparison cmp = audit.compare(g -> g.value("g").equals("A"), FavorableOutcome.POSITIVE);
        // selection: A 3/6, B 1/3; unprivileged - privileged
        assertEquals(1.0 / 3 - 0.5, cmp.statisticalParityDifference(), EPS);
        assertEquals((1.0 / 3) / 0.5, cmp.disparateImpact(), EPS);
        assertEquals(PrivilegedComparison.Verdict.FAIL, cmp.fourFifthsRule());
        assertEquals(1.0 / 3 - 2.0 / 3, cmp.equalOpportunityDifference(), EPS);
        // B has no actual negatives: FPR undefined, so average odds are undefined
        assertTrue(Double.isNaN(cmp.averageOddsDifference()));
        // error: A 2/6, B 2/3
        assertEquals(2.0 / 3 - 2.0 / 6, cmp.errorRateDifference(), EPS);
        assertEquals(6.0 / 9, cmp.labelBaseRate(), EPS);
        assertEquals(1.0 - 0.5, cmp.labelStatisticalParityDifference(), EPS);
        // favourable 0: selection of label-0 predictions: A 3/6, B 2/3
        PrivilegedComparison neg = audit.compare(g -> g.value("g").equals("A"), FavorableOutcome.NEGATIVE);
        assertEquals(2.0 / 3 - 0.5, neg.statisticalParityDifference(), EPS);
        // 0.5 / (2/3) = 0.75 < 0.8
        assertEquals(PrivilegedComparison.Verdict.FAIL, neg.fourFifthsRule());
        assertThrows(IllegalArgumentException.class, () -> audit.compare(g -> true, FavorableOutcome.POSITIVE));
    }

    @Test
    void fourFifthsRulePassesAtEightyPercent() {
        // X selects 1 of 2 (0.5), Y selects 3 of 5 (0.6): 0.5 / 0.6 = 0.833
        AuditData d = AuditData.builder().labels("y", new int[7])
                .predictions("p", new int[] {1, 0, 1, 1, 1, 0, 0})
                .sensitive("g", new String[] {"X", "X", "Y", "Y", "Y", "Y", "Y"}).build();
        PrivilegedComparison cmp = FairnessAudit.of(d).compare(g -> g.value("g").equals("Y"), FavorableOutcome.POSITIVE);
        assertEquals(PrivilegedComparison.Verdict.PASS, cmp.fourFifthsRule());
        assertEquals(0.5 / 0.6, cmp.disparateImpact(), EPS);
    }

    @Test
    void inequalityIndicesInClosedForm() {
        // one false negative (benefit 0) and one false positive (benefit 2): mean 1
        AuditData two = AuditData.builder().labels("y", new int[] {1, 0}).predictions("p", new int[] {0, 1})
                .sensitive("g", new String[] {"u", "v"}).build();
        FairnessAudit audit = FairnessAudit.of(two);
        assertEquals(Math.log(2), audit.theilIndex(FavorableOutcome.POSITIVE), EPS);
        assertEquals(0.5, audit.generalizedEntropyIndex(2, FavorableOutcome.POSITIVE), EPS);
        assertEquals(Double.POSITIVE_INFINITY, audit.generalizedEntropyIndex(0, FavorableOutcome.POSITIVE));
        // group means are 0 and 2: between-group equals individual here
        assertEquals(Math.log(2), audit.betweenGroupTheilIndex(FavorableOutcome.POSITIVE), EPS);
        // all correct: no inequality
        AuditData correct = AuditData.builder().labels("y", new int[] {1, 0, 1}).predictions("p", new int[] {1, 0, 1})
                .sensitive("g", new int[3]).build();
        assertEquals(0.0, FairnessAudit.of(correct).theilIndex(FavorableOutcome.POSITIVE), EPS);
        assertEquals(0.0, FairnessAudit.of(correct).generalizedEntropyIndex(3, FavorableOutcome.NEGATIVE), EPS);
    }

    @Test
    void nullEnumArgumentsAreErrors() {
        FairnessAudit audit = FairnessAudit.of(data());
        assertThrows(NullPointerException.class, () -> audit.difference(Metric.SELECTION_RATE, null));
        assertThrows(NullPointerException.class, () -> audit.ratio(Metric.SELECTION_RATE, null));
        assertThrows(NullPointerException.class, () -> audit.demographicParityDifference(null));
        assertThrows(NullPointerException.class,
                () -> audit.equalizedOddsDifference(DisparityMethod.BETWEEN_GROUPS, null));
        assertThrows(NullPointerException.class, () -> audit.equalizedOddsRatio(null, Aggregation.MEAN));
        assertThrows(NullPointerException.class,
                () -> audit.disparityUndefinedReason(Metric.SELECTION_RATE, DisparityMethod.TO_OVERALL, null));
    }

    @Test
    void groupValuesByValueAsWellAsByCode() {
        FairnessAudit audit = FairnessAudit.of(data());
        // group B: TP 1, FN 2 -> TPR 1/3; group A: selection 3/6
        assertEquals(1.0 / 3, audit.value(Metric.TRUE_POSITIVE_RATE, java.util.Map.of("g", "B")), EPS);
        assertEquals(0.5, audit.value(Metric.SELECTION_RATE, audit.groups().groups().get(0)), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> audit.value(Metric.SELECTION_RATE, java.util.Map.of("g", "C")));
        assertTrue(e.getMessage().contains("no group"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> audit.value(Metric.SELECTION_RATE, java.util.Map.of("sex", "A")));
        // disparity() is difference() or ratio(): selection A 1/2, B 1/3
        assertEquals(1.0 / 6, audit.disparity(Metric.SELECTION_RATE, DisparityMethod.BETWEEN_GROUPS,
                Disparity.DIFFERENCE), EPS);
        assertEquals(2.0 / 3, audit.disparity(Metric.SELECTION_RATE, DisparityMethod.BETWEEN_GROUPS,
                Disparity.RATIO), EPS);
    }

    @Test
    void toStringShowsThePerGroupTable() {
        String text = FairnessAudit.of(data()).toString();
        // A: 6 rows, selection 3/6 (max), TPR 2/3 (max), FPR 1/3; B: 3 rows, selection 1/3 (min), FPR undefined
        assertTrue(text.contains("g=A"), text);
        assertTrue(text.contains("0.500000 (max)"), text);
        assertTrue(text.contains("0.333333 (min)"), text);
        assertTrue(text.contains("0.666667 (max)"), text);
        assertTrue(text.contains("undefined"), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("g=B") && l.contains(" 3 ")), text);
        assertTrue(text.lines().anyMatch(l -> l.trim().startsWith("overall") && l.contains(" 9 ")), text);
    }
}
