package dev.fairway.fairness.scores;

import dev.fairway.fairness.testdata.TestData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every value of {@code golden/sklearn_compas_scores.json} (scikit-learn 1.2.1 on COMPAS
 * {@code decile_score / 10}): per group of race, of sex and overall, unweighted and weighted,
 * ROC AUC, average precision, Brier score, and (unweighted) the calibration curve and ECE, to 1e-12.
 */
class SklearnScoresGoldenTest {
    private static final double TOL = 1e-12;

    @Test
    void matchesScikitLearn() {
        JsonNode golden = TestData.json("golden/sklearn_compas_scores.json");
        Map<String, List<String>> csv = TestData.compas();
        double[] deciles = TestData.doubles(csv.get("decile_score"));
        double[] probability = new double[deciles.length];
        for (int i = 0; i < deciles.length; i++) {
            probability[i] = deciles[i] / 10.0;
        }
        boolean[] labels = TestData.booleans(csv.get("two_year_recid"));
        double[] weights = TestData.doubles(csv.get("sample_weight"));
        int checked = 0;
        for (JsonNode c : golden.get("cases")) {
            String grouping = c.get("grouping").asString();
            boolean weighted = c.get("weighted").asBoolean();
            List<String> groups = grouping.equals("overall") ? new ArrayList<>(Collections.nCopies(labels.length, "all"))
                    : csv.get(grouping);
            ScoreAudit audit = ScoreAudit.of(probability, labels, weighted ? weights : null, groups);
            ScoreAudit ranks = ScoreAudit.of(deciles, labels, weighted ? weights : null, groups);
            for (JsonNode g : c.get("groups")) {
                String name = grouping.equals("overall") ? "all" : g.get("group").get(grouping).asString();
                int idx = audit.groups().indexOf(name);
                ScoreMetrics m = audit.group(idx);
                String at = grouping + "=" + name + (weighted ? " weighted" : "");
                assertEquals(g.get("n").asLong(), m.count(), at);
                assertEquals(g.get("n_positive").asLong(), m.positives(), at);
                assertEquals(g.get("sum_weight").asDouble(), m.weight(), 0.0, at);
                assertEquals(g.get("roc_auc_score").asDouble(), m.rocAuc(), TOL, at);
                assertEquals(g.get("roc_auc_score").asDouble(), ranks.group(idx).rocAuc(), TOL, at);
                assertEquals(g.get("average_precision_score").asDouble(), m.averagePrecision(), TOL, at);
                assertEquals(g.get("brier_score_loss").asDouble(), m.brierScore(), TOL, at);
                if (!weighted) {
                    JsonNode cc = g.get("calibration_curve");
                    CalibrationCurve curve = audit.calibration(idx, 10);
                    assertArrayEquals(doubles(cc.get("prob_true")), curve.fractionPositive(), TOL, at);
                    assertArrayEquals(doubles(cc.get("prob_pred")), curve.meanPredicted(), TOL, at);
                    int k = 0;
                    for (JsonNode bin : cc.get("bins")) {
                        assertEquals(bin.get("bin").asInt(), curve.bin()[k]);
                        assertEquals(bin.get("count").asDouble(), curve.count()[k], 0.0);
                        k++;
                    }
                    assertEquals(g.get("expected_calibration_error").asDouble(), curve.expectedCalibrationError(), TOL,
                            at);
                }
                checked++;
            }
        }
        assertEquals(18, checked);
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
