package dev.fairway.fairness.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FA*IR tables against the two references' runs (see src/test/resources/ranking/README.md) and
 * fail probabilities against brute force over all 2^k rankings.
 */
class FairTableTest {

    /** One line of a reference file. */
    record Row(String mode, int k, double p, double alpha, double adjustedAlpha, double fail, int[] m) {
        @Override
        public String toString() {
            return mode + " k=" + k + " p=" + p + " alpha=" + alpha;
        }
    }

    static List<Row> rows(String file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = FairTableTest.class.getResourceAsStream("/ranking/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing oracle file ranking/" + file);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.strip().split(",");
                int[] m = java.util.Arrays.stream(f[6].split(" ")).mapToInt(Integer::parseInt).toArray();
                rows.add(new Row(f[0], Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), m));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no rows in ranking/" + file);
        }
        return rows;
    }

    static Stream<Row> javaRows() throws IOException {
        return rows("fairsearch_java.csv").stream();
    }

    static Stream<Row> pythonRows() throws IOException {
        return rows("fairsearch_py.csv").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("javaRows")
    void matchesTheJavaReference(Row r) {
        FairTable t = r.mode().equals("adjusted") ? FairTable.adjusted(r.k(), r.p(), r.alpha(), FairMode.CORRECT)
                : FairTable.of(r.k(), r.p(), r.alpha(), FairMode.CORRECT);
        assertArrayEquals(r.m(), t.mtable());
        assertEquals(r.adjustedAlpha(), t.adjustedAlpha(), 0.0);
        assertEquals(r.fail(), t.failProbability(), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pythonRows")
    void fairsearchPyModeMatchesThePythonPackage(Row r) {
        FairTable t = r.mode().equals("adjusted") ? FairTable.adjusted(r.k(), r.p(), r.alpha(), FairMode.FAIRSEARCH_PY)
                : FairTable.of(r.k(), r.p(), r.alpha(), FairMode.FAIRSEARCH_PY);
        assertArrayEquals(r.m(), t.mtable());
        assertEquals(r.adjustedAlpha(), t.adjustedAlpha(), 0.0);
        assertEquals(r.fail(), t.failProbability(), 1e-12);
    }

    /**
     * Brute force: every one of the 2^k rankings is checked position by position; failing rankings
     * are counted exactly by their number of protected items j, then weighted by p^j (1-p)^(k-j).
     */
    static double bruteForce(int[] m, double p, int positions) {
        int k = m.length;
        long[] failing = new long[k + 1];
        for (int bits = 0; bits < (1 << k); bits++) {
            int seen = 0;
            for (int i = 0; i < positions; i++) {
                seen += (bits >>> i) & 1;
                if (seen < m[i]) {
                    failing[Integer.bitCount(bits)]++;
                    break;
                }
            }
        }
        double fail = 0;
        for (int j = 0; j <= k; j++) {
            fail += failing[j] * Math.pow(p, j) * Math.pow(1 - p, k - j);
        }
        return fail;
    }

    static Stream<Arguments> tables() {
        SplittableRandom rnd = new SplittableRandom(20261202L);
        return IntStream.range(0, 40).mapToObj(c -> {
            int k = 1 + rnd.nextInt(18);
            double p = 0.05 + 0.9 * rnd.nextDouble();
            // a random valid table: steps of 0 or 1, m(i) <= i
            int[] m = new int[k];
            int prev = 0;
            for (int i = 0; i < k; i++) {
                if (prev < i + 1 && rnd.nextDouble() < 0.4) {
                    prev++;
                }
                m[i] = prev;
            }
            return Arguments.of(20261202L + "#" + c, m, p);
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("tables")
    void failProbabilityEqualsBruteForce(String seed, int[] m, double p) {
        assertEquals(bruteForce(m, p, m.length), FairTable.failProbability(m, p, FairMode.CORRECT), 1e-13);
        assertEquals(bruteForce(m, p, m.length - 1), FairTable.failProbability(m, p, FairMode.FAIRSEARCH_PY), 1e-13);
    }

    @Test
    void bruteForceOnTheTablesOfK20() {
        for (double p : new double[] {0.2, 0.5, 0.7}) {
            for (double alpha : new double[] {0.05, 0.1}) {
                FairTable t = FairTable.of(20, p, alpha, FairMode.CORRECT);
                assertEquals(bruteForce(t.mtable(), p, 20), t.failProbability(), 1e-13);
                FairTable a = FairTable.adjusted(20, p, alpha, FairMode.CORRECT);
                assertEquals(bruteForce(a.mtable(), p, 20), a.failProbability(), 1e-13);
            }
        }
    }

    @Test
    void mtableIsTheBinomialQuantile() {
        // m(i) = smallest m with CDF(m; i, p) >= alpha; closed form at i = 1: 0 if 1-p >= alpha else 1
        assertEquals(0, FairTable.of(1, 0.5, 0.1, FairMode.CORRECT).m(1));
        assertEquals(1, FairTable.of(1, 0.95, 0.1, FairMode.CORRECT).m(1));
        // i = 3, p = 0.5: CDF(0) = 1/8, CDF(1) = 1/2; alpha 0.2 -> m = 1, alpha 0.1 -> 0
        assertEquals(1, FairTable.of(3, 0.5, 0.2, FairMode.CORRECT).m(3));
        assertEquals(0, FairTable.of(3, 0.5, 0.1, FairMode.CORRECT).m(3));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> FairTable.of(10, 0, 0.1, FairMode.CORRECT));
        assertThrows(IllegalArgumentException.class, () -> FairTable.of(10, 1, 0.1, FairMode.CORRECT));
        assertThrows(IllegalArgumentException.class, () -> FairTable.of(10, 0.5, 1.5, FairMode.CORRECT));
        assertThrows(IllegalArgumentException.class, () -> FairTable.of(0, 0.5, 0.1, FairMode.CORRECT));
        assertThrows(NullPointerException.class, () -> FairTable.of(10, 0.5, 0.1, null));
        assertThrows(IllegalArgumentException.class, () -> FairTable.failProbability(new int[] {0, 2}, 0.5, FairMode.CORRECT));
    }

    @Test
    void testAndRerank() {
        FairTable t = FairTable.of(10, 0.5, 0.1, FairMode.CORRECT); // 0 0 0 1 1 1 2 2 3 3 (Java reference)
        boolean[] none = new boolean[10];
        FairRanking.Result r = FairRanking.test(none, 10, t);
        assertFalse(r.passed());
        assertEquals(4, r.firstViolation());
        boolean[] flags = {false, false, false, false, false, false, true, true, true, true};
        int[] out = FairRanking.rerank(flags, 10, t);
        // position 4 needs one protected: the best protected (index 6) moves up; 7 needs 2, 9 needs 3
        assertArrayEquals(new int[] {0, 1, 2, 6, 3, 4, 7, 5, 8, 9}, out);
        boolean[] after = new boolean[10];
        for (int i = 0; i < 10; i++) {
            after[i] = flags[out[i]];
        }
        assertTrue(FairRanking.test(after, 10, t).passed());
    }

    static Stream<Arguments> rerankCases() {
        SplittableRandom rnd = new SplittableRandom(7L);
        return IntStream.range(0, 30).mapToObj(c -> Arguments.of(7L + "#" + c, 5 + rnd.nextInt(60), rnd.nextDouble(),
                0.1 + 0.8 * rnd.nextDouble(), rnd.split().nextLong()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("rerankCases")
    void rerankMeetsTheTableWhenEnoughProtectedAndKeepsQueueOrder(String seed, int n, double share, double p, long s) {
        SplittableRandom rnd = new SplittableRandom(s);
        boolean[] flags = new boolean[n];
        int protectedCount = 0;
        for (int i = 0; i < n; i++) {
            flags[i] = rnd.nextDouble() < share;
            protectedCount += flags[i] ? 1 : 0;
        }
        FairTable t = FairTable.of(n, p, 0.1, FairMode.CORRECT);
        int[] out = FairRanking.rerank(flags, n, t);
        boolean[] after = new boolean[n];
        int lastP = -1;
        int lastN = -1;
        for (int i = 0; i < n; i++) {
            after[i] = flags[out[i]];
            if (after[i]) {
                assertTrue(out[i] > lastP, "protected queue order");
                lastP = out[i];
            } else {
                assertTrue(out[i] > lastN, "non-protected queue order");
                lastN = out[i];
            }
        }
        assertEquals(n, IntStream.of(out).distinct().count());
        if (protectedCount >= t.m(n)) {
            assertTrue(FairRanking.test(after, n, t).passed());
        }
        if (FairRanking.test(flags, n, t).passed()) {
            assertArrayEquals(IntStream.range(0, n).toArray(), out, "a fair ranking is left as it is");
        }
    }
}
