package dev.fairway.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LimeExplainerTest {

    // ORACLES.md item 10: LIME kernel, M = 4, d = 1: sqrt(exp(−1/1.5²)) = 0.8007374029.
    @Test
    void oracle10LimeKernel() {
        assertEquals(0.8007374029, LimeExplainer.kernel(1, 1.5), 1e-10);
        LinearModel model = LinearModel.of(0, new double[] {1, 1, 1, 1});
        LimeExplanation e = LimeExplainer.builder(model, Background.of(new double[4], 1, 4))
                .players(Players.of(TestModels.names(4))).samples(50).build().explain(new double[] {1, 1, 1, 1});
        assertEquals(1.5, e.kernelWidth(), 1e-15, "default width 0.75·sqrt(4)");
        assertEquals(1.0, e.ridge());
    }

    @Test
    void linearModelWithOneBaselineIsRecoveredExactlyWithoutPenalty() {
        // f(h(z)) = b + Σ w_j (b_j + z_j (x_j − b_j)) is linear in z: the surrogate is exact,
        // β_j = w_j (x_j − b_j), R² = 1, intercept f(baseline).
        LinearModel model = LinearModel.of(0.5, new double[] {2, -3, 0.5});
        Background bg = Background.of(new double[] {1, 2, 3}, 1, 3);
        LimeExplanation e = LimeExplainer.builder(model, bg).players(Players.of(TestModels.names(3))).ridge(0).seed(3)
                .build().explain(new double[] {3, 1, 5});
        assertArrayEquals(new double[] {4, 3, 1}, e.attribution().values(), 1e-9);
        assertEquals(1.0, e.r2(), 1e-12);
        assertEquals(0.5 + 2 - 6 + 1.5, e.intercept(), 1e-9);
        assertEquals(0.5 + 6 - 3 + 2.5, e.localPrediction(), 1e-9);
        assertEquals(0.0, e.attribution().provenance().additivityResidual(), 1e-9);
        assertEquals(AttributionMethod.LIME, e.attribution().provenance().method());
    }

    @Test
    void stabilityIsOneWhenTheSurrogateIsExact() {
        LinearModel model = LinearModel.of(0, new double[] {5, -3, 1, 0.2});
        Background bg = Background.of(new double[4], 1, 4);
        LimeExplainer lime = LimeExplainer.builder(model, bg).players(Players.of(TestModels.names(4))).ridge(0).samples(200)
                .build();
        assertEquals(1.0, lime.stability(new double[] {1, 1, 1, 1}, 5, 2), 0.0);
    }

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 30).mapToObj(s -> Arguments.of(0x11AE0000L + s));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void fitIsBetweenZeroAndOneAndDeterministic(long seed) {
        ShapleyPropertiesTest.Case c = ShapleyPropertiesTest.randomCase(seed, 2, 6);
        LimeExplainer lime = LimeExplainer.builder(c.model(), c.bg()).players(Players.of(TestModels.names(c.m()))).seed(seed)
                .samples(300).build();
        LimeExplanation a = lime.explain(c.x());
        LimeExplanation b = lime.explain(c.x());
        assertArrayEquals(a.attribution().values(), b.attribution().values(), 0.0);
        assertTrue(a.r2() >= -1e-12 && a.r2() <= 1 + 1e-12, "r2 " + a.r2());
        double sum = 0;
        for (double v : a.attribution().values()) {
            sum += v;
        }
        assertEquals(a.intercept() + sum, a.localPrediction(), 1e-9);
        assertEquals(TestModels.predictOne(c.model(), c.x(), 0), a.attribution().prediction(), 1e-12);
        double s = lime.stability(c.x(), 3, 1);
        assertTrue(s >= 0 && s <= 1);
    }
}
