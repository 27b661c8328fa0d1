package dev.fairway.consent.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.Coarsening;
import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.FilterReason;
import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.Purpose;
import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.ledger.InMemoryConsentStore;
import dev.fairway.consent.ledger.MutableClock;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterPlanTest {
    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final Purpose EXPLICIT = new Purpose("explicit_profiling", "Profiling on sensitive data",
            LawfulBasis.EXPLICIT_CONSENT, true, false, false, true, null, List.of(), null, null);
    static final Vocabulary VOCAB = Vocabulary.standard().withPurpose(EXPLICIT);
    static final Pseudonymizer PSEUDO = Pseudonymizer.of("0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    static Feature f(String name, int index, DenialAction action, String... purposes) {
        return new Feature(name, index, List.of(purposes), List.of(), action);
    }

    /** Positions: 0 age (coarsen), 1 clicks (mask 0), 2 topic (drop, contextual), 4 religion (explicit); 3 unknown. */
    static FeatureCatalogue catalogue() {
        return FeatureCatalogue.of(List.of(
                f("age", 0, new DenialAction.Coarsen(new Coarsening.AgeBand(10)), "profile_selection"),
                f("clicks", 1, new DenialAction.Mask(0.0), "profile_selection", "profile_building"),
                f("topic", 2, new DenialAction.Drop(), "contextual_selection"),
                new Feature("religion", 4, List.of("explicit_profiling"), List.of("religious_beliefs"),
                        new DenialAction.Drop())));
    }

    static FilterPlan plan() {
        return FilterPlan.compile(catalogue(), new FilterPolicy(VOCAB, List.of()), Jurisdiction.EU);
    }

    @Test
    void appliesEachActionByHand() {
        FilterPlan plan = plan();
        assertEquals(5, plan.width());
        assertEquals(List.of("profile_selection", "profile_building", "contextual_selection", "explicit_profiling"),
                plan.purposeIds());
        double[] in = {37, 12, 5, 99, 1};
        double[] out = new double[5];
        // only contextual_selection (bit 2) granted
        plan.apply(0b0100, in, out);
        assertArrayEquals(new double[] {30, 0, 5, Double.NaN, Double.NaN}, out);
        // everything granted: only the unknown position 3 is dropped
        plan.apply(0b1111, in, out);
        assertArrayEquals(new double[] {37, 12, 5, Double.NaN, 1}, out);
        // profile_selection without profile_building: clicks is masked, age kept
        plan.apply(0b0001, in, out);
        assertArrayEquals(new double[] {37, 0, Double.NaN, Double.NaN, Double.NaN}, out);
        float[] fin = {37, 12, 5, 99, 1};
        float[] fout = new float[5];
        plan.apply(0b0100, fin, fout);
        assertArrayEquals(new float[] {30, 0, 5, Float.NaN, Float.NaN}, fout);
        int[] kept = new int[5];
        assertEquals(1, plan.keptIndices(0b0001, kept));
        assertEquals(0, kept[0]);
        assertEquals(4, plan.keptIndices(0b1111, kept));
        assertArrayEquals(new int[] {0, 1, 2, 4}, java.util.Arrays.copyOf(kept, 4));
        assertEquals(3, plan.cachedMasks());
        // in place
        double[] row = in.clone();
        plan.apply(0b0100, row, row);
        assertArrayEquals(new double[] {30, 0, 5, Double.NaN, Double.NaN}, row);
        assertThrows(IllegalArgumentException.class, () -> plan.apply(0, new double[4], new double[5]));
    }

    @Test
    void everyCoarseningRunsInsideThePlan() {
        FeatureCatalogue c = FeatureCatalogue.of(List.of(
                f("cat", 0, new DenialAction.Coarsen(new Coarsening.TaxonomyParent(Map.of(1101L, 11L, 2201L, 22L))),
                        "profile_selection"),
                f("lat", 1, new DenialAction.Coarsen(new Coarsening.GeoRound(1)), "profile_selection"),
                f("ip", 2, new DenialAction.Coarsen(new Coarsening.IpPrefix(16)), "profile_selection"),
                f("spend", 3, new DenialAction.Coarsen(new Coarsening.Buckets(List.of(0.0, 50.0))), "profile_selection"),
                f("ts", 4, new DenialAction.Coarsen(new Coarsening.TimeTruncate(3600)), "profile_selection")));
        FilterPlan plan = FilterPlan.compile(c, FilterPolicy.serving(), Jurisdiction.EU);
        double[] out = new double[5];
        // 10.0.3.4 = 167773956 -> /16 = 10.0.0.0 = 167772160; 7201 s -> 7200 s
        plan.apply(0, new double[] {2201, 48.86, 167773956, 75, 7201}, out);
        assertArrayEquals(new double[] {22, 48.8, 167772160, 50, 7200}, out, 1e-9);
        plan.apply(0, new double[] {9999, -0.05, -1, -3, 0}, out);
        assertArrayEquals(new double[] {Double.NaN, -0.1, Double.NaN, Double.NaN, 0}, out, 1e-9);
    }

    @Test
    void aCallerCannotGrantTheReservedBit() {
        FilterPlan plan = FilterPlan.compile(catalogue(), new FilterPolicy(VOCAB, List.of("profile_selection")),
                Jurisdiction.EU);
        double[] out = new double[5];
        plan.apply(-1L, new double[] {37, 12, 5, 99, 1}, out);
        // unknown position 3 and the unserved features (topic, religion) stay withheld whatever the mask says
        assertArrayEquals(new double[] {37, 12, Double.NaN, Double.NaN, Double.NaN}, out);
        double[][] cols = {{37}, {12}, {5}, {99}, {1}};
        plan.applyColumns(new long[] {-1L}, cols);
        assertEquals(Double.NaN, cols[3][0]);
        assertEquals(Double.NaN, cols[2][0]);
        assertTrue(!plan.isKept(-1L, 3) && !plan.isKept(-1L, 4));
    }

    @Test
    void theCacheStopsGrowingAtItsLimitAndResultsStayRight() {
        Vocabulary v = Vocabulary.standard();
        List<Feature> fs = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            v = v.withPurpose(new Purpose("p" + i, "P" + i, LawfulBasis.CONSENT, false, false, false, true, null,
                    List.of(), null, null));
            fs.add(f("f" + i, i, new DenialAction.Mask(-1), "p" + i));
        }
        FilterPlan plan = FilterPlan.compile(FeatureCatalogue.of(fs), new FilterPolicy(v, List.of()), Jurisdiction.EU);
        double[] in = new double[13];
        java.util.Arrays.fill(in, 5);
        double[] out = new double[13];
        for (long mask = 0; mask < 5000; mask++) {
            plan.apply(mask, in, out);
            for (int j = 0; j < 13; j++) {
                assertEquals((mask >>> j & 1) == 1 ? 5 : -1, out[j], "mask " + mask + " feature " + j);
            }
        }
        assertEquals(FilterPlan.CACHE_LIMIT, plan.cachedMasks());
    }

    @Test
    void applyIsSafeFromManyThreads() throws Exception {
        FilterPlan plan = plan();
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                fs.add(pool.submit(() -> {
                    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
                    double[] in = new double[5];
                    double[] out = new double[5];
                    for (int i = 0; i < 20_000; i++) {
                        long g = rnd.nextLong() & 0b1111;
                        for (int j = 0; j < 5; j++) {
                            in[j] = 100.5 + rnd.nextInt(1000); // never on an age-band boundary
                        }
                        plan.apply(g, in, out);
                        for (int j = 0; j < 5; j++) {
                            if (plan.isKept(g, j) != (out[j] == in[j])) {
                                throw new AssertionError("mask " + g + " position " + j);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void columnarBatchGivesTheSameRowsAsRowByRow() {
        FilterPlan plan = plan();
        long[] granted = {0b0100, 0b1111, 0b0001};
        double[][] rows = {{37, 12, 5, 99, 1}, {61, 3, 2, 7, 0}, {18, 4, 9, 1, 1}};
        double[][] cols = new double[5][3];
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 5; j++) {
                cols[j][r] = rows[r][j];
            }
        }
        plan.applyColumns(granted, cols);
        for (int r = 0; r < 3; r++) {
            double[] expect = new double[5];
            plan.apply(granted[r], rows[r], expect);
            for (int j = 0; j < 5; j++) {
                assertEquals(expect[j], cols[j][r], "row " + r + " column " + j);
            }
        }
    }

    @Test
    void compileErrorsAreAllReported() {
        FeatureCatalogue bad = FeatureCatalogue.of(List.of(
                f("a", 0, new DenialAction.Drop()),
                f("b", 1, new DenialAction.Drop(), "profile_selection"),
                f("c", 1, new DenialAction.Drop(), "profile_selection"),
                new Feature("d", 2, List.of("profile_selection"), List.of("health"), new DenialAction.Drop()),
                f("e", 3, new DenialAction.Drop(), "no_such_purpose"),
                new Feature("g", 4, List.of("profile_selection"), List.of("no_such_category"), new DenialAction.Drop()),
                f("h", FilterPlan.MAX_WIDTH, new DenialAction.Drop(), "profile_selection")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FilterPlan.compile(bad, new FilterPolicy(VOCAB, List.of()), Jurisdiction.EU));
        String m = e.getMessage();
        assertTrue(m.contains("feature 'a' (index 0): no purpose"), m);
        assertTrue(m.contains("feature 'c' (index 1): duplicate index, also used by 'b'"), m);
        assertTrue(m.contains("feature 'd' (index 2): special-category data needs a purpose on explicit consent"), m);
        assertTrue(m.contains("feature 'e' (index 3): unknown purpose 'no_such_purpose'"), m);
        assertTrue(m.contains("feature 'g' (index 4): unknown data category 'no_such_category'"), m);
        assertTrue(m.contains("feature 'h' (index 1048576): index must be below 1048576"), m);
    }

    @Test
    void theStandardExplicitPurposeLetsASpecialCategoryFeatureCompile() {
        FeatureCatalogue c = FeatureCatalogue.of(List.of(new Feature("health_interest", 0,
                List.of("sensitive_personalisation"), List.of("health"), new DenialAction.Drop())));
        FilterPlan plan = FilterPlan.compile(c, FilterPolicy.serving(), Jurisdiction.EU);
        ConsentSnapshot notExplicit = new ConsentSnapshot("u", T0, 1, Map.of("sensitive_personalisation",
                new ConsentSnapshot.Entry(ConsentState.GIVEN, false, ConsentSource.TCF, 1)), List.of());
        assertEquals(0, plan.grantedMask(notExplicit, Set.of()));
        ConsentSnapshot explicit = new ConsentSnapshot("u", T0, 1, Map.of("sensitive_personalisation",
                new ConsentSnapshot.Entry(ConsentState.GIVEN, true, ConsentSource.DIRECT, 1)), List.of());
        assertEquals(1, plan.grantedMask(explicit, Set.of()));
    }

    @Test
    void usSensitiveDataNeedsConsentOnlyOutsideTheEu() {
        FeatureCatalogue geo = FeatureCatalogue.of(List.of(new Feature("lat", 0, List.of("contextual_selection"),
                List.of("precise_geolocation"), new DenialAction.Coarsen(new Coarsening.GeoRound(1)))));
        FilterPlan.compile(geo, FilterPolicy.serving(), Jurisdiction.EU);
        assertThrows(IllegalArgumentException.class, () -> FilterPlan.compile(geo, FilterPolicy.serving(), Jurisdiction.US));
        assertThrows(IllegalArgumentException.class,
                () -> FilterPlan.compile(geo, FilterPolicy.serving(), Jurisdiction.GLOBAL));
    }

    @Test
    void fairnessAttributesFeedAFairnessPlanAndNeverAModelPlan() {
        FeatureCatalogue c = FeatureCatalogue.of(List.of(
                f("clicks", 0, new DenialAction.Mask(0), "profile_selection"),
                new Feature("ethnicity", 1, List.of("fairness_monitoring"), List.of("racial_ethnic_origin"),
                        new DenialAction.Drop())));
        FilterPlan model = FilterPlan.compile(c, FilterPolicy.serving("profile_selection"), Jurisdiction.EU);
        FilterPlan audit = FilterPlan.compile(c, FilterPolicy.serving("fairness_monitoring"), Jurisdiction.EU);
        ConsentSnapshot s = new ConsentSnapshot("u", T0, 1, Map.of("profile_selection",
                new ConsentSnapshot.Entry(ConsentState.GIVEN, false, ConsentSource.DIRECT, 1)), List.of());
        double[] out = new double[2];
        model.apply(model.grantedMask(s, Set.of()), new double[] {4, 2}, out);
        assertArrayEquals(new double[] {4, Double.NaN}, out);
        audit.apply(audit.grantedMask(s, Set.of()), new double[] {4, 2}, out);
        assertEquals(2, out[1]);
        // no consent at all: the fairness attribute still feeds the audit (legal obligation), not the model
        ConsentSnapshot none = new ConsentSnapshot("u", T0, 0, Map.of(), List.of());
        audit.apply(audit.grantedMask(none, Set.of()), new double[] {4, 2}, out);
        assertEquals(2, out[1]);
        assertNotEquals(model.fingerprint(), audit.fingerprint());
    }

    @Test
    void decisionRecordsReplayToTheSameReasonsAndHoldNoValues() {
        MutableClock clock = new MutableClock(T0);
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), VOCAB, clock);
        ledger.record(ConsentEvent.direct("alice", "profile_selection", ConsentState.GIVEN, false, T0));
        ledger.record(ConsentEvent.direct("alice", "explicit_profiling", ConsentState.GIVEN, false, T0));
        ledger.record(ConsentEvent.direct("alice", "contextual_selection", ConsentState.OBJECTED, false, T0));
        FilterPlan plan = plan();
        ConsentSnapshot snap = ledger.snapshot("alice");
        DecisionRecord rec = DecisionRecord.of(plan, snap, EnumSet.noneOf(RequestMode.class), PSEUDO);
        assertEquals(0b0001, rec.grantedMask());
        assertEquals(0b1110, rec.deniedMask());
        assertEquals(3, rec.ledgerSequence());
        StringWriter w = new StringWriter();
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.of(w)) {
            sink.write(rec);
        }
        String line = w.toString().strip();
        assertTrue(!line.contains("alice"), line);
        DecisionRecord back = JsonLinesAuditSink.read(line);
        assertEquals(rec, back);
        Map<String, FilterReason> reasons = AuditReplayer.replay(plan, ledger.snapshot("alice", back.time()), back);
        assertEquals(Map.of("age", FilterReason.GRANTED, "clicks", FilterReason.NO_RECORD,
                "topic", FilterReason.OBJECTED, "#3", FilterReason.UNKNOWN_FEATURE,
                "religion", FilterReason.SENSITIVE_WITHOUT_EXPLICIT_CONSENT), reasons);
        assertEquals(List.of("age", "clicks", "topic", "#3", "religion"), List.copyOf(reasons.keySet()));
        // a record that does not match the plan or the ledger is refused
        DecisionRecord forged = new DecisionRecord(rec.subject(), rec.time(), rec.planFingerprint(),
                rec.ledgerSequence(), 0b0101, 0b1010, rec.modes());
        assertThrows(IllegalStateException.class, () -> AuditReplayer.replay(plan, snap, forged));
        FilterPlan other = FilterPlan.compile(catalogue(), new FilterPolicy(VOCAB, List.of()), Jurisdiction.US);
        assertThrows(IllegalStateException.class, () -> AuditReplayer.replay(other, snap, rec));
        assertThrows(IllegalStateException.class,
                () -> AuditReplayer.replay(plan, ledger.snapshot("alice", T0.minusSeconds(1)), rec));
    }

    @Test
    void modesNarrowTheGrant() {
        FilterPlan plan = plan();
        Map<String, ConsentSnapshot.Entry> all = Map.of(
                "profile_selection", new ConsentSnapshot.Entry(ConsentState.GIVEN, false, ConsentSource.DIRECT, 1),
                "profile_building", new ConsentSnapshot.Entry(ConsentState.GIVEN, false, ConsentSource.DIRECT, 2),
                "explicit_profiling", new ConsentSnapshot.Entry(ConsentState.GIVEN, true, ConsentSource.DIRECT, 3));
        ConsentSnapshot s = new ConsentSnapshot("u", T0, 3, all, List.of());
        assertEquals(0b1111, plan.grantedMask(s, Set.of()));
        // non-profiling: every profiling purpose goes, contextual selection stays
        assertEquals(0b0100, plan.grantedMask(s, Set.of(RequestMode.NON_PROFILING)));
        // invalid signal: every consentable purpose goes
        assertEquals(0, plan.grantedMask(s, Set.of(RequestMode.INVALID_SIGNAL)));
        FilterReason[] r = plan.purposeReasons(s, Set.of(RequestMode.NON_PROFILING));
        assertArrayEquals(new FilterReason[] {FilterReason.NON_PROFILING_MODE, FilterReason.NON_PROFILING_MODE,
                FilterReason.GRANTED, FilterReason.NON_PROFILING_MODE}, r);
    }
}
