package dev.fairway.guard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.fairness.ranking.ExposureTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Windows of live exposure, and the monitor's exposure rules on them. */
class LiveExposureTest {
    static final double[] RBP = {1, 0.5, 0.25, 0.125};

    @Test
    void countWindowsHoldTheirSlatesAndEqualOneTableFedTheSame() {
        LiveExposure live = LiveExposure.builder(List.of("a", "b")).windowing(Windowing.tumblingCount(3))
                .retainWindows(5).build();
        assertEquals(Long.MIN_VALUE, live.lastClosedWindow());
        assertNull(live.lastClosed());
        SplittableRandom rnd = new SplittableRandom(7);
        List<ExposureTable> expected = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            ExposureTable t = ExposureTable.empty();
            t.code("a");
            t.code("b");
            for (int i = 0; i < 3; i++) {
                int n = 1 + rnd.nextInt(4);
                int[] codes = new int[n];
                for (int j = 0; j < n; j++) {
                    codes[j] = rnd.nextInt(2);
                }
                assertTrue(live.record(codes, n, RBP, 0));
                t.record(codes, n, RBP, null);
            }
            expected.add(t);
        }
        assertEquals(3, live.currentWindow());
        assertEquals(2, live.lastClosedWindow());
        for (int w = 0; w < 4; w++) {
            assertEquals(expected.get(w), live.window(w), "window " + w);
        }
        assertEquals(expected.get(2), live.lastClosed());
        assertEquals(expected.get(3), live.snapshot());
        assertThrows(IllegalArgumentException.class, () -> live.window(4));
    }

    @Test
    void timeWindowsCountLateSlates() {
        LiveExposure live = LiveExposure.builder(List.of("a", "b"))
                .windowing(Windowing.tumbling(Duration.ofSeconds(10), Duration.ofSeconds(5))).build();
        assertTrue(live.record(new int[] {0, 1}, 2, RBP, 1_000));
        assertTrue(live.record(new int[] {1, 0}, 2, RBP, 12_000));
        assertTrue(live.record(new int[] {1}, 1, RBP, 9_000)); // 3 s late, within 5 s (one sub-window)
        assertEquals(-1, live.lastClosedWindow()); // window 0 may still receive
        assertTrue(live.record(new int[] {0}, 1, RBP, 16_000));
        assertEquals(-1, live.lastClosedWindow());
        assertTrue(live.record(new int[] {0}, 1, RBP, 21_000));
        assertEquals(0, live.lastClosedWindow());
        assertFalse(live.record(new int[] {0}, 1, RBP, 9_999)); // too late now
        assertEquals(1, live.lateSlates());
        ExposureTable w0 = live.window(0);
        assertEquals(2, w0.lists());
        // a: 1 (one slate); b: mean of 0.5 and 1
        assertEquals(1.0, w0.exposure("a"), 0);
        assertEquals(0.75, w0.exposure("b"), 0);
        assertEquals(10_000, live.end(0));
        assertEquals(10_000, live.start(1));
    }

    @Test
    void badSlatesAreRefused() {
        LiveExposure live = LiveExposure.builder(List.of("a")).build();
        assertThrows(IllegalArgumentException.class, () -> live.record(new int[] {1}, 1, RBP, 0));
        assertThrows(IllegalArgumentException.class, () -> live.record(new int[] {0}, 1, new double[] {1.5}, 0));
        assertThrows(IllegalArgumentException.class, () -> live.record(new int[] {0}, 0, RBP, 0));
        assertEquals(0, live.snapshot().lists());
        assertThrows(IllegalArgumentException.class, () -> LiveExposure.builder(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> LiveExposure.builder(List.of()));
    }

    @Test
    void exposureNamesAreAcceptedAndOthersStillRefused() {
        assertTrue(Target.of(MonitorRule.of("exposure_ratio < 0.8", MonitorState.WARN).rule()).exposure());
        assertTrue(Target.of(MonitorRule.of("exposure_difference > 0.1", MonitorState.PAUSED).rule()).exposure());
        assertTrue(MonitorRule.of("exposure_ratio < 0.8", MonitorState.WARN).exposure());
        assertFalse(MonitorRule.of("demographic_parity_ratio < 0.8", MonitorState.WARN).exposure());
        for (String bad : List.of("exposure_ratoi < 0.8", "exposure < 0.8", "exposure_ratio@to_reference < 0.8",
                "exposure_ratio:mean < 0.8", "exposure_ratio == 0.8", "exposure_share < 0.2", "ndcg < 0.5")) {
            assertThrows(IllegalArgumentException.class, () -> MonitorRule.of(bad, MonitorState.WARN), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> MonitorRule.of("exposure_ratio < 0.8", MonitorState.WARN)
                .withReference(java.util.Map.of("sex", "f")));
        // the clear threshold must be on the safe side, as for any rule
        assertThrows(IllegalArgumentException.class, () -> MonitorRule.of("exposure_ratio < 0.8", MonitorState.WARN)
                .withClearAt(0.7));
    }

    @Test
    void decisionAndExposureRulesEachReadTheirOwnWindows() {
        GroupIndex groups = GroupIndex.of(List.of("sex"), List.of(List.of("f"), List.of("m")));
        LiveCounts counts = LiveCounts.builder(groups).windowing(Windowing.tumblingCount(4)).build();
        LiveExposure exposure = LiveExposure.builder(List.of("a", "b")).windowing(Windowing.tumblingCount(2)).build();
        List<WindowResult> windows = new ArrayList<>();
        FairnessMonitor monitor = FairnessMonitor.builder().evidence(Evidence.INTERVAL)
                .rule(MonitorRule.of("demographic_parity_difference > 0.9", MonitorState.WARN))
                .rule(MonitorRule.of("exposure_difference > 0.2", MonitorState.WARN).withClearAt(0.1))
                .listener(new MonitorListener() {
                    @Override
                    public void onTransition(Alert alert) {
                    }

                    @Override
                    public void onWindow(WindowResult w) {
                        windows.add(w);
                    }
                }).build();
        for (int i = 0; i < 5; i++) {
            counts.record(i % 2, i % 2 == 0, 0);
            monitor.check(counts, 0, i);
        }
        assertEquals(1, windows.size());
        WindowResult d = windows.get(0);
        assertEquals(4, d.decisions());
        assertEquals(1.0, d.values().get(0).value(), 0); // f selected 1.0, m 0.0
        ConfusionCounts c = d.values().get(0).counts();
        assertEquals(2, c.groups().size());
        assertTrue(Double.isNaN(d.values().get(1).value()));
        assertTrue(d.values().get(1).undefinedReason().startsWith("an exposure rule"));
        // exposure: slates a,b (a 1, b 0.5) twice, then one more to close the window
        for (int i = 0; i < 3; i++) {
            exposure.record(new int[] {0, 1}, 2, RBP, 0);
            monitor.check(exposure, 0, i);
        }
        assertEquals(2, windows.size());
        WindowResult e = windows.get(1);
        assertEquals(2, e.decisions());
        assertEquals(0, e.start());
        assertEquals(2, e.end());
        assertTrue(Double.isNaN(e.values().get(0).value()));
        assertTrue(e.values().get(0).undefinedReason().startsWith("a decision rule"));
        RuleValue v = e.values().get(1);
        assertEquals(0.5, v.value(), 0);
        // two slates per group: Hoeffding at 0.025 is wider than the value, so nothing trips
        double h = Math.sqrt(Math.log(80) / 4);
        assertEquals(Math.max(0, (1 - h) - (0.5 + h)), v.lower(), 1e-15);
        assertEquals(Math.min(1, 1 + h) - Math.max(0, 0.5 - h), v.upper(), 1e-15);
        assertFalse(v.tripped());
        // both kinds are in latestValues, each from its own last window
        assertEquals(1.0, monitor.latestValues().get(0).value(), 0);
        assertEquals(0.5, monitor.latestValues().get(1).value(), 0);
        assertEquals(MonitorState.OK, monitor.state());
    }
}
