package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.Coarsening;
import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.Jurisdiction;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.Model;
import dev.fairway.fairness.Cell;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guarded call: stand-ins for withheld features, routing by the monitor, rollback, logging and counting. */
class GuardTest {
    /** income (drop), age (coarsen to 10-year bands), zip (mask to 0), tenure: each under its own purpose. */
    static final FilterPlan PLAN = FilterPlan.compile(FeatureCatalogue.of(List.of(
            new Feature("income", 0, List.of("profile_selection"), List.of(), new DenialAction.Drop()),
            new Feature("age", 1, List.of("profile_building"), List.of(), new DenialAction.Coarsen(new Coarsening.AgeBand(10))),
            new Feature("zip", 2, List.of("measurement"), List.of(), new DenialAction.Mask(0)),
            new Feature("tenure", 3, List.of("contextual_selection"), List.of(), new DenialAction.Mask(0)))),
            FilterPolicy.serving(), Jurisdiction.EU);
    static final GroupIndex GROUPS = GroupIndex.of(List.of("sex"), List.of(List.of("f"), List.of("m")));

    static ConsentSnapshot snapshot(String subject, String... given) {
        Map<String, ConsentSnapshot.Entry> entries = new HashMap<>();
        long seq = 1;
        for (String p : given) {
            entries.put(p, new ConsentSnapshot.Entry(ConsentState.GIVEN, true, ConsentSource.DIRECT, seq++));
        }
        return new ConsentSnapshot(subject, Instant.parse("2026-06-01T00:00:00Z"), seq, entries, List.of());
    }

    /** A model that scores the first feature over 100 and remembers the last row it saw. */
    static final class Recording implements Model {
        double[] seen = new double[4];
        final double add;

        Recording(double add) {
            this.add = add;
        }

        @Override
        public int features() {
            return 4;
        }

        @Override
        public void predict(double[] rowMajor, int rows, double[] out) {
            System.arraycopy(rowMajor, 0, seen, 0, 4);
            out[0] = rowMajor[0] / 100 + add;
        }
    }

    @Test
    void withheldFeaturesReachTheModelAsTheirStandIns() {
        LiveCounts live = LiveCounts.builder(GROUPS).build();
        Recording model = new Recording(0);
        Guard guard = Guard.builder(PLAN, live).model("v1", model).dropDefault("income", 42).build();
        guard.consent("alice", snapshot("alice", "measurement", "contextual_selection"), EnumSet.noneOf(RequestMode.class));
        Decision d = new Decision();
        guard.decide("alice", new double[] {80, 37, 12345, 7}, 0, d);
        // income dropped -> declared 42; age coarsened to its band's lower bound 30; zip, tenure kept
        assertArrayEquals(new double[] {42, 30, 12345, 7}, model.seen);
        assertEquals(0.42, d.score(), 1e-15);
        assertEquals(2, d.withheldCount());
        assertEquals("income", d.withheld(0));
        assertEquals("age", d.withheld(1));
        assertEquals(DecisionLog.Route.PRIMARY, d.route());
        // an unknown subject: nothing granted, zip and tenure masked to 0
        guard.decide("bob", new double[] {80, 37, 12345, 7}, 1, d);
        assertArrayEquals(new double[] {42, 30, 0, 0}, model.seen);
        assertEquals(4, d.withheldCount());
        assertEquals(2, live.snapshot().decisionCount());
        assertEquals(1, live.snapshot().decisions().count(1, Cell.TRUE_NEGATIVE));
        // without a stand-in for the dropped income, the guard refuses to build (nothing granted drops it)
        assertThrows(IllegalStateException.class, () -> Guard.builder(PLAN, live).model("v1", model).build());
    }

    @Test
    void routesByTheMonitorAndRollsBack(@TempDir Path dir) throws Exception {
        LiveCounts live = LiveCounts.builder(GROUPS).windowing(Windowing.tumblingCount(1_000)).build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.2", MonitorState.FALLBACK)).build();
        AtomicLong clock = new AtomicLong(1_000);
        Path file = dir.resolve("d.jsonl");
        Decision d = new Decision();
        try (DecisionLog log = DecisionLog.builder(file, GROUPS).category("sex", "sex").open()) {
            // v1 approves everyone whose income is over 50; v2 approves everyone
            Guard guard = Guard.builder(PLAN, live).model("v1", new Recording(0)).model("v2", new Recording(1))
                    .fallback("fallback-1", new Recording(0.45)).nonPersonalised("non-personalised", 0.5)
                    .dropDefault("income", 0).monitor(monitor, 1).log(log).clock(clock::incrementAndGet).build();
            guard.consent("s", snapshot("s", "profile_selection"), EnumSet.noneOf(RequestMode.class));
            assertEquals("v2", guard.currentModel());
            guard.decide("s", new double[] {10, 0, 0, 0}, 0, d);
            assertEquals(DecisionLog.Route.PRIMARY, d.route());
            assertEquals("v1", guard.rollback());
            assertThrows(IllegalStateException.class, guard::rollback);
            guard.decide("s", new double[] {10, 0, 0, 0}, 0, d);
            assertEquals(DecisionLog.Route.ROLLBACK, d.route());
            assertEquals("v1", d.model());
            // v1: group f gets income 90 (approved), group m income 10 (refused): difference 1
            for (int i = 0; i < 600 && monitor.state() == MonitorState.OK; i++) {
                guard.decide("s", new double[] {i % 2 == 0 ? 90 : 10, 0, 0, 0}, i % 2, d);
            }
            assertEquals(MonitorState.FALLBACK, monitor.state());
            guard.decide("s", new double[] {90, 0, 0, 0}, 0, d);
            assertEquals(DecisionLog.Route.FALLBACK, d.route());
            assertEquals("fallback-1", d.model());
            assertEquals(0.9 + 0.45, d.score(), 1e-12);
            guard.resume();
            guard.decide("s", new double[] {90, 0, 0, 0}, 0, d);
            assertEquals(DecisionLog.Route.ROLLBACK, d.route());
            assertTrue(guard.outcome(d.id(), true));
            log.flush();
        }
        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.get(1).contains("\"route\":\"primary\"") && lines.get(1).contains("\"model\":\"v2\""), lines.get(1));
        assertTrue(lines.get(1).contains("\"withheld\":[\"age\",\"zip\"]"), lines.get(1));
        assertTrue(lines.get(1).contains("\"plan\":\"" + PLAN.fingerprint() + "\""), lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"route\":\"fallback\"")));
        assertTrue(lines.get(lines.size() - 1).endsWith("\"label\":1}"));
        assertTrue(lines.stream().noneMatch(l -> l.contains("\"f\"") || l.contains("\"m\"")), "no group value in clear");
    }

    @Test
    void explanationsLeaveWithheldFeaturesOut() {
        // closed form for a linear model: phi_j = w_j (x_j - E_B[x_j]) for present features, 0 for absent ones
        double[] w = {0.01, 0.02, 0.0001, -0.1};
        dev.fairway.explain.LinearModel model = dev.fairway.explain.LinearModel.of(0, w,
                List.of("income", "age", "zip", "tenure"));
        double[] bg = {50, 40, 10000, 5, 30, 20, 20000, 1};
        dev.fairway.explain.ShapleyExplainer explainer = dev.fairway.explain.ShapleyExplainer
                .builder(model, dev.fairway.explain.Background.of(bg, 2, 4))
                .players(dev.fairway.explain.Players.of(List.of("income", "age", "zip", "tenure")))
                .method(dev.fairway.explain.ShapleyMethod.EXACT).build();
        Guard guard = Guard.builder(PLAN, LiveCounts.builder(GROUPS).build()).model("v1", model)
                .dropDefault("income", 42).explainer("v1", explainer).build();
        guard.consent("alice", snapshot("alice", "measurement", "contextual_selection"), EnumSet.noneOf(RequestMode.class));
        dev.fairway.explain.Attribution a = guard.explain("alice", new double[] {80, 37, 12345, 7});
        assertEquals(0.0, a.value("income"));
        assertEquals(0.0, a.value("age"));
        assertEquals(w[2] * (12345 - 15000), a.value("zip"), 1e-9);
        assertEquals(w[3] * (7 - 3), a.value("tenure"), 1e-9);
        assertThrows(IllegalStateException.class,
                () -> Guard.builder(PLAN, LiveCounts.builder(GROUPS).build()).model("v1", model).dropDefault("income", 1)
                        .build().explain("alice", new double[4]));
    }

    @Test
    void pausedAnswersWithoutAModel() {
        LiveCounts live = LiveCounts.builder(GROUPS).windowing(Windowing.tumblingCount(500)).build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_ratio < 0.5", MonitorState.PAUSED)).build();
        Recording model = new Recording(0);
        Guard guard = Guard.builder(PLAN, live).model("v1", model).nonPersonalised("default", 0.7)
                .dropDefault("income", 0).monitor(monitor, 10).build();
        guard.consent("s", snapshot("s", "profile_selection"), EnumSet.noneOf(RequestMode.class));
        Decision d = new Decision();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 3_000 && monitor.state() == MonitorState.OK; i++) {
            int g = r.nextInt(2);
            guard.decide("s", new double[] {g == 0 ? 90 : 10, 0, 0, 0}, g, d);
        }
        assertEquals(MonitorState.PAUSED, monitor.state());
        model.seen[0] = -1;
        guard.decide("s", new double[] {90, 0, 0, 0}, 0, d);
        assertEquals(-1, model.seen[0], "the model is not called while paused");
        assertEquals(DecisionLog.Route.PAUSED, d.route());
        assertEquals(0.7, d.score());
        assertTrue(d.prediction());
    }
}
