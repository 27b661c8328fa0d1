package dev.fairway.explain.recourse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.explain.Background;
import dev.fairway.explain.LinearModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validity, constraints and optimality of recourse over random linear models and actions. */
class RecoursePropertiesTest {

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 60).mapToObj(s -> Arguments.of(0xDEC0DE00L + s));
    }

    record Case(LinearModel model, Background bg, List<String> names, List<FeatureAction> actions,
            Set<String> withheld, double[] x, double threshold) {
    }

    static Case randomCase(long seed, boolean steps) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 3 + rnd.nextInt(3);
        double[] w = new double[m];
        List<String> names = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            w[j] = rnd.nextDouble(-2, 2);
            names.add("f" + j);
        }
        int rows = 5 + rnd.nextInt(10);
        double[] data = new double[rows * m];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextDouble(-3, 3);
        }
        double[] x = new double[m];
        for (int j = 0; j < m; j++) {
            x[j] = rnd.nextDouble(-1, 1);
        }
        List<FeatureAction> actions = new ArrayList<>();
        Set<String> withheld = new HashSet<>();
        for (int j = 0; j < m; j++) {
            int kind = rnd.nextInt(6);
            ActionDirection dir = ActionDirection.values()[rnd.nextInt(3)];
            double step = steps && rnd.nextBoolean() ? 0.25 : 0;
            if (kind == 0) {
                actions.add(FeatureAction.immutable(names.get(j)));
            } else {
                actions.add(FeatureAction.numeric(names.get(j), dir, -4, 4, step));
            }
            if (kind == 1) {
                withheld.add(names.get(j));
            }
        }
        LinearModel model = LinearModel.of(0, w);
        double threshold = model.score(x) + rnd.nextDouble(0.1, 4);
        return new Case(model, Background.of(data, rows, m), names, actions, withheld, x, threshold);
    }

    static RecourseSearch search(Case c, long seed) {
        return RecourseSearch.builder(c.model(), c.bg()).featureNames(c.names()).actions(c.actions()).withheld(c.withheld())
                .threshold(c.threshold()).seed(seed).candidates(1500).build();
    }

    static double[] apply(Case c, Counterfactual cf) {
        double[] v = c.x().clone();
        for (Change ch : cf.changes()) {
            assertEquals(c.x()[c.names().indexOf(ch.feature())], ch.from());
            v[c.names().indexOf(ch.feature())] = ch.to();
        }
        return v;
    }

    static void assertAllowed(Case c, Counterfactual cf) {
        double[] v = apply(c, cf);
        assertTrue(c.model().score(v) >= c.threshold() - 1e-12, "valid");
        assertEquals(c.model().score(v), cf.prediction(), 1e-12);
        for (Change ch : cf.changes()) {
            FeatureAction a = c.actions().get(c.names().indexOf(ch.feature()));
            assertTrue(a.mutable() && !c.withheld().contains(ch.feature()), "changed " + ch.feature());
            assertTrue(ch.to() >= a.lower() && ch.to() <= a.upper(), "bounds " + ch);
            if (a.direction() == ActionDirection.INCREASE) {
                assertTrue(ch.to() >= ch.from(), "direction " + ch);
            } else if (a.direction() == ActionDirection.DECREASE) {
                assertTrue(ch.to() <= ch.from(), "direction " + ch);
            }
            if (a.step() > 0) {
                double k = (ch.to() - ch.from()) / a.step();
                assertEquals(Math.rint(k), k, 1e-6, "step grid " + ch);
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void exactIsValidAllowedAndNoRandomFeasiblePointIsCheaper(long seed) {
        Case c = randomCase(seed, false);
        RecourseSearch s = search(c, seed);
        RecourseResult r = s.find(c.x());
        assertTrue(r.exact());
        SplittableRandom rnd = new SplittableRandom(seed);
        double best = r.status() == RecourseResult.Status.FOUND ? r.counterfactuals().get(0).cost() : Double.POSITIVE_INFINITY;
        for (Counterfactual cf : r.counterfactuals()) {
            assertAllowed(c, cf);
            assertTrue(cf.cost() >= best - 1e-9, "the optimum comes first");
        }
        int m = c.x().length;
        for (int t = 0; t < 3000; t++) {
            double[] v = c.x().clone();
            for (int j = 0; j < m; j++) {
                FeatureAction a = c.actions().get(j);
                if (!a.mutable() || c.withheld().contains(c.names().get(j)) || rnd.nextInt(3) == 0) {
                    continue;
                }
                double[] range = a.range(c.x()[j]);
                v[j] = range[0] + rnd.nextDouble() * (range[1] - range[0]);
            }
            if (c.model().score(v) >= c.threshold()) {
                assertTrue(s.cost(c.x(), v) >= best - 1e-9, "random feasible point is cheaper than the exact optimum");
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void modelAgnosticIsValidSparseAndNeverBeatsTheOptimum(long seed) {
        Case c = randomCase(seed, true);
        RecourseSearch s = search(c, seed);
        RecourseResult exact = s.find(c.x());
        RecourseResult agn = s.findModelAgnostic(c.x());
        assertTrue(!agn.exact());
        assertTrue(agn.counterfactuals().size() <= RecourseSearch.DEFAULT_K);
        for (Counterfactual cf : agn.counterfactuals()) {
            assertAllowed(c, cf);
            assertTrue(cf.changes().size() <= RecourseSearch.DEFAULT_MAX_CHANGED);
        }
        if (agn.status() == RecourseResult.Status.FOUND) {
            assertEquals(RecourseResult.Status.FOUND, exact.status(), "the exact search misses nothing");
        }
        RecourseResult again = s.findModelAgnostic(c.x());
        assertEquals(agn.counterfactuals().size(), again.counterfactuals().size());
        for (int i = 0; i < agn.counterfactuals().size(); i++) {
            assertArrayEquals(apply(c, agn.counterfactuals().get(i)), apply(c, again.counterfactuals().get(i)), 0.0);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void exactLowerBoundsTheAgnosticSearchWithoutSteps(long seed) {
        Case c = randomCase(seed, false);
        RecourseSearch s = search(c, seed);
        RecourseResult exact = s.find(c.x());
        RecourseResult agn = s.findModelAgnostic(c.x());
        if (agn.status() == RecourseResult.Status.FOUND) {
            assertTrue(agn.counterfactuals().get(0).cost() >= exact.counterfactuals().get(0).cost() - 1e-9);
        }
    }
}
