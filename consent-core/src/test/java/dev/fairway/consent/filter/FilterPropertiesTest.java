package dev.fairway.consent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.Coarsening;
import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.FilterReason;
import dev.fairway.consent.Purpose;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.ledger.InMemoryConsentStore;
import dev.fairway.consent.ledger.MutableClock;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterPropertiesTest {
    static final Instant T0 = Instant.parse("2026-02-01T00:00:00Z");
    static final List<String> PURPOSES = List.of("contextual_selection", "profile_building", "profile_selection",
            "measurement", "model_training", "personalised_ads", "sale_sharing", "security_fraud", "explicit_profiling");
    static final ConsentState[] STATES = ConsentState.values();

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 40).mapToObj(s -> Arguments.of(0x5EED0000L + s));
    }

    /** A random catalogue of 1..80 features, each needing 1..3 purposes, with every action. */
    static FeatureCatalogue randomCatalogue(SplittableRandom rnd) {
        int n = 1 + rnd.nextInt(80);
        List<Feature> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (rnd.nextInt(10) == 0) {
                continue; // leave a hole: an unknown position
            }
            List<String> ps = new ArrayList<>();
            int k = 1 + rnd.nextInt(3);
            for (int j = 0; j < k; j++) {
                String p = PURPOSES.get(rnd.nextInt(PURPOSES.size()));
                if (!ps.contains(p)) {
                    ps.add(p);
                }
            }
            DenialAction a;
            switch (rnd.nextInt(3)) {
                case 0:
                    a = new DenialAction.Drop();
                    break;
                case 1:
                    a = new DenialAction.Mask(rnd.nextInt(5));
                    break;
                default:
                    a = new DenialAction.Coarsen(new Coarsening.AgeBand(1 + rnd.nextInt(20)));
            }
            fs.add(new Feature("f" + i, i, ps, List.of(), a));
        }
        if (fs.isEmpty()) {
            fs.add(new Feature("f0", 0, List.of("measurement"), List.of(), new DenialAction.Drop()));
        }
        return FeatureCatalogue.of(fs);
    }

    static FilterPlan randomPlan(SplittableRandom rnd) {
        return FilterPlan.compile(randomCatalogue(rnd), new FilterPolicy(FilterPlanTest.VOCAB, List.of()),
                Jurisdiction.EU);
    }

    /** Records 0..30 random events for subject "s" between T0 and T0 + 1000 s. */
    static ConsentLedger randomLedger(SplittableRandom rnd, MutableClock clock) {
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), FilterPlanTest.VOCAB, clock);
        int events = rnd.nextInt(31);
        for (int i = 0; i < events; i++) {
            Instant t = T0.plusSeconds(rnd.nextInt(1000));
            clock.set(t);
            ConsentState state = STATES[rnd.nextInt(STATES.length)];
            boolean explicit = state == ConsentState.GIVEN && rnd.nextBoolean();
            ConsentEvent e = ConsentEvent.direct("s", PURPOSES.get(rnd.nextInt(PURPOSES.size())), state, explicit, t);
            if (state == ConsentState.GIVEN && rnd.nextInt(4) == 0) {
                e = e.withExpiry(t.plusSeconds(1 + rnd.nextInt(2000)));
            }
            ledger.record(e);
        }
        clock.set(T0.plusSeconds(1000));
        return ledger;
    }

    static double[] randomRow(SplittableRandom rnd, int width) {
        double[] row = new double[width];
        for (int i = 0; i < width; i++) {
            row[i] = 1000 + rnd.nextDouble() * 1000; // never an integer, never NaN: never equal to a mask value
        }
        return row;
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void grantingMoreNeverRemovesAFeature(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FilterPlan plan = randomPlan(rnd);
        double[] in = randomRow(rnd, plan.width());
        double[] small = new double[plan.width()];
        double[] large = new double[plan.width()];
        for (int trial = 0; trial < 50; trial++) {
            long g1 = rnd.nextLong() & plan.allPurposesMask();
            long g2 = g1 | (rnd.nextLong() & plan.allPurposesMask());
            plan.apply(g1, in, small);
            plan.apply(g2, in, large);
            for (int j = 0; j < plan.width(); j++) {
                if (plan.isKept(g1, j)) {
                    assertTrue(plan.isKept(g2, j), "position " + j);
                    assertEquals(in[j], small[j]);
                    assertEquals(in[j], large[j]);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void floatRowsAndColumnarBatchesAgreeWithDoubleRows(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FilterPlan plan = randomPlan(rnd);
        int w = plan.width();
        int rows = 1 + rnd.nextInt(20);
        long[] granted = new long[rows];
        double[][] cols = new double[w][rows];
        double[][] expected = new double[rows][w];
        for (int r = 0; r < rows; r++) {
            granted[r] = rnd.nextLong() & plan.allPurposesMask();
            double[] row = new double[w];
            float[] frow = new float[w];
            for (int j = 0; j < w; j++) {
                frow[j] = (float) (1000 + rnd.nextDouble() * 1000);
                row[j] = frow[j];
                cols[j][r] = row[j];
            }
            plan.apply(granted[r], row, expected[r]);
            float[] fout = new float[w];
            plan.apply(granted[r], frow, fout);
            for (int j = 0; j < w; j++) {
                assertEquals((float) expected[r][j], fout[j], "row " + r + " position " + j);
            }
        }
        plan.applyColumns(granted, cols);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < w; j++) {
                assertEquals(expected[r][j], cols[j][r], "row " + r + " position " + j);
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void withdrawingIsIdempotent(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FilterPlan plan = randomPlan(rnd);
        MutableClock c1 = new MutableClock(T0);
        MutableClock c2 = new MutableClock(T0);
        ConsentLedger once = randomLedger(new SplittableRandom(seed), c1);
        ConsentLedger twice = randomLedger(new SplittableRandom(seed), c2);
        String purpose = PURPOSES.get(rnd.nextInt(PURPOSES.size()));
        Instant t = T0.plusSeconds(1001);
        c1.set(t);
        c2.set(t);
        once.record(ConsentEvent.direct("s", purpose, ConsentState.WITHDRAWN, false, t));
        twice.record(ConsentEvent.direct("s", purpose, ConsentState.WITHDRAWN, false, t));
        twice.record(ConsentEvent.direct("s", purpose, ConsentState.WITHDRAWN, false, t));
        Instant later = t.plusSeconds(rnd.nextInt(100));
        ConsentSnapshot a = once.snapshot("s", later);
        ConsentSnapshot b = twice.snapshot("s", later);
        assertEquals(plan.grantedMask(a, Set.of()), plan.grantedMask(b, Set.of()));
        assertEquals(List.of(plan.featureReasons(plan.purposeReasons(a, Set.of()))),
                List.of(plan.featureReasons(plan.purposeReasons(b, Set.of()))));
        if (FilterPlanTest.VOCAB.purpose(purpose).orElseThrow().consentable()) {
            assertEquals(FilterReason.WITHDRAWN, b.decide(FilterPlanTest.VOCAB.purpose(purpose).orElseThrow()));
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void sameLedgerPlanAndInstantGiveTheSameDecision(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FeatureCatalogue cat = randomCatalogue(rnd);
        FilterPlan p1 = FilterPlan.compile(cat, new FilterPolicy(FilterPlanTest.VOCAB, List.of()), Jurisdiction.EU);
        FilterPlan p2 = FilterPlan.compile(cat, new FilterPolicy(FilterPlanTest.VOCAB, List.of()), Jurisdiction.EU);
        assertEquals(p1.fingerprint(), p2.fingerprint());
        ConsentLedger ledger = randomLedger(rnd, new MutableClock(T0));
        Instant at = T0.plusSeconds(rnd.nextInt(1500));
        Set<RequestMode> modes = rnd.nextBoolean() ? Set.of() : Set.of(RequestMode.NON_PROFILING);
        DecisionRecord r1 = DecisionRecord.of(p1, ledger.snapshot("s", at), modes, FilterPlanTest.PSEUDO);
        DecisionRecord r2 = DecisionRecord.of(p2, ledger.snapshot("s", at), modes, FilterPlanTest.PSEUDO);
        assertEquals(r1, r2);
        double[] in = randomRow(rnd, p1.width());
        double[] o1 = new double[in.length];
        double[] o2 = new double[in.length];
        p1.apply(r1.grantedMask(), in, o1);
        p2.apply(r2.grantedMask(), in, o2);
        assertEquals(List.of(toBoxed(o1)), List.of(toBoxed(o2)));
        assertEquals(AuditReplayer.replay(p1, ledger.snapshot("s", at), r1),
                AuditReplayer.replay(p2, ledger.snapshot("s", at), r2));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void aWithheldValueNeverAppearsInTheOutputOrTheAudit(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FeatureCatalogue cat = randomCatalogue(rnd);
        FilterPlan plan = FilterPlan.compile(cat, new FilterPolicy(FilterPlanTest.VOCAB, List.of()), Jurisdiction.EU);
        ConsentLedger ledger = randomLedger(rnd, new MutableClock(T0));
        ConsentSnapshot snap = ledger.snapshot("s");
        long granted = plan.grantedMask(snap, Set.of());
        double[] in = randomRow(rnd, plan.width());
        double[] out = new double[in.length];
        plan.apply(granted, in, out);
        StringWriter w = new StringWriter();
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.of(w)) {
            sink.write(DecisionRecord.of(plan, snap, Set.of(), FilterPlanTest.PSEUDO));
        }
        String audit = w.toString();
        for (int j = 0; j < plan.width(); j++) {
            String name = plan.featureName(j);
            DenialAction a = name == null ? new DenialAction.Drop() : cat.feature(name).orElseThrow().onDenial();
            if (!plan.isKept(granted, j) && !(a instanceof DenialAction.Coarsen)) {
                for (int k = 0; k < out.length; k++) {
                    assertNotEquals(in[j], out[k], "withheld position " + j + " leaked to " + k);
                }
                assertFalse(audit.contains(Double.toString(in[j])), audit);
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void expiryBoundaryIsExact(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Instant given = T0.plusNanos(rnd.nextLong(1_000_000_000_000L));
        Instant expiry = given.plusNanos(1 + rnd.nextLong(1_000_000_000_000L));
        MutableClock clock = new MutableClock(given);
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), FilterPlanTest.VOCAB, clock);
        ledger.record(ConsentEvent.direct("s", "sale_sharing", ConsentState.GIVEN, false, given).withExpiry(expiry));
        assertEquals(FilterReason.GRANTED, ledger.snapshot("s", expiry.minusNanos(1)).decide(Purpose.SALE_SHARING));
        assertEquals(FilterReason.EXPIRED, ledger.snapshot("s", expiry).decide(Purpose.SALE_SHARING));
        // maximum consent age: measurement keeps a consent 395 days
        ledger.record(ConsentEvent.direct("s", "measurement", ConsentState.GIVEN, false, given));
        Instant limit = given.plus(Duration.ofDays(395));
        assertEquals(FilterReason.GRANTED, ledger.snapshot("s", limit.minusNanos(1)).decide(Purpose.MEASUREMENT));
        assertEquals(FilterReason.EXPIRED, ledger.snapshot("s", limit).decide(Purpose.MEASUREMENT));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void nonProfilingModeIsAtLeastAsStrict(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        FilterPlan plan = randomPlan(rnd);
        ConsentSnapshot snap = randomLedger(rnd, new MutableClock(T0)).snapshot("s");
        long normal = plan.grantedMask(snap, Set.of());
        long nonProfiling = plan.grantedMask(snap, Set.of(RequestMode.NON_PROFILING));
        assertEquals(nonProfiling, nonProfiling & normal);
        for (int j = 0; j < plan.width(); j++) {
            if (plan.isKept(nonProfiling, j)) {
                assertTrue(plan.isKept(normal, j));
            }
        }
    }

    private static Double[] toBoxed(double[] a) {
        Double[] b = new Double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }
}
