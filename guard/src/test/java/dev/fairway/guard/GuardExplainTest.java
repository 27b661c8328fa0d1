package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.LinearModel;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.ShapleyMethod;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What decided is what is explained: under PRIMARY, after rollback() and under FALLBACK the
 * attribution is the serving model's, checked against the closed form of a linear model's Shapley
 * values (phi_j = w_j (x_j - E_B[x_j]) for a present feature, 0 for a withheld one held at its
 * stand-in), and the explained value is the decision's own score.
 */
class GuardExplainTest {
    static final List<String> NAMES = List.of("income", "age", "zip", "tenure");
    static final double[] BG = {50, 40, 10000, 5, 30, 20, 20000, 1};
    static final double[] MEAN = {40, 30, 15000, 3};
    static final double[] W1 = {0.01, 0.02, 0.0001, -0.1};
    static final double[] W2 = {0.005, -0.01, 0.00002, 0.05};
    static final double[] WF = {0.0, 0.0, 0.0, 0.2};
    static final double B1 = 0.1;
    static final double B2 = -0.2;
    static final double BF = 0.3;

    /** The closed form: values, base and prediction of a linear model with the withheld positions held at x. */
    static void assertClosedForm(double intercept, double[] w, double[] x, boolean[] withheld, Attribution a) {
        double prediction = intercept;
        double base = intercept;
        for (int j = 0; j < 4; j++) {
            prediction += w[j] * x[j];
            base += w[j] * (withheld[j] ? x[j] : MEAN[j]);
            double phi = withheld[j] ? 0 : w[j] * (x[j] - MEAN[j]);
            assertEquals(phi, a.value(NAMES.get(j)), 1e-9, NAMES.get(j));
        }
        assertEquals(prediction, a.prediction(), 1e-9);
        assertEquals(base, a.baseValue(), 1e-9);
    }

    @Test
    void attributionsFollowTheServingModelThroughRollbackAndFallback() {
        LinearModel v1 = LinearModel.of(B1, W1, NAMES);
        LinearModel v2 = LinearModel.of(B2, W2, NAMES);
        LinearModel rules = LinearModel.of(BF, WF, NAMES);
        LiveCounts live = LiveCounts.builder(GuardTest.GROUPS).windowing(Windowing.tumblingCount(1_000)).build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.2", MonitorState.FALLBACK)).build();
        Guard guard = Guard.builder(GuardTest.PLAN, live).model("v1", v1).model("v2", v2).fallback("rules-v1", rules)
                .nonPersonalised("default", 0.5).dropDefault("income", 42).monitor(monitor, 1)
                .explainers(Background.of(BG, 2, 4)).build();
        // alice withholds income (dropped -> 42) and age (coarsened to the 10-year band: 37 -> 30)
        guard.consent("alice", GuardTest.snapshot("alice", "measurement", "contextual_selection"),
                EnumSet.noneOf(RequestMode.class));
        guard.consent("full", GuardTest.snapshot("full", "profile_selection", "profile_building", "measurement",
                "contextual_selection"), EnumSet.noneOf(RequestMode.class));
        double[] row = {80, 37, 12345, 7};
        double[] seen = {42, 30, 12345, 7};
        boolean[] withheld = {true, true, false, false};
        Decision d = new Decision();

        guard.decide("alice", row, 0, d);
        Attribution a = guard.explain("alice", row);
        assertEquals("v2", a.modelVersion().orElseThrow());
        assertEquals("primary", a.route().orElseThrow());
        assertClosedForm(B2, W2, seen, withheld, a);
        assertEquals(d.score(), a.prediction(), 1e-12, "the explained value is the decision's score");

        assertEquals("v1", guard.rollback());
        guard.decide("alice", row, 0, d);
        a = guard.explain("alice", row);
        assertEquals("v1", a.modelVersion().orElseThrow());
        assertEquals("rollback", a.route().orElseThrow());
        assertClosedForm(B1, W1, seen, withheld, a);
        assertEquals(d.score(), a.prediction(), 1e-12);

        // v1 approves income 90 (0.1 + 0.9 + ...) and refuses income 10: drive the gap between the groups to FALLBACK
        for (int i = 0; i < 600 && monitor.state() == MonitorState.OK; i++) {
            guard.decide("full", new double[] {i % 2 == 0 ? 90 : 10, 0, 0, 0}, i % 2, d);
        }
        assertEquals(MonitorState.FALLBACK, monitor.state());
        guard.decide("alice", row, 0, d);
        assertEquals(DecisionLog.Route.FALLBACK, d.route());
        a = guard.explain("alice", row);
        assertEquals("rules-v1", a.modelVersion().orElseThrow());
        assertEquals("fallback", a.route().orElseThrow());
        assertClosedForm(BF, WF, seen, withheld, a);
        assertEquals(d.score(), a.prediction(), 1e-12);
        // the rules model ignores income: it is never a reason for its decisions
        assertEquals(0.0, a.value("income"));
    }

    @Test
    void aGivenExplainerIsTheOneOfItsVersionAndARouteWithoutOneRefuses() {
        LinearModel v1 = LinearModel.of(B1, W1, NAMES);
        LinearModel v2 = LinearModel.of(B2, W2, NAMES);
        ShapleyExplainer e2 = ShapleyExplainer.builder(v2, Background.of(BG, 2, 4)).players(Players.of(NAMES))
                .method(ShapleyMethod.EXACT).build();
        Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", v1)
                .model("v2", v2).dropDefault("income", 42).explainer("v2", e2).build();
        guard.consent("alice", GuardTest.snapshot("alice", "measurement", "contextual_selection"),
                EnumSet.noneOf(RequestMode.class));
        double[] row = {80, 37, 12345, 7};
        Attribution a = guard.explain("alice", row);
        assertEquals("v2", a.modelVersion().orElseThrow());
        // a given explainer leaves withheld features absent (background values): zero for them, closed form for the rest
        assertEquals(0.0, a.value("income"));
        assertEquals(0.0, a.value("age"));
        assertEquals(W2[2] * (12345 - MEAN[2]), a.value("zip"), 1e-9);
        assertEquals(W2[3] * (7 - MEAN[3]), a.value("tenure"), 1e-9);
        guard.rollback();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> guard.explain("alice", row));
        assertTrue(e.getMessage().contains("'v1'") && e.getMessage().contains("rollback"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Guard.builder(GuardTest.PLAN,
                LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", v1).dropDefault("income", 1)
                .explainer("v9", e2).build());
    }

    @Test
    void theNonPersonalisedAnswerHasNoModelToExplain() {
        LinearModel v1 = LinearModel.of(B1, W1, NAMES);
        Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", v1)
                .dropDefault("income", 42).nonPersonalised("default", 0.4).nonPersonalisedWithoutPersonalData()
                .explainers(Background.of(BG, 2, 4)).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> guard.explain("nobody", new double[] {1, 2, 3, 4}));
        assertTrue(e.getMessage().contains("non_personalised") && e.getMessage().contains("no model"), e.getMessage());
    }
}
