package dev.fairway.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every item of ORACLES.md (src/test/resources/oracles/, with provenance), for every Shapley method that applies. */
class ShapleyOraclesTest {
    private static final double TOL = 1e-9;

    // Oracle 1: linear interventional, w=(2,−3,0.5), b=1, B={(0,0,0),(2,4,6)}, x=(3,1,5) ⇒ φ=(4,3,1).
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ShapleyMethod.class, names = {"EXACT", "LINEAR", "PERMUTATION", "KERNEL"})
    void oracle1LinearInterventional(ShapleyMethod method) {
        LinearModel model = LinearModel.of(1, new double[] {2, -3, 0.5});
        Background bg = Background.of(new double[] {0, 0, 0, 2, 4, 6}, 2, 3);
        Attribution a = TestModels.explain(model, bg, new double[] {3, 1, 5}, method);
        assertArrayEquals(new double[] {4, 3, 1}, a.values(), TOL);
        assertEquals(6.5, a.prediction(), TOL);
        assertEquals(-1.5, a.baseValue(), TOL);
        assertEquals(0.0, a.provenance().additivityResidual(), TOL);
        assertEquals(bg.digest(), a.provenance().backgroundDigest());
        assertEquals(method.attributionMethod(), a.provenance().method());
    }

    @Test
    void oracle1ExactCountsEvaluations() {
        LinearModel model = LinearModel.of(1, new double[] {2, -3, 0.5});
        Background bg = Background.of(new double[] {0, 0, 0, 2, 4, 6}, 2, 3);
        Attribution a = TestModels.explain(model, bg, new double[] {3, 1, 5}, ShapleyMethod.EXACT);
        // 2^3 coalitions, each over 2 background rows: counted by hand.
        assertEquals(8, a.provenance().coalitions());
        assertEquals(16, a.provenance().evaluations());
        assertEquals(0.0, a.provenance().maxStandardError());
    }

    @Test
    void oracle1WithWeightedBackground() {
        // Weights (1,3) ⇒ means (1.5, 3, 4.5) ⇒ φ = (2·1.5, −3·(−2), 0.5·0.5) = (3, 6, 0.25).
        LinearModel model = LinearModel.of(1, new double[] {2, -3, 0.5});
        Background bg = Background.weighted(new double[] {0, 0, 0, 2, 4, 6}, 2, 3, new double[] {1, 3});
        for (ShapleyMethod m : new ShapleyMethod[] {ShapleyMethod.EXACT, ShapleyMethod.LINEAR}) {
            Attribution a = TestModels.explain(model, bg, new double[] {3, 1, 5}, m);
            assertArrayEquals(new double[] {3, 6, 0.25}, a.values(), TOL, m.id());
            assertEquals(1 + 2 * 1.5 - 3 * 3 + 0.5 * 4.5, a.baseValue(), TOL, m.id());
        }
    }

    // Oracle 2: explicit 3-player game ⇒ φ=(20,30,40).
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ShapleyMethod.class, names = {"EXACT", "KERNEL"})
    void oracle2ExplicitGame(ShapleyMethod method) {
        double[] table = new double[8];
        table[0b000] = 0;
        table[0b001] = 10;
        table[0b010] = 20;
        table[0b100] = 30;
        table[0b011] = 40;
        table[0b101] = 50;
        table[0b110] = 60;
        table[0b111] = 90;
        Model model = TestModels.of(3, 1, (row, off, out, o) -> {
            int idx = (int) row[off] | ((int) row[off + 1] << 1) | ((int) row[off + 2] << 2);
            out[o] = table[idx];
        });
        Background bg = Background.of(new double[] {0, 0, 0}, 1, 3);
        Attribution a = TestModels.explain(model, bg, new double[] {1, 1, 1}, method);
        assertArrayEquals(new double[] {20, 30, 40}, a.values(), TOL);
    }

    // Oracle 3: product f = x1·x2, B = {(0,0),(2,1)}, x = (3,4) ⇒ φ = (4.25, 6.75).
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ShapleyMethod.class, names = {"EXACT", "PERMUTATION", "KERNEL"})
    void oracle3Product(ShapleyMethod method) {
        Model model = TestModels.of(2, 1, (row, off, out, o) -> out[o] = row[off] * row[off + 1]);
        Attribution a = TestModels.explain(model, Background.of(new double[] {0, 0, 2, 1}, 2, 2),
                new double[] {3, 4}, method);
        assertArrayEquals(new double[] {4.25, 6.75}, a.values(), TOL);
        assertEquals(1.0, a.baseValue(), TOL);
        assertEquals(12.0, a.prediction(), TOL);
        Attribution single = TestModels.explain(model, Background.of(new double[] {0, 0}, 1, 2),
                new double[] {3, 4}, method);
        assertArrayEquals(new double[] {6, 6}, single.values(), TOL);
    }

    // Oracle 6: one antithetic pass is exact for pairwise interactions; every x in {0,1}^5.
    @Test
    void oracle6PermutationExactForPairwiseInteractions() {
        Model model = TestModels.of(5, 1, (r, off, out, o) -> {
            double x0 = r[off];
            double x1 = r[off + 1];
            double x2 = r[off + 2];
            double x3 = r[off + 3];
            out[o] = x0 * x2 + x1 + x2 + x2 * x3;
        });
        Background bg = Background.of(new double[5], 1, 5);
        for (int bits = 0; bits < 32; bits++) {
            double[] x = new double[5];
            for (int j = 0; j < 5; j++) {
                x[j] = (bits >> j) & 1;
            }
            double[] expected = {
                x[0] * x[2] / 2, x[1], x[0] * x[2] / 2 + x[2] + x[2] * x[3] / 2, x[2] * x[3] / 2, 0};
            for (long seed = 0; seed < 3; seed++) {
                Attribution a = ShapleyExplainer.builder(model, bg).method(ShapleyMethod.PERMUTATION).seed(seed).build().explain(x);
                assertArrayEquals(expected, a.values(), TOL, "x=" + bits + " seed=" + seed);
                for (double se : a.standardErrors()) {
                    assertEquals(0.0, se, TOL);
                }
                // Every pass is exact, so the stop rule ends as soon as it is consulted.
                int active = Integer.bitCount(bits);
                if (active >= 2) {
                    assertEquals(2 + ShapleyExplainer.MIN_PAIRS_FOR_STOP_RULE * 2 * (active - 1),
                            a.provenance().coalitions(), "x=" + bits);
                }
            }
        }
    }

    // Oracle 7: shap's Gray-code table, outputs f = 0,2,8,3 on ∅,{0},{0,1},{1} ⇒ φ = (3.5, 4.5);
    // second column 10,20,80,30 ⇒ φ = (½·10 + ½·50, ½·20 + ½·60) = (30, 40) by the same hand formula.
    @Test
    void oracle7TwoOutputTable() {
        Model model = TestModels.of(2, 2, (r, off, out, o) -> {
            int idx = (int) r[off] | ((int) r[off + 1] << 1);
            double[] first = {0, 2, 3, 8};
            double[] second = {10, 20, 30, 80};
            out[o] = first[idx];
            out[o + 1] = second[idx];
        });
        Background bg = Background.of(new double[] {0, 0}, 1, 2);
        Attribution a0 = ShapleyExplainer.builder(model, bg).output(0).build().explain(new double[] {1, 1});
        assertArrayEquals(new double[] {3.5, 4.5}, a0.values(), TOL);
        Attribution a1 = ShapleyExplainer.builder(model, bg).output(1).build().explain(new double[] {1, 1});
        assertArrayEquals(new double[] {30, 40}, a1.values(), TOL);
    }

    // Oracle 7, interactions: Shapley–Taylor 1.5 off the diagonal (δ = 8 − 2 − 3 + 0 = 3, split in
    // half); second column 20 (δ = 80 − 20 − 30 + 10 = 40). Diagonal: main effects v({i}) − v(∅).
    @Test
    void oracle7ShapleyTaylorInteractions() {
        Model model = TestModels.of(2, 2, (r, off, out, o) -> {
            int idx = (int) r[off] | ((int) r[off + 1] << 1);
            out[o] = new double[] {0, 2, 3, 8}[idx];
            out[o + 1] = new double[] {10, 20, 30, 80}[idx];
        });
        Background bg = Background.of(new double[] {0, 0}, 1, 2);
        double[][] i0 = ShapleyExplainer.builder(model, bg).output(0).build().interactions(new double[] {1, 1});
        assertArrayEquals(new double[] {2, 1.5}, i0[0], TOL);
        assertArrayEquals(new double[] {1.5, 3}, i0[1], TOL);
        double[][] i1 = ShapleyExplainer.builder(model, bg).output(1).build().interactions(new double[] {1, 1});
        assertEquals(20, i1[0][1], TOL);
        assertEquals(20, i1[1][0], TOL);
    }

    // Oracle 6's model has only pairwise terms: with baseline 0 and x = 1, the Shapley–Taylor pairs
    // are its coefficients (x0·x2 and x2·x3 ⇒ 1 each, split in half) and the main effects x1, x2.
    @Test
    void shapleyTaylorRecoversPairwiseCoefficients() {
        Model model = TestModels.of(5, 1, (r, off, out, o) ->
                out[o] = r[off] * r[off + 2] + r[off + 1] + r[off + 2] + r[off + 2] * r[off + 3]);
        double[][] m = ShapleyExplainer.builder(model, Background.of(new double[5], 1, 5)).build()
                .interactions(new double[] {1, 1, 1, 1, 1});
        double[][] expected = {
            {0, 0, 0.5, 0, 0},
            {0, 1, 0, 0, 0},
            {0.5, 0, 1, 0.5, 0},
            {0, 0, 0.5, 0, 0},
            {0, 0, 0, 0, 0}};
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(expected[i], m[i], TOL, "row " + i);
        }
    }

    // Oracle 8: non-varying features get exact zeros and are not enumerated.
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ShapleyMethod.class, names = {"EXACT", "PERMUTATION", "KERNEL"})
    void oracle8NonVaryingFeatures(ShapleyMethod method) {
        Model model = TestModels.of(4, 2, (r, off, out, o) -> {
            double s = r[off] + r[off + 1] + r[off + 2] + r[off + 3];
            out[o] = s;
            out[o + 1] = 2 * s;
        });
        Background bg = Background.of(new double[] {0, 1, 2, 3}, 1, 4);
        double[] x = {0, 5, 2, 7};
        for (int output = 0; output < 2; output++) {
            Attribution a = ShapleyExplainer.builder(model, bg).method(method).output(output).build().explain(x);
            double k = output + 1;
            assertArrayEquals(new double[] {0, 4 * k, 0, 4 * k}, a.values(), 1e-10);
            assertEquals(0.0, a.value(0));
            assertEquals(0.0, a.value(2));
            assertEquals(0.0, a.provenance().additivityResidual(), 1e-10);
        }
        if (method == ShapleyMethod.EXACT) {
            Attribution a = ShapleyExplainer.builder(model, bg).build().explain(x);
            assertEquals(4, a.provenance().coalitions(), "only the 2 varying features are enumerated");
        }
    }

    // Oracle 10: KernelSHAP weights for M = 4.
    @Test
    void oracle10KernelWeights() {
        assertEquals(0.25, ShapleyExplainer.kernelWeight(4, 1), 1e-15);
        assertEquals(0.125, ShapleyExplainer.kernelWeight(4, 2), 1e-15);
        assertEquals(0.25, ShapleyExplainer.kernelWeight(4, 3), 1e-15);
    }

    @Test
    void logisticWithLogitLinkMatchesLinearClosedForm() {
        LogisticModel model = LogisticModel.of(-0.5, new double[] {0.8, -1.2, 0.3});
        Background bg = Background.of(new double[] {0, 1, 2, 1, 0, -1, 2, 2, 0}, 3, 3);
        double[] x = {1.5, -0.5, 0.25};
        Attribution exact = ShapleyExplainer.builder(model, bg).link(Link.LOGIT).build().explain(x);
        double[] mean = {1, 1, 1.0 / 3};
        double[] w = {0.8, -1.2, 0.3};
        for (int j = 0; j < 3; j++) {
            assertEquals(w[j] * (x[j] - mean[j]), exact.value(j), 1e-9);
        }
        Attribution lin = ShapleyExplainer.builder(model, bg).link(Link.LOGIT).method(ShapleyMethod.LINEAR).build().explain(x);
        assertArrayEquals(exact.values(), lin.values(), 1e-9);
        assertEquals(-0.5 + 0.8 * 1.5 + 1.2 * 0.5 + 0.3 * 0.25, exact.prediction(), 1e-12);
    }

    @Test
    void groupsAreSinglePlayers() {
        // One-hot colour (3 columns) as one player: φ_group = Σ_{j in group} w_j (x_j − mean_j).
        LinearModel model = LinearModel.of(0, new double[] {1, 2, 3, 4});
        Background bg = Background.of(new double[] {1, 0, 0, 1, 0, 1, 0, 3}, 2, 4);
        Players players = Players.grouped(List.of("red", "green", "blue", "age"),
                Map.of("colour", List.of("red", "green", "blue")));
        double[] x = {0, 0, 1, 2};
        Attribution a = ShapleyExplainer.builder(model, bg).players(players).build().explain(x);
        assertEquals(List.of("colour", "age"), a.players());
        // means: red .5, green .5, blue 0, age 2 ⇒ colour: −0.5 − 1 + 3 = 1.5; age: 4·(2 − 2) = 0.
        assertArrayEquals(new double[] {1.5, 0}, a.values(), TOL);
        assertEquals(4, a.provenance().coalitions(), "two players (colour, age), 2^2 coalitions");
    }

    @Test
    void exactScoresWholeBlocksOfCoalitionsPerModelCall() {
        // 10 players against 100 background rows: blocks of floor(8192 / 100) = 81 coalitions,
        // so 2^10 = 1024 coalitions take ceil(1024 / 81) = 13 calls of at most 8100 rows.
        int[] calls = {0};
        int[] maxRows = {0};
        LinearModel inner = LinearModel.of(0, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Model counting = new Model() {
            @Override
            public int features() {
                return 10;
            }

            @Override
            public void predict(double[] rowMajor, int rows, double[] out) {
                calls[0]++;
                maxRows[0] = Math.max(maxRows[0], rows);
                inner.predict(rowMajor, rows, out);
            }
        };
        double[] bg = new double[100 * 10];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = i % 7;
        }
        double[] x = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
        Attribution a = ShapleyExplainer.builder(counting, Background.of(bg, 100, 10)).build().explain(x);
        assertEquals(13, calls[0]);
        assertEquals(8100, maxRows[0]);
        assertEquals(102_400, a.provenance().evaluations());
    }

    @Test
    void exactCapIsAnErrorNotAFallback() {
        LinearModel model = LinearModel.of(0, new double[] {1, 1, 1, 1, 1});
        Background bg = Background.of(new double[5], 1, 5);
        ShapleyExplainer e = ShapleyExplainer.builder(model, bg).maxPlayers(4).build();
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.explain(new double[] {1, 1, 1, 1, 1}));
        assertTrue(ex.getMessage().contains("maxPlayers=4"), ex.getMessage());
        // Four differing players are within the cap.
        assertEquals(4.0, sum(e.explain(new double[] {1, 1, 1, 1, 0}).values()), TOL);
    }

    @Test
    void badInputsNameTheArgument() {
        LinearModel model = LinearModel.of(0, new double[] {1, 1});
        Background bg = Background.of(new double[2], 1, 2);
        ShapleyExplainer e = ShapleyExplainer.builder(model, bg).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.explain(new double[] {1}))
                .getMessage().contains("x has 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> e.explain(new double[] {1, Double.NaN}))
                .getMessage().contains("x[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Background.of(new double[] {0, Double.NaN}, 1, 2))
                .getMessage().contains("row 0, column 1"));
        assertThrows(IllegalStateException.class, () -> ShapleyExplainer.builder(
                TestModels.of(2, 1, (r, o, out, oo) -> out[oo] = 0), bg).method(ShapleyMethod.LINEAR).build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Players.grouped(List.of("a", "b"),
                Map.of("g", List.of("a"), "h", List.of("a")))).getMessage().contains("'a'"));
        // A group may not take the name of an ungrouped feature, wherever that feature stands.
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Players.grouped(List.of("a", "b"),
                Map.of("a", List.of("b")))).getMessage().contains("'a'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Players.grouped(List.of("b", "a"),
                Map.of("a", List.of("b")))).getMessage().contains("'a'"));
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }
}
