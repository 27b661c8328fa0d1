package dev.fairway.explain.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.Players;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both TreeSHAP methods against brute force over all coalitions of the players, to 1e-12: the
 * Shapley formula {@code Σ_S |S|!(n−|S|−1)!/n! (v(S∪i) − v(S))} with the path-dependent value
 * function written here from its definition (Lundberg et al. 2020, Algorithm 1: at a split on a
 * feature outside S, the cover-weighted mean of both children), and with the interventional value
 * function {@code Σ_k w_k m(x_S, b_k)} evaluated through the model on hybrid rows. Players are
 * single features or groups; withheld players never enter a coalition.
 */
class BruteForceTest {
    static final int M = 6;

    static LongStream seeds() {
        return LongStream.range(1, 41);
    }

    record Case(TreeEnsemble model, Players players, double[] x, Set<String> withheld, SplittableRandom rng) {
    }

    static Case make(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        TreeEnsemble model = RandomTrees.ensemble(rng, M, 1 + rng.nextInt(4), 1 + rng.nextInt(5), Objective.SQUARED_ERROR, 1);
        List<String> names = model.featureNames();
        Players players = Players.of(names);
        if (seed % 3 == 0) {
            Map<String, List<String>> groups = new LinkedHashMap<>();
            groups.put("g01", List.of("x0", "x1"));
            groups.put("g45", List.of("x4", "x5"));
            players = Players.grouped(names, groups);
        }
        Set<String> withheld = new HashSet<>();
        if (seed % 2 == 0) {
            withheld.add(names.get(rng.nextInt(M)));
            if (seed % 4 == 0) {
                withheld.add(names.get(rng.nextInt(M)));
            }
        }
        return new Case(model, players, RandomTrees.row(rng, M, true), withheld, rng);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pathDependentEqualsBruteForce(long seed) {
        Case c = make(seed);
        Attribution a = TreeShapExplainer.builder(c.model()).players(c.players()).build().explain(c.x(), c.withheld());
        double[] want = shapley(c.players(), absent(c.players(), c.withheld()), mask -> pathValue(c.model(), c.players(), c.x(), mask));
        for (int p = 0; p < want.length; p++) {
            assertEquals(want[p], a.value(p), 1e-12, "player " + c.players().names().get(p));
        }
        int all = (1 << c.players().size()) - 1;
        boolean[] abs = absent(c.players(), c.withheld());
        int present = 0;
        for (int p = 0; p < abs.length; p++) {
            present |= abs[p] ? 0 : 1 << p;
        }
        assertEquals(pathValue(c.model(), c.players(), c.x(), 0), a.baseValue(), 1e-12);
        assertEquals(pathValue(c.model(), c.players(), c.x(), present & all), a.prediction(), 1e-12);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void interventionalEqualsBruteForce(long seed) {
        Case c = make(seed);
        int rows = 1 + c.rng().nextInt(5);
        double[] bg = new double[rows * M];
        double[] w = new double[rows];
        for (int k = 0; k < rows; k++) {
            System.arraycopy(RandomTrees.row(c.rng(), M, false), 0, bg, k * M, M);
            w[k] = 0.5 + c.rng().nextInt(3);
        }
        Background background = Background.weighted(bg, rows, M, w);
        Attribution a = TreeShapExplainer.builder(c.model()).players(c.players()).interventional(background).build()
                .explain(c.x(), c.withheld());
        double[] want = shapley(c.players(), absent(c.players(), c.withheld()),
                mask -> interventionalValue(c.model(), c.players(), c.x(), background, mask));
        for (int p = 0; p < want.length; p++) {
            assertEquals(want[p], a.value(p), 1e-12, "player " + c.players().names().get(p));
        }
        assertEquals(interventionalValue(c.model(), c.players(), c.x(), background, 0), a.baseValue(), 1e-12);
    }

    static boolean[] absent(Players players, Set<String> withheld) {
        boolean[] out = new boolean[players.size()];
        for (String f : withheld) {
            out[players.playerOf(players.featureNames().indexOf(f))] = true;
        }
        return out;
    }

    interface Value {
        double of(int mask);
    }

    /** Shapley values over the present players; absent ones get 0 and never enter. */
    static double[] shapley(Players players, boolean[] absent, Value v) {
        List<Integer> present = new ArrayList<>();
        for (int p = 0; p < players.size(); p++) {
            if (!absent[p]) {
                present.add(p);
            }
        }
        int n = present.size();
        double[] phi = new double[players.size()];
        double[] fact = new double[n + 1];
        fact[0] = 1;
        for (int i = 1; i <= n; i++) {
            fact[i] = fact[i - 1] * i;
        }
        for (int i = 0; i < n; i++) {
            int pi = present.get(i);
            for (int sub = 0; sub < 1 << n; sub++) {
                if ((sub >> i & 1) != 0) {
                    continue;
                }
                int mask = 0;
                for (int b = 0; b < n; b++) {
                    if ((sub >> b & 1) != 0) {
                        mask |= 1 << present.get(b);
                    }
                }
                int s = Integer.bitCount(sub);
                double weight = fact[s] * fact[n - s - 1] / fact[n];
                phi[pi] += weight * (v.of(mask | 1 << pi) - v.of(mask));
            }
        }
        return phi;
    }

    /** Algorithm 1's EXPVALUE over all trees, plus the base margin. */
    static double pathValue(TreeEnsemble model, Players players, double[] x, int mask) {
        double sum = model.baseMargin();
        for (int t = 0; t < model.trees(); t++) {
            sum += expValue(model, players, x, mask, model.roots[t]);
        }
        return sum;
    }

    private static double expValue(TreeEnsemble model, Players players, double[] x, int mask, int n) {
        if (model.left[n] == TreeEnsemble.LEAF) {
            return model.value[n];
        }
        int f = model.feature[n];
        if ((mask >> players.playerOf(f) & 1) != 0) {
            double v = x[f];
            int next = Double.isNaN(v) ? model.missing[n] : (float) v < model.threshold[n] ? model.left[n] : model.right[n];
            return expValue(model, players, x, mask, next);
        }
        int l = model.left[n];
        int r = model.right[n];
        return (model.cover[l] * expValue(model, players, x, mask, l) + model.cover[r] * expValue(model, players, x, mask, r))
                / model.cover[n];
    }

    static double interventionalValue(TreeEnsemble model, Players players, double[] x, Background bg, int mask) {
        double[] w = bg.weights();
        double sum = 0;
        double[] h = new double[M];
        double[] out = new double[1];
        for (int k = 0; k < bg.rows(); k++) {
            for (int j = 0; j < M; j++) {
                h[j] = (mask >> players.playerOf(j) & 1) != 0 ? x[j] : bg.value(k, j);
            }
            model.margins(h, 1, out);
            sum += w[k] * out[0];
        }
        return sum;
    }
}
