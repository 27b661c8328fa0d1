package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.Model;
import dev.fairway.fairness.live.LiveCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decisions made without personal data are named; bad arguments and non-finite scores are errors the caller sees. */
class GuardEdgeCaseTest {
    static final double[] ROW = {80, 37, 12345, 7};

    /** A model that answers a fixed value (NaN, an infinity) and counts its calls. */
    static final class Constant implements Model {
        final double value;
        int calls;

        Constant(double value) {
            this.value = value;
        }

        @Override
        public int features() {
            return 4;
        }

        @Override
        public void predict(double[] rowMajor, int rows, double[] out) {
            calls++;
            out[0] = value;
        }
    }

    /** Every purpose refused: the plan withholds every feature. */
    static ConsentSnapshot refusedAll(String subject) {
        Map<String, ConsentSnapshot.Entry> entries = new java.util.HashMap<>();
        long seq = 1;
        for (String p : List.of("profile_selection", "profile_building", "measurement", "contextual_selection")) {
            entries.put(p, new ConsentSnapshot.Entry(ConsentState.OBJECTED, false, ConsentSource.DIRECT, seq++));
        }
        return new ConsentSnapshot(subject, Instant.parse("2026-06-01T00:00:00Z"), seq, entries, List.of());
    }

    @Test
    void requestsWithoutPersonalDataGoToTheNonPersonalisedAnswerWhenSoBuilt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.jsonl");
        GuardTest.Recording model = new GuardTest.Recording(0);
        Decision d = new Decision();
        try (DecisionLog log = DecisionLog.builder(file, GuardTest.GROUPS).shutdownHook(false).open()) {
            Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", model)
                    .dropDefault("income", 42).nonPersonalised("default", 0.25).nonPersonalisedWithoutPersonalData()
                    .log(log).build();
            guard.consent("objector", refusedAll("objector"), EnumSet.noneOf(RequestMode.class));
            guard.consent("alice", GuardTest.snapshot("alice", "profile_selection"), EnumSet.noneOf(RequestMode.class));
            model.seen[0] = -1;
            guard.decide("objector", ROW, 0, d);
            assertEquals(-1, model.seen[0], "no model call");
            assertEquals(DecisionLog.Route.NON_PERSONALISED, d.route());
            assertEquals(0.25, d.score());
            assertFalse(d.personalData());
            assertEquals(4, d.withheld().size());
            guard.decide("stranger", ROW, 1, d);
            assertEquals(DecisionLog.Route.NON_PERSONALISED, d.route(), "no consent at all");
            assertEquals(-1, model.seen[0]);
            guard.decide("alice", ROW, 0, d);
            assertEquals(DecisionLog.Route.PRIMARY, d.route());
            assertTrue(d.personalData());
            assertEquals(0.8, d.score(), 1e-12);
        }
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(1).contains("\"route\":\"non_personalised\"") && lines.get(1).contains("\"personal\":0"),
                lines.get(1));
        assertFalse(lines.get(3).contains("\"personal\""), lines.get(3));
        assertEquals(3, DecisionLogReader.forEach(file, dev.fairway.consent.ledger.RecoveryMode.ABSOLUTE_CONSISTENCY,
                e -> { }).decisions());
    }

    @Test
    void withoutTheOptionTheModelAnswersOnStandInsAndTheDecisionSaysNoPersonalData() {
        GuardTest.Recording model = new GuardTest.Recording(0);
        Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", model)
                .dropDefault("income", 42).build();
        guard.consent("objector", refusedAll("objector"), EnumSet.noneOf(RequestMode.class));
        Decision d = new Decision();
        guard.decide("objector", ROW, 0, d);
        assertEquals(DecisionLog.Route.PRIMARY, d.route());
        assertFalse(d.personalData());
        assertArrayEquals(new double[] {42, 30, 0, 0}, model.seen);
        assertThrows(IllegalStateException.class, () -> Guard.builder(GuardTest.PLAN,
                LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", model).dropDefault("income", 42)
                .nonPersonalisedWithoutPersonalData().build(), "the option needs a non-personalised answer");
    }

    @Test
    void badArgumentsAreNamed() {
        Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build())
                .model("v1", new GuardTest.Recording(0)).dropDefault("income", 42).missing("tenure", 3).build();
        guard.consent("alice", GuardTest.snapshot("alice", "profile_selection", "measurement"), EnumSet.noneOf(RequestMode.class));
        Decision d = new Decision();
        assertEquals("subject must not be null",
                assertThrows(IllegalArgumentException.class, () -> guard.decide(null, ROW, 0, d)).getMessage());
        assertEquals("row must not be null",
                assertThrows(IllegalArgumentException.class, () -> guard.decide("alice", null, 0, d)).getMessage());
        assertEquals("into must not be null",
                assertThrows(IllegalArgumentException.class, () -> guard.decide("alice", ROW, 0, null)).getMessage());
        assertEquals("row has 5 values; the consent plan is 4 wide", assertThrows(IllegalArgumentException.class,
                () -> guard.decide("alice", new double[] {1, 2, 3, 4, 5}, 0, d)).getMessage());
        assertEquals("row has 3 values; the consent plan is 4 wide", assertThrows(IllegalArgumentException.class,
                () -> guard.decide("alice", new double[] {1, 2, 3}, 0, d)).getMessage());
        String group = assertThrows(IllegalArgumentException.class, () -> guard.decide("alice", ROW, 2, d)).getMessage();
        assertTrue(group.startsWith("group code 2 is unknown"), group);
        String unknown = assertThrows(IllegalArgumentException.class, () -> guard.group(Map.of("sex", "x"))).getMessage();
        assertTrue(unknown.startsWith("unknown group {sex=x}") && !unknown.contains("in the data"), unknown);
        assertEquals(1, guard.group(Map.of("sex", "m")));
        // a NaN in a consented feature names the caller's feature, not the consent filter
        String nan = assertThrows(IllegalArgumentException.class,
                () -> guard.decide("alice", new double[] {80, 37, Double.NaN, 7}, 0, d)).getMessage();
        assertTrue(nan.contains("feature 'zip'") && nan.contains("NaN") && !nan.contains("consent"), nan);
        // a NaN where a missing-value stand-in is declared: the model sees the stand-in
        GuardTest.Recording seen = new GuardTest.Recording(0);
        Guard withMissing = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", seen)
                .dropDefault("income", 42).missing("zip", 10115).build();
        withMissing.consent("alice", GuardTest.snapshot("alice", "profile_selection", "measurement"),
                EnumSet.noneOf(RequestMode.class));
        withMissing.decide("alice", new double[] {80, 37, Double.NaN, 7}, 0, d);
        assertEquals(10115, seen.seen[2]);
        // a NaN in a withheld, masked feature is never seen by the model: no error
        withMissing.decide("bob", new double[] {80, 37, 12345, Double.NaN}, 0, d);
        assertEquals(0, seen.seen[3]);
        assertEquals("subject must not be null",
                assertThrows(IllegalArgumentException.class, () -> guard.explain(null, ROW)).getMessage());
    }

    @Test
    void aNonFiniteScoreIsAnErrorTheCallerSeesNeverADecision() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            LiveCounts live = LiveCounts.builder(GuardTest.GROUPS).build();
            Constant model = new Constant(bad);
            GuardSinkTest.Keeping sink = new GuardSinkTest.Keeping();
            Guard guard = Guard.builder(GuardTest.PLAN, live).model("v1", model).dropDefault("income", 42).sink(sink)
                    .build();
            Decision d = new Decision();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard.decide("s", ROW, 0, d));
            assertTrue(e.getMessage().contains("'v1'") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
            assertEquals(1, model.calls);
            assertEquals(1, guard.nonFiniteScores());
            assertEquals(0, live.snapshot().decisionCount(), "nothing counted");
            assertTrue(sink.records.isEmpty(), "nothing logged");
        }
    }
}
