package dev.fairway.explain.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.Link;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.ShapleyMethod;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded properties of both methods on random ensembles of every objective: attributions plus the
 * base value add up to the margin; interventional TreeSHAP equals explain-core's exact
 * enumeration ({@link ShapleyExplainer}, an independent implementation of the same game) on the
 * margin, and for a logistic model on the log-odds of the model's probabilities with
 * {@link Link#LOGIT}; a withheld feature gets exactly
 * zero, its value is never used, and the base value is unchanged.
 */
class TreeShapPropertiesTest {
    static final int M = 7;
    static final Objective[] OBJECTIVES = Objective.values();

    static LongStream seeds() {
        return LongStream.range(100, 130);
    }

    static TreeEnsemble model(SplittableRandom rng, long seed) {
        Objective o = OBJECTIVES[(int) (seed % OBJECTIVES.length)];
        int outputs = o == Objective.MULTI_SOFTPROB ? 3 : 1;
        return RandomTrees.ensemble(rng, M, 3 + rng.nextInt(20), 2 + rng.nextInt(6), o, outputs);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void valuesAddUpToTheMargin(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TreeEnsemble model = model(rng, seed);
        double[] x = RandomTrees.row(rng, M, true);
        double[] margin = new double[model.outputs()];
        model.margins(x, 1, margin);
        Background bg = background(rng, 4);
        for (int c = 0; c < model.outputs(); c++) {
            for (TreeShapExplainer ex : List.of(TreeShapExplainer.builder(model).output(c).build(),
                    TreeShapExplainer.builder(model).output(c).interventional(bg).build())) {
                Attribution a = ex.explain(x);
                double sum = a.baseValue();
                for (double v : a.values()) {
                    sum += v;
                }
                assertEquals(margin[c], sum, 1e-12 * Math.max(1, Math.abs(margin[c])), ex.method() + " class " + c);
                assertEquals(margin[c], a.prediction(), 1e-12 * Math.max(1, Math.abs(margin[c])));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void interventionalEqualsExplainCoresExactEnumeration(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TreeEnsemble model = model(rng, seed);
        double[] x = RandomTrees.row(rng, M, false);
        Background bg = background(rng, 5);
        Players players = Players.of(model.featureNames());
        boolean logistic = model.objective() == Objective.BINARY_LOGISTIC;
        for (int c = 0; c < model.outputs(); c++) {
            Attribution tree = TreeShapExplainer.builder(model).output(c).interventional(bg).build().explain(x);
            ShapleyExplainer exact = ShapleyExplainer.builder(logistic ? model : model.marginModel(), bg).players(players)
                    .method(ShapleyMethod.EXACT).output(c).link(logistic ? Link.LOGIT : Link.IDENTITY).build();
            Attribution want = exact.explain(x);
            assertEquals(want.provenance().link(), tree.provenance().link());
            double tol = logistic ? 1e-9 : 1e-12;
            for (int p = 0; p < M; p++) {
                assertEquals(want.value(p), tree.value(p), tol, "feature " + p + " class " + c);
            }
            assertEquals(want.baseValue(), tree.baseValue(), tol);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aWithheldFeatureIsNeverCited(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TreeEnsemble model = model(rng, seed);
        double[] x = RandomTrees.row(rng, M, true);
        String hidden = model.featureNames().get(rng.nextInt(M));
        Background bg = background(rng, 3);
        for (TreeShapExplainer ex : List.of(TreeShapExplainer.builder(model).build(),
                TreeShapExplainer.builder(model).interventional(bg).build())) {
            Attribution all = ex.explain(x);
            Attribution a = ex.explain(x, Set.of(hidden));
            assertEquals(0.0, a.value(hidden), ex.method().id());
            assertEquals(all.baseValue(), a.baseValue(), 1e-12);
            // the withheld feature's value is never used: any value gives the same attribution
            double[] y = x.clone();
            y[model.featureNames().indexOf(hidden)] = rng.nextBoolean() ? Double.NaN : 1e6;
            Attribution b = ex.explain(y, Set.of(hidden));
            for (int p = 0; p < M; p++) {
                assertEquals(a.value(p), b.value(p), 1e-12);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void badRowsAreRefusedNamingTheFeature(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TreeEnsemble model = model(rng, seed);
        double[] x = RandomTrees.row(rng, M, false);
        x[3] = Double.POSITIVE_INFINITY;
        TreeShapExplainer ex = TreeShapExplainer.builder(model).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ex.explain(x));
        assertEquals(true, e.getMessage().contains("x3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ex.explain(new double[M - 1]));
        assertThrows(IllegalArgumentException.class, () -> ex.explain(new double[M], Set.of("salary")));
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> model.predict(x, 1, new double[3]));
        assertEquals(true, p.getMessage().contains("'x3'"), p.getMessage());
    }

    static Background background(SplittableRandom rng, int rows) {
        double[] bg = new double[rows * M];
        for (int k = 0; k < rows; k++) {
            System.arraycopy(RandomTrees.row(rng, M, false), 0, bg, k * M, M);
        }
        return Background.of(bg, rows, M);
    }
}
