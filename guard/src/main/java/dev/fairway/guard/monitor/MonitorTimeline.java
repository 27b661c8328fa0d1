package dev.fairway.guard.monitor;

import dev.fairway.consent.ledger.RecoveryMode;
import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.live.Windowing;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fairness monitor's timeline ({@code fairway-monitor/v1}): how it was configured, every state
 * transition in order, and every closed window's rule values, with the label counters at the end.
 * A timeline is either the replay of a decision log ({@link dev.fairway.guard.MonitorReplay}) or recorded live from
 * the monitor a guard consults ({@link TimelineRecorder}); the two give the same transitions for
 * the same decisions, rules, windowing, evidence, alpha and check interval.
 *
 * <p><b>Indices, one definition.</b> Each transition carries two indices of the check that made it:
 * the <em>decision index</em> ({@link Transition#decisionIndex()}, the {@link Alert#eventIndex()}
 * given to {@link FairnessMonitor#check}) is the 0-based index of the last decision counted when
 * the check ran (in a {@link dev.fairway.guard.Guard}, that decision's id); the <em>event
 * index</em> ({@link Transition#eventIndex()}) counts decisions and outcomes: the decision index
 * plus the outcomes counted before the check, which in a replay is the position of that decision
 * among the log's decision and outcome lines. A resume carries the index it was given.
 *
 * <p>Rendered as JSON ({@link #toJson()}), text ({@link #toText()}) and one self-contained HTML page
 * ({@link #toHtml(String, LocalDate)}); each rendering is a pure function of the value.
 *
 * <p>Immutable and thread-safe.
 *
 * @param origin whether this is a replay of a log or a live recording
 * @param log the decision log the decisions are in, as named by the caller
 * @param events the decisions and outcomes counted
 * @param decisions the decisions counted
 * @param outcomes the outcomes counted
 * @param evidence the evidence the rules needed
 * @param alpha the false-alarm level of each rule
 * @param window the windowing of the counts
 * @param checkEvery the monitor was checked after every {@code checkEvery}-th decision (by decision
 *     index: those with {@code index % checkEvery == 0})
 * @param rules the monitor's rules, in order
 * @param finalState the monitor's state at the end
 * @param transitions the state transitions, in order
 * @param windows the closed windows, in order
 * @param openWindow the window still open at the end, its rule values computed as a check would
 *     then (not a closed window: it never trips or clears a rule), or empty
 * @param labels the label counters of the counts at the end
 * @param recovery what reading the log found (a replay), or empty (a live recording)
 */
public record MonitorTimeline(Origin origin, String log, long events, long decisions, long outcomes, Evidence evidence,
        double alpha, Windowing window, int checkEvery, List<MonitorRule> rules, MonitorState finalState,
        List<Transition> transitions, List<WindowResult> windows, Optional<WindowResult> openWindow, Labels labels,
        Optional<LogRecovery> recovery) {
    /** The schema name written in the JSON. */
    public static final String SCHEMA = "fairway-monitor/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where a timeline comes from. Thread-safe (an enum). */
    public enum Origin {
        /** The replay of a decision log ({@link dev.fairway.guard.MonitorReplay}). */
        REPLAY,
        /** Recorded from the live monitor as it checked ({@link TimelineRecorder}). */
        LIVE
    }

    /**
     * One state transition with both of its indices (see {@link MonitorTimeline}).
     *
     * <p>Immutable and thread-safe.
     *
     * @param alert the transition and its evidence
     * @param eventIndex the decision index plus the outcomes counted before the check
     */
    public record Transition(Alert alert, long eventIndex) {
        /**
         * Validates the parts.
         *
         * @param alert the alert
         * @param eventIndex the event index
         * @throws IllegalArgumentException if the event index is below the decision index
         */
        public Transition {
            Objects.requireNonNull(alert, "alert");
            if (eventIndex < alert.eventIndex()) {
                throw new IllegalArgumentException("eventIndex " + eventIndex + " must be >= the decision index "
                        + alert.eventIndex());
            }
        }

        /**
         * Makes a transition.
         *
         * @param alert the alert
         * @param eventIndex the event index
         * @return the transition
         */
        public static Transition of(Alert alert, long eventIndex) {
            return new Transition(alert, eventIndex);
        }

        /**
         * Returns the decision index of the check: {@link Alert#eventIndex()}.
         *
         * @return the 0-based index of the last decision counted when the check ran
         */
        public long decisionIndex() {
            return alert.eventIndex();
        }
    }

    /**
     * The label counters of the live counts at the end (see
     * {@link dev.fairway.fairness.live.LiveSnapshot}).
     *
     * <p>Immutable and thread-safe.
     *
     * @param pending decisions still waiting for their outcome
     * @param unmatched outcomes whose decision waited nowhere
     * @param lateDecisions decisions older than the allowed lateness
     * @param expired outcomes whose decision's window had left the ring
     */
    public record Labels(long pending, long unmatched, long lateDecisions, long expired) {
        /**
         * Validates the counters.
         *
         * @param pending pending
         * @param unmatched unmatched
         * @param lateDecisions late decisions
         * @param expired expired
         * @throws IllegalArgumentException if a counter is negative
         */
        public Labels {
            if (pending < 0 || unmatched < 0 || lateDecisions < 0 || expired < 0) {
                throw new IllegalArgumentException("label counters must be >= 0");
            }
        }

        /**
         * Makes the counters.
         *
         * @param pending pending
         * @param unmatched unmatched
         * @param lateDecisions late decisions
         * @param expired expired
         * @return the counters
         */
        public static Labels of(long pending, long unmatched, long lateDecisions, long expired) {
            return new Labels(pending, unmatched, lateDecisions, expired);
        }
    }

    /**
     * One damaged line of a log: where it is and why.
     *
     * <p>Immutable and thread-safe.
     *
     * @param line the 1-based line number
     * @param offset the line's byte offset
     * @param length the line's length in bytes
     * @param reason what is wrong with it
     */
    public record Damage(long line, long offset, long length, String reason) {
        /**
         * Validates the parts.
         *
         * @param line the line
         * @param offset the offset
         * @param length the length
         * @param reason the reason
         */
        public Damage {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * What reading a decision log found: the recovery mode, a torn last line left out, damaged
     * lines skipped.
     *
     * <p>Immutable and thread-safe.
     *
     * @param mode the recovery mode the log was read in
     * @param tornTail the torn last line left out, if any
     * @param salvaged the damaged lines skipped ({@link RecoveryMode#SALVAGE}), in file order
     */
    public record LogRecovery(RecoveryMode mode, Optional<Damage> tornTail, List<Damage> salvaged) {
        /**
         * Validates and copies the parts.
         *
         * @param mode the mode
         * @param tornTail the torn tail
         * @param salvaged the skipped lines
         */
        public LogRecovery {
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(tornTail, "tornTail");
            salvaged = List.copyOf(salvaged);
        }
    }

    /**
     * Validates and copies the parts.
     *
     * @param origin the origin
     * @param log the log
     * @param events the events
     * @param decisions the decisions
     * @param outcomes the outcomes
     * @param evidence the evidence
     * @param alpha alpha
     * @param window the windowing
     * @param checkEvery the check interval
     * @param rules the rules
     * @param finalState the final state
     * @param transitions the transitions
     * @param windows the windows
     * @param openWindow the open window, or empty
     * @param labels the label counters
     * @param recovery the log's recovery, or empty
     * @throws IllegalArgumentException if a count is negative, events is not decisions plus
     *     outcomes, or checkEvery is under 1
     */
    public MonitorTimeline {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(finalState, "finalState");
        Objects.requireNonNull(openWindow, "openWindow");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(recovery, "recovery");
        if (decisions < 0 || outcomes < 0 || events != decisions + outcomes) {
            throw new IllegalArgumentException("events (" + events + ") must be decisions (" + decisions
                    + ") plus outcomes (" + outcomes + "), none negative");
        }
        if (checkEvery < 1) {
            throw new IllegalArgumentException("checkEvery must be >= 1, got " + checkEvery);
        }
        rules = List.copyOf(rules);
        transitions = List.copyOf(transitions);
        windows = List.copyOf(windows);
    }

    /**
     * Renders the timeline as {@code fairway-monitor/v1} JSON (two-space indented, final newline):
     * {@code schema}, {@code origin}, {@code log}, {@code events}, {@code decisions},
     * {@code outcomes}, {@code evidence}, {@code alpha}, {@code window} (kind, size, slide,
     * lateness), {@code check_every}, {@code rules} (rule, action, clear_at, min_support,
     * min_windows, reference), {@code final_state}, {@code transitions} (time, decision_index,
     * event_index, from, to, rule, value, ci, window, groups), {@code windows}, {@code open_window} (the window still open at the end, or {@code null}),
     * the label counters
     * and {@code recovery} ({@code null} for a live timeline). Undefined numbers are {@code null}.
     *
     * @return the JSON text
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("origin", lower(origin));
        root.put("log", log);
        root.put("events", events);
        root.put("decisions", decisions);
        root.put("outcomes", outcomes);
        root.put("evidence", lower(evidence));
        root.put("alpha", alpha);
        ObjectNode win = root.putObject("window");
        win.put("kind", lower(window.kind()));
        win.put("size", window.size());
        win.put("slide", window.slide());
        win.put("lateness", window.lateness());
        root.put("check_every", checkEvery);
        ArrayNode rs = root.putArray("rules");
        for (MonitorRule r : rules) {
            ObjectNode o = rs.addObject();
            o.put("rule", r.rule().text());
            o.put("action", lower(r.action()));
            number(o, "clear_at", r.clearAt());
            o.put("min_support", r.minSupport());
            o.put("min_windows", r.minWindows());
            if (!r.reference().isEmpty()) {
                ObjectNode ref = o.putObject("reference");
                r.reference().forEach(ref::put);
            }
        }
        root.put("final_state", lower(finalState));
        ArrayNode ts = root.putArray("transitions");
        for (Transition t : transitions) {
            Alert a = t.alert();
            ObjectNode o = ts.addObject();
            o.put("time", Instant.ofEpochMilli(a.time()).toString());
            o.put("decision_index", t.decisionIndex());
            o.put("event_index", t.eventIndex());
            o.put("from", lower(a.from()));
            o.put("to", lower(a.to()));
            o.put("rule", a.rule());
            number(o, "value", a.value());
            ArrayNode ci = o.putArray("ci");
            number(ci, a.lower());
            number(ci, a.upper());
            ObjectNode ww = o.putObject("window");
            ww.put("start", bound(a.windowStart()));
            ww.put("end", bound(a.windowEnd()));
            if (a.counts() != null) {
                groups(o.putArray("groups"), a.counts());
            }
        }
        ArrayNode ws = root.putArray("windows");
        for (WindowResult r : windows) {
            window(ws.addObject(), r);
        }
        if (openWindow.isPresent()) {
            window(root.putObject("open_window"), openWindow.get());
        } else {
            root.putNull("open_window");
        }
        root.put("pending_labels", labels.pending());
        root.put("unmatched_labels", labels.unmatched());
        root.put("late_decisions", labels.lateDecisions());
        root.put("expired_labels", labels.expired());
        if (recovery.isEmpty()) {
            root.putNull("recovery");
        } else {
            LogRecovery lr = recovery.get();
            ObjectNode rec = root.putObject("recovery");
            rec.put("mode", lr.mode().name());
            if (lr.tornTail().isPresent()) {
                damage(rec.putObject("torn_tail"), lr.tornTail().get());
            } else {
                rec.putNull("torn_tail");
            }
            ArrayNode salvaged = rec.putArray("salvaged");
            for (Damage d : lr.salvaged()) {
                damage(salvaged.addObject(), d);
            }
        }
        return root.toPrettyString() + "\n";
    }

    /**
     * Renders the timeline as text: a summary line, one line per transition (time, decision and
     * event index, states, rule, value, interval), the final state, what recovery found, and the
     * label counters.
     *
     * @return the text, each line ending in a newline
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "fairway monitor: %s: %d events (%d decisions, %d outcomes), %d closed "
                + "windows, %s evidence, alpha %s, checked every %d decision%s%n", log, events, decisions, outcomes,
                windows.size(), lower(evidence), alpha, checkEvery, checkEvery == 1 ? "" : "s"));
        if (transitions.isEmpty()) {
            sb.append("no transitions\n");
        }
        for (Transition t : transitions) {
            Alert a = t.alert();
            sb.append(String.format(Locale.ROOT, "%s  decision %d (event %d)  %s -> %s  %s  value %.4f  ci [%.4f, %.4f]%n",
                    Instant.ofEpochMilli(a.time()), t.decisionIndex(), t.eventIndex(), a.from(), a.to(), a.rule(),
                    a.value(), a.lower(), a.upper()));
        }
        sb.append("final state: ").append(finalState).append('\n');
        recovery.ifPresent(lr -> {
            lr.tornTail().ifPresent(r -> sb.append(String.format(Locale.ROOT,
                    "log recovery: torn last line %d at byte offset %d (%s) left out%n", r.line(), r.offset(), r.reason())));
            for (Damage r : lr.salvaged()) {
                sb.append(String.format(Locale.ROOT, "log recovery: damaged line %d at byte offset %d (%s) skipped (%s)%n",
                        r.line(), r.offset(), r.reason(), lr.mode()));
            }
        });
        sb.append(String.format(Locale.ROOT, "labels pending %d, unmatched %d; late decisions %d%n", labels.pending(),
                labels.unmatched(), labels.lateDecisions()));
        return sb.toString();
    }

    /**
     * Renders the timeline as one self-contained HTML page (the audit reports' style sheet and
     * escaping from {@link dev.fairway.fairness.report.HtmlKit}, inline SVG, no script, no network):
     * a header, per rule a chart of its value in each closed window with its interval band, the
     * thresholds and a marker at each state change it caused, then the transitions table.
     *
     * @param version the Fairway version printed in the header and footer
     * @param date the date printed in the header and footer
     * @return the page
     */
    public String toHtml(String version, LocalDate date) {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(date, "date");
        return TimelineHtml.render(this, version, date.toString());
    }

    /** A window bound as text: an instant for event-time windows, a decision number otherwise. */
    String bound(long v) {
        return window.kind() == Windowing.Kind.TIME ? Instant.ofEpochMilli(v).toString() : Long.toString(v);
    }

    /** A human description of the windowing. */
    String describeWindow() {
        Windowing w = window;
        if (w.kind() == Windowing.Kind.CUMULATIVE) {
            return "cumulative";
        }
        if (w.kind() != Windowing.Kind.TIME) {
            return (w.size() == w.slide() ? "tumbling, " : "sliding by " + w.slide() + " decisions, ") + w.size()
                    + " decisions";
        }
        return "event time, " + (w.size() == w.slide() ? "tumbling " : "sliding by " + span(w.slide()) + ", ")
                + span(w.size()) + (w.lateness() > 0 ? ", lateness " + span(w.lateness()) : "");
    }

    /** A span of milliseconds in the largest of d, h, m, s that divides it. */
    static String span(long ms) {
        long[] size = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] unit = {"d", "h", "m", "s"};
        for (int i = 0; i < size.length; i++) {
            if (ms % size[i] == 0) {
                return ms / size[i] + unit[i];
            }
        }
        return ms + "ms";
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private void window(ObjectNode o, WindowResult r) {
        o.put("index", r.index());
        o.put("start", bound(r.start()));
        o.put("end", bound(r.end()));
        o.put("decisions", r.decisions());
        ArrayNode vs = o.putArray("rules");
        for (RuleValue v : r.values()) {
            ObjectNode x = vs.addObject();
            x.put("rule", v.rule());
            number(x, "value", v.value());
            ArrayNode ci = x.putArray("ci");
            number(ci, v.lower());
            number(ci, v.upper());
            x.put("tripped", v.tripped());
            if (v.undefinedReason() != null) {
                x.put("undefined_reason", v.undefinedReason());
            }
        }
    }

    private static void damage(ObjectNode o, Damage r) {
        o.put("line", r.line());
        o.put("offset", r.offset());
        o.put("length", r.length());
        o.put("reason", r.reason());
    }

    private static void groups(ArrayNode into, ConfusionCounts counts) {
        for (int g = 0; g < counts.groups().size(); g++) {
            ObjectNode o = into.addObject();
            ObjectNode key = o.putObject("group");
            for (int c = 0; c < counts.groups().columns().size(); c++) {
                key.put(counts.groups().columns().get(c), String.valueOf(counts.groups().group(g).values().get(c)));
            }
            for (Cell cell : Cell.values()) {
                o.put(cell.name().toLowerCase(Locale.ROOT), counts.count(g, cell));
            }
        }
    }

    private static void number(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static void number(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(v);
        } else {
            a.addNull();
        }
    }
}
