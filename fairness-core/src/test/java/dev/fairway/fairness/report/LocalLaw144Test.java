package dev.fairway.fairness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.live.LiveSnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * LL144 tables against hand counts on a ten-applicant table.
 *
 * <pre>
 * row sex      race sel score
 *  0  F        A    1   9
 *  1  F        A    0   2
 *  2  F        B    1   8
 *  3  M        A    1   7
 *  4  M        A    1   6
 *  5  M        B    0   1
 *  6  M        B    0   3
 *  7  M        ?    1  10
 *  8  ?        B    1   5
 *  9  Declined A    0   4
 * </pre>
 * Sex: F 2 of 3, M 3 of 5, unknown 2 (row 8 empty, row 9 Declined). Race: A 3 of 5, B 2 of 4,
 * unknown 1. Intersection: F,A 1 of 2; F,B 1 of 1; M,A 2 of 2; M,B 0 of 2; unknown 3.
 * Scores: median of 1..10 is 5.5; rows above it are 0, 2, 3, 4, 7, the same as selected except
 * row 8 (score 5), so race B is 1 of 4 as a scoring tool.
 */
class LocalLaw144Test {
    private static final Object[] SEX = {"F", "F", "F", "M", "M", "M", "M", "M", null, "Declined"};
    private static final Object[] RACE = {"A", "A", "B", "A", "A", "B", "B", null, "B", "A"};
    private static final boolean[] SELECTED = {true, false, true, true, true, false, false, true, true, false};
    private static final double[] SCORES = {9, 2, 8, 7, 6, 1, 3, 10, 5, 4};

    private static LocalLaw144 law(double minShare) {
        return LocalLaw144.builder("sex", "race").unknown("Declined").minShare(minShare).build();
    }

    private static LocalLaw144Report.Row row(LocalLaw144Report.Table t, String... values) {
        Map<String, String> c = values.length == 1 ? Map.of(t.columns().get(0), values[0])
                : Map.of("sex", values[0], "race", values[1]);
        return t.row(c).orElseThrow();
    }

    @Test
    void selectionTablesMatchHandCounts() {
        LocalLaw144Report r = law(0).selection(SELECTED, SEX, RACE);
        assertEquals(LocalLaw144Report.Kind.SELECTION, r.kind());
        assertEquals(10, r.applicants());
        assertEquals(2, r.sex().unknown());
        assertEquals(1, r.raceEthnicity().unknown());
        assertEquals(3, r.intersectional().unknown());
        assertEquals(2.0 / 3, row(r.sex(), "F").rate(), 1e-15);
        assertEquals(1.0, row(r.sex(), "F").impactRatio().getAsDouble(), 1e-15);
        assertEquals(5, row(r.sex(), "M").applicants());
        assertEquals(0.9, row(r.sex(), "M").impactRatio().getAsDouble(), 1e-15);
        assertEquals(0.6, row(r.raceEthnicity(), "A").rate(), 1e-15);
        assertEquals(0.5 / 0.6, row(r.raceEthnicity(), "B").impactRatio().getAsDouble(), 1e-15);
        assertEquals(4, r.intersectional().rows().size());
        assertEquals(0.5, row(r.intersectional(), "F", "A").impactRatio().getAsDouble(), 1e-15);
        assertEquals(1.0, row(r.intersectional(), "F", "B").impactRatio().getAsDouble(), 1e-15);
        assertEquals(0.0, row(r.intersectional(), "M", "B").impactRatio().getAsDouble(), 1e-15);
        assertEquals(2, r.sex().rows().size(), "Declined is unknown, not a category");
    }

    @Test
    void minShareExcludesSmallCategoriesFromTheHighestRate() {
        // 0.2 of the 7 intersectional applicants is 1.4: F,B (1 applicant) is excluded; M,A still sets 1.0
        LocalLaw144Report r = law(0.2).selection(SELECTED, SEX, RACE);
        LocalLaw144Report.Row fb = row(r.intersectional(), "F", "B");
        assertTrue(fb.excluded());
        assertTrue(fb.impactRatio().isEmpty());
        assertEquals(1.0, fb.rate());
        assertEquals(0.5, row(r.intersectional(), "F", "A").impactRatio().getAsDouble(), 1e-15);
        assertFalse(row(r.sex(), "M").excluded());
        // 0.3 of 7 is 2.1: every intersectional category is excluded, so none has a ratio
        LocalLaw144Report all = law(0.3).selection(SELECTED, SEX, RACE);
        assertTrue(all.intersectional().rows().stream().allMatch(x -> x.excluded() && x.impactRatio().isEmpty()));
        // the sex table: 0.3 of 8 is 2.4, neither F (3) nor M (5) is excluded
        assertEquals(0.9, row(all.sex(), "M").impactRatio().getAsDouble(), 1e-15);
    }

    @Test
    void scoringUsesTheStrictlyAboveMedianRate() {
        LocalLaw144Report r = law(0).scoring(SCORES, SEX, RACE);
        assertEquals(5.5, r.median().getAsDouble());
        assertEquals(0.6, row(r.raceEthnicity(), "A").rate(), 1e-15);
        assertEquals(0.25, row(r.raceEthnicity(), "B").rate(), 1e-15);
        assertEquals(0.25 / 0.6, row(r.raceEthnicity(), "B").impactRatio().getAsDouble(), 1e-15);
        assertEquals(0.9, row(r.sex(), "M").impactRatio().getAsDouble(), 1e-15);
    }

    @Test
    void medianOfOddAndEvenCountsAndTiesAtTheMedian() {
        assertEquals(2.0, LocalLaw144.median(new double[] {3, 1, 2}));
        assertEquals(2.5, LocalLaw144.median(new double[] {4, 1, 3, 2}));
        // scores 1,2,2,3: median 2; only the 3 is strictly above
        LocalLaw144Report r = LocalLaw144.builder("s", "r").build().scoring(new double[] {1, 2, 2, 3},
                new Object[] {"a", "a", "b", "b"}, new Object[] {"x", "x", "x", "x"});
        assertEquals(0.0, row(r.sex(), "a").rate());
        assertEquals(0.5, row(r.sex(), "b").rate());
        assertEquals(0.0, row(r.sex(), "a").impactRatio().getAsDouble());
    }

    @Test
    void liveWindowGivesTheSameTablesAsTheRows() {
        Object[] sex = SEX.clone();
        Object[] race = RACE.clone();
        sex[8] = "Declined";
        race[7] = "Declined";
        ConfusionCounts counts = ConfusionCounts.of(AuditData.builder().labels("y", new boolean[10])
                .predictions("p", SELECTED).sensitive("sex", sex).sensitive("race", race).build());
        LiveSnapshot s = new LiveSnapshot(0, 10, counts, ConfusionCounts.of(counts.groups(),
                new long[4 * counts.groups().size()], null), 10, 0, 0,
                0, 0, 0);
        assertEquals(law(0.2).selection(SELECTED, SEX, RACE), law(0.2).live(s));
    }

    @Test
    void jsonCarriesTheIssuesFieldNames() throws Exception {
        JsonNode j = JsonMapper.builder().build().readTree(law(0.2).scoring(SCORES, SEX, RACE).toJson());
        assertEquals("fairway-ll144/v1", j.get("schema").asString());
        assertEquals("scoring", j.get("kind").asString());
        assertEquals(5.5, j.get("median").asDouble());
        assertEquals(3, j.get("unknown").get("intersectional").asInt());
        JsonNode fb = null;
        for (JsonNode n : j.get("tables").get("intersectional")) {
            if (n.get("category").get("sex").asString().equals("F")
                    && n.get("category").get("race_ethnicity").asString().equals("B")) {
                fb = n;
            }
        }
        assertTrue(fb.get("impact_ratio").isNull());
        assertTrue(fb.get("excluded").asBoolean());
        assertEquals("F", j.get("tables").get("sex").get(0).get("category").asString());
        String csv = law(0).selection(SELECTED, SEX, RACE).toCsv();
        assertTrue(csv.contains("\nsex,M,,5,3,0.6,") && csv.contains(",included\nsex,,,2,,,,unknown\n"), csv);
        assertTrue(csv.contains("\nintersectional,,,3,,,,unknown\n"), csv);
        String html = law(0).selection(SELECTED, SEX, RACE).toHtml("2026-01-02", "<file>");
        assertTrue(html.contains("&lt;file&gt;") && html.contains("2026-01-02"));
    }

    @Test
    void refusesATableWithOtherColumns() {
        ConfusionCounts counts = ConfusionCounts.of(AuditData.builder().labels("y", SELECTED).predictions("p", SELECTED)
                .sensitive("gender", SEX.clone()).nullGroup("none").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> law(0).selection(counts));
        assertTrue(e.getMessage().contains("'sex'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalLaw144.builder("a", "b").minShare(1));
    }
}
