package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.Model;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.ExposureTable;
import dev.fairway.fairness.ranking.FairMode;
import dev.fairway.fairness.ranking.FairRanking;
import dev.fairway.fairness.ranking.FairTable;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.LiveExposure;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Ranked slates through the guard: ordering, consent, FA*IR, exposure per window, routes and threads. */
class GuardRankTest {
    static final double L3 = Math.log(2) / Math.log(3); // 1 / log2(3), the log2 weight of rank 2
    static final double L5 = Math.log(2) / Math.log(5); // 1 / log2(5), rank 4

    /** Scores every row by one feature (optionally negated) and keeps every row it saw. */
    static final class Batch implements Model {
        final int feature;
        final double sign;
        final List<double[]> seen = Collections.synchronizedList(new ArrayList<>());
        final boolean keep;

        Batch(int feature, double sign, boolean keep) {
            this.feature = feature;
            this.sign = sign;
            this.keep = keep;
        }

        @Override
        public int features() {
            return 4;
        }

        @Override
        public void predict(double[] rowMajor, int rows, double[] out) {
            for (int r = 0; r < rows; r++) {
                out[r] = sign * rowMajor[r * 4 + feature];
                if (keep) {
                    seen.add(java.util.Arrays.copyOfRange(rowMajor, r * 4, r * 4 + 4));
                }
            }
        }
    }

    /** Rows whose feature 3 (tenure, kept when contextual_selection is granted) holds the score. */
    static double[] rows(double... scores) {
        double[] rows = new double[4 * scores.length];
        for (int c = 0; c < scores.length; c++) {
            rows[4 * c] = 50;
            rows[4 * c + 3] = scores[c];
        }
        return rows;
    }

    static Guard.Builder builder(LiveExposure exposure, Model model) {
        return Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", model)
                .dropDefault("income", 0).ranking(exposure, BrowsingModel.log2());
    }

    static void consent(Guard guard, String subject) {
        guard.consent(subject, GuardTest.snapshot(subject, "contextual_selection", "measurement", "profile_selection",
                "profile_building"), EnumSet.noneOf(RequestMode.class));
    }

    @Test
    void exposureAfterAFewSlatesIsTheHandComputedMean() {
        LiveExposure exposure = LiveExposure.builder(List.of("a", "b")).build();
        Guard guard = builder(exposure, new Batch(3, 1, false)).build();
        consent(guard, "u");
        // slate 1: scores 0.9 (a), 0.5 (b), 0.7 (a) -> a, a, b
        RankedSlate s1 = guard.rank("u", rows(0.9, 0.5, 0.7), new int[] {0, 1, 0}, 3);
        assertArrayEquals(new int[] {0, 2, 1}, s1.candidates());
        assertEquals(0.7, s1.score(1), 0);
        assertFalse(s1.reranked());
        assertEquals(0, s1.moved().length);
        assertNull(s1.fairTest());
        assertEquals(DecisionLog.Route.PRIMARY, s1.route());
        // slate 2: scores 0.1 (b), 0.8 (b), 0.3 (a), 0.2 (a) -> b, a, a, b
        RankedSlate s2 = guard.rank("u", rows(0.1, 0.8, 0.3, 0.2), new int[] {1, 1, 0, 0}, 4);
        assertArrayEquals(new int[] {1, 2, 3, 0}, s2.candidates());
        assertEquals(1, s2.id());
        ExposureTable t = exposure.snapshot();
        assertEquals(2, t.lists());
        assertEquals(4, t.items("a"));
        assertEquals(3, t.items("b"));
        // a: slate 1 (1 + 1/log2 3)/2, slate 2 (1/log2 3 + 1/2)/2; b: slate 1 1/2, slate 2 (1 + 1/log2 5)/2
        double a = ((1 + L3) / 2 + (L3 + 0.5) / 2) / 2;
        double b = (0.5 + (1 + L5) / 2) / 2;
        assertEquals(a, t.exposure("a"), 1e-15);
        assertEquals(b, t.exposure("b"), 1e-15);
        assertEquals(Math.min(a, b) / Math.max(a, b), t.ratio(), 1e-15);
        assertEquals(Math.abs(a - b), t.difference(), 1e-15);
        // a slate length of 2 records only the two positions shown
        LiveExposure two = LiveExposure.builder(List.of("a", "b")).build();
        Guard cut = builder(two, new Batch(3, 1, false)).slateLength(2).build();
        consent(cut, "u");
        RankedSlate s3 = cut.rank("u", rows(0.9, 0.5, 0.7), new int[] {0, 1, 0}, 3);
        assertArrayEquals(new int[] {0, 2}, s3.candidates());
        ExposureTable only = two.snapshot();
        assertEquals(List.of("a"), only.groups());
        assertEquals((1 + L3) / 2, only.exposure("a"), 1e-15);
        assertTrue(Double.isNaN(only.ratio()));
        assertTrue(only.undefinedReason().contains("only one group"), only.undefinedReason());
    }

    @Test
    void withheldFeaturesNeverReachTheModelInRank() {
        LiveExposure exposure = LiveExposure.builder(List.of("a", "b")).build();
        Batch model = new Batch(3, 1, true);
        Guard guard = builder(exposure, model).dropDefault("income", 42).build();
        // as GuardTest: measurement and contextual_selection given; income dropped -> 42, age -> band 30
        guard.consent("alice", GuardTest.snapshot("alice", "measurement", "contextual_selection"),
                EnumSet.noneOf(RequestMode.class));
        double[] rows = {80, 37, 12345, 7, 95, 44, 54321, 3};
        RankedSlate s = guard.rank("alice", rows, new int[] {0, 1}, 2);
        assertEquals(2, model.seen.size());
        assertArrayEquals(new double[] {42, 30, 12345, 7}, model.seen.get(0));
        assertArrayEquals(new double[] {42, 40, 54321, 3}, model.seen.get(1));
        assertArrayEquals(new double[] {80, 37, 12345, 7, 95, 44, 54321, 3}, rows); // not modified
        assertEquals(2, s.withheldCount());
        assertEquals("income", s.withheld(0));
        assertEquals("age", s.withheld(1));
        // an unknown subject: nothing granted, zip and tenure masked to 0 as well
        model.seen.clear();
        RankedSlate bob = guard.rank("bob", rows, new int[] {0, 1}, 2);
        assertArrayEquals(new double[] {42, 30, 0, 0}, model.seen.get(0));
        assertArrayEquals(new double[] {42, 40, 0, 0}, model.seen.get(1));
        assertEquals(4, bob.withheldCount());
        // tenure masked to 0 for both: a tie, kept in the given order
        assertArrayEquals(new int[] {0, 1}, bob.candidates());
    }

    static List<Long> seeds() {
        return LongStream.range(0, 60).boxed().toList();
    }

    /**
     * The slate meets the table and is FA*IR's choice. Independent check: brute force over every
     * ordered selection of min(n, k) candidates, keeping those whose every prefix holds m(i)
     * protected candidates (the m-table from scipy's binom.ppf, e.g. k=6, p=0.7, alpha=0.3:
     * 0 1 2 2 3 4), and taking the lexicographically best by score rank; when none passes, the slate
     * must fail the test. Also equal to FairRanking.rerank on the same flags.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void fairRerankMeetsTheTableAndIsTheGreedyChoice(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 + rnd.nextInt(7);
        int k = 1 + rnd.nextInt(7);
        double[] ps = {0.5, 0.6, 0.7};
        double[] alphas = {0.1, 0.2, 0.3};
        FairTable table = FairTable.of(k, ps[rnd.nextInt(3)], alphas[rnd.nextInt(3)], FairMode.CORRECT);
        double[] scores = new double[n];
        int[] groups = new int[n];
        for (int c = 0; c < n; c++) {
            scores[c] = rnd.nextInt(1000) / 1000.0; // distinct enough; ties broken by index
            groups[c] = rnd.nextInt(4) == 0 ? 0 : 1; // 0 = protected, rarer
        }
        LiveExposure exposure = LiveExposure.builder(List.of("p", "q")).build();
        Guard guard = builder(exposure, new Batch(3, 1, false)).fairRanking(table, "p").slateLength(k).build();
        consent(guard, "u");
        RankedSlate slate = guard.rank("u", rows(scores), groups, n);
        // the score order, by hand: descending score, ties by index
        Integer[] byScore = new Integer[n];
        for (int c = 0; c < n; c++) {
            byScore[c] = c;
        }
        java.util.Arrays.sort(byScore, (x, y) -> scores[x] != scores[y] ? Double.compare(scores[y], scores[x]) : x - y);
        boolean[] flags = new boolean[n];
        for (int i = 0; i < n; i++) {
            flags[i] = groups[byScore[i]] == 0;
        }
        int len = Math.min(n, k);
        assertEquals(len, slate.size());
        int[] ref = FairRanking.rerank(flags, n, table);
        int[] best = brute(flags, n, len, table);
        int[] positions = new int[len];
        for (int i = 0; i < len; i++) {
            positions[i] = java.util.Arrays.asList(byScore).indexOf(slate.candidate(i));
            assertEquals(byScore[ref[i]], slate.candidate(i), "FairRanking.rerank at " + i);
            assertEquals(i != positions[i], slate.moved(i));
        }
        boolean[] shown = new boolean[len];
        for (int i = 0; i < len; i++) {
            shown[i] = groups[slate.candidate(i)] == 0;
        }
        assertTrue(slate.reranked());
        assertEquals(FairRanking.test(shown, len, table), slate.fairTest());
        if (best == null) {
            assertFalse(slate.fairTest().passed(), "no ranking passes, so the slate cannot");
        } else {
            assertTrue(slate.fairTest().passed());
            assertArrayEquals(best, positions, "the lexicographically best passing selection");
        }
        // the exposure recorded is that of the slate as shown
        ExposureTable t = exposure.snapshot();
        assertEquals(len, t.items("p") + t.items("q"));
    }

    @Test
    void aHandWorkedReRank() {
        // k = 6, p = 0.7, alpha = 0.3: m = 0 1 2 2 3 4 (scipy binom.ppf). Score order q q p q p p.
        // Greedy by hand: 1 free -> q0; 2 needs 1 -> p2; 3 needs 2 -> p4; 4 has 2 -> best head q1;
        // 5 needs 3 -> p5; 6 needs 4 but no protected is left -> q3, and the test fails at 6.
        FairTable table = FairTable.of(6, 0.7, 0.3, FairMode.CORRECT);
        assertArrayEquals(new int[] {0, 1, 2, 2, 3, 4}, table.mtable());
        LiveExposure exposure = LiveExposure.builder(List.of("p", "q")).build();
        Guard guard = builder(exposure, new Batch(3, 1, false)).fairRanking(table, "p").build();
        consent(guard, "u");
        // candidates given in reverse score order: candidate c has score c, so the score order is 5..0
        RankedSlate s = guard.rank("u", rows(0, 1, 2, 3, 4, 5), new int[] {0, 0, 1, 0, 1, 1}, 6);
        assertArrayEquals(new int[] {5, 3, 1, 4, 0, 2}, s.candidates());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, s.moved());
        assertEquals(FairRanking.Result.of(6, false, 6), s.fairTest());
        // p at ranks 2, 3, 5; q at 1, 4, 6 (log2 weights)
        ExposureTable t = exposure.snapshot();
        assertEquals((L3 + 0.5 + Math.log(2) / Math.log(6)) / 3, t.exposure("p"), 1e-15);
        assertEquals((1 + L5 + Math.log(2) / Math.log(7)) / 3, t.exposure("q"), 1e-15);
    }

    /** Lexicographically smallest sequence of score positions of length len passing the table, or null. */
    static int[] brute(boolean[] flags, int n, int len, FairTable table) {
        int[] cur = new int[len];
        boolean[] used = new boolean[n];
        return search(flags, n, len, table, cur, used, 0, 0) ? cur : null;
    }

    private static boolean search(boolean[] flags, int n, int len, FairTable table, int[] cur, boolean[] used, int at,
            int prot) {
        if (at == len) {
            return true;
        }
        for (int c = 0; c < n; c++) { // ascending: the first full sequence found is the smallest
            if (used[c]) {
                continue;
            }
            int p = prot + (flags[c] ? 1 : 0);
            if (p < table.m(at + 1)) {
                continue;
            }
            used[c] = true;
            cur[at] = c;
            if (search(flags, n, len, table, cur, used, at + 1, p)) {
                return true;
            }
            used[c] = false;
        }
        return false;
    }

    @Test
    void exposureRuleTripsAndThePlaybookRoutesSlates() {
        // 1,000 slates per window; the model always shows a, a, b; the fallback shows b first
        LiveExposure exposure = LiveExposure.builder(List.of("a", "b")).windowing(Windowing.tumblingCount(1_000)).build();
        FairnessMonitor monitor = FairnessMonitor.builder().evidence(dev.fairway.guard.monitor.Evidence.INTERVAL)
                .rule(MonitorRule.of("exposure_ratio < 0.8", MonitorState.FALLBACK)).build();
        LiveCounts counts = LiveCounts.builder(GuardTest.GROUPS).build();
        Guard guard = Guard.builder(GuardTest.PLAN, counts).model("v1", new Batch(3, 1, false))
                .fallback("fb", new Batch(3, -1, false)).nonPersonalised("popular", 0).dropDefault("income", 0)
                .monitor(monitor, 1).ranking(exposure, BrowsingModel.log2()).build();
        consent(guard, "u");
        double[] rows = rows(0.9, 0.5, 0.7);
        int[] groups = {0, 1, 0};
        for (int i = 0; i < 1_000; i++) {
            RankedSlate s = guard.rank("u", rows, groups, 3);
            assertEquals(DecisionLog.Route.PRIMARY, s.route());
        }
        assertEquals(MonitorState.OK, monitor.state()); // the window closes with the next slate
        RankedSlate next = guard.rank("u", rows, groups, 3);
        assertEquals(DecisionLog.Route.PRIMARY, next.route()); // routed before its own check
        assertEquals(MonitorState.FALLBACK, monitor.state());
        var alert = monitor.alerts().get(0);
        assertEquals("exposure_ratio < 0.8", alert.rule());
        double a = (1 + L3) / 2;
        double b = 0.5;
        assertEquals(b / a, alert.value(), 1e-12);
        // Hoeffding at alpha/2 per group: half-width sqrt(ln(2 / 0.025) / (2 * 1000))
        double h = Math.sqrt(Math.log(80) / 2_000);
        assertEquals((b - h) / (a + h), alert.lower(), 1e-12);
        assertEquals((b + h) / (a - h), alert.upper(), 1e-12);
        assertEquals(0, alert.windowStart());
        assertEquals(1_000, alert.windowEnd());
        assertNull(alert.counts());
        assertEquals(1_000, alert.exposure().lists());
        assertEquals(1_000, alert.eventIndex());
        // FALLBACK: the fallback model orders the slate (lowest score first here)
        RankedSlate fb = guard.rank("u", rows, groups, 3);
        assertEquals(DecisionLog.Route.FALLBACK, fb.route());
        assertEquals("fb", fb.model());
        assertArrayEquals(new int[] {1, 2, 0}, fb.candidates());
        guard.resume();
        assertEquals(DecisionLog.Route.PRIMARY, guard.rank("u", rows, groups, 3).route());
    }

    @Test
    void pausedKeepsTheGivenOrderAndCallsNoModel() {
        LiveExposure exposure = LiveExposure.builder(List.of("a", "b")).build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("exposure_difference > 0.1", MonitorState.PAUSED)).build();
        Batch model = new Batch(3, 1, true);
        Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", model)
                .nonPersonalised("popular", 0).dropDefault("income", 0).monitor(monitor, 1)
                .ranking(exposure, BrowsingModel.rbp(0.5)).build();
        consent(guard, "u");
        // sequential evidence on the open cumulative window: rbp 0.5, a at rank 1 (1), b at rank 2 (0.5)
        int slates = 0;
        while (monitor.state() == MonitorState.OK && slates < 10_000) {
            guard.rank("u", rows(0.9, 0.1), new int[] {0, 1}, 2);
            slates++;
        }
        assertEquals(MonitorState.PAUSED, monitor.state());
        assertEquals(0.5, monitor.alerts().get(0).value(), 1e-15);
        int calls = model.seen.size();
        RankedSlate p = guard.rank("u", rows(0.1, 0.9, 0.5), new int[] {1, 0, 0}, 3);
        assertEquals(DecisionLog.Route.PAUSED, p.route());
        assertEquals("popular", p.model());
        assertArrayEquals(new int[] {0, 1, 2}, p.candidates());
        assertTrue(Double.isNaN(p.score(0)));
        assertEquals(calls, model.seen.size());
    }

    @Test
    void oneGroupIsUndefinedAndNeverTrips() {
        LiveExposure exposure = LiveExposure.builder(List.of("a", "b")).windowing(Windowing.tumblingCount(10)).build();
        FairnessMonitor monitor = FairnessMonitor.builder().evidence(dev.fairway.guard.monitor.Evidence.INTERVAL)
                .rule(MonitorRule.of("exposure_ratio < 0.99", MonitorState.WARN))
                .rule(MonitorRule.of("exposure_difference > 0", MonitorState.WARN)).build();
        Guard guard = builder(exposure, new Batch(3, 1, false)).nonPersonalised("p", 0).monitor(monitor, 1).build();
        consent(guard, "u");
        for (int i = 0; i < 35; i++) {
            guard.rank("u", rows(0.9, 0.5), new int[] {0, 0}, 2);
        }
        assertEquals(MonitorState.OK, monitor.state());
        var values = monitor.latestValues();
        assertEquals(2, values.size());
        for (var v : values) {
            assertTrue(Double.isNaN(v.value()), v.toString());
            assertFalse(v.tripped());
            assertTrue(v.undefinedReason().contains("only one group appears ('a')"), v.undefinedReason());
            assertEquals(10, v.exposure().lists());
        }
        assertThrows(IllegalStateException.class, () -> Guard.builder(GuardTest.PLAN,
                LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", new Batch(3, 1, false)).dropDefault("income", 0)
                .build().rank("u", rows(1), new int[] {0}, 1));
    }

    @Test
    void badRequestsAreRefusedAndRecordNothing() {
        LiveExposure exposure = LiveExposure.builder(List.of("a", "b")).build();
        Guard guard = builder(exposure, new Batch(3, 1, false)).build();
        assertThrows(IllegalArgumentException.class, () -> guard.rank("u", rows(1, 2), new int[] {0, 2}, 2));
        assertThrows(IllegalArgumentException.class, () -> guard.rank("u", rows(1, 2), new int[] {0, 1}, 3));
        assertThrows(IllegalArgumentException.class, () -> guard.rank("u", rows(1), new int[] {0}, 0));
        assertEquals(0, exposure.snapshot().lists());
        assertThrows(IllegalArgumentException.class, () -> builder(exposure, new Batch(3, 1, false))
                .ranking(exposure, BrowsingModel.gerr(0.5, 0.5)));
        assertThrows(IllegalStateException.class, () -> builder(exposure, new Batch(3, 1, false))
                .fairRanking(FairTable.of(3, 0.5, 0.1, FairMode.CORRECT), "c").build());
    }

    @Test
    void threadsRankingConcurrentlyLoseNoPosition() throws Exception {
        LiveExposure exposure = LiveExposure.builder(List.of("a", "b", "c")).windowing(Windowing.tumblingCount(500))
                .retainWindows(100).build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("exposure_ratio < 0.01", MonitorState.WARN)).build();
        Guard guard = builder(exposure, new Batch(3, 1, false)).nonPersonalised("p", 0).monitor(monitor, 7)
                .fairRanking(FairTable.of(5, 0.3, 0.1, FairMode.CORRECT), "c").slateLength(8).build();
        consent(guard, "u");
        int threads = 4;
        int each = 2_500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = t;
            futures.add(pool.submit(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                long[] items = new long[3];
                for (int i = 0; i < each; i++) {
                    int n = 1 + rnd.nextInt(12);
                    double[] scores = new double[n];
                    int[] groups = new int[n];
                    for (int c = 0; c < n; c++) {
                        scores[c] = rnd.nextDouble();
                        groups[c] = rnd.nextInt(3);
                    }
                    RankedSlate s = guard.rank("u", rows(scores), groups, n);
                    for (int p = 0; p < s.size(); p++) {
                        items[groups[s.candidate(p)]]++;
                    }
                }
                return items;
            }));
        }
        long[] expected = new long[3];
        for (Future<long[]> f : futures) {
            long[] items = f.get();
            for (int g = 0; g < 3; g++) {
                expected[g] += items[g];
            }
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        // 10,000 slates in windows of 500: windows 0..19, all retained
        ExposureTable all = ExposureTable.empty();
        for (long w = 0; w <= exposure.currentWindow(); w++) {
            ExposureTable t = exposure.window(w);
            assertEquals(500, t.lists(), "window " + w);
            all = all.merge(t);
        }
        assertEquals(19, exposure.currentWindow());
        assertEquals(threads * each, all.lists());
        assertEquals(expected[0], all.items("a"));
        assertEquals(expected[1], all.items("b"));
        assertEquals(expected[2], all.items("c"));
    }
}
