package dev.fairway.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Per-call withheld features: never-present players get exactly zero and the rest keep their
 * closed-form values. Oracle: for a linear model the interventional Shapley value of feature j is
 * w_j (x_j - E_B[x_j]); a withheld feature never enters, so v(N) = f(x with withheld features at
 * their background values) averaged over the background = intercept + sum over present j of w_j x_j
 * + sum over withheld j of w_j E_B[x_j].
 */
class WithheldPerCallTest {
    static final double[] W = {0.5, -1.25, 2.0, 0.75};
    static final double[] BG = {
        1, 2, 3, 4,
        0, 1, 1, 2,
        2, 0, 5, 1};

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ShapleyMethod.class, names = {"EXACT", "LINEAR", "PERMUTATION", "KERNEL"})
    void withheldPlayersGetExactlyZero(ShapleyMethod method) {
        LinearModel model = LinearModel.of(0.3, W, List.of("income", "age", "zip", "tenure"));
        Background bg = Background.of(BG, 3, 4);
        ShapleyExplainer ex = ShapleyExplainer.builder(model, bg).players(Players.of(List.of("income", "age", "zip", "tenure")))
                .method(method).maxCoalitions(1_000_000).build();
        double[] x = {4, 3, 2, 7};
        Attribution a = ex.explain(x, Set.of("age", "tenure"));
        double[] mean = {1, 1, 3, 7 / 3.0};
        assertEquals(0.0, a.value("age"));
        assertEquals(0.0, a.value("tenure"));
        assertEquals(W[0] * (x[0] - mean[0]), a.value("income"), 1e-9);
        assertEquals(W[2] * (x[2] - mean[2]), a.value("zip"), 1e-9);
        double vN = 0.3 + W[0] * x[0] + W[2] * x[2] + W[1] * mean[1] + W[3] * mean[3];
        assertEquals(vN, a.prediction(), 1e-9);
        // the same explainer without a withheld set is unchanged
        Attribution all = ex.explain(x);
        assertEquals(W[1] * (x[1] - mean[1]), all.value("age"), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ex.explain(x, Set.of("salary")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ShapleyMethod.class, names = {"EXACT", "PERMUTATION"})
    void aGroupedPlayerIsAbsentWhenAnyOfItsFeaturesIs(ShapleyMethod method) {
        LinearModel model = LinearModel.of(0, W, List.of("income", "age", "zip", "tenure"));
        Players players = Players.grouped(List.of("income", "age", "zip", "tenure"), Map.of("place", List.of("zip", "tenure")));
        ShapleyExplainer ex = ShapleyExplainer.builder(model, Background.of(BG, 3, 4)).players(players).method(method)
                .maxCoalitions(1_000_000).build();
        Attribution a = ex.explain(new double[] {4, 3, 2, 7}, Set.of("zip"));
        assertEquals(0.0, a.value("place"));
        assertEquals(W[1] * (3 - 1), a.value("age"), 1e-9);
    }
}
