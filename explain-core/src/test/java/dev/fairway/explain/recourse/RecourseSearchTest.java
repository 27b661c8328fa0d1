package dev.fairway.explain.recourse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.explain.Background;
import dev.fairway.explain.LinearModel;
import dev.fairway.explain.LogisticModel;
import dev.fairway.explain.Model;
import dev.fairway.explain.TestModels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Recourse on small cases solved by hand. */
class RecourseSearchTest {
    // Column 0: 0..4 (median 2, MAD 1); column 1: 0,2,..,8 (median 4, MAD 2); column 2: categorical.
    static final Background BG = Background.of(new double[] {0, 0, 0, 1, 2, 1, 2, 4, 2, 3, 6, 0, 4, 8, 1}, 5, 3);
    static final List<String> NAMES = List.of("f0", "f1", "cat");

    static RecourseSearch.Builder search(Model model, FeatureAction... actions) {
        return RecourseSearch.builder(model, BG).featureNames(NAMES).actions(List.of(actions));
    }

    static FeatureAction free(String f) {
        return FeatureAction.numeric(f, ActionDirection.ANY, -100, 100, 0);
    }

    static void assertChanges(Map<String, Double> expected, Counterfactual c) {
        Map<String, Double> actual = changes(c);
        assertEquals(expected.keySet(), actual.keySet(), c.toString());
        expected.forEach((f, v) -> assertEquals(v, actual.get(f), 1e-9, f));
    }

    static Map<String, Double> changes(Counterfactual c) {
        java.util.LinkedHashMap<String, Double> m = new java.util.LinkedHashMap<>();
        c.changes().forEach(ch -> m.put(ch.feature(), ch.to()));
        return m;
    }

    @Test
    void exactLinearPicksBestGainPerCost() {
        // Gain per unit cost |w|·MAD: f0 1·1 = 1, f1 2·2 = 4 ⇒ move f1 by 3/2 at cost 1.5/2 = 0.75.
        LinearModel model = LinearModel.of(0, new double[] {1, 2, 0});
        RecourseResult r = search(model, free("f0"), free("f1")).threshold(3).build().find(new double[3]);
        assertEquals(RecourseResult.Status.FOUND, r.status());
        assertTrue(r.exact());
        assertChanges(Map.of("f1", 1.5), r.counterfactuals().get(0));
        assertEquals(0.75, r.counterfactuals().get(0).cost(), 1e-6);
        assertEquals(3.0, r.counterfactuals().get(0).prediction(), 1e-6);
        // The single-feature alternative: f0 alone by 3, cost 3.
        assertEquals(2, r.counterfactuals().size());
        assertChanges(Map.of("f0", 3.0), r.counterfactuals().get(1));
        assertEquals(3.0, r.counterfactuals().get(1).cost(), 1e-6);
    }

    @Test
    void boundsSpillOverToTheNextFeature() {
        // f1 capped at 1 (gain 2, cost 0.5); the remaining 1 from f0 (cost 1): total 1.5.
        LinearModel model = LinearModel.of(0, new double[] {1, 2, 0});
        RecourseResult r = search(model, free("f0"), FeatureAction.numeric("f1", ActionDirection.ANY, -100, 1, 0))
                .threshold(3).build().find(new double[3]);
        Counterfactual best = r.counterfactuals().get(0);
        assertEquals(1.0, changes(best).get("f0"), 1e-6);
        assertEquals(1.0, changes(best).get("f1"), 1e-12);
        assertEquals(1.5, best.cost(), 1e-6);
    }

    @Test
    void stepsRoundUp() {
        LinearModel model = LinearModel.of(0, new double[] {1, 2, 0});
        RecourseResult r = search(model, FeatureAction.numeric("f1", ActionDirection.ANY, -100, 100, 1))
                .threshold(3).build().find(new double[3]);
        assertChanges(Map.of("f1", 2.0), r.counterfactuals().get(0));
        assertEquals(4.0, r.counterfactuals().get(0).prediction(), 1e-12);
        assertEquals(1.0, r.counterfactuals().get(0).cost(), 1e-12);
    }

    @Test
    void withheldIsImmutableAndNeverMentioned() {
        LinearModel model = LinearModel.of(0, new double[] {1, 2, 0});
        RecourseResult r = search(model, free("f0"), free("f1")).withheld(Set.of("f1")).threshold(3).build()
                .find(new double[3]);
        assertEquals(1, r.counterfactuals().size());
        assertChanges(Map.of("f0", 3.0), r.counterfactuals().get(0));
        RecourseResult agn = search(model, free("f0"), free("f1")).withheld(Set.of("f1")).threshold(3).build()
                .findModelAgnostic(new double[3]);
        for (Counterfactual c : agn.counterfactuals()) {
            assertEquals(Set.of("f0"), changes(c).keySet());
        }
    }

    @Test
    void noFeasibleRecourseIsAnAnswer() {
        LinearModel model = LinearModel.of(0, new double[] {1, 2, 0});
        RecourseResult r = search(model, FeatureAction.numeric("f0", ActionDirection.DECREASE, -100, 100, 0))
                .threshold(3).build().find(new double[3]);
        assertEquals(RecourseResult.Status.NO_FEASIBLE_RECOURSE, r.status());
        assertTrue(r.counterfactuals().isEmpty());
        RecourseResult agn = search(model, FeatureAction.numeric("f0", ActionDirection.DECREASE, -100, 100, 0))
                .threshold(3).build().findModelAgnostic(new double[3]);
        assertEquals(RecourseResult.Status.NO_FEASIBLE_RECOURSE, agn.status());
    }

    @Test
    void alreadyFavourable() {
        LinearModel model = LinearModel.of(5, new double[] {1, 2, 0});
        assertEquals(RecourseResult.Status.ALREADY_FAVOURABLE,
                search(model, free("f0")).threshold(3).build().find(new double[3]).status());
    }

    @Test
    void logisticThresholdIsAProbability() {
        // p ≥ 0.5 ⇔ −3 + x0 + 2 x1 ≥ 0: the same answer as the linear case with threshold 3.
        LogisticModel model = LogisticModel.of(-3, new double[] {1, 2, 0});
        RecourseResult r = search(model, free("f0"), free("f1")).threshold(0.5).build().find(new double[3]);
        assertChanges(Map.of("f1", 1.5), r.counterfactuals().get(0));
        assertEquals(0.5, r.counterfactuals().get(0).prediction(), 1e-6);
    }

    @Test
    void categoricalTransitionsAreEnumerated() {
        // w = (1, 2, 2.5), threshold 12, f1 ≤ 4. Options by hand:
        //   cat 0→2 (+5, cost 1) + f1 +3.5 (+7, cost 1.75) = 2.75  ← best
        //   cat 0→1 (+2.5, cost 1) + f1 +4 (+8, cost 2) + f0 +1.5 (cost 1.5) = 4.5
        //   no cat: f1 +4 (cost 2) + f0 +4 (cost 4) = 6
        LinearModel model = LinearModel.of(0, new double[] {1, 2, 2.5});
        RecourseResult r = search(model, free("f0"), FeatureAction.numeric("f1", ActionDirection.ANY, -100, 4, 0),
                FeatureAction.categorical("cat", Map.of(0.0, Set.of(1.0, 2.0)))).threshold(12).build()
                .find(new double[3]);
        Counterfactual best = r.counterfactuals().get(0);
        assertEquals(2.0, changes(best).get("cat"));
        assertEquals(3.5, changes(best).get("f1"), 1e-6);
        assertEquals(2, best.changes().size());
        assertEquals(2.75, best.cost(), 1e-6);
    }

    @Test
    void modelAgnosticFindsRecourseForANonLinearModel() {
        // Approve only if f0 > 2 and f1 > 1: every counterfactual must change both.
        Model and = TestModels.of(3, 1, (row, off, out, o) -> out[o] = row[off] > 2 && row[off + 1] > 1 ? 1 : 0);
        RecourseResult r = search(and, FeatureAction.numeric("f0", ActionDirection.ANY, 0, 5, 0),
                FeatureAction.numeric("f1", ActionDirection.ANY, 0, 5, 0)).build().find(new double[3]);
        assertEquals(RecourseResult.Status.FOUND, r.status());
        assertTrue(!r.exact());
        for (Counterfactual c : r.counterfactuals()) {
            assertTrue(changes(c).get("f0") > 2 && changes(c).get("f1") > 1, c.toString());
        }
        RecourseResult none = search(and, FeatureAction.numeric("f0", ActionDirection.ANY, 0, 5, 0)).build()
                .find(new double[3]);
        assertEquals(RecourseResult.Status.NO_FEASIBLE_RECOURSE, none.status());
    }

    @Test
    void percentileCostCountsBackgroundRanks() {
        // Column 0 is 0..4: F(0) = 0.5/5 = 0.1, F(3) = 3.5/5 = 0.7 ⇒ moving f0 from 0 to 3 costs 0.6.
        RecourseSearch s = search(LinearModel.of(0, new double[] {1, 2, 0}), free("f0"))
                .cost(RecourseCost.PERCENTILE_SHIFT).build();
        assertEquals(0.6, s.cost(new double[] {0, 0, 0}, new double[] {3, 0, 0}), 1e-12);
        // Between background values: F(2.5) = 3/5.
        assertEquals(0.5, s.cost(new double[] {0, 0, 0}, new double[] {2.5, 0, 0}), 1e-12);
    }
}
