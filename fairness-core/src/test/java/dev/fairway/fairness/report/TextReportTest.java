package dev.fairway.fairness.report;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.ZeroDivision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The text report on hand-counted data. A (6 rows): y 1 1 1 0 0 0, p 1 1 0 1 0 0 (selection 1/2, TPR
 * 2/3, FPR 1/3). B (3 rows): y 1 1 1, p 1 0 0 (selection 1/3, TPR 1/3, FPR undefined: no actual
 * negatives). C (6 rows): y 1 1 0 0 0 0, p 1 0 0 0 0 0 (selection 1/6, TPR 1/2, FPR 0).
 */
class TextReportTest {

    private static FairnessAudit audit(String a, String b, String c) {
        List<String> g = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            g.add(a);
        }
        for (int i = 0; i < 3; i++) {
            g.add(b);
        }
        for (int i = 0; i < 6; i++) {
            g.add(c);
        }
        return FairnessAudit.of(AuditData.builder()
                .labels("y", new int[] {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0})
                .predictions("p", new int[] {1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0})
                .sensitive("g", g)
                .build());
    }

    /** The text with wrapped lines joined again. */
    private static String flat(String text) {
        return text.replaceAll("\\R   ", " ");
    }

    private static String row(String text, String start) {
        for (String line : text.split("\\R")) {
            if (line.startsWith(start)) {
                return line;
            }
        }
        throw new AssertionError("no line starting with '" + start + "' in\n" + text);
    }

    @Test
    void groupTableShowsHandCountedRatesWithOneFormatAndFootnotes() {
        String text = AuditReport.of(audit("A", "B", "C")).withMinGroupSize(5).toText();
        // columns: count, selection, TPR, FPR, precision, accuracy
        assertTrue(row(text, "   A ").matches(" {3}A +6 +0\\.5000 +0\\.6667 +0\\.3333 +0\\.6667 +0\\.6667"), text);
        assertTrue(row(text, " ! B ").matches(" ! B +3 +0\\.3333 +0\\.3333 +—\\[1] +1\\.0000 +0\\.3333"), text);
        assertTrue(text.contains("[1] g=B: false_positive_rate is undefined: no actual negatives"), text);
        assertTrue(text.contains("1 of 3 groups have fewer than 5 rows"), text);
        assertTrue(flat(text).contains("They stay in the disparities."), text);
        // criteria made undefined by B's FPR point at the same footnote
        assertTrue(row(text, "equalized_odds_difference:worst_case").matches("\\S+ +—\\[1] +—\\[1]"), text);
        // equal opportunity between groups: 2/3 - 1/3
        assertTrue(row(text, "equal_opportunity_difference").matches("\\S+ +0\\.3333 +.*"), text);
    }

    @Test
    void smallGroupsLeftOutOfDisparitiesWhenAsked() {
        String text = AuditReport.of(audit("A", "B", "C")).withMinGroupSize(5).excludingSmallGroups().toText();
        assertTrue(flat(text).contains("they are left out of the disparities, which compare the other 2 groups (12 rows)"),
                text);
        // A and C only: TPR 2/3 - 1/2; FPR 1/3 - 0; worst case 1/3; every value defined
        assertTrue(row(text, "equal_opportunity_difference").matches("\\S+ +0\\.1667 +.*"), text);
        assertTrue(row(text, "equalized_odds_difference:worst_case").matches("\\S+ +0\\.3333 +.*"), text);
        assertTrue(row(text, "equalized_odds_difference:mean").matches("\\S+ +0\\.2500 +.*"), text);
        // the group table still shows B and its footnote
        assertTrue(text.contains("[1] g=B: false_positive_rate"), text);
    }

    @Test
    void jsonListsSmallGroupsAndComputesDisparitiesWithoutThemWhenAsked() {
        tools.jackson.databind.JsonNode json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                AuditReport.of(audit("A", "B", "C")).withMinGroupSize(5).excludingSmallGroups().toJson());
        assertEquals(5, json.get("min_group_size").asLong());
        assertEquals("B", json.get("small_groups").get(0).get("g").asString());
        assertEquals(1, json.get("small_groups").size());
        assertTrue(json.get("small_groups_excluded").asBoolean());
        // every group is still listed; equal opportunity over A and C: 2/3 - 1/2
        assertEquals(3, json.get("groups").size());
        assertEquals(2.0 / 3 - 1.0 / 2,
                json.get("disparities").get("equal_opportunity_difference").get("between_groups").doubleValue(), 1e-15);
        tools.jackson.databind.JsonNode kept = tools.jackson.databind.json.JsonMapper.builder().build().readTree(
                AuditReport.of(audit("A", "B", "C")).withMinGroupSize(5).toJson());
        assertFalse(kept.get("small_groups_excluded").asBoolean());
        // with B: 2/3 - 1/3
        assertEquals(2.0 / 3 - 1.0 / 3,
                kept.get("disparities").get("equal_opportunity_difference").get("between_groups").doubleValue(), 1e-15);
    }

    @Test
    void referenceGroupIsMarkedAndComparedWithTheOtherRows() {
        String text = AuditReport.of(audit("A", "B", "C")).withReference(Map.of("g", "C")).toText();
        assertTrue(row(text, "*! C ").startsWith("*! C"), text);
        // outside C: 9 rows, 4 selected (4/9); C: 1/6. 4/9 - 1/6 = 0.2778
        assertTrue(row(text, "demographic_parity_difference").endsWith("0.2778"), text);
    }

    @Test
    void sixMetricsAndLongGroupNamesFitOneHundredColumns() {
        String longName = "a group value that is much longer than any table column could hold";
        String text = AuditReport.of(audit(longName, "B", "C"))
                .withMetrics(List.of(Metric.SELECTION_RATE, Metric.BASE_RATE, Metric.TRUE_POSITIVE_RATE,
                        Metric.FALSE_POSITIVE_RATE, Metric.F1_SCORE, Metric.BALANCED_ACCURACY))
                .toText();
        for (String line : text.split("\\R")) {
            assertTrue(line.length() <= 100, line.length() + ": " + line);
        }
        assertTrue(text.contains(" ! a group value that is …"), text);
        // one number format per value column: every number has four decimals
        Matcher m = Pattern.compile("\\d+\\.\\d+").matcher(text.substring(text.indexOf("count"), text.indexOf("Undefined")));
        while (m.find()) {
            assertEquals(4, m.group().length() - m.group().indexOf('.') - 1, m.group());
        }
    }

    @Test
    void weightedSixMetricsWithAReferenceFitOneHundredColumns() {
        List<String> g = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            g.add(i < 6 ? "a rather long group value for a weighted table" : i < 9 ? "B" : "C");
        }
        double[] w = new double[15];
        java.util.Arrays.fill(w, 1234.5);
        FairnessAudit weighted = FairnessAudit.of(AuditData.builder()
                .labels("y", new int[] {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0})
                .predictions("p", new int[] {1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0})
                .weights("w", w)
                .sensitive("g", g)
                .build());
        String text = AuditReport.of(weighted).withReference(Map.of("g", "C"))
                .withMetrics(List.of(Metric.SELECTION_RATE, Metric.BASE_RATE, Metric.TRUE_POSITIVE_RATE,
                        Metric.FALSE_POSITIVE_RATE, Metric.F1_SCORE, Metric.BALANCED_ACCURACY))
                .toText();
        // six rows of weight 1234.5
        assertTrue(text.contains("7407.00"), text);
        for (String line : text.split("\\R")) {
            assertTrue(line.length() <= 100, line.length() + ": " + line);
        }
    }

    @Test
    void aReferenceLeftOutWithTheSmallGroupsIsSaid() {
        String text = AuditReport.of(audit("A", "B", "C")).withReference(Map.of("g", "B")).withMinGroupSize(5)
                .excludingSmallGroups().toText();
        assertFalse(text.contains("to_reference   "), text);
        assertTrue(flat(text).contains("no to_reference comparison: with the small groups left out, no group matches "
                + "the reference {g=B}"), text);
    }

    @Test
    void fairlearnModeExplainsTheZeros() {
        FairnessAudit a = audit("A", "B", "C");
        String text = AuditReport.of(FairnessAudit.of(a.counts(), ZeroDivision.FAIRLEARN)).toText();
        assertTrue(row(text, " ! B ").contains("0.0000[1]"), text);
        assertTrue(text.contains("Zero division (0 by Fairlearn's convention):"), text);
        assertTrue(text.contains("[1] g=B: false_positive_rate has no actual negatives; 0 by Fairlearn's convention"), text);
    }

    @Test
    void badMetricChoicesAreRejected() {
        AuditReport r = AuditReport.of(audit("A", "B", "C"));
        assertThrows(IllegalArgumentException.class, () -> r.withMetrics(List.of()));
        assertThrows(IllegalArgumentException.class, () -> r.withMetrics(List.of(Metric.COUNT)));
        assertThrows(IllegalArgumentException.class,
                () -> r.withMetrics(List.of(Metric.ACCURACY, Metric.ACCURACY)));
        assertThrows(IllegalArgumentException.class, () -> r.withMinGroupSize(-1));
        assertFalse(r.toText().isEmpty());
    }
}
