package dev.fairway.guard.micrometer;

import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.RuleValue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Objects;

/**
 * Binds a {@link FairnessMonitor} and its {@link LiveCounts} to a Micrometer registry. Tags are only
 * {@code rule} (the rule as written) and {@code group} (the group as text), so the number of time
 * series is bounded by the rules and declared groups:
 * <ul>
 *   <li>{@code fairway.monitor.state}: the monitor's state, 0 OK, 1 WARN, 2 FALLBACK, 3 PAUSED;</li>
 *   <li>{@code fairway.monitor.rule.value} {@code {rule}}: the rule's value in the last closed
 *       window (NaN before one, or when undefined);</li>
 *   <li>{@code fairway.monitor.rule.tripped} {@code {rule}}: 1 while the rule is tripped, else 0;</li>
 *   <li>{@code fairway.live.selection_rate} {@code {group}}: the group's selection rate in the
 *       current window (NaN with no decisions);</li>
 *   <li>{@code fairway.live.pending_labels}: decisions waiting for their label.</li>
 * </ul>
 * Gauges read the monitor and the counts when scraped.
 *
 * <p>Immutable and thread-safe. Needs {@code io.micrometer:micrometer-core} on the class path (an
 * optional dependency of this module).
 */
public final class MonitorMetrics implements MeterBinder {
    private final FairnessMonitor monitor;
    private final LiveCounts counts;

    private MonitorMetrics(FairnessMonitor monitor, LiveCounts counts) {
        this.monitor = monitor;
        this.counts = counts;
    }

    /**
     * Creates the binder.
     *
     * @param monitor the monitor
     * @param counts the live counts it watches
     * @return the binder
     */
    public static MonitorMetrics of(FairnessMonitor monitor, LiveCounts counts) {
        return new MonitorMetrics(Objects.requireNonNull(monitor, "monitor"), Objects.requireNonNull(counts, "counts"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("fairway.monitor.state", monitor, m -> m.state().ordinal())
                .description("fairness monitor state: 0 OK, 1 WARN, 2 FALLBACK, 3 PAUSED").register(registry);
        for (int r = 0; r < monitor.rules().size(); r++) {
            int rule = r;
            String text = monitor.rules().get(r).rule().text();
            Gauge.builder("fairway.monitor.rule.value", monitor, m -> value(m.latestValues(), rule))
                    .description("the rule's value in the last closed window").tag("rule", text).register(registry);
            Gauge.builder("fairway.monitor.rule.tripped", monitor, m -> m.tripped(rule) ? 1 : 0)
                    .description("1 while the rule is tripped").tag("rule", text).register(registry);
        }
        List<Group> groups = counts.groups().groups();
        for (int g = 0; g < groups.size(); g++) {
            int code = g;
            Gauge.builder("fairway.live.selection_rate", counts, c -> selectionRate(c.snapshot().decisions(), code))
                    .description("selection rate in the current window").tag("group", groups.get(g).toString())
                    .register(registry);
        }
        Gauge.builder("fairway.live.pending_labels", counts, c -> c.snapshot().pending())
                .description("decisions waiting for their label").register(registry);
    }

    private static double value(List<RuleValue> values, int rule) {
        return rule < values.size() ? values.get(rule).value() : Double.NaN;
    }

    private static double selectionRate(ConfusionCounts t, int g) {
        double n = t.count(g, Cell.TRUE_NEGATIVE) + t.count(g, Cell.FALSE_POSITIVE);
        return n == 0 ? Double.NaN : t.count(g, Cell.FALSE_POSITIVE) / n;
    }
}
