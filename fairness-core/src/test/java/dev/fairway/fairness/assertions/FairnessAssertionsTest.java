package dev.fairway.fairness.assertions;

import static dev.fairway.fairness.assertions.FairnessAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.Aggregation;
import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.gate.RuleSyntaxException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every assertion both ways on hand-counted data. female (6 rows): y 1 1 1 0 0 0, p 1 1 0 1 0 0
 * (selection 1/2, TPR 2/3, FPR 1/3, accuracy 4/6). male (6): y 1 1 0 0 0 0, p 1 0 0 0 0 0 (selection
 * 1/6, TPR 1/2, FPR 0, accuracy 5/6). other (3): y 1 1 1, p 1 0 0 (selection 1/3, TPR 1/3, FPR
 * undefined: no actual negatives, precision 1).
 */
class FairnessAssertionsTest {
    private static final String NL = System.lineSeparator();
    private static final FairnessAudit AUDIT = FairnessAudit.of(AuditData.builder()
            .labels("y", new int[] {1, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1})
            .predictions("p", new int[] {1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0})
            .sensitive("sex", new String[] {"female", "female", "female", "female", "female", "female",
                "male", "male", "male", "male", "male", "male", "other", "other", "other"})
            .sensitive("age", new String[] {"young", "old", "young", "old", "young", "old",
                "young", "old", "young", "old", "young", "old", "young", "old", "young"})
            .build()).marginal("sex");

    private static String fails(Executable e) {
        return assertThrows(AssertionError.class, e).getMessage();
    }

    @Test
    void demographicParityDifferenceWithTheTableBehindIt() {
        assertThat(AUDIT).demographicParityDifference().isAtMost(0.34).isAtLeast(0.33);
        String message = fails(() -> assertThat(AUDIT).demographicParityDifference().isAtMost(0.1));
        assertEquals("demographic_parity_difference (between_groups) = " + (3.0 / 6 - 1.0 / 6) + ", expected <= 0.1" + NL
                + "selection_rate by group:" + NL
                + "  group         count selection_rate" + NL
                + "  sex=female        6 0.5000 (max)" + NL
                + "  sex=male          6 0.1667 (min)" + NL
                + "  sex=other         3 0.3333" + NL
                + "  overall          15 0.3333", message);
    }

    @Test
    void groupTruePositiveRateMarksTheGroup() {
        assertThat(AUDIT).group("sex", "female").truePositiveRate().isAtLeast(0.6);
        String message = fails(() -> assertThat(AUDIT).group("sex", "female").truePositiveRate().isAtLeast(0.7));
        assertEquals("true_positive_rate of group sex=female = " + 2.0 / 3 + ", expected >= 0.7" + NL
                + "true_positive_rate by group:" + NL
                + "  group         count true_positive_rate" + NL
                + "  sex=female        6 0.6667 (max)   <-" + NL
                + "  sex=male          6 0.5000" + NL
                + "  sex=other         3 0.3333 (min)" + NL
                + "  overall          15 0.5000", message);
    }

    @Test
    void equalizedOddsUndefinedFailsUnlessAllowedAndSmallGroupsCanBeLeftOut() {
        String undefined = fails(() -> assertThat(AUDIT).equalizedOddsDifference(Aggregation.WORST_CASE).isAtMost(0.05));
        assertTrue(undefined.startsWith("equalized_odds_difference:worst_case (between_groups) is undefined "
                + "(group sex=other: no actual negatives), expected <= 0.05; allowingUndefined() accepts an undefined value"
                + NL + "true_positive_rate and false_positive_rate by group:"), undefined);
        assertTrue(undefined.matches("(?s).*\\R  sex=other +3 0\\.3333 \\(min\\) +undefined \\(no actual negatives\\)\\R.*"),
                undefined);
        assertThat(AUDIT).allowingUndefined().equalizedOddsDifference(Aggregation.WORST_CASE).isAtMost(0.05);
        // without other: max(2/3 - 1/2, 1/3 - 0) = 1/3; mean (1/6 + 1/3) / 2 = 1/4
        assertThat(AUDIT).excludingGroupsSmallerThan(5).equalizedOddsDifference(Aggregation.WORST_CASE).isAtMost(0.34);
        assertThat(AUDIT).excludingGroupsSmallerThan(5).equalizedOddsDifference(Aggregation.MEAN).isAtMost(0.26)
                .isAtLeast(0.24);
        String excluded = fails(() -> assertThat(AUDIT).excludingGroupsSmallerThan(5)
                .equalizedOddsDifference(Aggregation.WORST_CASE).isAtMost(0.05));
        assertTrue(excluded.startsWith("equalized_odds_difference:worst_case (between_groups) = " + (1.0 / 3 - 0.0)
                + ", expected <= 0.05"), excluded);
        assertTrue(excluded.endsWith(NL + "left out, fewer than 5 rows: sex=other (3 rows)"), excluded);
        assertTrue(!excluded.contains("  sex=other "), excluded);
    }

    @Test
    void passesTheGateGrammar() {
        assertThat(AUDIT).passes("demographic_parity_ratio >= 0.3").passes("equal_opportunity_difference<0.34");
        String message = fails(() -> assertThat(AUDIT).passes("demographic_parity_ratio >= 0.8"));
        assertTrue(message.startsWith("rule 'demographic_parity_ratio >= 0.8' does not hold: value " + (1.0 / 6) / (3.0 / 6)
                + "; groups: sex=male | sex=female" + NL + "selection_rate by group:"), message);
        // a bare metric bounds every group
        assertThat(AUDIT).passes("true_positive_rate >= 0.3");
        String perGroup = fails(() -> assertThat(AUDIT).passes("true_positive_rate >= 0.4"));
        assertTrue(perGroup.startsWith("rule 'true_positive_rate >= 0.4' does not hold for every group: sex=other (0.3333)"),
                perGroup);
        String undefined = fails(() -> assertThat(AUDIT).passes("equalized_odds_ratio:mean > 0"));
        assertTrue(undefined.contains("value undefined (group sex=other: no actual negatives)"), undefined);
        assertThat(AUDIT).allowingUndefined().passes("equalized_odds_ratio:mean > 0");
        // outside female: 2 of 9 selected; female 1/2
        assertThat(AUDIT).withReference(Map.of("sex", "female")).passes("selection_rate_difference@to_reference > -0.3");
        assertTrue(fails(() -> assertThat(AUDIT).withReference(Map.of("sex", "female"))
                .passes("selection_rate_difference@to_reference > -0.2")).contains("value " + (2.0 / 9 - 3.0 / 6)));
        assertThrows(RuleSyntaxException.class, () -> assertThat(AUDIT).passes("demographic_parity_ratio >= "));
        assertThrows(IllegalArgumentException.class, () -> assertThat(AUDIT).passes("parity >= 0.8"));
    }

    @Test
    void everyOtherCriterionBothWays() {
        // ratio (1/6)/(1/2) = 1/3
        assertThat(AUDIT).demographicParityRatio().isGreaterThan(0.33).isLessThan(0.34);
        assertTrue(fails(() -> assertThat(AUDIT).demographicParityRatio().isAtLeast(0.8))
                .startsWith("demographic_parity_ratio (between_groups) = " + (1.0 / 6) / (3.0 / 6) + ", expected >= 0.8"));
        // TPR: 2/3 - 1/3 and (1/3)/(2/3)
        assertThat(AUDIT).equalOpportunityDifference().isAtMost(0.34);
        assertTrue(fails(() -> assertThat(AUDIT).equalOpportunityDifference().isLessThan(0.3))
                .startsWith("equal_opportunity_difference (between_groups) = " + (2.0 / 3 - 1.0 / 3) + ", expected < 0.3"));
        assertThat(AUDIT).equalOpportunityRatio().isAtLeast(0.5);
        assertTrue(fails(() -> assertThat(AUDIT).equalOpportunityRatio().isGreaterThan(0.5))
                .startsWith("equal_opportunity_ratio (between_groups) = " + (1.0 / 3) / (2.0 / 3) + ", expected > 0.5"));
        // accuracy: female 4/6, male 5/6, other 1/3
        assertThat(AUDIT).difference(Metric.ACCURACY).isAtMost(0.5);
        assertTrue(fails(() -> assertThat(AUDIT).difference(Metric.ACCURACY).isAtMost(0.4))
                .startsWith("accuracy_difference (between_groups) = " + (5.0 / 6 - 1.0 / 3)));
        assertThat(AUDIT).ratio(Metric.ACCURACY).isAtLeast(0.39);
        assertTrue(fails(() -> assertThat(AUDIT).ratio(Metric.ACCURACY).isAtLeast(0.8))
                .startsWith("accuracy_ratio (between_groups) = " + (1.0 / 3) / (5.0 / 6)));
        // equalized odds ratio without other: min((1/2)/(2/3), 0/(1/3)) = 0
        assertThat(AUDIT).excludingGroupsSmallerThan(5).equalizedOddsRatio(Aggregation.WORST_CASE).isAtMost(0.0);
        assertTrue(fails(() -> assertThat(AUDIT).excludingGroupsSmallerThan(5).equalizedOddsRatio(Aggregation.MEAN)
                .isAtLeast(0.8)).startsWith("equalized_odds_ratio:mean (between_groups) = " + (0.75 + 0.0) / 2));
        // to overall selection 5/15: furthest |1/6 - 1/3| = |1/2 - 1/3| = 1/6
        assertThat(AUDIT).using(DisparityMethod.TO_OVERALL).demographicParityDifference().isAtMost(0.17);
        assertTrue(fails(() -> assertThat(AUDIT).using(DisparityMethod.TO_OVERALL).demographicParityDifference()
                .isAtMost(0.1)).startsWith("demographic_parity_difference (to_overall) = 0.16666666666666"));
    }

    @Test
    void groupRatesBothWays() {
        assertThat(AUDIT).group("sex", "male").selectionRate().isAtMost(0.2);
        assertTrue(fails(() -> assertThat(AUDIT).group("sex", "male").selectionRate().isAtLeast(0.2))
                .startsWith("selection_rate of group sex=male = " + 1.0 / 6 + ", expected >= 0.2"));
        assertThat(AUDIT).group("sex", "male").falsePositiveRate().isAtMost(0.0);
        assertTrue(fails(() -> assertThat(AUDIT).group("sex", "female").falsePositiveRate().isAtMost(0.3))
                .startsWith("false_positive_rate of group sex=female = " + 1.0 / 3));
        assertThat(AUDIT).group("sex", "other").precision().isAtLeast(1.0);
        assertTrue(fails(() -> assertThat(AUDIT).group("sex", "female").precision().isAtLeast(0.9))
                .startsWith("precision of group sex=female = " + 2.0 / 3));
        assertThat(AUDIT).group("sex", "male").accuracy().isAtLeast(0.8);
        assertTrue(fails(() -> assertThat(AUDIT).group("sex", "other").accuracy().isAtLeast(0.5))
                .startsWith("accuracy of group sex=other = " + 1.0 / 3));
        assertThat(AUDIT).group(Map.of("sex", "other")).metric(Metric.BASE_RATE).isAtLeast(1.0);
        String undefined = fails(() -> assertThat(AUDIT).group("sex", "other").falsePositiveRate().isAtMost(1));
        assertTrue(undefined.startsWith("false_positive_rate of group sex=other is undefined (no actual negatives)"),
                undefined);
        assertThat(AUDIT).allowingUndefined().group("sex", "other").falsePositiveRate().isAtMost(1);
        assertTrue(fails(() -> assertThat(AUDIT).excludingGroupsSmallerThan(5).group("sex", "other"))
                .equals("group sex=other has 3 rows, fewer than the 5 this assertion counts"));
        assertTrue(fails(() -> assertThat(AUDIT).group("sex", "unknown")).startsWith("no group"));
    }

    @Test
    void oneColumnOfAnIntersectionalAuditIsItsMarginal() {
        FairnessAudit both = FairnessAudit.of(AuditData.builder()
                .labels("y", new int[] {1, 1, 0, 1})
                .predictions("p", new int[] {1, 0, 0, 1})
                .sensitive("sex", new String[] {"f", "f", "f", "m"})
                .sensitive("age", new String[] {"young", "old", "old", "old"})
                .build());
        // f: TP 1, FN 1 over the two age bands
        assertEquals(0.5, assertThat(both).group("sex", "f").truePositiveRate().value());
        assertEquals(0.0, assertThat(both).group(Map.of("sex", "f", "age", "old")).truePositiveRate().value());
    }
}
