package dev.fairway.guard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.Jurisdiction;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.explain.Model;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.Decision;
import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.MonitorReplay;
import dev.fairway.guard.Guard;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replay equals live: a seeded stream whose model turns unfair mid-way is served through a real
 * {@link Guard} with a {@link DecisionLog} and outcomes; the {@link TimelineRecorder} on the guard's
 * monitor gives the live timeline, and {@link MonitorReplay} of the log with the same rules,
 * windowing, evidence, alpha and check interval must give the same transitions (decision index,
 * event index, rule, states, time, value, interval) and the same closed windows.
 */
class MonitorReplayTest {
    static final long T0 = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
    static final int N = 24_000;
    static final int CHANGE = 9_000;

    @TempDir
    Path dir;

    /** Scores income, and from call CHANGE on takes 0.35 off applicants in postcode area 1. */
    static final class Drifting implements Model {
        long calls;

        @Override
        public int features() {
            return 2;
        }

        @Override
        public void predict(double[] rows, int n, double[] out) {
            for (int r = 0; r < n; r++) {
                out[r] = rows[2 * r] - (calls >= CHANGE && rows[2 * r + 1] == 1 ? 0.35 : 0);
                calls++;
            }
        }
    }

    /** The fallback: income alone. */
    static final class IncomeOnly implements Model {
        @Override
        public int features() {
            return 2;
        }

        @Override
        public void predict(double[] rows, int n, double[] out) {
            for (int r = 0; r < n; r++) {
                out[r] = rows[2 * r];
            }
        }
    }

    static Stream<Arguments> streams() {
        return Stream.of(Arguments.of(11L, Evidence.SEQUENTIAL, 1, Windowing.tumblingCount(2_000)),
                Arguments.of(12L, Evidence.INTERVAL, 1, Windowing.tumblingCount(2_000)),
                Arguments.of(13L, Evidence.SEQUENTIAL, 7, Windowing.slidingCount(3_000, 1_000)),
                Arguments.of(14L, Evidence.INTERVAL, 3, Windowing.tumbling(java.time.Duration.ofMinutes(30),
                        java.time.Duration.ZERO)));
    }

    @ParameterizedTest(name = "seed {0}, {1} evidence, check every {2}, {3}")
    @MethodSource("streams")
    void theReplayOfAGuardsLogGivesItsLiveTimeline(long seed, Evidence evidence, int checkEvery, Windowing windowing)
            throws Exception {
        FilterPlan plan = FilterPlan.compile(FeatureCatalogue.of(List.of(
                new Feature("income", 0, List.of("profile_selection"), List.of(), new DenialAction.Mask(0.5)),
                new Feature("postcode_area", 1, List.of("profile_selection"), List.of(), new DenialAction.Mask(0)))),
                FilterPolicy.serving(), Jurisdiction.EU);
        GroupIndex groups = GroupIndex.of(List.of("group"), List.of(List.of("a"), List.of("b")));
        LiveCounts counts = LiveCounts.builder(groups).windowing(windowing).build();
        AtomicLong outcomes = new AtomicLong();
        TimelineRecorder recorder = TimelineRecorder.of(outcomes::get);
        List<MonitorRule> rules = List.of(MonitorRule.of("demographic_parity_difference > 0.02", MonitorState.WARN),
                MonitorRule.of("equal_opportunity_difference > 0.5", MonitorState.WARN).withClearAt(0.4),
                MonitorRule.of("demographic_parity_difference > 0.06", MonitorState.FALLBACK));
        FairnessMonitor.Builder mb = FairnessMonitor.builder().evidence(evidence).alpha(0.05).listener(recorder);
        rules.forEach(mb::rule);
        FairnessMonitor monitor = mb.build();
        Path logFile = dir.resolve("decisions-" + seed + ".jsonl");
        long[] clock = {T0};
        MonitorTimeline live;
        try (DecisionLog log = DecisionLog.builder(logFile, groups).category("group", "racial_or_ethnic_origin").open()) {
            Guard guard = Guard.builder(plan, counts).model("loan-v1", new Drifting())
                    .fallback("income-only-v1", new IncomeOnly()).nonPersonalised("half", 0.5)
                    .monitor(monitor, checkEvery).log(log).clock(() -> clock[0]).build();
            guard.consent("s", new ConsentSnapshot("applicants", Instant.ofEpochMilli(T0), 1,
                    Map.of("profile_selection", new ConsentSnapshot.Entry(ConsentState.GIVEN, true, ConsentSource.DIRECT,
                            1)), List.of()), EnumSet.noneOf(RequestMode.class));
            SplittableRandom r = new SplittableRandom(seed);
            Decision d = new Decision();
            double[] row = new double[2];
            List<long[]> waiting = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                int g = r.nextInt(2);
                row[0] = r.nextDouble();
                row[1] = r.nextDouble() < (g == 1 ? 0.85 : 0.15) ? 1 : 0;
                clock[0] = T0 + 500L * i;
                guard.decide("s", row, g, d);
                // about a third of the decisions get an outcome, 40 decisions later
                if (r.nextInt(3) == 0) {
                    waiting.add(new long[] {d.id(), row[0] > 0.3 ? 1 : 0, i + 40});
                }
                while (!waiting.isEmpty() && waiting.get(0)[2] <= i) {
                    long[] w = waiting.remove(0);
                    guard.outcome(w[0], w[1] == 1);
                    outcomes.incrementAndGet();
                }
            }
            live = recorder.live(logFile.toString(), monitor, counts, checkEvery, N);
        }
        assertTrue(live.transitions().size() >= 2, "the shift moves the monitor: " + live.transitions());
        assertTrue(live.outcomes() > N / 4, "outcomes were logged: " + live.outcomes());
        for (MonitorTimeline.Transition t : live.transitions()) {
            assertTrue(t.decisionIndex() >= CHANGE, "nothing moves before the change: " + t);
            assertEquals(0, t.decisionIndex() % checkEvery, "a transition happens at a check: " + t);
        }

        MonitorReplay.Builder rb = MonitorReplay.builder().windowing(windowing).evidence(evidence).alpha(0.05)
                .checkEvery(checkEvery);
        rules.forEach(rb::rule);
        MonitorTimeline replay = rb.build().replay(logFile);

        assertEquals(MonitorTimeline.Origin.LIVE, live.origin());
        assertEquals(MonitorTimeline.Origin.REPLAY, replay.origin());
        assertEquals(live.decisions(), replay.decisions());
        assertEquals(live.outcomes(), replay.outcomes());
        assertEquals(live.finalState(), replay.finalState());
        assertEquals(live.transitions().size(), replay.transitions().size(), () -> live.toText() + replay.toText());
        for (int i = 0; i < live.transitions().size(); i++) {
            MonitorTimeline.Transition a = live.transitions().get(i);
            MonitorTimeline.Transition b = replay.transitions().get(i);
            assertEquals(a.decisionIndex(), b.decisionIndex(), "transition " + i);
            assertEquals(a.eventIndex(), b.eventIndex(), "transition " + i);
            assertEquals(a.alert().rule(), b.alert().rule());
            assertEquals(a.alert().from(), b.alert().from());
            assertEquals(a.alert().to(), b.alert().to());
            assertEquals(a.alert().time(), b.alert().time());
            assertEquals(a.alert().value(), b.alert().value());
            assertEquals(a.alert().lower(), b.alert().lower());
            assertEquals(a.alert().upper(), b.alert().upper());
            assertEquals(a.alert().windowStart(), b.alert().windowStart());
            assertCells(a.alert().counts(), b.alert().counts());
        }
        assertEquals(live.windows().size(), replay.windows().size());
        for (int i = 0; i < live.windows().size(); i++) {
            WindowResult a = live.windows().get(i);
            WindowResult b = replay.windows().get(i);
            assertEquals(a.index(), b.index());
            assertEquals(a.decisions(), b.decisions());
            for (int k = 0; k < rules.size(); k++) {
                assertEquals(a.values().get(k).value(), b.values().get(k).value(), "window " + i + " rule " + k);
                assertEquals(a.values().get(k).lower(), b.values().get(k).lower());
                assertEquals(a.values().get(k).tripped(), b.values().get(k).tripped());
            }
        }
        // the same JSON up to the label counters, apart from the origin and the group names: the log carries each
        // group's level code (a = 0, b = 1), not its name
        assertEquals(live.toJson().replace("\"origin\" : \"live\"", "\"origin\" : \"replay\"")
                .replace("\"group\" : \"a\"", "\"group\" : \"0\"").replace("\"group\" : \"b\"", "\"group\" : \"1\"")
                .replaceAll("\"pending_labels\"[\\s\\S]*", ""), replay.toJson().replaceAll("\"pending_labels\"[\\s\\S]*", ""));
    }

    /** The same cells per group, in group order (the replay's groups are the log's level codes). */
    static void assertCells(dev.fairway.fairness.ConfusionCounts a, dev.fairway.fairness.ConfusionCounts b) {
        assertEquals(a.groups().size(), b.groups().size());
        for (int g = 0; g < a.groups().size(); g++) {
            for (dev.fairway.fairness.Cell c : dev.fairway.fairness.Cell.values()) {
                assertEquals(a.count(g, c), b.count(g, c), "group " + g + " " + c);
            }
        }
    }

    /**
     * The two indices by hand: group a (code 0) is approved and group b (code 1) denied, alternately,
     * so the first window of 200 decisions has selection rates 1 and 0; with interval evidence it
     * trips when it closes, at the check after decision 200 (the first of window 1). Before that
     * decision an outcome follows each decision with an even id: 100 outcomes, so the event index is
     * 200 + 100 = 300, the decision's 0-based position among the log's decision and outcome lines.
     */
    @Test
    void theEventIndexCountsDecisionsAndOutcomes() throws Exception {
        GroupIndex groups = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b")));
        Path f = dir.resolve("hand.jsonl");
        try (DecisionLog log = DecisionLog.builder(f, groups).open()) {
            for (int i = 0; i < 260; i++) {
                log.decision(Decision.of(i, T0 + i, i % 2, i % 2 == 0, Double.NaN, "m", DecisionLog.Route.PRIMARY, "default", Set.of(), "p"));
                if (i % 2 == 0 && i < 200) {
                    log.outcome(i, T0 + i, true);
                }
            }
        }
        MonitorTimeline t = MonitorReplay.builder().windowing(Windowing.tumblingCount(200)).evidence(Evidence.INTERVAL)
                .rule(MonitorRule.of("demographic_parity_difference > 0.5", MonitorState.WARN)).build().replay(f);
        assertEquals(1, t.transitions().size(), t.toText());
        assertEquals(200, t.transitions().get(0).decisionIndex());
        assertEquals(300, t.transitions().get(0).eventIndex());
        assertEquals(1.0, t.transitions().get(0).alert().value(), 1e-12);
        assertEquals(360, t.events());
        assertEquals(100, t.outcomes());
        assertTrue(t.toJson().contains("\"decision_index\" : 200,\n    \"event_index\" : 300,"), t.toJson());
        assertTrue(t.toText().contains("decision 200 (event 300)  OK -> WARN"), t.toText());
        // checked every 7th decision: the first check after decision 200 is at 203
        MonitorTimeline seventh = MonitorReplay.builder().windowing(Windowing.tumblingCount(200))
                .evidence(Evidence.INTERVAL).checkEvery(7)
                .rule(MonitorRule.of("demographic_parity_difference > 0.5", MonitorState.WARN)).build().replay(f);
        assertEquals(203, seventh.transitions().get(0).decisionIndex());
        assertEquals(303, seventh.transitions().get(0).eventIndex());
        // the library's default evidence is the monitor's: sequential
        assertEquals(Evidence.SEQUENTIAL, MonitorReplay.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.5", MonitorState.WARN)).build().replay(f)
                .evidence());
    }

    @Test
    void aReferenceNamingNoColumnOrLevelOfTheLogIsRefused() throws Exception {
        GroupIndex groups = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b")));
        Path f = dir.resolve("ref.jsonl");
        try (DecisionLog log = DecisionLog.builder(f, groups).open()) {
            for (int i = 0; i < 10; i++) {
                log.decision(Decision.of(i, T0 + i, i % 2, true, Double.NaN, "m", DecisionLog.Route.PRIMARY, "default", Set.of(), "p"));
            }
        }
        MonitorRule rule = MonitorRule.of("selection_rate_ratio@to_reference < 0.8", MonitorState.WARN);
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class, () -> MonitorReplay.builder()
                .rule(rule.withReference(Map.of("sex", "0"))).build().replay(f));
        assertTrue(column.getMessage().contains("column 'sex'") && column.getMessage().contains("group columns: g"),
                column.getMessage());
        IllegalArgumentException level = assertThrows(IllegalArgumentException.class, () -> MonitorReplay.builder()
                .rule(rule.withReference(Map.of("g", "7"))).build().replay(f));
        assertTrue(level.getMessage().contains("g=7") && level.getMessage().contains("levels of 'g': 0, 1"),
                level.getMessage());
        assertEquals(10, MonitorReplay.builder().rule(rule.withReference(Map.of("g", "1"))).build().replay(f)
                .decisions(), "a reference the log has is accepted");
    }
}
