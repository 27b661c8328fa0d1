package dev.fairway.fairness.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties of group exposure over random lists (seed in the display name). */
class ExposureTablePropertiesTest {
    private static final BrowsingModel[] MODELS = {BrowsingModel.log2(), BrowsingModel.rbp(0.8), BrowsingModel.gerr(0.7, 0.5)};

    static Stream<Long> seeds() {
        return IntStream.range(0, 25).mapToObj(i -> 9000L + i);
    }

    static List<List<String>> lists(SplittableRandom r, int count) {
        List<List<String>> out = new ArrayList<>();
        int groups = 1 + r.nextInt(5);
        for (int l = 0; l < count; l++) {
            int n = 1 + r.nextInt(30);
            List<String> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add("g" + r.nextInt(groups));
            }
            out.add(list);
        }
        return out;
    }

    static double[] relevance(SplittableRandom r, int n) {
        double[] rel = new double[n];
        for (int i = 0; i < n; i++) {
            rel[i] = r.nextInt(4);
        }
        return rel;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergeOfAnySplitEqualsOnePass(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BrowsingModel model = MODELS[r.nextInt(MODELS.length)];
        List<List<String>> lists = lists(r, 1 + r.nextInt(200));
        List<double[]> rel = new ArrayList<>();
        for (List<String> l : lists) {
            rel.add(relevance(r, l.size()));
        }
        ExposureTable one = ExposureTable.empty();
        for (int i = 0; i < lists.size(); i++) {
            one.record(lists.get(i), model, rel.get(i));
        }
        // shuffle the lists, cut them into random chunks, merge the chunks in random order
        List<Integer> order = new ArrayList<>(IntStream.range(0, lists.size()).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        List<ExposureTable> parts = new ArrayList<>();
        ExposureTable cur = ExposureTable.empty();
        for (int i : order) {
            cur.record(lists.get(i), model, rel.get(i));
            if (r.nextInt(10) == 0) {
                parts.add(cur);
                cur = ExposureTable.empty();
            }
        }
        parts.add(cur);
        Collections.shuffle(parts, new Random(seed + 1));
        ExposureTable merged = ExposureTable.empty();
        for (ExposureTable p : parts) {
            merged = r.nextBoolean() ? merged.merge(p) : p.merge(merged);
        }
        assertEquals(one, merged);
        for (String g : one.groups()) {
            assertEquals(Double.doubleToLongBits(one.exposure(g)), Double.doubleToLongBits(merged.exposure(g)));
        }
        assertEquals(Double.doubleToLongBits(one.ratio()), Double.doubleToLongBits(merged.ratio()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void renamingGroupsChangesNothingButNames(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BrowsingModel model = MODELS[r.nextInt(2)];
        List<List<String>> lists = lists(r, 1 + r.nextInt(50));
        ExposureTable a = ExposureTable.empty();
        ExposureTable b = ExposureTable.empty();
        for (List<String> l : lists) {
            a.record(l, model, null);
            b.record(l.stream().map(g -> "renamed-" + g.hashCode() * 31).toList(), model, null);
        }
        for (String g : a.groups()) {
            String h = "renamed-" + g.hashCode() * 31;
            assertEquals(a.exposure(g), b.exposure(h), 0);
            assertEquals(a.items(g), b.items(h));
        }
        assertEquals(Double.doubleToLongBits(a.ratio()), Double.doubleToLongBits(b.ratio()));
        assertEquals(a.undefinedReason() == null, b.undefinedReason() == null);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void movingAnItemUpRaisesItsGroupsExposure(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BrowsingModel model = MODELS[r.nextInt(2)];
        int n = 2 + r.nextInt(30);
        List<String> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(r.nextBoolean() ? "x" : "y");
        }
        int pos = 1 + r.nextInt(n - 1);
        // make the item at pos belong to x and the one above to y, then swap them
        list.set(pos, "x");
        list.set(pos - 1, "y");
        ExposureTable before = ExposureTable.empty();
        before.record(list, model, null);
        List<String> moved = new ArrayList<>(list);
        Collections.swap(moved, pos, pos - 1);
        ExposureTable after = ExposureTable.empty();
        after.record(moved, model, null);
        assertTrue(after.exposure("x") > before.exposure("x"), "x rises");
        assertTrue(after.exposure("y") < before.exposure("y"), "y falls");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void oneGroupIsAlwaysUndefined(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ExposureTable t = ExposureTable.empty();
        for (int l = 0; l < 1 + r.nextInt(20); l++) {
            t.record(Collections.nCopies(1 + r.nextInt(20), "only"), MODELS[r.nextInt(2)], null);
        }
        Assertions.assertTrue(Double.isNaN(t.ratio()));
        Assertions.assertNotNull(t.undefinedReason());
    }
}
