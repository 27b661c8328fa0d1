package dev.fairway.guard.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gauges follow the monitor and the counts, and carry only rule and group tags. */
class MonitorMetricsTest {
    @Test
    void gaugesReadTheMonitorAndTheCounts() {
        GroupIndex groups = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b")));
        LiveCounts live = LiveCounts.builder(groups).windowing(Windowing.tumblingCount(1_000)).build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.2", MonitorState.FALLBACK)).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MonitorMetrics.of(monitor, live).bindTo(registry);
        String rule = "rule-1";
        assertEquals(0, registry.get("fairway.monitor.state").gauge().value());
        assertTrue(Double.isNaN(registry.get("fairway.monitor.rule.value").tag("rule", rule).gauge().value()));
        // hand count: a selects every decision, b none; 1,500 decisions alternate a, b
        for (int i = 0; i < 1_500; i++) {
            live.record(i % 2, i % 2 == 0, i);
            monitor.check(live, i, i);
        }
        assertEquals(2, registry.get("fairway.monitor.state").gauge().value());
        assertEquals(1.0, registry.get("fairway.monitor.rule.value").tag("rule", rule).gauge().value());
        assertEquals(1, registry.get("fairway.monitor.rule.tripped").tag("rule", rule).gauge().value());
        assertEquals(1.0, registry.get("fairway.live.selection_rate").tag("group", "g=a").gauge().value());
        assertEquals(0.0, registry.get("fairway.live.selection_rate").tag("group", "g=b").gauge().value());
        for (Meter m : registry.getMeters()) {
            for (var tag : m.getId().getTags()) {
                assertTrue(tag.getKey().equals("rule") || tag.getKey().equals("group"), m.getId().toString());
            }
        }
        assertEquals(6, registry.getMeters().size());
    }
}
