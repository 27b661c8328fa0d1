package dev.fairway.guard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.Cell;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The playbook: trips on evidence, sticky states, hysteresis, support and window guards. */
class FairnessMonitorTest {
    static final GroupIndex TWO = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b")));

    /** Deterministic decisions: group i % 2, positive when (i / 2) % 10 < tenths of that group's rate. */
    static void feed(LiveCounts live, FairnessMonitor m, int from, int to, int tenthsA, int tenthsB, List<MonitorState> states) {
        for (int i = from; i < to; i++) {
            int g = i % 2;
            boolean p = (i / 2) % 10 < (g == 0 ? tenthsA : tenthsB);
            live.record(g, p, i);
            states.add(m.check(live, i, i));
        }
    }

    @Test
    void fallbackIsReachedAfterTheChangeOnlyAndLeftOnlyByResume() {
        List<Alert> told = new ArrayList<>();
        LiveCounts live = LiveCounts.builder(TWO).windowing(Windowing.tumblingCount(4_000)).build();
        FairnessMonitor m = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.1", MonitorState.FALLBACK))
                .listener(told::add).build();
        List<MonitorState> states = new ArrayList<>();
        feed(live, m, 0, 6_000, 5, 5, states); // fair: both 0.5
        assertTrue(states.stream().allMatch(s -> s == MonitorState.OK));
        feed(live, m, 6_000, 12_000, 5, 1, states); // b drops to 0.1: difference 0.4
        int first = states.indexOf(MonitorState.FALLBACK);
        assertTrue(first >= 6_000, "not before the change: " + first);
        feed(live, m, 12_000, 30_000, 5, 5, states); // fair again: stays in FALLBACK
        assertEquals(MonitorState.FALLBACK, m.state());
        assertEquals(1, told.size());
        Alert a = told.get(0);
        assertEquals(MonitorState.OK, a.from());
        assertEquals(MonitorState.FALLBACK, a.to());
        assertEquals("demographic_parity_difference > 0.1", a.rule());
        assertTrue(a.lower() > 0.1 && a.lower() <= a.value() && a.value() <= a.upper());
        assertEquals(4_000, a.windowStart());
        assertEquals(8_000, a.windowEnd());
        // hand count of the window's decisions up to the trip: group a is even i, group b odd i
        long aPos = 0;
        long bPos = 0;
        for (long i = 4_000; i <= a.eventIndex(); i++) {
            boolean p = (i / 2) % 10 < (i % 2 == 0 ? 5 : (i < 6_000 ? 5 : 1));
            if (p) {
                if (i % 2 == 0) {
                    aPos++;
                } else {
                    bPos++;
                }
            }
        }
        assertEquals(aPos, a.counts().count(0, Cell.FALSE_POSITIVE));
        assertEquals(bPos, a.counts().count(1, Cell.FALSE_POSITIVE));
        assertEquals(a.eventIndex() - 4_000 + 1, a.counts().rows());
        m.resume(30_000, 30_000);
        assertEquals(MonitorState.OK, m.state());
        assertEquals("resume()", told.get(1).rule());
        assertNull(told.get(1).counts());
        assertEquals(m.alerts(), told);
    }

    @Test
    void warnClearsOnlyPastTheClearThreshold() {
        LiveCounts live = LiveCounts.builder(TWO).windowing(Windowing.tumblingCount(2_000)).build();
        FairnessMonitor m = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.1", MonitorState.WARN).withClearAt(0.05)).build();
        List<MonitorState> states = new ArrayList<>();
        feed(live, m, 0, 4_000, 6, 2, states); // difference 0.4
        assertEquals(MonitorState.WARN, m.state());
        feed(live, m, 4_000, 10_000, 5, 4, states); // difference 0.1: below the bound, not below 0.05
        assertEquals(MonitorState.WARN, m.state());
        feed(live, m, 10_000, 14_000, 5, 5, states); // difference 0: a closed window clears it
        assertEquals(MonitorState.OK, m.state());
        assertEquals(2, m.alerts().size());
        assertEquals(MonitorState.OK, m.alerts().get(1).to());
        assertThrows(IllegalArgumentException.class,
                () -> MonitorRule.of("demographic_parity_difference > 0.1", MonitorState.WARN).withClearAt(0.2));
    }

    @Test
    void severityRisesAcrossRulesAndPausedWins() {
        LiveCounts live = LiveCounts.builder(TWO).windowing(Windowing.tumblingCount(2_000)).build();
        FairnessMonitor m = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.05", MonitorState.WARN))
                .rule(MonitorRule.of("demographic_parity_ratio < 0.2", MonitorState.PAUSED)).build();
        List<MonitorState> states = new ArrayList<>();
        feed(live, m, 0, 4_000, 5, 2, states); // 0.5 vs 0.2: difference 0.3, ratio 0.4
        assertEquals(MonitorState.WARN, m.state());
        feed(live, m, 4_000, 12_000, 9, 0, states); // ratio 0
        assertEquals(MonitorState.PAUSED, m.state());
        feed(live, m, 12_000, 20_000, 5, 5, states);
        assertEquals(MonitorState.PAUSED, m.state());
    }

    @Test
    void smallGroupsAreLeftOutAndEarlyWindowsCannotTrip() {
        GroupIndex three = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b"), List.of("c")));
        LiveCounts live = LiveCounts.builder(three).windowing(Windowing.tumblingCount(1_000)).build();
        List<WindowResult> windows = new ArrayList<>();
        FairnessMonitor m = FairnessMonitor.builder().evidence(Evidence.INTERVAL)
                .rule(MonitorRule.of("selection_rate_difference > 0.3", MonitorState.WARN).withMinSupport(50).withMinWindows(3))
                .listener(new MonitorListener() {
                    @Override
                    public void onTransition(Alert alert) {
                    }

                    @Override
                    public void onWindow(WindowResult window) {
                        windows.add(window);
                    }
                }).build();
        for (int i = 0; i < 5_000; i++) {
            // c: one decision in 100, always selected; a selects 0.5, b 0.0
            int g = i % 100 == 0 ? 2 : i % 2;
            live.record(g, g == 2 || (g == 0 && (i / 2) % 2 == 0), i);
            m.check(live, i, i);
        }
        assertEquals(4, windows.size()); // windows 0..3 closed, 4 open
        for (WindowResult w : windows) {
            RuleValue v = w.values().get(0);
            assertEquals(2, v.counts().groups().size(), "c has 10 decisions a window, under 50");
            assertEquals(0.5, v.value(), 0.02);
        }
        Alert a = m.alerts().get(0);
        assertEquals(2_000, a.windowStart()); // the third window: minWindows 3
    }

    @Test
    void labelBasedRulesCountLabelledDecisionsAndCompareToAReference() {
        LiveCounts live = LiveCounts.builder(TWO).windowing(Windowing.tumblingCount(2_000)).build();
        FairnessMonitor m = FairnessMonitor.builder().evidence(Evidence.INTERVAL)
                .rule(MonitorRule.of("true_positive_rate@to_reference < 0.8", MonitorState.FALLBACK)
                        .withReference(Map.of("g", "a")))
                .rule(MonitorRule.of("equalized_odds_difference > 0.3", MonitorState.WARN)).build();
        for (int i = 0; i < 4_000; i++) {
            int g = i % 2;
            boolean y = (i / 2) % 2 == 0;
            // a: TPR 1, FPR 0; b: TPR 0.5, FPR 0
            boolean p = y && (g == 0 || (i / 4) % 2 == 0);
            live.record(i, g, p, i);
            if (i % 3 != 0) {
                live.label(i, y); // two thirds of the outcomes arrive
            }
            m.check(live, i, i);
        }
        Alert a = m.alerts().get(0);
        assertEquals(MonitorState.FALLBACK, a.to());
        assertEquals("true_positive_rate@to_reference < 0.8", a.rule());
        assertEquals(0.5, a.value(), 0.02);
        assertTrue(a.upper() < 0.8);
        long labelled = 0;
        for (int i = 0; i < 2_000; i++) {
            labelled += i % 3 != 0 ? 1 : 0;
        }
        assertEquals(labelled, a.counts().rows());
    }

    @Test
    void rulesWithoutAnIntervalAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MonitorRule.of("count > 5", MonitorState.WARN));
        assertThrows(IllegalArgumentException.class, () -> MonitorRule.of("f1_score_difference > 0.1", MonitorState.WARN));
        assertThrows(IllegalArgumentException.class,
                () -> MonitorRule.of("demographic_parity_difference@to_overall > 0.1", MonitorState.WARN));
        assertThrows(IllegalArgumentException.class, () -> MonitorRule.of("selection_rate == 0.5", MonitorState.WARN));
        assertThrows(IllegalArgumentException.class, () -> MonitorRule.of("demographic_parity_difference > 0.1", MonitorState.OK));
        assertThrows(IllegalArgumentException.class, () -> FairnessMonitor.builder()
                .rule(MonitorRule.of("selection_rate_ratio@to_reference < 0.8", MonitorState.WARN)));
        assertThrows(IllegalStateException.class, () -> FairnessMonitor.builder().build());
        assertFalse(MonitorState.WARN.sticky());
    }
}
