package dev.fairway.fairness.mitigation;

import dev.fairway.fairness.testdata.TestData;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Reweighing and reject-option classification against AIF360 0.6.1
 * ({@code golden/aif360_compas_reweighing.json}, {@code golden/aif360_compas_reject_option.json}),
 * and the reweighing property that label and group are independent in the weighted counts.
 */
class Aif360MitigationGoldenTest {
    private static final Map<String, List<String>> CSV = TestData.compas();

    private static boolean[] privileged(JsonNode c) {
        String column = c.get("protected_attribute").asString();
        String value = c.get("privileged_group").get(column).get(0).asString();
        List<String> values = CSV.get(column);
        boolean[] p = new boolean[values.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = values.get(i).equals(value);
        }
        return p;
    }

    private static boolean[] favorable(JsonNode c) {
        boolean[] y = TestData.booleans(CSV.get("two_year_recid"));
        if (c.get("favorable_label").asInt() == 0) {
            for (int i = 0; i < y.length; i++) {
                y[i] = !y[i];
            }
        }
        return y;
    }

    @Test
    void reweighingMatchesAif360() {
        JsonNode golden = TestData.json("golden/aif360_compas_reweighing.json");
        int cases = 0;
        for (JsonNode c : golden.get("cases")) {
            boolean[] fav = favorable(c);
            boolean[] priv = privileged(c);
            double[] w = c.get("weighted").asBoolean() ? TestData.doubles(CSV.get("sample_weight")) : null;
            Reweighing r = Reweighing.fit(fav, priv, w);
            JsonNode e = c.get("weights");
            String at = c.get("protected_attribute").asString() + " fav=" + c.get("favorable_label") + " weighted="
                    + c.get("weighted");
            assertEquals(e.get("privileged_favorable").asDouble(), r.weight(true, true), 1e-12, at);
            assertEquals(e.get("privileged_unfavorable").asDouble(), r.weight(true, false), 1e-12, at);
            assertEquals(e.get("unprivileged_favorable").asDouble(), r.weight(false, true), 1e-12, at);
            assertEquals(e.get("unprivileged_unfavorable").asDouble(), r.weight(false, false), 1e-12, at);
            assertEquals(c.get("weighted_counts").get("n_p_fav").asDouble(), r.cellWeight(true, true), 0.0, at);
            double[] nw = r.transform(fav, priv, w);
            double[] before = rates(fav, priv, w);
            double[] after = rates(fav, priv, nw);
            assertEquals(c.get("before").get("statistical_parity_difference").asDouble(), before[0] - before[1], 1e-12, at);
            assertEquals(c.get("after").get("statistical_parity_difference").asDouble(), after[0] - after[1], 1e-12, at);
            assertEquals(c.get("after").get("base_rate_privileged").asDouble(), after[1], 1e-12, at);
            assertEquals(c.get("after").get("disparate_impact").asDouble(), after[0] / after[1], 1e-12, at);
            assertEquals(c.get("after").get("sum_instance_weights").asDouble(), LongStream.range(0, nw.length)
                    .mapToDouble(i -> nw[(int) i]).sum(), 1e-9, at);
            cases++;
        }
        assertEquals(8, cases);
    }

    /** {favourable rate of unprivileged rows, of privileged rows}, weighted. */
    private static double[] rates(boolean[] fav, boolean[] priv, double[] w) {
        double[] num = new double[2];
        double[] den = new double[2];
        for (int i = 0; i < fav.length; i++) {
            double wi = w == null ? 1 : w[i];
            int k = priv[i] ? 1 : 0;
            den[k] += wi;
            num[k] += fav[i] ? wi : 0;
        }
        return new double[] {num[0] / den[0], num[1] / den[1]};
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void reweighingMakesLabelAndGroupIndependent(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 50 + r.nextInt(500);
        boolean[] fav = new boolean[n];
        boolean[] priv = new boolean[n];
        double[] w = new double[n];
        double pPriv = 0.1 + 0.8 * r.nextDouble();
        for (int i = 0; i < n; i++) {
            priv[i] = i < 2 || (i >= 4 && r.nextDouble() < pPriv);
            fav[i] = i % 2 == 0 || r.nextDouble() < (priv[i] ? 0.7 : 0.3);
            w[i] = seed % 2 == 0 ? 1 : 0.5 + 3 * r.nextDouble();
        }
        fav[1] = false;
        fav[3] = false;
        double[] nw = Reweighing.fit(fav, priv, w).transform(fav, priv, w);
        // in the reweighed counts P(fav, priv) = P(fav) P(priv), and the total weight is kept
        double total = 0;
        double favW = 0;
        double privW = 0;
        double both = 0;
        double old = 0;
        for (int i = 0; i < n; i++) {
            total += nw[i];
            old += w[i];
            favW += fav[i] ? nw[i] : 0;
            privW += priv[i] ? nw[i] : 0;
            both += fav[i] && priv[i] ? nw[i] : 0;
        }
        assertEquals(old, total, 1e-9 * old);
        assertEquals(favW / total * (privW / total), both / total, 1e-12);
        double[] rates = rates(fav, priv, nw);
        assertEquals(rates[0], rates[1], 1e-12);
    }

    @Test
    void rejectOptionMatchesAif360() {
        JsonNode golden = TestData.json("golden/aif360_compas_reject_option.json");
        assertEquals(0, golden.get("skipped").size());
        double[] deciles = TestData.doubles(CSV.get("decile_score"));
        int cases = 0;
        for (JsonNode c : golden.get("cases")) {
            boolean[] fav = favorable(c);
            boolean[] priv = privileged(c);
            double[] w = c.get("weighted").asBoolean() ? TestData.doubles(CSV.get("sample_weight")) : null;
            double[] scores = new double[deciles.length];
            for (int i = 0; i < scores.length; i++) {
                double p1 = deciles[i] / 10.0;
                scores[i] = c.get("favorable_label").asInt() == 1 ? p1 : 1.0 - p1;
            }
            RejectOptionPolicy p = RejectOptionClassification.builder()
                    .thresholds(c.get("low_class_thresh").asDouble(), c.get("high_class_thresh").asDouble(),
                            c.get("num_class_thresh").asInt())
                    .margins(c.get("num_ROC_margin").asInt())
                    .metricBounds(c.get("metric_lb").asDouble(), c.get("metric_ub").asDouble()).build()
                    .fit(scores, fav, priv, w);
            String at = c.get("protected_attribute").asString() + " fav=" + c.get("favorable_label") + " weighted="
                    + c.get("weighted");
            assertEquals(c.get("threshold_index").asInt(), p.thresholdIndex(), at);
            assertEquals(c.get("margin_index").asInt(), p.marginIndex(), at);
            assertEquals(c.get("classification_threshold").asDouble(), p.classificationThreshold(), 0.0, at);
            assertEquals(c.get("ROC_margin").asDouble(), p.margin(), 0.0, at);
            assertEquals(c.get("constraint_satisfied").asBoolean(), p.constraintSatisfied(), at);
            JsonNode s = c.get("at_solution");
            assertEquals(s.get("statistical_parity_difference").asDouble(), p.statisticalParityDifference(), 1e-9, at);
            assertEquals(s.get("balanced_accuracy").asDouble(), p.balancedAccuracy(), 1e-9, at);
            assertEquals(s.get("accuracy").asDouble(), p.accuracy(), 1e-9, at);
            assertEquals(s.get("selection_rate_privileged").asDouble(), p.selectionRatePrivileged(), 1e-9, at);
            assertEquals(s.get("selection_rate_unprivileged").asDouble(), p.selectionRateUnprivileged(), 1e-9, at);
            assertEquals(s.get("n_favorable_predictions").asLong(), p.favorablePredictions(), at);
            boolean[] decisions = p.predict(scores, priv);
            long favourable = 0;
            for (boolean d : decisions) {
                favourable += d ? 1 : 0;
            }
            assertEquals(p.favorablePredictions(), favourable, at);
            cases++;
        }
        assertEquals(8, cases);
    }
}
