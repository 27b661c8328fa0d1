package dev.fairway.guard.micrometer;

import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.ranking.ExposureTable;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.LiveExposure;
import dev.fairway.guard.monitor.RuleValue;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Binds a {@link FairnessMonitor} and its {@link LiveCounts} (and, for ranked slates, its
 * {@link LiveExposure}) to a Micrometer registry. Besides the common tags given with
 * {@link #withTags(String...)} (such as {@code model} and {@code monitor}, so that several monitors
 * can be bound to one registry), tags are only {@code rule} (a rule id: {@code rule-1},
 * {@code rule-2}, ... by the rule's position in the monitor, or the ids given with
 * {@link #withRuleIds(List)}; never the raw rule text) and {@code group} (the group as text), so the
 * number of time series is bounded by the rules and declared groups:
 * <ul>
 *   <li>{@code fairway.monitor.state}: the monitor's state, 0 OK, 1 WARN, 2 FALLBACK, 3 PAUSED;</li>
 *   <li>{@code fairway.monitor.rule.value} {@code {rule}}: the rule's value in the last closed
 *       window (NaN before one, or when undefined);</li>
 *   <li>{@code fairway.monitor.rule.tripped} {@code {rule}}: 1 while the rule is tripped, else 0;</li>
 *   <li>{@code fairway.live.selection_rate} {@code {group}}: the group's selection rate in the
 *       current window (NaN with no decisions);</li>
 *   <li>{@code fairway.live.pending_labels}: decisions waiting for their label;</li>
 *   <li>with {@link #withExposure(LiveExposure)}: {@code fairway.live.exposure} {@code {group}}, the
 *       group's mean exposure in the current window (NaN when it is absent), and
 *       {@code fairway.live.exposure_ratio}, min/max over the groups present (NaN when undefined).</li>
 * </ul>
 * Gauges read the monitor and the counts when scraped. {@link GuardMetrics} counts decisions by
 * route and model version, {@link ConsentMetrics} consent events by purpose and state.
 *
 * <p>Immutable and thread-safe. Needs {@code io.micrometer:micrometer-core} on the class path (an
 * optional dependency of this module).
 */
public final class MonitorMetrics implements MeterBinder {
    private final FairnessMonitor monitor;
    private final LiveCounts counts;
    private final Tags tags;
    private final List<String> ruleIds;
    private final LiveExposure exposure;

    private MonitorMetrics(FairnessMonitor monitor, LiveCounts counts, Tags tags, List<String> ruleIds,
            LiveExposure exposure) {
        this.monitor = monitor;
        this.counts = counts;
        this.tags = tags;
        this.ruleIds = ruleIds;
        this.exposure = exposure;
    }

    /**
     * Returns a binder that adds common tags to every meter, such as
     * {@code withTags("model", "credit", "monitor", "eu-parity")}.
     *
     * @param keyValues tag keys and values, alternating; keys other than {@code rule} and {@code group}
     * @return the new binder
     * @throws IllegalArgumentException if the count is odd or a key is {@code rule} or {@code group}
     */
    public MonitorMetrics withTags(String... keyValues) {
        return new MonitorMetrics(monitor, counts, tags.and(commonTags(keyValues)), ruleIds, exposure);
    }

    /**
     * Returns a binder that labels the rules with these ids (in the monitor's rule order) instead of
     * {@code rule-1}, {@code rule-2}, ...
     *
     * @param ids one id per rule, distinct, non-blank
     * @return the new binder
     * @throws IllegalArgumentException if the number differs from the rules' or an id repeats or is blank
     */
    public MonitorMetrics withRuleIds(List<String> ids) {
        List<String> copy = List.copyOf(Objects.requireNonNull(ids, "ids"));
        if (copy.size() != monitor.rules().size() || Set.copyOf(copy).size() != copy.size()
                || copy.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("ruleIds must be " + monitor.rules().size()
                    + " distinct non-blank ids, one per rule, got " + copy);
        }
        return new MonitorMetrics(monitor, counts, tags, copy, exposure);
    }

    /**
     * Returns a binder that also registers the exposure gauges of a live exposure.
     *
     * @param exposure the live exposure the monitor's exposure rules watch
     * @return the new binder
     */
    public MonitorMetrics withExposure(LiveExposure exposure) {
        return new MonitorMetrics(monitor, counts, tags, ruleIds, Objects.requireNonNull(exposure, "exposure"));
    }

    /**
     * Returns the id a rule is labelled with.
     *
     * @param rule the rule's position in the monitor
     * @return its id
     */
    public String ruleId(int rule) {
        return ruleIds.get(Objects.checkIndex(rule, ruleIds.size()));
    }

    static Tags commonTags(String... keyValues) {
        Objects.requireNonNull(keyValues, "keyValues");
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags come in key, value pairs; got " + keyValues.length + " strings");
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            if ("rule".equals(keyValues[i]) || "group".equals(keyValues[i]) || "route".equals(keyValues[i])
                    || "purpose".equals(keyValues[i]) || "state".equals(keyValues[i])) {
                throw new IllegalArgumentException("tag key '" + keyValues[i] + "' is the binders' own");
            }
        }
        return Tags.of(keyValues);
    }

    /**
     * Creates the binder.
     *
     * @param monitor the monitor
     * @param counts the live counts it watches
     * @return the binder
     */
    public static MonitorMetrics of(FairnessMonitor monitor, LiveCounts counts) {
        Objects.requireNonNull(monitor, "monitor");
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < monitor.rules().size(); r++) {
            ids.add("rule-" + (r + 1));
        }
        return new MonitorMetrics(monitor, Objects.requireNonNull(counts, "counts"), Tags.empty(), List.copyOf(ids), null);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("fairway.monitor.state", monitor, m -> m.state().ordinal()).tags(tags)
                .description("fairness monitor state: 0 OK, 1 WARN, 2 FALLBACK, 3 PAUSED").register(registry);
        for (int r = 0; r < monitor.rules().size(); r++) {
            int rule = r;
            String id = ruleIds.get(r);
            Gauge.builder("fairway.monitor.rule.value", monitor, m -> value(m.latestValues(), rule)).tags(tags)
                    .description("the rule's value in the last closed window").tag("rule", id).register(registry);
            Gauge.builder("fairway.monitor.rule.tripped", monitor, m -> m.tripped(rule) ? 1 : 0).tags(tags)
                    .description("1 while the rule is tripped").tag("rule", id).register(registry);
        }
        if (exposure != null) {
            for (String g : exposure.groups()) {
                Gauge.builder("fairway.live.exposure", exposure, e -> groupExposure(e.snapshot(), g)).tags(tags)
                        .description("the group's mean exposure in the current window").tag("group", g).register(registry);
            }
            Gauge.builder("fairway.live.exposure_ratio", exposure, e -> e.snapshot().ratio()).tags(tags)
                    .description("min/max of the groups' exposures in the current window").register(registry);
        }
        List<Group> groups = counts.groups().groups();
        for (int g = 0; g < groups.size(); g++) {
            int code = g;
            Gauge.builder("fairway.live.selection_rate", counts, c -> selectionRate(c.snapshot().decisions(), code))
                    .tags(tags).description("selection rate in the current window").tag("group", groups.get(g).toString())
                    .register(registry);
        }
        Gauge.builder("fairway.live.pending_labels", counts, c -> c.snapshot().pending()).tags(tags)
                .description("decisions waiting for their label").register(registry);
    }

    private static double groupExposure(ExposureTable t, String group) {
        return t.lists(group) == 0 ? Double.NaN : t.exposure(group);
    }

    private static double value(List<RuleValue> values, int rule) {
        return rule < values.size() ? values.get(rule).value() : Double.NaN;
    }

    private static double selectionRate(ConfusionCounts t, int g) {
        double n = t.count(g, Cell.TRUE_NEGATIVE) + t.count(g, Cell.FALSE_POSITIVE);
        return n == 0 ? Double.NaN : t.count(g, Cell.FALSE_POSITIVE) / n;
    }
}
