package dev.fairway.guard;

import dev.fairway.consent.ledger.RecoveryMode;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.fairness.live.LiveSnapshot;
import dev.fairway.guard.monitor.Evidence;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorTimeline;
import dev.fairway.guard.monitor.TimelineRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a decision log ({@code fairway-decision/v1}, read through {@link DecisionLogReader})
 * through a {@link FairnessMonitor} and returns its {@link MonitorTimeline}: the decisions and
 * outcomes are counted in file order into {@link LiveCounts} over the log's groups, and the monitor
 * is checked after every {@code checkEvery}-th decision (by decision index), at the decision's time,
 * exactly as a {@link Guard} built with {@code monitor(m, checkEvery)} checks its
 * monitor. So the replay of a guard's log with the guard's rules, windowing, evidence, alpha and
 * check interval gives the guard's live transitions (same decision index, rule, states, value and
 * interval). An outcome is counted when its line is read and seen by the next check. The evidence
 * and alpha default to {@link FairnessMonitor}'s (sequential evidence, alpha 0.05).
 *
 * <p>A group value is the level code the log writes for each group column. Waiting decisions are
 * kept for their outcomes without eviction (up to 16,777,216 at once); a live guard whose counts
 * evict waiting decisions may count fewer labels than its replay.
 *
 * <p>Thread-safe and immutable: {@link #replay(Path)} may run from many threads at once.
 */
public final class MonitorReplay {
    private final List<MonitorRule> rules;
    private final Windowing windowing;
    private final Evidence evidence;
    private final double alpha;
    private final boolean alphaSet;
    private final int checkEvery;
    private final RecoveryMode recovery;

    /** One event of the log: an outcome, or a decision with its group's key. */
    private record Event(long line, boolean outcome, long id, long time, int group, boolean positive) {
    }

    private MonitorReplay(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.windowing = b.windowing;
        this.evidence = b.evidence;
        this.alpha = b.alpha;
        this.alphaSet = b.alphaSet;
        this.checkEvery = b.checkEvery;
        this.recovery = b.recovery;
    }

    /**
     * Starts a builder. Defaults: tumbling windows of 10,000 decisions, the monitor's evidence and
     * alpha, a check after every decision, {@link RecoveryMode#TOLERATE_TORN_TAIL}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Replays a log.
     *
     * @param log the decision log
     * @return the timeline
     * @throws IOException if the log cannot be read
     * @throws IllegalStateException if the log is damaged in a way the recovery mode refuses, or is
     *     of another schema (the message names the file, the line and its byte offset)
     * @throws IllegalArgumentException if the log is empty, has no header or no decisions, names a
     *     decision id twice, or a rule's reference group names a column or level not in the log
     */
    public MonitorTimeline replay(Path log) throws IOException {
        Objects.requireNonNull(log, "log");
        List<String> columns = new ArrayList<>();
        List<List<Object>> groupValues = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Map<List<Object>, Integer> seen = new HashMap<>();
        DecisionLogReader.Result read = DecisionLogReader.forEach(log, recovery, e -> {
            if (e instanceof DecisionLogReader.Header h) {
                columns.addAll(h.columns());
            } else if (e instanceof DecisionLogReader.LoggedOutcome o) {
                events.add(new Event(o.line(), true, o.id(), o.time().toEpochMilli(), -1, o.label()));
            } else if (!columns.isEmpty()) {
                DecisionLogReader.LoggedDecision d = (DecisionLogReader.LoggedDecision) e;
                List<Object> key = new ArrayList<>(columns.size());
                for (String c : columns) {
                    key.add(String.valueOf(d.group().get(c)));
                }
                Integer code = seen.get(key);
                if (code == null) {
                    code = groupValues.size();
                    seen.put(key, code);
                    groupValues.add(key);
                }
                events.add(new Event(d.line(), false, d.id(), d.time().toEpochMilli(), code, d.prediction()));
            }
        });
        if (read.header().isEmpty()) {
            var damaged = read.tornTail().isPresent() && read.tornTail().get().line() == 1
                    ? read.tornTail().map(r -> r.reason())
                    : read.salvaged().stream().filter(r -> r.line() == 1).findFirst().map(r -> r.reason());
            if (damaged.isEmpty()) {
                throw new IllegalArgumentException(log + " is empty; expected a " + DecisionLog.SCHEMA + " header line");
            }
            throw new IllegalArgumentException(log + " line 1: the header is damaged (" + damaged.get()
                    + "); expected a " + DecisionLog.SCHEMA + " header line");
        }
        if (groupValues.isEmpty()) {
            throw new IllegalArgumentException(log + " holds no decisions");
        }
        checkReferences(log, columns, groupValues);
        GroupIndex groups = GroupIndex.of(columns, groupValues);
        int[] code = new int[groupValues.size()];
        for (int i = 0; i < code.length; i++) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                m.put(columns.get(c), String.valueOf(groupValues.get(i).get(c)));
            }
            code[i] = groups.find(m);
        }
        long[] outcomes = {0};
        TimelineRecorder recorder = TimelineRecorder.of(() -> outcomes[0]);
        FairnessMonitor.Builder b = FairnessMonitor.builder().listener(recorder);
        if (evidence != null) {
            b.evidence(evidence);
        }
        if (alphaSet) {
            b.alpha(alpha);
        }
        rules.forEach(b::rule);
        FairnessMonitor monitor = b.build();
        LiveCounts live = LiveCounts.builder(groups).windowing(windowing).maxPending(1 << 24)
                .maxPendingAge(Duration.ofDays(3650)).retainWindows(4).build();
        long decisions = 0;
        for (Event e : events) {
            if (e.outcome) {
                live.label(e.id, e.positive);
                outcomes[0]++;
                continue;
            }
            try {
                live.record(e.id, code[e.group], e.positive, e.time);
            } catch (IllegalArgumentException dup) {
                throw new IllegalArgumentException(log + " line " + e.line + ": decision id " + e.id + " appears twice",
                        dup);
            }
            if (decisions % checkEvery == 0) {
                monitor.check(live, e.time, decisions);
            }
            decisions++;
        }
        var torn = read.tornTail().map(r -> new MonitorTimeline.Damage(r.line(), r.offset(), r.length(), r.reason()));
        List<MonitorTimeline.Damage> salvaged = new ArrayList<>();
        for (var r : read.salvaged()) {
            salvaged.add(new MonitorTimeline.Damage(r.line(), r.offset(), r.length(), r.reason()));
        }
        LiveSnapshot last = live.snapshot();
        return new MonitorTimeline(MonitorTimeline.Origin.REPLAY, log.toString(), decisions + outcomes[0], decisions,
                outcomes[0], monitor.evidence(), monitor.alpha(), windowing, checkEvery, monitor.rules(), monitor.state(),
                recorder.transitions(), recorder.windows(), monitor.openWindow(live),
                MonitorTimeline.Labels.of(last.pending(), last.unmatchedLabels(), last.lateDecisions(),
                        last.expiredLabels()), Optional.of(new MonitorTimeline.LogRecovery(recovery, torn, salvaged)));
    }

    /** Every column and level a rule's reference group names must be in the log. */
    private void checkReferences(Path log, List<String> columns, List<List<Object>> groupValues) {
        for (MonitorRule r : rules) {
            for (Map.Entry<String, String> e : r.reference().entrySet()) {
                int c = columns.indexOf(e.getKey());
                if (c < 0) {
                    throw new IllegalArgumentException("rule '" + r.rule().text() + "': the reference group names column '"
                            + e.getKey() + "', which is not a group column of " + log + " (its group columns: "
                            + String.join(", ", columns) + ")");
                }
                Set<String> levels = new LinkedHashSet<>();
                for (List<Object> g : groupValues) {
                    levels.add(String.valueOf(g.get(c)));
                }
                if (!levels.contains(e.getValue())) {
                    throw new IllegalArgumentException("rule '" + r.rule().text() + "': the reference group names "
                            + e.getKey() + "=" + e.getValue() + ", a level no decision of " + log + " has (its levels of '"
                            + e.getKey() + "': " + String.join(", ", levels) + ")");
                }
            }
        }
    }

    /**
     * Builds a {@link MonitorReplay}.
     *
     * <p>Not thread-safe; the built replay is.
     */
    public static final class Builder {
        private final List<MonitorRule> rules = new ArrayList<>();
        private Windowing windowing = Windowing.tumblingCount(10_000);
        private Evidence evidence;
        private double alpha = 0.05;
        private boolean alphaSet;
        private int checkEvery = 1;
        private RecoveryMode recovery = RecoveryMode.TOLERATE_TORN_TAIL;

        private Builder() {
        }

        /**
         * Adds a rule (see {@link FairnessMonitor.Builder#rule(MonitorRule)}).
         *
         * @param rule the rule
         * @return this builder
         * @throws IllegalArgumentException if a {@code @to_reference} rule has no reference group
         */
        public Builder rule(MonitorRule rule) {
            Objects.requireNonNull(rule, "rule");
            FairnessMonitor.builder().rule(rule);
            rules.add(rule);
            return this;
        }

        /**
         * Sets the windowing of the counts.
         *
         * @param windowing the windowing
         * @return this builder
         */
        public Builder windowing(Windowing windowing) {
            this.windowing = Objects.requireNonNull(windowing, "windowing");
            return this;
        }

        /**
         * Sets the evidence rules need (default: the monitor's, sequential).
         *
         * @param evidence the evidence
         * @return this builder
         */
        public Builder evidence(Evidence evidence) {
            this.evidence = Objects.requireNonNull(evidence, "evidence");
            return this;
        }

        /**
         * Sets the false-alarm level of each rule (default: the monitor's, 0.05).
         *
         * @param alpha in (0, 0.5]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder alpha(double alpha) {
            FairnessMonitor.builder().alpha(alpha);
            this.alpha = alpha;
            this.alphaSet = true;
            return this;
        }

        /**
         * Sets how often the monitor is checked: after each decision whose index is a multiple of
         * {@code checkEvery}, as {@code Guard.Builder.monitor(m, checkEvery)} does.
         *
         * @param checkEvery at least 1
         * @return this builder
         * @throws IllegalArgumentException if under 1
         */
        public Builder checkEvery(int checkEvery) {
            if (checkEvery < 1) {
                throw new IllegalArgumentException("checkEvery must be >= 1, got " + checkEvery);
            }
            this.checkEvery = checkEvery;
            return this;
        }

        /**
         * Sets how damaged lines of the log are treated.
         *
         * @param recovery the recovery mode
         * @return this builder
         */
        public Builder recovery(RecoveryMode recovery) {
            this.recovery = Objects.requireNonNull(recovery, "recovery");
            return this;
        }

        /**
         * Builds the replay.
         *
         * @return the replay
         * @throws IllegalStateException if no rule was added
         */
        public MonitorReplay build() {
            if (rules.isEmpty()) {
                throw new IllegalStateException("a replay needs at least one rule");
            }
            return new MonitorReplay(this);
        }
    }
}
