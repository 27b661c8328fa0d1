package dev.fairway.explain.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.Players;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The precomputed path-dependent tables ({@link PathTables}) against the per-row algorithm they
 * replace (still the explainer's fallback, turned on with {@code precompute(false)}), to 1e-12, on
 * seeded random ensembles of trees up to depth 8 with repeated features on paths, missing values,
 * rows on thresholds, several outputs and grouped players.
 */
class FastPathTest {
    static LongStream seeds() {
        return LongStream.range(1, 61);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void fastPathEqualsPerRowAlgorithm(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int m = 3 + rng.nextInt(10);
        int outputs = seed % 5 == 0 ? 3 : 1;
        TreeEnsemble model = RandomTrees.ensemble(rng, m, 1 + rng.nextInt(12), 1 + rng.nextInt(8), Objective.SQUARED_ERROR,
                outputs);
        List<String> names = model.featureNames();
        Players players = Players.of(names);
        if (seed % 3 == 0) {
            Map<String, List<String>> groups = new LinkedHashMap<>();
            groups.put("g01", List.of("x0", "x1"));
            players = Players.grouped(names, groups);
        }
        int output = rng.nextInt(outputs);
        TreeShapExplainer fast = TreeShapExplainer.builder(model).players(players).output(output).precompute(true).build();
        TreeShapExplainer slow = TreeShapExplainer.builder(model).players(players).output(output).precompute(false).build();
        assertTrue(fast.precomputedBytes() > 0, "the fast path is built");
        assertEquals(0, slow.precomputedBytes());
        for (int r = 0; r < 20; r++) {
            double[] x = RandomTrees.row(rng, m, true);
            Attribution a = fast.explain(x, Set.of());
            Attribution b = slow.explain(x, Set.of());
            for (int p = 0; p < players.size(); p++) {
                assertEquals(b.value(p), a.value(p), 1e-12, "row " + r + ", player " + players.names().get(p));
            }
            assertEquals(b.baseValue(), a.baseValue(), 1e-12, "row " + r + ", base value");
            assertEquals(b.prediction(), a.prediction(), 1e-12, "row " + r + ", prediction");
            if (outputs == 1) {
                assertEquals(model.margin(x), a.prediction(), 1e-12, "row " + r + ", margin");
            }
        }
    }
}
