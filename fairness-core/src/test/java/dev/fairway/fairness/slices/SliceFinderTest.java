package dev.fairway.fairness.slices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SliceLine against brute force over every conjunction, on seeded random data and on COMPAS. */
class SliceFinderTest {

    /** One brute-force slice: (feature, level) pairs, size, errors, score. */
    record Brute(int[][] predicates, long size, long errors, double score) {
    }

    /** Every conjunction of up to maxLevel predicates over distinct features, filtered and sorted. */
    static List<Brute> bruteForce(List<SliceFeature> features, boolean[] errors, int maxLevel, int minSupport,
            double alpha, int top) {
        int n = errors.length;
        long total = 0;
        for (boolean e : errors) {
            total += e ? 1 : 0;
        }
        double mean = (double) total / n;
        List<Brute> all = new ArrayList<>();
        int f = features.size();
        for (int mask = 1; mask < 1 << f; mask++) {
            if (Integer.bitCount(mask) > maxLevel) {
                continue;
            }
            int[] fs = new int[Integer.bitCount(mask)];
            for (int i = 0, k = 0; i < f; i++) {
                if ((mask & 1 << i) != 0) {
                    fs[k++] = i;
                }
            }
            int[] lv = new int[fs.length];
            while (true) {
                long size = 0;
                long err = 0;
                for (int r = 0; r < n; r++) {
                    boolean in = true;
                    for (int k = 0; k < fs.length && in; k++) {
                        in = features.get(fs[k]).codesView()[r] == lv[k];
                    }
                    if (in) {
                        size++;
                        err += errors[r] ? 1 : 0;
                    }
                }
                if (size >= minSupport && size > 0) {
                    double score = alpha * (((double) err / size) / mean - 1) - (1 - alpha) * ((double) n / size - 1);
                    if (score > 0) {
                        int[][] p = new int[fs.length][];
                        for (int k = 0; k < fs.length; k++) {
                            p[k] = new int[] {fs[k], lv[k]};
                        }
                        all.add(new Brute(p, size, err, score));
                    }
                }
                int k = fs.length - 1;
                while (k >= 0 && ++lv[k] == features.get(fs[k]).levels().size()) {
                    lv[k--] = 0;
                }
                if (k < 0) {
                    break;
                }
            }
        }
        Comparator<int[][]> byPredicates = (a, b) -> {
            for (int i = 0; i < Math.min(a.length, b.length); i++) {
                int c = Arrays.compare(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.length, b.length);
        };
        all.sort(Comparator.comparingDouble(Brute::score).reversed()
                .thenComparing(Comparator.comparingLong(Brute::size).reversed())
                .thenComparing(Brute::predicates, byPredicates));
        return all.subList(0, Math.min(top, all.size()));
    }

    static Stream<Arguments> seeds() {
        return LongStream.rangeClosed(1, 60).mapToObj(s -> Arguments.of(s));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void equalsBruteForce(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 40 + rnd.nextInt(400);
        int f = 2 + rnd.nextInt(4);
        List<SliceFeature> features = new ArrayList<>();
        double[] bias = new double[n];
        for (int j = 0; j < f; j++) {
            int levels = 2 + rnd.nextInt(5);
            Object[] v = new Object[n];
            int hot = rnd.nextInt(levels);
            for (int i = 0; i < n; i++) {
                int l = rnd.nextInt(levels);
                v[i] = rnd.nextInt(20) == 0 ? null : "v" + l;
                bias[i] += l == hot ? 0.15 : 0;
            }
            features.add(SliceFeature.categorical("f" + j, v));
        }
        boolean[] errors = new boolean[n];
        for (int i = 0; i < n; i++) {
            errors[i] = rnd.nextDouble() < 0.15 + bias[i];
        }
        int maxLevel = 1 + rnd.nextInt(Math.min(3, f));
        int minSupport = 1 + rnd.nextInt(25);
        double alpha = 0.5 + 0.5 * rnd.nextDouble();
        int top = 1 + rnd.nextInt(8);
        SliceReport r = SliceFinder.builder().alpha(alpha).minSupport(minSupport).maxLevel(maxLevel).top(top).build()
                .find(features, errors);
        List<Brute> expected = bruteForce(features, errors, maxLevel, minSupport, alpha, top);
        assertEquals(expected.size(), r.slices().size(), "slices");
        for (int k = 0; k < expected.size(); k++) {
            Brute e = expected.get(k);
            SliceReport.Slice a = r.slices().get(k);
            Map<String, String> p = new LinkedHashMap<>();
            for (int[] fl : e.predicates()) {
                p.put(features.get(fl[0]).name(), features.get(fl[0]).levels().get(fl[1]));
            }
            assertEquals(p, a.predicates(), "rank " + k);
            assertEquals(e.size(), a.size(), "rank " + k);
            assertEquals((double) e.errors() / e.size(), a.error(), 1e-15, "rank " + k);
            assertEquals(e.score(), a.score(), 1e-12, "rank " + k);
        }
    }

    static List<String[]> csv(String name) throws IOException {
        try (InputStream in = SliceFinderTest.class.getResourceAsStream("/slices/" + name)) {
            List<String[]> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                rows.add(line.split(",", -1));
            }
            return rows;
        }
    }

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = SliceFinderTest.class.getResourceAsStream("/slices/" + name)) {
            return JsonMapper.builder().build().readTree(in);
        }
    }

    static void assertCompas(SliceError error, int level, int minSupport, int top, double alpha, String golden)
            throws IOException {
        List<String[]> rows = csv("compas_slices.csv");
        String[] header = rows.get(0);
        int n = rows.size() - 1;
        List<SliceFeature> features = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            Object[] v = new Object[n];
            for (int i = 0; i < n; i++) {
                v[i] = rows.get(i + 1)[c];
            }
            features.add(SliceFeature.categorical(header[c], v));
        }
        boolean[] y = new boolean[n];
        boolean[] p = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = rows.get(i + 1)[6].equals("1");
            p[i] = rows.get(i + 1)[7].equals("1");
        }
        SliceReport r = SliceFinder.builder().maxLevel(level).minSupport(minSupport).top(top).alpha(alpha).build()
                .find(features, error.of(y, p));
        JsonNode g = golden(golden);
        assertEquals(g.get("mean_error").asDouble(), r.meanError(), 1e-15);
        assertEquals(g.get("slices").size(), r.slices().size());
        for (int k = 0; k < r.slices().size(); k++) {
            JsonNode e = g.get("slices").get(k);
            SliceReport.Slice a = r.slices().get(k);
            Map<String, String> pred = new LinkedHashMap<>();
            e.get("predicates").properties().forEach(x -> pred.put(x.getKey(), x.getValue().asString()));
            assertEquals(pred, a.predicates(), "rank " + k);
            assertEquals(e.get("size").asLong(), a.size(), "rank " + k);
            assertEquals(e.get("errors").asDouble() / e.get("size").asDouble(), a.error(), 1e-15);
            assertEquals(e.get("score").asDouble(), a.score(), 1e-12);
        }
    }

    @Test
    void compasMisclassificationLevel3MatchesNumpyBruteForce() throws IOException {
        assertCompas(SliceError.MISCLASSIFICATION, 3, 32, 10, 0.95, "golden_misclassification_l3.json");
    }

    @Test
    void compasFalsePositivesLevel2MatchesNumpyBruteForce() throws IOException {
        assertCompas(SliceError.FALSE_POSITIVE, 2, 50, 5, 0.9, "golden_false_positive_l2.json");
    }

    @Test
    void handCountedSlice() {
        // 8 rows; errors on rows 0, 1, 2 (all a = x, b = p), mean 3/8. Slice a=x,b=p: 3 rows, all errors.
        // score at alpha 1: (1 / (3/8)) - 1 = 5/3; a = x (4 rows, 3 errors): 0.75 / 0.375 - 1 = 1
        SliceFeature a = SliceFeature.categorical("a", new Object[] {"x", "x", "x", "x", "y", "y", "y", "y"});
        SliceFeature b = SliceFeature.categorical("b", new Object[] {"p", "p", "p", "q", "q", "q", "q", "p"});
        boolean[] e = {true, true, true, false, false, false, false, false};
        SliceReport r = SliceFinder.builder().alpha(1).minSupport(1).maxLevel(2).top(3).build().find(List.of(a, b), e);
        assertEquals(Map.of("a", "x", "b", "p"), r.slices().get(0).predicates());
        assertEquals(5.0 / 3, r.slices().get(0).score(), 1e-15);
        // a = x: 1.0; b = p: 4 rows, 3 errors, also 1.0; same size, a comes first
        assertEquals(Map.of("a", "x"), r.slices().get(1).predicates());
        assertEquals(Map.of("b", "p"), r.slices().get(2).predicates());
        assertEquals(1.0, r.slices().get(2).score(), 1e-15);
        assertTrue(r.toJson().contains("\"predicates\""));
    }

    @Test
    void numericFeaturesAreBinnedAtStatedQuantiles() {
        // ten values 1..10, 4 bins: edges at ranks 2, 5, 7 of the sorted values -> 3, 6, 8
        SliceFeature f = SliceFeature.numeric("x", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, Double.NaN}, 4);
        assertEquals(List.of("< 3", "[3, 6)", "[6, 8)", ">= 8"), f.levels());
        assertArrayEquals(new int[] {0, 0, 1, 1, 1, 2, 2, 3, 3, 3, -1}, f.codes());
        assertThrows(IllegalArgumentException.class, () -> SliceFeature.numeric("x", new double[] {1}, 1));
    }
}
