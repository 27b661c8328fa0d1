package dev.fairway.fairness.mitigation;

import dev.fairway.fairness.testdata.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * All 16 cases of {@code golden/fairlearn_compas_threshold_optimizer.json} (Fairlearn 0.12.0,
 * COMPAS {@code decile_score}, race and sex, 4 constraints x 2 objectives): chosen grid point,
 * reported objective, per group p0/p1/p_ignore and thresholds, and the expected rates to 1e-9; the
 * same after a JSON round trip; and applying the policy with a seed reproduces the expected
 * selection rate within sampling error.
 */
class FairlearnThresholdOptimizerGoldenTest {
    private static final double TOL = 1e-9;

    @Test
    void matchesFairlearn() {
        JsonNode golden = TestData.json("golden/fairlearn_compas_threshold_optimizer.json");
        Map<String, List<String>> csv = TestData.compas();
        double[] scores = TestData.doubles(csv.get("decile_score"));
        boolean[] labels = TestData.booleans(csv.get("two_year_recid"));
        int cases = 0;
        for (JsonNode c : golden.get("cases")) {
            String column = c.get("sensitive_feature").asString();
            FairnessConstraint constraint = FairnessConstraint.byJsonName(c.get("constraints").asString());
            ThresholdObjective objective = ThresholdObjective.byJsonName(c.get("objective").asString());
            ThresholdPolicy fitted = ThresholdOptimizer.builder(constraint, objective).gridSize(c.get("grid_size").asInt())
                    .build().fit(scores, labels, csv.get(column));
            String at = column + " " + constraint + " " + objective;
            for (ThresholdPolicy policy : List.of(fitted, ThresholdPolicy.fromJson(fitted.toJson()))) {
                assertEquals(c.get("x_best").asDouble(), policy.xBest(), 0.0, at);
                if (c.has("y_best")) {
                    assertEquals(c.get("y_best").asDouble(), policy.yBest(), TOL, at);
                }
                assertEquals(c.get("objective_value_reported").asDouble(), policy.objectiveValue(), TOL, at);
                assertEquals(c.get("groups").size(), policy.groups().size(), at);
                for (JsonNode g : c.get("groups")) {
                    String name = g.get("group").get(column).asString();
                    GroupThresholds t = policy.groups().get(name);
                    String where = at + " " + name;
                    assertEquals(g.get("p0").asDouble(), t.p0(), TOL, where);
                    assertEquals(g.get("p1").asDouble(), t.p1(), TOL, where);
                    assertEquals(TestData.number(g.get("operation0").get("threshold")), t.threshold0(), 0.0, where);
                    assertEquals(TestData.number(g.get("operation1").get("threshold")), t.threshold1(), 0.0, where);
                    if (g.has("p_ignore")) {
                        assertEquals(g.get("p_ignore").asDouble(), t.pIgnore(), TOL, where);
                        assertEquals(g.get("prediction_constant").asDouble(), t.predictionConstant(), 0.0, where);
                    } else {
                        assertEquals(0.0, t.pIgnore(), 0.0, where);
                    }
                    JsonNode e = g.get("expected_rates_closed_form");
                    assertEquals(e.get("selection_rate").asDouble(), t.selectionRate(), TOL, where);
                    assertEquals(e.get("true_positive_rate").asDouble(), t.truePositiveRate(), TOL, where);
                    assertEquals(e.get("false_positive_rate").asDouble(), t.falsePositiveRate(), TOL, where);
                }
            }
            cases++;
        }
        assertEquals(16, cases);
    }

    @Test
    void seededApplicationReproducesTheExpectedRates() {
        Map<String, List<String>> csv = TestData.compas();
        double[] scores = TestData.doubles(csv.get("decile_score"));
        boolean[] labels = TestData.booleans(csv.get("two_year_recid"));
        List<String> race = csv.get("race");
        ThresholdPolicy policy = ThresholdOptimizer.builder(FairnessConstraint.EQUALIZED_ODDS,
                ThresholdObjective.ACCURACY_SCORE).build().fit(scores, labels, race);
        // 40 repetitions of the 3,696 African-American rows: selection rate within 4 standard errors
        int reps = 40;
        double selected = 0;
        double rows = 0;
        for (int r = 0; r < reps; r++) {
            boolean[] d = policy.apply(scores, race, 1000 + r);
            for (int i = 0; i < d.length; i++) {
                if (race.get(i).equals("African-American")) {
                    rows++;
                    selected += d[i] ? 1 : 0;
                }
            }
        }
        double expected = policy.groups().get("African-American").selectionRate();
        double se = Math.sqrt(expected * (1 - expected) / rows);
        assertEquals(expected, selected / rows, 4 * se);
        boolean[] a = policy.apply(scores, race, 7);
        boolean[] b = policy.apply(scores, race, 7);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
        assertThrows(IllegalArgumentException.class, () -> policy.apply(new double[] {1}, List.of("Martian"), 1));
    }

    @Test
    void degenerateGroupIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ThresholdOptimizer.builder(
                FairnessConstraint.DEMOGRAPHIC_PARITY, ThresholdObjective.ACCURACY_SCORE).build()
                .fit(new double[] {1, 2, 3}, new boolean[] {true, false, true}, List.of("a", "a", "b")));
    }
}
