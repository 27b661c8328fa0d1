package dev.fairway.fairness.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.ranking.PrefixFairness.Measure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * rND, rKL and rRD against DataResponsibly/FairRank's own functions run on hand-written and seeded
 * rankings (src/test/resources/ranking/fairrank_oracle.csv, float64, 1e-12), the normaliser against
 * brute force over every arrangement, hand-counted cases and seeded properties.
 */
class PrefixFairnessTest {

    private static List<String[]> oracle(String kind) throws IOException {
        try (InputStream in = PrefixFairnessTest.class.getResourceAsStream("/ranking/fairrank_oracle.csv")) {
            if (in == null) {
                throw new IllegalStateException("missing ranking/fairrank_oracle.csv");
            }
            List<String[]> rows = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n")) {
                String[] r = l.split(",");
                if (r[0].equals(kind)) {
                    rows.add(r);
                }
            }
            if (rows.isEmpty()) {
                throw new IllegalStateException("no '" + kind + "' rows in fairrank_oracle.csv");
            }
            return rows;
        }
    }

    private static boolean[] flags(String s) {
        boolean[] f = new boolean[s.length()];
        for (int i = 0; i < f.length; i++) {
            f[i] = s.charAt(i) == '1';
        }
        return f;
    }

    private static boolean[] protectedLast(int n, int p) {
        boolean[] f = new boolean[n];
        for (int i = n - p; i < n; i++) {
            f[i] = true;
        }
        return f;
    }

    /** Whether some cut's top-i holds no protected item or only protected items. */
    private static boolean[] extremes(boolean[] f, int step) {
        boolean none = false;
        boolean all = false;
        int x = 0;
        for (int i = 1; i <= f.length; i++) {
            x += f[i - 1] ? 1 : 0;
            if (i % step == 0) {
                none |= x == 0;
                all |= x == i;
            }
        }
        return new boolean[] {none, all};
    }

    static Stream<Arguments> rankings() throws IOException {
        return oracle("ranking").stream().map(r -> Arguments.of(r[1], r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rankings")
    void unnormalisedSumsMatchFairRank(String name, String[] row) {
        int step = Integer.parseInt(row[2]);
        boolean[] f = flags(row[3]);
        int n = f.length;
        assertEquals(Double.parseDouble(row[4]), PrefixFairness.unnormalized(Measure.RND, f, n, step, n), 1e-12);
        boolean[] ext = extremes(f, step);
        double rkl = PrefixFairness.unnormalized(Measure.RKL, f, n, step, n);
        if (!ext[0] && !ext[1]) {
            assertEquals(Double.parseDouble(row[5]), rkl, 1e-12);
        } else {
            // FairRank replaces a top-i share of 0 or 1 by 0.001 (measures.calculaterKL); pinned as a difference
            assertTrue(Math.abs(Double.parseDouble(row[5]) - rkl) > 1e-4, name + ": " + rkl);
        }
        double rrd = PrefixFairness.unnormalized(Measure.RRD, f, n, step, n);
        if (!ext[1]) {
            assertEquals(Double.parseDouble(row[6]), rrd, 1e-12);
        } else {
            // FairRank sets the ratio of an all-protected top-i to 0 (the largest term); Fairway: undefined
            assertTrue(Double.isNaN(rrd), name);
        }
    }

    @Test
    void theOracleCoversTheQuirks() throws IOException {
        long extremeKl = oracle("ranking").stream().filter(r -> {
            boolean[] e = extremes(flags(r[3]), Integer.parseInt(r[2]));
            return e[0] || e[1];
        }).count();
        long allProtected = oracle("ranking").stream()
                .filter(r -> extremes(flags(r[3]), Integer.parseInt(r[2]))[1]).count();
        assertTrue(extremeKl >= 2 && extremeKl < oracle("ranking").size(), "extreme rows " + extremeKl);
        assertTrue(allProtected >= 1, "all-protected rows " + allProtected);
    }

    static Stream<Arguments> normalizers() throws IOException {
        return oracle("normalizer").stream().map(r -> Arguments.of(r[1] + "/" + r[2] + " " + r[3] + " seed " + r[4], r));
    }

    /**
     * FairRank's normaliser is max(mean over 10 rankings at fairness probability 0, mean over 10 at
     * 0.98 (rRD: 0.5)). The probability-0 ranking is deterministic (protected last): its value is
     * ours to 1e-12 for rND and rRD; the exact maximum is never below the reference's normaliser for
     * rND, and for rRD it is the protected-last value, which is the reference's normaliser.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("normalizers")
    void normaliserAgainstFairRank(String name, String[] row) {
        int n = Integer.parseInt(row[1]);
        int p = Integer.parseInt(row[2]);
        double zRef = Double.parseDouble(row[5]);
        double fp0 = Double.parseDouble(row[6]);
        boolean[] last = protectedLast(n, p);
        switch (row[3]) {
            case "rND" -> {
                assertEquals(fp0, PrefixFairness.unnormalized(Measure.RND, last, n, 10, n), 1e-12);
                assertTrue(PrefixFairness.normalizer(Measure.RND, n, p, 10, n) >= zRef - 1e-12);
            }
            case "rRD" -> {
                assertEquals(fp0, PrefixFairness.unnormalized(Measure.RRD, last, n, 10, n), 1e-12);
                assertEquals(zRef, PrefixFairness.normalizer(Measure.RRD, n, p, 10, n), 1e-12);
            }
            default -> assertTrue(PrefixFairness.normalizer(Measure.RKL, n, p, 10, n)
                    >= PrefixFairness.unnormalized(Measure.RKL, last, n, 10, n));
        }
    }

    static Stream<Arguments> brutes() throws IOException {
        return oracle("brute").stream().map(r -> Arguments.of(r[1] + "/" + r[2] + " step " + r[3] + " " + r[4], r));
    }

    /** FairRank's own functions maximised over every arrangement (itertools.combinations). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("brutes")
    void normaliserIsFairRanksMaximumOverAllArrangements(String name, String[] row) {
        int n = Integer.parseInt(row[1]);
        int p = Integer.parseInt(row[2]);
        int step = Integer.parseInt(row[3]);
        Measure m = row[4].equals("rND") ? Measure.RND : Measure.RRD;
        assertEquals(Double.parseDouble(row[5]), PrefixFairness.normalizer(m, n, p, step, n), 1e-12);
    }

    /** The reference's sampled normaliser is below the maximum, so its normalised rND can exceed 1. */
    @Test
    void fairRankNormalisedValueOvershootsOne() throws IOException {
        boolean overshoot = false;
        for (String[] r : oracle("overshoot")) {
            int n = Integer.parseInt(r[1]);
            int p = Integer.parseInt(r[2]);
            boolean[] first = new boolean[n];
            for (int i = 0; i < p; i++) {
                first[i] = true;
            }
            PrefixFairness.Result ours = PrefixFairness.of(first, n);
            for (Measure m : Measure.values()) {
                double v = ours.value(m);
                assertTrue(Double.isNaN(v) || v >= 0 && v <= 1 + 1e-15, m + " " + v);
            }
            overshoot |= r[3].equals("rND") && Double.parseDouble(r[5]) > 1.03;
        }
        assertTrue(overshoot);
    }

    // brute force over every arrangement, with the definitions written out independently

    private static double bruteTerm(Measure m, int x, int i, int n, int p) {
        double share = (double) x / i;
        double q = (double) p / n;
        double v;
        if (m == Measure.RND) {
            v = Math.abs(share - q);
        } else if (m == Measure.RKL) {
            v = 0;
            if (x > 0) {
                v += share * Math.log(share / q);
            }
            if (x < i) {
                v += (1 - share) * Math.log((1 - share) / (1 - q));
            }
            v /= Math.log(2);
        } else {
            v = Math.max(0, (double) p / (n - p) - (double) x / (i - x));
        }
        return v * Math.log(2) / Math.log(1 + i);
    }

    /** The sum for one arrangement (bit j of mask = rank j+1 protected), NaN for rRD when undefined. */
    private static double bruteSum(Measure m, int mask, int n, int p, int step, int depth) {
        double s = 0;
        int x = 0;
        for (int i = 1; i <= depth; i++) {
            x += (mask >>> (i - 1)) & 1;
            if (i % step == 0) {
                if (m == Measure.RRD && x == i) {
                    return Double.NaN;
                }
                s += bruteTerm(m, x, i, n, p);
            }
        }
        return s;
    }

    static Stream<Arguments> smallPopulations() {
        List<Arguments> a = new ArrayList<>();
        for (int n = 2; n <= 13; n++) {
            for (int p = 1; p < n; p++) {
                a.add(Arguments.of(n, p));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "N={0} P={1}")
    @MethodSource("smallPopulations")
    void normaliserIsTheMaximumOverEveryArrangement(int n, int p) {
        for (int step = 1; step <= 4; step++) {
            for (int depth = step; depth <= n; depth += 3) {
                for (Measure m : Measure.values()) {
                    double max = 0;
                    for (int mask = 0; mask < (1 << n); mask++) {
                        if (Integer.bitCount(mask) != p) {
                            continue;
                        }
                        boolean[] f = new boolean[n];
                        for (int i = 0; i < n; i++) {
                            f[i] = ((mask >>> i) & 1) == 1;
                        }
                        double b = bruteSum(m, mask, n, p, step, depth);
                        double ours = PrefixFairness.unnormalized(m, f, n, step, depth);
                        if (Double.isNaN(b)) {
                            assertTrue(Double.isNaN(ours));
                            continue;
                        }
                        assertEquals(b, ours, 1e-12);
                        max = Math.max(max, b);
                    }
                    String at = "N=" + n + " P=" + p + " step " + step + " depth " + depth + " " + m;
                    assertEquals(max, PrefixFairness.normalizer(m, n, p, step, depth), 1e-12, at);
                }
            }
        }
    }

    // hand-counted

    @Test
    void handCountedTwentyItemsFiveProtected() {
        // protected at ranks 1, 2, 15, 16, 17: x(10) = 2, x(20) = 5; q = 1/4, R = 1/3
        boolean[] f = new boolean[20];
        for (int r : new int[] {1, 2, 15, 16, 17}) {
            f[r - 1] = true;
        }
        PrefixFairness.Result res = PrefixFairness.of(f, 20);
        // cut 20 scores 0 for every arrangement; cut 10 decides: Z at x(10) = 0 for all three
        assertEquals(0.05 / 0.25, res.rnd(), 1e-12);
        double klAt2 = 0.2 * Math.log(0.2 / 0.25) / Math.log(2) + 0.8 * Math.log(0.8 / 0.75) / Math.log(2);
        assertEquals(klAt2 / (Math.log(4.0 / 3) / Math.log(2)), res.rkl(), 1e-12);
        assertEquals((1.0 / 3 - 2.0 / 8) / (1.0 / 3), res.rrd(), 1e-12);
        assertNull(res.undefinedReason());
        assertNull(res.rrdUndefinedReason());
        assertEquals(5, res.protectedCount());
        assertArrayEquals(new double[] {1, 1, 2.0 / 3, 0.5, 0.4}, java.util.Arrays.copyOf(
                PrefixFairness.protectedShare(f, 20, 20), 5), 0);
        assertEquals(5.0 / 20, PrefixFairness.protectedShare(f, 20, 20)[19], 0);
    }

    @Test
    void allProtectedTopTenIsWorstForRndAndRklAndUndefinedForRrd() {
        boolean[] f = new boolean[20];
        for (int i = 0; i < 10; i++) {
            f[i] = true;
        }
        PrefixFairness.Result res = PrefixFairness.of(f, 20);
        // x(10) = 10 of q = 1/2: |1 - 1/2| is the largest deviation at cut 10; KL(1 || 1/2) = 1 bit
        assertEquals(1, res.rnd(), 1e-12);
        assertEquals(1, res.rkl(), 1e-12);
        assertEquals(1 / (Math.log(11) / Math.log(2)), PrefixFairness.unnormalized(Measure.RKL, f, 20, 10, 20), 1e-15);
        assertTrue(Double.isNaN(res.rrd()));
        assertNotNull(res.rrdUndefinedReason());
        assertTrue(res.rrdUndefinedReason().contains("top-10"), res.rrdUndefinedReason());
    }

    @Test
    void undefinedCasesGiveNanWithAReason() {
        boolean[] none = new boolean[30];
        boolean[] all = new boolean[30];
        java.util.Arrays.fill(all, true);
        boolean[] mixed = new boolean[30];
        mixed[3] = true;
        mixed[12] = true;
        for (PrefixFairness.Result r : new PrefixFairness.Result[] {PrefixFairness.of(none, 30),
            PrefixFairness.of(all, 30), PrefixFairness.of(mixed, 30, 10, 9), PrefixFairness.of(mixed, 10)}) {
            assertTrue(Double.isNaN(r.rnd()) && Double.isNaN(r.rkl()) && Double.isNaN(r.rrd()), r.toString());
            assertNotNull(r.undefinedReason());
            assertNotNull(r.rrdUndefinedReason());
        }
        assertTrue(PrefixFairness.of(none, 30).undefinedReason().contains("no protected"));
        assertTrue(PrefixFairness.of(all, 30).undefinedReason().contains("every item"));
        assertTrue(PrefixFairness.of(mixed, 30, 10, 9).undefinedReason().contains("no cut point"));
        // the only cut is the whole list, where every arrangement has x = P
        assertTrue(PrefixFairness.of(mixed, 10).undefinedReason().contains("normaliser 0"));
        assertThrows(IllegalArgumentException.class, () -> PrefixFairness.of(mixed, 30, 0, 30));
        assertThrows(IllegalArgumentException.class, () -> PrefixFairness.of(mixed, 30, 10, 31));
        assertThrows(IllegalArgumentException.class, () -> PrefixFairness.of(mixed, 31));
        assertThrows(IllegalArgumentException.class, () -> PrefixFairness.normalizer(Measure.RND, 10, 0, 1, 10));
    }

    // seeded properties

    static Stream<Arguments> seeds() {
        return IntStream.range(0, 40).mapToObj(i -> Arguments.of(20261202L + i));
    }

    private static boolean[] random(Random rnd, int n) {
        boolean[] f = new boolean[n];
        int p = 1 + rnd.nextInt(n - 1);
        for (int i = 0; i < p; i++) {
            f[i] = true;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            boolean t = f[i];
            f[i] = f[j];
            f[j] = t;
        }
        return f;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void populationShareAtEveryCutScoresZero(long seed) {
        Random rnd = new Random(seed);
        int step = 2 + rnd.nextInt(12);
        int perBlock = 1 + rnd.nextInt(step - 1);
        int blocks = 2 + rnd.nextInt(30);
        int n = step * blocks;
        boolean[] f = new boolean[n];
        for (int b = 0; b < blocks; b++) {
            List<Integer> pos = new ArrayList<>();
            for (int i = 0; i < step; i++) {
                pos.add(b * step + i);
            }
            java.util.Collections.shuffle(pos, rnd);
            for (int i = 0; i < perBlock; i++) {
                f[pos.get(i)] = true;
            }
        }
        PrefixFairness.Result r = PrefixFairness.of(f, n, step, n);
        assertEquals(0, r.rnd(), 1e-15);
        assertEquals(0, r.rkl(), 1e-15);
        assertEquals(0, r.rrd(), 1e-15);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void valuesLieInTheUnitInterval(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(300);
        boolean[] f = random(rnd, n);
        int step = 1 + rnd.nextInt(15);
        int depth = 1 + rnd.nextInt(n);
        PrefixFairness.Result r = PrefixFairness.of(f, n, step, depth);
        for (Measure m : Measure.values()) {
            double v = r.value(m);
            if (Double.isNaN(v)) {
                assertNotNull(r.undefinedReason(m));
            } else {
                assertTrue(v >= 0 && v <= 1 + 1e-12, m + " = " + v);
                assertNull(r.undefinedReason(m));
            }
        }
    }

    /** |s − q| and KL(s ‖ (q)) depend on the split only, so swapping the two groups keeps rND and rKL. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void rndAndRklAreSymmetricInTheTwoGroups(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(200);
        boolean[] f = random(rnd, n);
        boolean[] g = new boolean[n];
        for (int i = 0; i < n; i++) {
            g[i] = !f[i];
        }
        int step = 1 + rnd.nextInt(12);
        PrefixFairness.Result a = PrefixFairness.of(f, n, step, n);
        PrefixFairness.Result b = PrefixFairness.of(g, n, step, n);
        assertEquals(a.rnd(), b.rnd(), 1e-12);
        assertEquals(a.rkl(), b.rkl(), 1e-12);
    }

    /**
     * Swapping an unprotected item at rank j with the protected item at rank j+1 changes only x(j),
     * by +1: rRD never rises, and rND and rKL do not rise while the top-j stays at or below the
     * population share (x(j)+1)/j &lt;= q.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void movingAProtectedItemUpHelpsWhileUnderRepresented(long seed) {
        Random rnd = new Random(seed);
        int n = 12 + rnd.nextInt(200);
        // 3..n/2 protected items, all in the bottom two thirds: the swap that lifts the first of
        // them (x = 0 above it, at least n/3 ranks) is always under-represented
        int p = 3 + rnd.nextInt(n / 2 - 2);
        boolean[] f = new boolean[n];
        List<Integer> bottom = new ArrayList<>();
        for (int i = n / 3; i < n; i++) {
            bottom.add(i);
        }
        java.util.Collections.shuffle(bottom, rnd);
        for (int i = 0; i < p; i++) {
            f[bottom.get(i)] = true;
        }
        int step = 1 + rnd.nextInt(10);
        double q = (double) p / n;
        int checked = 0;
        for (int j = 1; j < n; j++) {
            if (f[j - 1] || !f[j]) {
                continue;
            }
            boolean[] g = f.clone();
            g[j - 1] = true;
            g[j] = false;
            PrefixFairness.Result before = PrefixFairness.of(f, n, step, n);
            PrefixFairness.Result after = PrefixFairness.of(g, n, step, n);
            if (!Double.isNaN(before.rrd()) && !Double.isNaN(after.rrd())) {
                assertTrue(after.rrd() <= before.rrd() + 1e-15, "rRD at j=" + j);
            }
            int x = 0;
            for (int i = 0; i < j; i++) {
                x += f[i] ? 1 : 0;
            }
            if ((double) (x + 1) / j <= q && !Double.isNaN(before.rnd())) {
                assertTrue(after.rnd() <= before.rnd() + 1e-15, "rND at j=" + j);
                assertTrue(after.rkl() <= before.rkl() + 1e-15, "rKL at j=" + j);
                checked++;
            }
        }
        assertTrue(checked > 0, "no under-represented swap was checked");
    }
}
