package dev.fairway.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Shapley axioms and cross-method identities over random models, backgrounds and instances. */
public class ShapleyPropertiesTest {
    /** Public only for the helpers other test packages share; JUnit creates it. */
    ShapleyPropertiesTest() {
    }


    static Stream<Arguments> seeds() {
        return LongStream.range(0, 40).mapToObj(s -> Arguments.of(0x5EED0000L + s));
    }

    /** A random model with main effects, pairwise and three-way interactions and a sine term. */
    public record Case(int m, Model model, double[] main, double[][] pair, double triple, double sine,
            Background bg, double[] bgRows, double[] bgWeights, int rows, double[] x) {
    }

    public static Case randomCase(long seed, int minM, int maxM) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = minM + rnd.nextInt(maxM - minM + 1);
        double[] main = new double[m];
        double[][] pair = new double[m][m];
        for (int i = 0; i < m; i++) {
            main[i] = rnd.nextDouble(-2, 2);
            for (int j = i + 1; j < m; j++) {
                pair[i][j] = rnd.nextInt(3) == 0 ? rnd.nextDouble(-1, 1) : 0;
            }
        }
        double triple = m >= 3 ? rnd.nextDouble(-1, 1) : 0;
        double sine = rnd.nextDouble(-1, 1);
        Model model = modelOf(m, main, pair, triple, sine);
        int rows = 1 + rnd.nextInt(5);
        double[] data = new double[rows * m];
        double[] w = new double[rows];
        for (int r = 0; r < rows; r++) {
            w[r] = 0.5 + rnd.nextInt(4);
            for (int j = 0; j < m; j++) {
                data[r * m + j] = rnd.nextInt(4) - 1.5 + rnd.nextInt(2) * rnd.nextDouble();
            }
        }
        double[] x = new double[m];
        for (int j = 0; j < m; j++) {
            x[j] = rnd.nextInt(5) == 0 && rows == 1 ? data[j] : rnd.nextDouble(-2, 2);
        }
        return new Case(m, model, main, pair, triple, sine, Background.weighted(data, rows, m, w), data, w, rows, x);
    }

    static Model modelOf(int m, double[] main, double[][] pair, double triple, double sine) {
        return TestModels.of(m, 1, (r, off, out, o) -> {
            double s = 0;
            for (int i = 0; i < m; i++) {
                s += main[i] * r[off + i];
                for (int j = i + 1; j < m; j++) {
                    s += pair[i][j] * r[off + i] * r[off + j];
                }
            }
            if (m >= 3) {
                s += triple * r[off] * r[off + 1] * r[off + 2];
            }
            s += sine * Math.sin(r[off + m - 1]);
            out[o] = s;
        });
    }

    static ShapleyExplainer explainer(Case c, ShapleyMethod method, long seed) {
        return ShapleyExplainer.builder(c.model(), c.bg()).method(method).seed(seed)
                .maxCoalitions(1L << 20).targetStandardError(0).build();
    }

    static ShapleyExplainer explainer(Case c, ShapleyMethod method, long seed, long budget) {
        return ShapleyExplainer.builder(c.model(), c.bg()).method(method).seed(seed)
                .maxCoalitions(budget).targetStandardError(0).build();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void efficiencyForEveryMethod(long seed) {
        Case c = randomCase(seed, 2, 7);
        double fx = TestModels.predictOne(c.model(), c.x(), 0);
        double[] bw = c.bgWeights();
        double total = 0;
        double ef = 0;
        for (int r = 0; r < c.rows(); r++) {
            double[] row = java.util.Arrays.copyOfRange(c.bgRows(), r * c.m(), (r + 1) * c.m());
            ef += bw[r] * TestModels.predictOne(c.model(), row, 0);
            total += bw[r];
        }
        ef /= total;
        for (ShapleyMethod method : new ShapleyMethod[] {ShapleyMethod.EXACT, ShapleyMethod.PERMUTATION, ShapleyMethod.KERNEL}) {
            Attribution a = explainer(c, method, seed, 2000).explain(c.x());
            assertEquals(fx, a.prediction(), 1e-9, method.id());
            assertEquals(ef, a.baseValue(), 1e-9, method.id());
            assertEquals(fx - ef, sum(a.values()), 1e-9, method.id());
            assertEquals(0.0, a.provenance().additivityResidual(), 1e-9, method.id());
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void kernelWithFullEnumerationEqualsExact(long seed) {
        Case c = randomCase(seed, 2, 8);
        Attribution exact = explainer(c, ShapleyMethod.EXACT, seed).explain(c.x());
        Attribution kernel = explainer(c, ShapleyMethod.KERNEL, seed, (1L << c.m()) + 2).explain(c.x());
        assertArrayEquals(exact.values(), kernel.values(), 1e-8);
        for (double se : kernel.standardErrors()) {
            assertEquals(0.0, se);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void interactionMatrixIsSymmetricAndAddsUpToTheGap(long seed) {
        Case c = randomCase(seed, 2, 7);
        ShapleyExplainer e = explainer(c, ShapleyMethod.EXACT, seed);
        double[][] m = e.interactions(c.x());
        Attribution a = e.explain(c.x());
        double total = 0;
        for (int i = 0; i < c.m(); i++) {
            for (int j = 0; j < c.m(); j++) {
                assertEquals(m[i][j], m[j][i], 0.0);
                total += m[i][j];
            }
        }
        assertEquals(a.prediction() - a.baseValue(), total, 1e-9);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void kernelIsExactForAdditiveGamesAtAnyBudget(long seed) {
        // An additive game v(S) = v(∅) + Σ_{i∈S} φ_i is fitted without residual by the constrained
        // regression, whichever coalitions were sampled; the closed form gives φ.
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 4 + rnd.nextInt(8);
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = rnd.nextDouble(-2, 2);
        }
        LinearModel model = LinearModel.of(rnd.nextDouble(), w);
        double[] data = new double[3 * m];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextDouble(-1, 1);
        }
        Background bg = Background.of(data, 3, m);
        double[] x = new double[m];
        for (int j = 0; j < m; j++) {
            x[j] = rnd.nextDouble(-2, 2);
        }
        long budget = 2 + 2L * m + rnd.nextInt(40);
        Attribution k = ShapleyExplainer.builder(model, bg).method(ShapleyMethod.KERNEL).seed(seed).maxCoalitions(budget)
                .build().explain(x);
        double[] mean = bg.means();
        for (int j = 0; j < m; j++) {
            assertEquals(w[j] * (x[j] - mean[j]), k.value(j), 1e-9, "feature " + j);
        }
        assertTrue(k.provenance().coalitions() <= budget, "budget respected: " + k.provenance().coalitions());
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void permutationOverAllOrdersEqualsExact(long seed) {
        Case c = randomCase(seed, 2, 5);
        Attribution exact = explainer(c, ShapleyMethod.EXACT, seed).explain(c.x());
        Players players = Players.of(TestModels.names(c.m()));
        Game game = new Game(c.model(), c.bg(), players, c.x(), Link.IDENTITY, 0);
        int a = c.m();
        int[] all = new int[a];
        for (int i = 0; i < a; i++) {
            all[i] = i;
        }
        double[] ends = new double[2];
        game.valuesOfRanges(all, new int[] {0, 0}, new int[] {0, a}, 2, ends);
        int[] lo = new int[2 * (a - 1)];
        int[] hi = new int[2 * (a - 1)];
        ShapleyExplainer.antitheticBounds(a, lo, hi);
        double[] v = new double[2 * (a - 1)];
        double[] y = new double[a];
        double[] mean = new double[a];
        List<int[]> orders = new ArrayList<>();
        permutations(all, 0, orders);
        for (int[] order : orders) {
            ShapleyExplainer.antitheticPair(game, order, lo, hi, v, ends[0], ends[1], y);
            for (int i = 0; i < a; i++) {
                mean[i] += y[i] / orders.size();
            }
        }
        assertArrayEquals(exact.values(), mean, 1e-9);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void permutationEstimateIsWithinItsStandardErrors(long seed) {
        Case c = randomCase(seed, 3, 7);
        Attribution exact = explainer(c, ShapleyMethod.EXACT, seed).explain(c.x());
        Attribution perm = explainer(c, ShapleyMethod.PERMUTATION, seed, 4000).explain(c.x());
        double[] se = perm.standardErrors();
        for (int i = 0; i < c.m(); i++) {
            assertTrue(Math.abs(perm.value(i) - exact.value(i)) <= 6 * se[i] + 1e-9,
                    "player " + i + ": " + perm.value(i) + " vs " + exact.value(i) + " se " + se[i]);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void dummyPlayerGetsZero(long seed) {
        Case c = randomCase(seed, 3, 7);
        int m = c.m();
        // Zero every term that touches feature 0 (the sine reads the last feature, kept).
        double[] main = c.main().clone();
        double[][] pair = new double[m][];
        for (int i = 0; i < m; i++) {
            pair[i] = c.pair()[i].clone();
        }
        main[0] = 0;
        for (int j = 1; j < m; j++) {
            pair[0][j] = 0;
        }
        Model dummy = modelOf(m, main, pair, 0, c.sine());
        for (ShapleyMethod method : new ShapleyMethod[] {ShapleyMethod.EXACT, ShapleyMethod.KERNEL, ShapleyMethod.PERMUTATION}) {
            Attribution a = ShapleyExplainer.builder(dummy, c.bg()).method(method).seed(seed)
                    .maxCoalitions((1L << m) + 2).targetStandardError(0).build().explain(c.x());
            assertEquals(0.0, a.value(0), 1e-9, method.id());
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void symmetricPlayersGetEqualValues(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 3 + rnd.nextInt(4);
        double a = rnd.nextDouble(-2, 2);
        double b = rnd.nextDouble(-1, 1);
        double[] rest = new double[m];
        for (int j = 2; j < m; j++) {
            rest[j] = rnd.nextDouble(-1, 1);
        }
        // Symmetric in x0 and x1: f = a(x0 + x1) + b x0 x1 x2 + Σ rest_j x_j x0 x1 + sin(x0 + x1).
        Model model = TestModels.of(m, 1, (r, off, out, o) -> {
            double s = a * (r[off] + r[off + 1]) + b * r[off] * r[off + 1] * r[off + 2] + Math.sin(r[off] + r[off + 1]);
            for (int j = 2; j < m; j++) {
                s += rest[j] * r[off + j] * r[off] * r[off + 1];
            }
            out[o] = s;
        });
        int rows = 1 + rnd.nextInt(4);
        double[] data = new double[rows * m];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < m; j++) {
                data[r * m + j] = rnd.nextDouble(-1, 1);
            }
            data[r * m + 1] = data[r * m];
        }
        double[] x = new double[m];
        for (int j = 0; j < m; j++) {
            x[j] = rnd.nextDouble(-2, 2);
        }
        x[1] = x[0];
        Background bg = Background.of(data, rows, m);
        for (ShapleyMethod method : new ShapleyMethod[] {ShapleyMethod.EXACT, ShapleyMethod.KERNEL}) {
            Attribution at = ShapleyExplainer.builder(model, bg).method(method).maxCoalitions((1L << m) + 2)
                    .build().explain(x);
            assertEquals(at.value(0), at.value(1), 1e-9, method.id());
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void linearityInTheModel(long seed) {
        Case f = randomCase(seed, 2, 6);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0xABCDL);
        int m = f.m();
        double[] main = new double[m];
        for (int j = 0; j < m; j++) {
            main[j] = rnd.nextDouble(-1, 1);
        }
        double[][] pair = new double[m][m];
        if (m > 1) {
            pair[0][1] = rnd.nextDouble(-1, 1);
        }
        Model g = modelOf(m, main, pair, 0, rnd.nextDouble());
        double alpha = rnd.nextDouble(-3, 3);
        double beta = rnd.nextDouble(-3, 3);
        Model mix = TestModels.of(m, 1, (r, off, out, o) -> {
            double[] one = new double[1];
            double[] row = java.util.Arrays.copyOfRange(r, off, off + m);
            f.model().predict(row, 1, one);
            double fv = one[0];
            g.predict(row, 1, one);
            out[o] = alpha * fv + beta * one[0];
        });
        double[] pf = ShapleyExplainer.builder(f.model(), f.bg()).build().explain(f.x()).values();
        double[] pg = ShapleyExplainer.builder(g, f.bg()).build().explain(f.x()).values();
        double[] pm = ShapleyExplainer.builder(mix, f.bg()).build().explain(f.x()).values();
        for (int j = 0; j < m; j++) {
            assertEquals(alpha * pf[j] + beta * pg[j], pm[j], 1e-9, "feature " + j);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void permutingFeaturesPermutesValues(long seed) {
        Case c = randomCase(seed, 2, 7);
        int m = c.m();
        SplittableRandom rnd = new SplittableRandom(~seed);
        int[] sigma = new int[m]; // new column sigma[j] holds old column j
        for (int j = 0; j < m; j++) {
            sigma[j] = j;
        }
        for (int i = m - 1; i > 0; i--) {
            int r = rnd.nextInt(i + 1);
            int t = sigma[i];
            sigma[i] = sigma[r];
            sigma[r] = t;
        }
        Model permuted = TestModels.of(m, 1, (r, off, out, o) -> {
            double[] row = new double[m];
            for (int j = 0; j < m; j++) {
                row[j] = r[off + sigma[j]];
            }
            double[] one = new double[1];
            c.model().predict(row, 1, one);
            out[o] = one[0];
        });
        double[] data = new double[c.rows() * m];
        for (int r = 0; r < c.rows(); r++) {
            for (int j = 0; j < m; j++) {
                data[r * m + sigma[j]] = c.bgRows()[r * m + j];
            }
        }
        double[] x = new double[m];
        for (int j = 0; j < m; j++) {
            x[sigma[j]] = c.x()[j];
        }
        Background bg = Background.weighted(data, c.rows(), m, c.bgWeights());
        double[] before = explainer(c, ShapleyMethod.EXACT, seed).explain(c.x()).values();
        double[] after = ShapleyExplainer.builder(permuted, bg).build().explain(x).values();
        for (int j = 0; j < m; j++) {
            assertEquals(before[j], after[sigma[j]], 1e-9, "feature " + j);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void integerWeightsEqualRepeatedRows(long seed) {
        Case c = randomCase(seed, 2, 6);
        int m = c.m();
        List<double[]> rows = new ArrayList<>();
        for (int r = 0; r < c.rows(); r++) {
            int copies = (int) Math.round(c.bgWeights()[r] * 2); // weights are k + 0.5, so 2w is an integer
            for (int k = 0; k < copies; k++) {
                rows.add(java.util.Arrays.copyOfRange(c.bgRows(), r * m, (r + 1) * m));
            }
        }
        double[] data = new double[rows.size() * m];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * m, m);
        }
        double[] weighted = explainer(c, ShapleyMethod.EXACT, seed).explain(c.x()).values();
        double[] repeated = ShapleyExplainer.builder(c.model(), Background.of(data, rows.size(), m)).build()
                .explain(c.x()).values();
        assertArrayEquals(weighted, repeated, 1e-9);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void deterministicGivenSeed(long seed) {
        Case c = randomCase(seed, 3, 8);
        for (ShapleyMethod method : new ShapleyMethod[] {ShapleyMethod.PERMUTATION, ShapleyMethod.KERNEL}) {
            Attribution a = explainer(c, method, seed, 300).explain(c.x());
            Attribution b = explainer(c, method, seed, 300).explain(c.x());
            assertArrayEquals(a.values(), b.values(), 0.0, method.id());
            assertEquals(a.provenance(), b.provenance(), method.id());
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void permutationStopsOnTargetOrBudget(long seed) {
        Case c = randomCase(seed, 3, 7);
        int a = 0; // players that differ from some background row
        for (int j = 0; j < c.m(); j++) {
            for (int r = 0; r < c.rows(); r++) {
                if (c.bgRows()[r * c.m() + j] != c.x()[j]) {
                    a++;
                    break;
                }
            }
        }
        if (a < 2) {
            return;
        }
        long perPair = 2L * (a - 1);
        long budget = 2 + 40 * perPair;
        Attribution budgetOnly = explainer(c, ShapleyMethod.PERMUTATION, seed, budget).explain(c.x());
        assertEquals(budget, budgetOnly.provenance().coalitions(), "a zero target spends the whole budget");
        double target = 0.05;
        Attribution targeted = ShapleyExplainer.builder(c.model(), c.bg()).method(ShapleyMethod.PERMUTATION).seed(seed)
                .maxCoalitions(1_000_000).targetStandardError(target).build().explain(c.x());
        assertTrue(targeted.provenance().maxStandardError() <= target, "stopped at " + targeted.provenance());
        long pairs = (targeted.provenance().coalitions() - 2) / perPair;
        assertTrue(pairs >= ShapleyExplainer.MIN_PAIRS_FOR_STOP_RULE, "pairs " + pairs);
        double max = 0;
        for (double se : targeted.standardErrors()) {
            max = Math.max(max, se);
        }
        assertEquals(max, targeted.provenance().maxStandardError(), 0.0);
    }

    private static void permutations(int[] a, int k, List<int[]> out) {
        if (k == a.length) {
            out.add(a.clone());
            return;
        }
        for (int i = k; i < a.length; i++) {
            int t = a[k];
            a[k] = a[i];
            a[i] = t;
            permutations(a, k + 1, out);
            a[i] = a[k];
            a[k] = t;
        }
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s;
    }
}
