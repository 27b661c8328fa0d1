package dev.fairway.guard.monitor;

import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.ZeroDivision;
import dev.fairway.fairness.gate.AuditGate;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.LiveSnapshot;
import dev.fairway.fairness.ranking.ExposureTable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Watches live fairness counts and acts on them: rules in the gate grammar trip on evidence and
 * move the monitor through {@code OK -> WARN -> FALLBACK -> PAUSED}, which a guard reads to route
 * its model calls.
 *
 * <p>{@link #check(LiveCounts, long, long)} looks at the counts: every closed window not yet seen
 * is evaluated once (every rule's value, interval and per-group counts go to
 * {@link MonitorListener#onWindow}), and with {@link Evidence#SEQUENTIAL} the open window is
 * looked at too, as often as {@code check} is called. A rule trips when its interval lies wholly
 * past its bound (see {@link Evidence}) in the {@link MonitorRule#minWindows()}-th window since
 * the start or the last resume or later, and clears when a closed window's value is back on the
 * safe side of its {@link MonitorRule#clearAt()}. The state is the most severe action of the
 * tripped rules, except that {@code FALLBACK} and {@code PAUSED}, once reached, stay until
 * {@link #resume(long, long)}. Every transition is kept in {@link #alerts()} (the last 10,000) and
 * told to the listeners.
 *
 * <p>The false-alarm rate is stated per rule: with {@link Evidence#SEQUENTIAL}, on a stream where a
 * rule's condition is false in every window, the chance that the rule ever trips is at most
 * {@code alpha}; a monitor of r rules is at most {@code r alpha}.
 *
 * <p><b>Exposure rules.</b> {@code exposure_ratio} and {@code exposure_difference} rules watch the
 * exposure of ranked slates in a {@link LiveExposure} and are evaluated by
 * {@link #check(LiveExposure, long, long)}, on its windows, with the same evidence, guards and
 * playbook; {@link #check(LiveCounts, long, long)} evaluates the other (decision) rules on the live
 * counts' windows. Each kind keeps its own window numbering since the start or the last resume; the
 * state combines every tripped rule of both kinds. In a {@link WindowResult} of one kind the rules
 * of the other kind are not evaluated (value {@code NaN}, with a reason). A group's exposure in one
 * slate is an observation in [0, 1]; its interval is Hoeffding's (interval evidence) or the same
 * confidence sequence (sequential evidence) for the mean over the slates in which the group
 * appears, assuming slates are independent draws; {@code minSupport} counts those slates. Fewer
 * than two groups present (or, for the ratio, every exposure zero) make the value undefined, as
 * {@link ExposureTable#undefinedReason()} says, and an undefined value never trips or clears.
 *
 * <p>Thread-safe: {@code check} and {@code resume} take the monitor's lock; {@link #state()} is a
 * volatile read, cheap enough for every request.
 */
public final class FairnessMonitor {
    private static final int ALERTS = 10_000;

    private final List<MonitorRule> rules;
    private final Target[] targets;
    private final Evidence evidence;
    private final double alpha;
    private final long horizon;
    private final List<MonitorListener> listeners;
    private final boolean[] active;
    private final boolean[] hasKind = new boolean[2];
    private final ArrayDeque<Alert> alerts = new ArrayDeque<>();
    private final double[] out = new double[2];
    private volatile MonitorState state = MonitorState.OK;
    private RuleValue[] latest;
    private boolean anyClosed;
    private MonitorState sticky = MonitorState.OK;
    // per kind of rule (0 decisions, 1 exposure): the first window since the start or resume, the last closed seen
    private final long[] base = {Long.MIN_VALUE, Long.MIN_VALUE};
    private final long[] lastClosed = {Long.MIN_VALUE, Long.MIN_VALUE};

    /** One window read from either source. */
    private record Window(long index, long start, long end, long events, LiveSnapshot counts, ExposureTable exposure) {
    }

    /** Where windows come from: live counts (kind 0) or live exposure (kind 1). */
    private interface Source {
        int kind();

        long watermark();

        long current();

        long lastClosed();

        Window read(long index);
    }

    private FairnessMonitor(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.targets = new Target[rules.size()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = Target.of(rules.get(i).rule());
        }
        this.evidence = b.evidence;
        this.alpha = b.alpha;
        this.horizon = b.horizon;
        this.listeners = List.copyOf(b.listeners);
        this.active = new boolean[rules.size()];
        this.latest = new RuleValue[rules.size()];
        for (int i = 0; i < targets.length; i++) {
            int kind = kind(i);
            hasKind[kind] = true;
            latest[i] = notEvaluated(i, kind == 1 ? "no closed exposure window yet" : "no closed window yet");
        }
    }

    private int kind(int rule) {
        return targets[rule].exposure() ? 1 : 0;
    }

    private RuleValue notEvaluated(int r, String reason) {
        return new RuleValue(rules.get(r).rule().text(), Double.NaN, Double.NaN, Double.NaN, false, reason, null, null);
    }

    /**
     * Starts a builder. Defaults: sequential evidence, alpha 0.05, confidence sequences tightest
     * near 2,000 observations per group.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the rules, in order.
     *
     * @return the rules
     */
    public List<MonitorRule> rules() {
        return rules;
    }

    /**
     * Returns the evidence a rule needs.
     *
     * @return the evidence
     */
    public Evidence evidence() {
        return evidence;
    }

    /**
     * Returns the false-alarm level of each rule.
     *
     * @return alpha
     */
    public double alpha() {
        return alpha;
    }

    /**
     * Returns the current state.
     *
     * @return the state
     */
    public MonitorState state() {
        return state;
    }

    /**
     * Returns every rule's value in the last closed window of its kind (decision counts or exposure)
     * evaluated; empty before the first closed window of either kind, and a rule whose kind has no
     * closed window yet has value {@code NaN} with a reason.
     *
     * @return the values, in rule order
     */
    public synchronized List<RuleValue> latestValues() {
        return anyClosed ? List.of(latest) : List.of();
    }

    /**
     * Returns whether a rule is tripped (has tripped and not cleared since the start or last resume).
     *
     * @param rule the rule's position in {@link #rules()}
     * @return whether it is tripped
     * @throws IndexOutOfBoundsException if there is no such rule
     */
    public synchronized boolean tripped(int rule) {
        return active[rule];
    }

    /**
     * Returns the last transitions (at most 10,000), oldest first.
     *
     * @return the alerts
     */
    public synchronized List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /**
     * Looks at the counts: evaluates closed windows not yet seen and, with sequential evidence, the
     * open window; trips and clears rules; changes state.
     *
     * @param counts the live counts (always the same instance for one monitor)
     * @param time the time of the check, in milliseconds since the epoch (recorded in alerts)
     * @param eventIndex the decision index: the 0-based index of the last decision counted (a guard
     *     passes that decision's id; recorded in alerts as {@link Alert#eventIndex()})
     * @return the state after the check
     */
    public synchronized MonitorState check(LiveCounts counts, long time, long eventIndex) {
        Objects.requireNonNull(counts, "counts");
        return run(new Source() {
            @Override
            public int kind() {
                return 0;
            }

            @Override
            public long watermark() {
                return counts.watermark();
            }

            @Override
            public long current() {
                return counts.currentWindow();
            }

            @Override
            public long lastClosed() {
                return counts.lastClosedWindow();
            }

            @Override
            public Window read(long index) {
                LiveSnapshot s = counts.window(index);
                return new Window(index, s.start(), s.end(), s.decisionCount(), s, null);
            }
        }, time, eventIndex);
    }

    /**
     * Looks at the exposure of ranked slates, as {@link #check(LiveCounts, long, long)} looks at
     * decision counts, for the {@code exposure_ratio} and {@code exposure_difference} rules: evaluates
     * closed exposure windows not yet seen and, with sequential evidence, the open one; trips and
     * clears those rules; changes state. Does nothing when the monitor has no exposure rule.
     *
     * @param exposure the live exposure (always the same instance for one monitor)
     * @param time the time of the check, in milliseconds since the epoch (recorded in alerts)
     * @param eventIndex the number of slates seen so far (recorded in alerts)
     * @return the state after the check
     */
    public synchronized MonitorState check(LiveExposure exposure, long time, long eventIndex) {
        Objects.requireNonNull(exposure, "exposure");
        return run(new Source() {
            @Override
            public int kind() {
                return 1;
            }

            @Override
            public long watermark() {
                return exposure.watermark();
            }

            @Override
            public long current() {
                return exposure.currentWindow();
            }

            @Override
            public long lastClosed() {
                return exposure.lastClosedWindow();
            }

            @Override
            public Window read(long index) {
                ExposureTable t = exposure.window(index);
                return new Window(index, exposure.start(index), exposure.end(index), t.lists(), null, t);
            }
        }, time, eventIndex);
    }

    private MonitorState run(Source src, long time, long eventIndex) {
        int kind = src.kind();
        if (!hasKind[kind] || src.watermark() == Long.MIN_VALUE) {
            return state;
        }
        long current = src.current();
        if (base[kind] == Long.MIN_VALUE) {
            base[kind] = current;
        }
        long b = base[kind];
        long closed = src.lastClosed();
        if (closed != Long.MIN_VALUE && closed >= b) {
            long last = lastClosed[kind];
            long from = Math.max(last == Long.MIN_VALUE ? b : last + 1, Math.max(b, closed - 1_000));
            for (long w = from; w <= closed; w++) {
                Window s;
                try {
                    s = src.read(w);
                } catch (IllegalArgumentException gone) {
                    continue; // left the ring between two checks
                }
                closedWindow(kind, s, time, eventIndex);
            }
            lastClosed[kind] = Math.max(last, closed);
        }
        if (evidence == Evidence.SEQUENTIAL && (lastClosed[kind] == Long.MIN_VALUE || current > lastClosed[kind])) {
            Window s = src.read(current);
            long k = current - b + 1;
            for (int r = 0; r < rules.size(); r++) {
                if (kind(r) != kind || active[r] || k < rules.get(r).minWindows()) {
                    continue;
                }
                RuleValue v = evaluate(r, s, Intervals.spent(alpha, k), false);
                if (v != null && v.tripped()) {
                    trip(r, v, s, time, eventIndex);
                }
            }
        }
        return state;
    }

    /**
     * Returns to {@code OK} from any state: clears every rule, and starts counting windows (and,
     * with sequential evidence, spending alpha) afresh from the next check. The transition is an
     * alert whose rule is {@code "resume()"}.
     *
     * @param time the time, in milliseconds since the epoch
     * @param eventIndex the number of decisions seen so far
     */
    public synchronized void resume(long time, long eventIndex) {
        MonitorState from = state;
        Arrays.fill(active, false);
        sticky = MonitorState.OK;
        Arrays.fill(base, Long.MIN_VALUE);
        Arrays.fill(lastClosed, Long.MIN_VALUE);
        if (from != MonitorState.OK) {
            state = MonitorState.OK;
            publish(new Alert(time, eventIndex, from, MonitorState.OK, "resume()", Double.NaN, Double.NaN, Double.NaN,
                    0, 0, null, null));
        }
    }

    private void closedWindow(int kind, Window s, long time, long eventIndex) {
        long k = s.index() - base[kind] + 1;
        double a = evidence == Evidence.SEQUENTIAL ? Intervals.spent(alpha, k) : alpha;
        List<RuleValue> values = new ArrayList<>(rules.size());
        for (int r = 0; r < rules.size(); r++) {
            if (kind(r) != kind) {
                values.add(notEvaluated(r, kind == 1 ? "a decision rule: not evaluated on exposure windows"
                        : "an exposure rule: evaluated on LiveExposure windows, not on decision counts"));
                continue;
            }
            RuleValue v = evaluate(r, s, a, true);
            values.add(v);
            latest[r] = v;
            MonitorRule rule = rules.get(r);
            if (!active[r] && v.tripped() && k >= rule.minWindows()) {
                trip(r, v, s, time, eventIndex);
            } else if (active[r] && !Double.isNaN(v.value()) && safe(r, v.value())) {
                active[r] = false;
                move(r, v, s, time, eventIndex);
            }
        }
        WindowResult result = new WindowResult(s.index(), s.start(), s.end(), s.events(), values);
        anyClosed = true;
        for (MonitorListener l : listeners) {
            l.onWindow(result);
        }
    }

    /**
     * Evaluates every decision rule on the counts' window still open (the last window of a replay
     * or a live recording), at the level a check would use now; exposure rules are not evaluated.
     * Changes nothing: the open window's values never trip or clear a rule here.
     *
     * @param counts the live counts this monitor checks
     * @return the open window and its rule values; empty before the first check or when the
     *     current window has already been evaluated as closed
     */
    public synchronized java.util.Optional<WindowResult> openWindow(LiveCounts counts) {
        Objects.requireNonNull(counts, "counts");
        if (!hasKind[0] || base[0] == Long.MIN_VALUE || counts.watermark() == Long.MIN_VALUE) {
            return java.util.Optional.empty();
        }
        long current = counts.currentWindow();
        if (lastClosed[0] != Long.MIN_VALUE && current <= lastClosed[0]) {
            return java.util.Optional.empty();
        }
        LiveSnapshot s = counts.window(current);
        long k = current - base[0] + 1;
        double a = evidence == Evidence.SEQUENTIAL ? Intervals.spent(alpha, k) : alpha;
        List<RuleValue> values = new ArrayList<>(rules.size());
        for (int r = 0; r < rules.size(); r++) {
            values.add(kind(r) == 0 ? evaluate(r, s, a, true)
                    : notEvaluated(r, "an exposure rule: evaluated on LiveExposure windows, not on decision counts"));
        }
        return java.util.Optional.of(new WindowResult(current, s.start(), s.end(), s.decisionCount(), values));
    }

    private boolean safe(int r, double value) {
        return targets[r].high() ? value <= rules.get(r).clearAt() : value >= rules.get(r).clearAt();
    }

    private void trip(int r, RuleValue v, Window s, long time, long eventIndex) {
        active[r] = true;
        MonitorState action = rules.get(r).action();
        if (action.sticky() && action.compareTo(sticky) > 0) {
            sticky = action;
        }
        move(r, v, s, time, eventIndex);
    }

    private void move(int r, RuleValue v, Window s, long time, long eventIndex) {
        MonitorState next = sticky;
        for (int i = 0; i < rules.size(); i++) {
            if (active[i] && rules.get(i).action().compareTo(next) > 0) {
                next = rules.get(i).action();
            }
        }
        MonitorState from = state;
        if (next != from) {
            state = next;
            publish(new Alert(time, eventIndex, from, next, rules.get(r).rule().text(), v.value(), v.lower(), v.upper(),
                    s.start(), s.end(), v.counts(), v.exposure()));
        }
    }

    private void publish(Alert alert) {
        if (alerts.size() == ALERTS) {
            alerts.removeFirst();
        }
        alerts.addLast(alert);
        for (MonitorListener l : listeners) {
            l.onTransition(alert);
        }
    }

    /**
     * Evaluates rule r on a window of its kind at level a. With full false, returns null unless the
     * interval trips (the cheap look at an open window).
     */
    private RuleValue evaluate(int r, Window s, double a, boolean full) {
        return targets[r].exposure() ? evaluateExposure(r, s.exposure(), a, full) : evaluate(r, s.counts(), a, full);
    }

    /** An exposure rule on one window's table. */
    private RuleValue evaluateExposure(int r, ExposureTable table, double a, boolean full) {
        MonitorRule rule = rules.get(r);
        Target t = targets[r];
        List<String> present = table.groups();
        long need = Math.max(1, rule.minSupport());
        double[] mean = new double[present.size()];
        long[] n = new long[present.size()];
        int m = 0;
        for (String g : present) {
            long lists = table.lists(g);
            if (lists >= need) {
                mean[m] = table.exposure(g);
                n[m++] = lists;
            }
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            min = Math.min(min, mean[j]);
            max = Math.max(max, mean[j]);
        }
        String undefined = null;
        if (m < 2) {
            undefined = m == present.size() ? table.undefinedReason()
                    : "fewer than two groups appear in " + rule.minSupport() + " or more slates";
        } else if (t.ratio() && max == 0) {
            undefined = "every group has zero exposure";
        }
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (undefined == null) {
            double[] each = new double[2 * m];
            double rho = Intervals.rho(horizon, a);
            for (int j = 0; j < m; j++) {
                if (evidence == Evidence.SEQUENTIAL) {
                    Intervals.sequenceOfMean(mean[j], n[j], a / m, rho, each, 2 * j);
                } else {
                    Intervals.hoeffding(mean[j], n[j], a / m, each, 2 * j);
                }
            }
            Intervals.betweenGroups(each, m, t.ratio(), out);
            lo = out[0];
            hi = out[1];
        }
        boolean tripped = undefined == null && (t.high() ? rule.rule().test(lo) : rule.rule().test(hi));
        if (!full && !tripped) {
            return null;
        }
        double value = undefined != null ? Double.NaN : t.ratio() ? min / max : max - min;
        return new RuleValue(rule.rule().text(), value, lo, hi, tripped, undefined, null, table);
    }

    /** A decision rule on one window's counts. */
    RuleValue evaluate(int r, LiveSnapshot s, double a, boolean full) {
        MonitorRule rule = rules.get(r);
        Target t = targets[r];
        ConfusionCounts table = t.everyDecision() ? s.decisions() : s.labelled();
        GroupIndex groups = table.groups();
        int g = groups.size();
        int[] keep = new int[g];
        int m = 0;
        for (int i = 0; i < g; i++) {
            long support = sum(table, i, t.denominator());
            if (t.shape() == Target.Shape.EQUALIZED_ODDS) {
                support = Math.min(support, sum(table, i, 1 | 2));
            }
            if (support >= rule.minSupport()) {
                keep[m++] = i;
            }
        }
        String undefined = null;
        double lo = Double.NaN;
        double hi = Double.NaN;
        boolean[] privileged = null;
        if (t.shape() == Target.Shape.TO_REFERENCE) {
            privileged = new boolean[m];
            int p = 0;
            for (int j = 0; j < m; j++) {
                privileged[j] = matches(groups.group(keep[j]), rule.reference());
                p += privileged[j] ? 1 : 0;
            }
            if (p == 0 || p == m) {
                undefined = "the reference group or the others have fewer than " + rule.minSupport() + " observations";
            }
        } else if (m < (t.shape() == Target.Shape.PER_GROUP ? 1 : 2)) {
            undefined = "fewer than " + (t.shape() == Target.Shape.PER_GROUP ? "one group" : "two groups") + " with "
                    + rule.minSupport() + " or more observations";
        }
        if (undefined == null) {
            double[] b = interval(t, table, keep, m, privileged, a);
            lo = b[0];
            hi = b[1];
        }
        boolean tripped = undefined == null && (t.high() ? rule.rule().test(lo) : rule.rule().test(hi));
        if (!full && !tripped) {
            return null;
        }
        ConfusionCounts kept = subset(table, keep, m);
        double value = Double.NaN;
        if (undefined == null) {
            AuditGate gate = AuditGate.of(FairnessAudit.of(kept, ZeroDivision.UNDEFINED));
            if (privileged != null) {
                gate = gate.withReference(rule.reference());
            }
            AuditGate.Evaluation e = gate.evaluate(rule.rule());
            value = e.value();
            undefined = e.undefinedReason();
        }
        if (Double.isNaN(value)) {
            tripped = false;
            lo = Double.NaN;
            hi = Double.NaN;
            if (undefined == null) {
                undefined = "undefined";
            }
        }
        return new RuleValue(rule.rule().text(), value, lo, hi, tripped, undefined, kept, null);
    }

    private double[] interval(Target t, ConfusionCounts table, int[] keep, int m, boolean[] privileged, double a) {
        double rho = Intervals.rho(horizon, a);
        switch (t.shape()) {
            case TO_REFERENCE -> {
                long[] x = new long[2];
                long[] n = new long[2];
                for (int j = 0; j < m; j++) {
                    int side = privileged[j] ? 1 : 0;
                    x[side] += sum(table, keep[j], t.numerator());
                    n[side] += sum(table, keep[j], t.denominator());
                }
                double[] two = new double[4];
                intervalInto(x[0], n[0], a / 2, rho, two, 0);
                intervalInto(x[1], n[1], a / 2, rho, two, 2);
                Intervals.toReference(two, t.ratio(), out);
            }
            case EQUALIZED_ODDS -> {
                double[] tpr = new double[2 * m];
                double[] fpr = new double[2 * m];
                double each = a / (2 * m);
                for (int j = 0; j < m; j++) {
                    intervalInto(sum(table, keep[j], 8), sum(table, keep[j], 8 | 4), each, rho, tpr, 2 * j);
                    intervalInto(sum(table, keep[j], 2), sum(table, keep[j], 2 | 1), each, rho, fpr, 2 * j);
                }
                Intervals.betweenGroups(tpr, m, t.ratio(), out);
                double lo1 = out[0];
                double hi1 = out[1];
                Intervals.betweenGroups(fpr, m, t.ratio(), out);
                if (t.ratio()) {
                    out[0] = Math.min(lo1, out[0]);
                    out[1] = Math.min(hi1, out[1]);
                } else {
                    out[0] = Math.max(lo1, out[0]);
                    out[1] = Math.max(hi1, out[1]);
                }
            }
            default -> {
                double[] each = new double[2 * m];
                for (int j = 0; j < m; j++) {
                    intervalInto(sum(table, keep[j], t.numerator()), sum(table, keep[j], t.denominator()), a / m, rho,
                            each, 2 * j);
                }
                if (t.shape() == Target.Shape.PER_GROUP) {
                    // the interval of the group value nearest to breaking the other way: max for >, min for <
                    double lo = t.high() ? 0 : 1;
                    double hi = t.high() ? 0 : 1;
                    for (int j = 0; j < m; j++) {
                        lo = t.high() ? Math.max(lo, each[2 * j]) : Math.min(lo, each[2 * j]);
                        hi = t.high() ? Math.max(hi, each[2 * j + 1]) : Math.min(hi, each[2 * j + 1]);
                    }
                    out[0] = lo;
                    out[1] = hi;
                } else {
                    Intervals.betweenGroups(each, m, t.ratio(), out);
                }
            }
        }
        return new double[] {out[0], out[1]};
    }

    private void intervalInto(long x, long n, double a, double rho, double[] into, int at) {
        if (evidence == Evidence.SEQUENTIAL) {
            Intervals.sequence(x, n, a, rho, into, at);
        } else {
            Intervals.wilson(x, n, a, into, at);
        }
    }

    private static long sum(ConfusionCounts table, int group, int cells) {
        long s = 0;
        for (Cell c : Cell.values()) {
            if ((cells & (1 << c.ordinal())) != 0) {
                s += table.count(group, c);
            }
        }
        return s;
    }

    private static boolean matches(Group group, Map<String, String> reference) {
        for (Map.Entry<String, String> e : reference.entrySet()) {
            int c = group.columns().indexOf(e.getKey());
            if (c < 0 || !String.valueOf(group.values().get(c)).equals(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static ConfusionCounts subset(ConfusionCounts table, int[] keep, int m) {
        GroupIndex groups = table.groups();
        if (m == groups.size()) {
            return table;
        }
        if (m == 0) {
            return ConfusionCounts.empty(groups.columns());
        }
        List<List<Object>> values = new ArrayList<>(m);
        long[] cells = new long[4 * m];
        for (int j = 0; j < m; j++) {
            values.add(groups.group(keep[j]).values());
            for (Cell c : Cell.values()) {
                cells[4 * j + c.ordinal()] = table.count(keep[j], c);
            }
        }
        return ConfusionCounts.of(GroupIndex.of(groups.columns(), values), cells, null);
    }

    /**
     * Builds a {@link FairnessMonitor}.
     *
     * <p>Not thread-safe; the built monitor is.
     */
    public static final class Builder {
        private final List<MonitorRule> rules = new ArrayList<>();
        private final List<MonitorListener> listeners = new ArrayList<>();
        private Evidence evidence = Evidence.SEQUENTIAL;
        private double alpha = 0.05;
        private long horizon = 2_000;

        private Builder() {
        }

        /**
         * Adds a rule.
         *
         * @param rule the rule
         * @return this builder
         * @throws IllegalArgumentException if a {@code @to_reference} rule has no reference group
         */
        public Builder rule(MonitorRule rule) {
            Objects.requireNonNull(rule, "rule");
            if (Target.of(rule.rule()).shape() == Target.Shape.TO_REFERENCE && rule.reference().isEmpty()) {
                throw new IllegalArgumentException("rule '" + rule.rule().text() + "' compares to a reference group; "
                        + "give one with withReference(...)");
            }
            rules.add(rule);
            return this;
        }

        /**
         * Sets the evidence rules need.
         *
         * @param evidence the evidence
         * @return this builder
         */
        public Builder evidence(Evidence evidence) {
            this.evidence = Objects.requireNonNull(evidence, "evidence");
            return this;
        }

        /**
         * Sets the false-alarm level of each rule.
         *
         * @param alpha in (0, 0.5]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder alpha(double alpha) {
            if (!(alpha > 0 && alpha <= 0.5)) {
                throw new IllegalArgumentException("alpha must be in (0, 0.5], got " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        /**
         * Sets how many observations per group the confidence sequences are tightest near (any
         * value keeps them valid; it only moves where they are sharpest).
         *
         * @param observations at least 10
         * @return this builder
         * @throws IllegalArgumentException if under 10
         */
        public Builder sequentialHorizon(long observations) {
            if (observations < 10) {
                throw new IllegalArgumentException("sequentialHorizon must be >= 10, got " + observations);
            }
            this.horizon = observations;
            return this;
        }

        /**
         * Adds a listener.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(MonitorListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Builds the monitor.
         *
         * @return the monitor
         * @throws IllegalStateException if no rule was added
         */
        public FairnessMonitor build() {
            if (rules.isEmpty()) {
                throw new IllegalStateException("a monitor needs at least one rule");
            }
            return new FairnessMonitor(this);
        }
    }
}
