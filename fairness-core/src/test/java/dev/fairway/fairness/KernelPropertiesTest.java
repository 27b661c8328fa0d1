package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the counting kernel over random data from seeded generators: row order,
 * chunking and thread count change nothing; merge is associative and commutative with an
 * identity; unit weights equal unweighted; scaling weights changes no rate; marginals of an
 * intersection equal a direct count.
 */
class KernelPropertiesTest {

    /** Random rows: two sensitive columns, optional weights. Large cases span several blocks. */
    record Rows(int[] y, int[] p, String[] a, Integer[] b, double[] w) {
        int n() {
            return y.length;
        }

        static Rows random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(4) == 0 ? 150_000 + r.nextInt(100_000) : 1 + r.nextInt(3_000);
            int levelsA = 1 + r.nextInt(6);
            int levelsB = 1 + r.nextInt(4);
            double skew = r.nextDouble();
            int[] y = new int[n];
            int[] p = new int[n];
            String[] a = new String[n];
            Integer[] b = new Integer[n];
            double[] w = r.nextBoolean() ? new double[n] : null;
            for (int i = 0; i < n; i++) {
                y[i] = r.nextDouble() < skew ? 1 : 0;
                p[i] = r.nextDouble() < 0.5 ? y[i] : 1 - y[i];
                a[i] = "a" + r.nextInt(levelsA);
                b[i] = r.nextInt(levelsB) * 10;
                if (w != null) {
                    w[i] = r.nextInt(10) == 0 ? 0.0 : r.nextDouble() * 5;
                }
            }
            return new Rows(y, p, a, b, w);
        }

        AuditData data(int from, int to, boolean both, double[] weights) {
            AuditData.Builder builder = AuditData.builder()
                    .labels("y", Arrays.copyOfRange(y, from, to))
                    .predictions("p", Arrays.copyOfRange(p, from, to))
                    .sensitive("a", Arrays.copyOfRange(a, from, to));
            if (both) {
                builder.sensitive("b", Arrays.copyOfRange(b, from, to));
            }
            if (weights != null) {
                builder.weights("w", Arrays.copyOfRange(weights, from, to));
            }
            return builder.build();
        }

        AuditData data() {
            return data(0, n(), true, w);
        }

        Rows permuted(SplittableRandom r) {
            int[] perm = LongStream.range(0, n()).mapToInt(i -> (int) i).toArray();
            for (int i = n() - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            int[] y2 = new int[n()];
            int[] p2 = new int[n()];
            String[] a2 = new String[n()];
            Integer[] b2 = new Integer[n()];
            double[] w2 = w == null ? null : new double[n()];
            for (int i = 0; i < n(); i++) {
                y2[i] = y[perm[i]];
                p2[i] = p[perm[i]];
                a2[i] = a[perm[i]];
                b2[i] = b[perm[i]];
                if (w != null) {
                    w2[i] = w[perm[i]];
                }
            }
            return new Rows(y2, p2, a2, b2, w2);
        }
    }

    static Stream<Arguments> seeds() {
        return new SplittableRandom(20261123L).longs(24).mapToObj(Arguments::of);
    }

    /** Same groups, same counts, same weighted sums rounded to double. */
    static void assertSameTable(ConfusionCounts expected, ConfusionCounts actual, String what) {
        assertEquals(expected.groups().groups(), actual.groups().groups(), what + ": groups");
        for (int g = 0; g < expected.groups().size(); g++) {
            for (Cell c : Cell.values()) {
                assertEquals(expected.count(g, c), actual.count(g, c), what + ": count " + c + " of group " + g);
                assertEquals(expected.weight(g, c), actual.weight(g, c), what + ": weight " + c + " of group " + g);
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void rowOrderChangesNothing(long seed) {
        Rows rows = Rows.random(seed);
        Rows shuffled = rows.permuted(new SplittableRandom(seed + 1));
        assertSameTable(ConfusionCounts.of(rows.data()), ConfusionCounts.of(shuffled.data()), "shuffled");
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void threadCountChangesNothingBitForBit(long seed) {
        AuditData data = Rows.random(seed).data();
        ConfusionCounts single = ConfusionCounts.of(data);
        for (int threads : new int[] {1, 2, 3, 5, 8}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                assertEquals(single, ConfusionCounts.ofParallel(data, pool), "threads=" + threads);
            } finally {
                pool.shutdown();
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void chunkingChangesNothing(long seed) {
        Rows rows = Rows.random(seed);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int chunks = 1 + r.nextInt(5);
        int[] cuts = new int[chunks + 1];
        cuts[chunks] = rows.n();
        for (int k = 1; k < chunks; k++) {
            cuts[k] = r.nextInt(rows.n() + 1);
        }
        Arrays.sort(cuts);
        ConfusionCounts merged = ConfusionCounts.empty(List.of("a", "b"));
        for (int k = 0; k < chunks; k++) {
            if (cuts[k] < cuts[k + 1]) {
                merged = merged.merge(ConfusionCounts.of(rows.data(cuts[k], cuts[k + 1], true, rows.w())));
            }
        }
        assertSameTable(ConfusionCounts.of(rows.data()), merged, "chunks at " + Arrays.toString(cuts));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mergeIsAssociativeAndCommutativeWithIdentity(long seed) {
        Rows rows = Rows.random(seed);
        SplittableRandom r = new SplittableRandom(seed + 7);
        int n = rows.n();
        List<ConfusionCounts> parts = new ArrayList<>();
        int[] cuts = {0, r.nextInt(n + 1), 0, n};
        cuts[2] = cuts[1] + r.nextInt(n - cuts[1] + 1);
        for (int k = 0; k < 3; k++) {
            parts.add(cuts[k] == cuts[k + 1] ? ConfusionCounts.empty(List.of("a", "b"))
                    : ConfusionCounts.of(rows.data(cuts[k], cuts[k + 1], true, rows.w())));
        }
        ConfusionCounts a = parts.get(0);
        ConfusionCounts b = parts.get(1);
        ConfusionCounts c = parts.get(2);
        assertSameTable(a.merge(b).merge(c), a.merge(b.merge(c)), "associativity");
        assertEquals(a.merge(b), b.merge(a), "commutativity");
        assertEquals(a, a.merge(ConfusionCounts.empty(List.of("a", "b"))), "right identity");
        assertEquals(a, ConfusionCounts.empty(List.of("a", "b")).merge(a), "left identity");
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void unitWeightsEqualUnweighted(long seed) {
        Rows rows = Rows.random(seed);
        double[] ones = new double[rows.n()];
        Arrays.fill(ones, 1.0);
        FairnessAudit plain = FairnessAudit.of(rows.data(0, rows.n(), true, null));
        FairnessAudit unit = FairnessAudit.of(rows.data(0, rows.n(), true, ones));
        assertSameTable(plain.counts(), unit.counts(), "unit weights");
        for (Metric m : Metric.values()) {
            assertEquals(plain.overall(m), unit.overall(m), m.name());
            assertEquals(Arrays.toString(plain.byGroup(m)), Arrays.toString(unit.byGroup(m)), m.name());
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void scalingWeightsChangesNoRate(long seed) {
        Rows rows = Rows.random(seed);
        double[] w = rows.w() != null ? rows.w() : new SplittableRandom(seed).doubles(rows.n(), 0.5, 2).toArray();
        double factor = 3.7;
        double[] scaled = Arrays.stream(w).map(x -> x * factor).toArray();
        FairnessAudit base = FairnessAudit.of(rows.data(0, rows.n(), true, w));
        FairnessAudit big = FairnessAudit.of(rows.data(0, rows.n(), true, scaled));
        for (Metric m : Metric.values()) {
            if (m == Metric.COUNT) {
                continue;
            }
            assertClose(base.overall(m), big.overall(m), "overall " + m);
            for (int g = 0; g < base.groups().size(); g++) {
                assertClose(base.value(m, g), big.value(m, g), m + " of group " + g);
            }
        }
        for (int g = 0; g < base.groups().size(); g++) {
            assertClose(base.weight(g) * factor, big.weight(g), "weight of group " + g);
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertEquals(expected, actual, what);
        } else {
            assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void marginalsEqualADirectCount(long seed) {
        Rows rows = Rows.random(seed);
        FairnessAudit intersection = FairnessAudit.of(rows.data());
        ConfusionCounts directA = ConfusionCounts.of(rows.data(0, rows.n(), false, rows.w()));
        assertSameTable(directA, intersection.marginal("a").counts(), "marginal a");
        AuditData.Builder onlyB = AuditData.builder().labels("y", rows.y()).predictions("p", rows.p())
                .sensitive("b", rows.b());
        if (rows.w() != null) {
            onlyB.weights("w", rows.w());
        }
        assertSameTable(ConfusionCounts.of(onlyB.build()), intersection.marginal("b").counts(), "marginal b");
    }
}
