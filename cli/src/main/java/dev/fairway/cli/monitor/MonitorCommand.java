package dev.fairway.cli.monitor;

import dev.fairway.cli.ReportDates;
import dev.fairway.cli.BadInputException;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.gate.RuleSyntaxException;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.LiveSnapshot;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.consent.log.Recovery;
import dev.fairway.consent.log.RecoveryMode;
import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.DecisionLogReader;
import dev.fairway.guard.monitor.Alert;
import dev.fairway.guard.monitor.Evidence;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorListener;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import dev.fairway.guard.monitor.RuleValue;
import dev.fairway.guard.monitor.WindowResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fairway monitor}: replays a decision log ({@code fairway-decision/v1}) through a
 * {@link FairnessMonitor} and prints the timeline ({@code fairway-monitor/v1}): the transitions, in
 * order, and every closed window's rule values. The monitor is checked after every event, as a
 * guard that checks after every decision would, so a replay gives the service's transitions.
 */
@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        description = {"Replay a decision log (fairway-decision/v1) through a fairness monitor and print its timeline.",
            "Rules use the gate grammar of 'fairway audit --fail-if'; --rule warns, --fallback-rule and --pause-rule",
            "move to FALLBACK and PAUSED (which only an operator's resume leaves)."})
public final class MonitorCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** Output formats. */
    enum Format { json, text, html }

    @Spec
    CommandSpec spec;

    @Option(names = "--log", required = true, paramLabel = "FILE.jsonl", description = "Decision log (fairway-decision/v1).")
    Path log;

    @Option(names = "--rule", paramLabel = "RULE", description = "Rule that moves the monitor to WARN, such as "
            + "'demographic_parity_difference > 0.1'. Repeatable.")
    List<String> warnRules = new ArrayList<>();

    @Option(names = "--fallback-rule", paramLabel = "RULE", description = "Rule that moves the monitor to FALLBACK. Repeatable.")
    List<String> fallbackRules = new ArrayList<>();

    @Option(names = "--pause-rule", paramLabel = "RULE", description = "Rule that moves the monitor to PAUSED. Repeatable.")
    List<String> pauseRules = new ArrayList<>();

    @Option(names = "--window", paramLabel = "N|DURATION", defaultValue = "10000",
            description = "Window: a number of decisions, or event time such as 1h, 30m, 10s, 500ms (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--slide", paramLabel = "N|DURATION", description = "Slide of a sliding window (default: tumbling).")
    String slide;

    @Option(names = "--lateness", paramLabel = "DURATION", defaultValue = "0s",
            description = "Allowed lateness of event-time windows (default: ${DEFAULT-VALUE}).")
    String lateness;

    @Option(names = "--min-support", paramLabel = "N", defaultValue = "0",
            description = "Leave out groups with fewer observations in a window (default: ${DEFAULT-VALUE}).")
    long minSupport;

    @Option(names = "--min-windows", paramLabel = "N", defaultValue = "1",
            description = "Trip only from the N-th window (default: ${DEFAULT-VALUE}).")
    int minWindows;

    @Option(names = "--sequential", description = "Anytime-valid evidence (default: each closed window's interval).")
    boolean sequential;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.05", description = "False-alarm level per rule (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--reference", paramLabel = "col=value[,col=value]", description = "Reference group of @to_reference rules.")
    String reference;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json, text or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--clear-at", paramLabel = "RULE=VALUE", description = "Hysteresis: the rule (as given to "
            + "--rule, --fallback-rule or --pause-rule) clears only once its value is back past VALUE, such as "
            + "'demographic_parity_difference > 0.1=0.05'. Repeatable.")
    List<String> clearAt = new ArrayList<>();

    @Option(names = "--report-date", paramLabel = "YYYY-MM-DD",
            description = "Date printed in the HTML timeline (default: today, UTC); fix it for reproducible bytes.")
    String reportDate;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the timeline here instead of standard output.")
    Path out;

    @Option(names = "--recovery", paramLabel = "MODE", defaultValue = "TOLERATE_TORN_TAIL",
            description = "Damaged lines of the log: TOLERATE_TORN_TAIL (default: a torn last line is left out and "
                    + "reported, damage before it is an error), ABSOLUTE_CONSISTENCY (any damage is an error) or "
                    + "SALVAGE (damaged lines are skipped and reported).")
    RecoveryMode recovery;

    /** What reading the log found (recovery), for the output. */
    private DecisionLogReader.Result logRead;

    /** One parsed event of the log. */
    private record Event(long line, boolean outcome, long id, long time, int group, boolean positive) {
    }

    @Override
    public Integer call() {
        List<MonitorRule> rules = rules();
        Windowing windowing = windowing();
        String date = ReportDates.resolve(reportDate);
        List<String> columns = new ArrayList<>();
        List<List<Object>> groupValues = new ArrayList<>();
        List<Event> events = read(columns, groupValues);
        GroupIndex groups;
        try {
            groups = GroupIndex.of(columns, groupValues);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(log + ": " + e.getMessage(), e);
        }
        int[] code = new int[groupValues.size()];
        for (int i = 0; i < code.length; i++) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                m.put(columns.get(c), String.valueOf(groupValues.get(i).get(c)));
            }
            code[i] = groups.find(m);
        }
        List<Alert> transitions = new ArrayList<>();
        List<WindowResult> windows = new ArrayList<>();
        FairnessMonitor.Builder b = FairnessMonitor.builder().evidence(sequential ? Evidence.SEQUENTIAL : Evidence.INTERVAL)
                .listener(new MonitorListener() {
                    @Override
                    public void onTransition(Alert alert) {
                        transitions.add(alert);
                    }

                    @Override
                    public void onWindow(WindowResult w) {
                        windows.add(w);
                    }
                });
        try {
            b.alpha(alpha);
            for (MonitorRule r : rules) {
                b.rule(r);
            }
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        FairnessMonitor monitor = b.build();
        LiveCounts live = LiveCounts.builder(groups).windowing(windowing).maxPending(1 << 24)
                .maxPendingAge(Duration.ofDays(3650)).retainWindows(4).build();
        long decisions = 0;
        long outcomes = 0;
        long[] decisionsThrough = new long[events.size()];
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.outcome) {
                live.label(e.id, e.positive);
                outcomes++;
            } else {
                try {
                    live.record(e.id, code[e.group], e.positive, e.time);
                } catch (IllegalArgumentException dup) {
                    throw new BadInputException(log + " line " + e.line + ": decision id " + e.id + " appears twice");
                }
                decisions++;
            }
            decisionsThrough[i] = decisions;
            monitor.check(live, e.time, i);
        }
        LiveSnapshot last = live.snapshot();
        String text = switch (format) {
            case json -> json(rules, windowing, monitor, transitions, windows, events.size(), decisions, outcomes, last);
            case text -> text(monitor, transitions, windows, events.size(), decisions, outcomes, last);
            case html -> MonitorHtml.render(new MonitorHtml.Header(log.getFileName().toString(), dev.fairway.cli.Fairway
                    .version(), date, events.size(), decisions, outcomes, monitor.evidence().name().toLowerCase(Locale.ROOT),
                    alpha, describe(windowing), monitor.state()), rules, windowing, windows, transitions, decisionsThrough);
        };
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            write(out, text);
        }
        return 0;
    }

    private List<MonitorRule> rules() {
        if (warnRules.isEmpty() && fallbackRules.isEmpty() && pauseRules.isEmpty()) {
            throw new BadInputException("give at least one --rule, --fallback-rule or --pause-rule");
        }
        Map<String, String> ref = reference == null ? Map.of() : parseReference(reference);
        List<MonitorRule> rules = new ArrayList<>();
        add(rules, warnRules, MonitorState.WARN, ref);
        add(rules, fallbackRules, MonitorState.FALLBACK, ref);
        add(rules, pauseRules, MonitorState.PAUSED, ref);
        for (String c : clearAt) {
            int eq = c.lastIndexOf('=');
            String ruleText = eq < 0 ? "" : c.substring(0, eq).strip();
            int at = -1;
            for (int i = 0; i < rules.size(); i++) {
                at = rules.get(i).rule().text().strip().equals(ruleText) ? i : at;
            }
            if (at < 0) {
                throw new BadInputException("--clear-at '" + c + "' must be RULE=VALUE with RULE one of the given rules");
            }
            try {
                rules.set(at, rules.get(at).withClearAt(Double.parseDouble(c.substring(eq + 1).strip())));
            } catch (NumberFormatException e) {
                throw new BadInputException("--clear-at '" + c + "': VALUE must be a number", e);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--clear-at '" + c + "': " + e.getMessage(), e);
            }
        }
        return rules;
    }

    private static String describe(Windowing w) {
        if (w.kind() != Windowing.Kind.TIME) {
            return (w.size() == w.slide() ? "tumbling, " : "sliding by " + w.slide() + " decisions, ") + w.size()
                    + " decisions";
        }
        return "event time, " + (w.size() == w.slide() ? "tumbling " : "sliding by " + span(w.slide()) + ", ")
                + span(w.size()) + (w.lateness() > 0 ? ", lateness " + span(w.lateness()) : "");
    }

    /** A span of milliseconds in the largest unit of the --window grammar that divides it. */
    private static String span(long ms) {
        long[] size = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] unit = {"d", "h", "m", "s"};
        for (int i = 0; i < size.length; i++) {
            if (ms % size[i] == 0) {
                return ms / size[i] + unit[i];
            }
        }
        return ms + "ms";
    }

    private void add(List<MonitorRule> rules, List<String> texts, MonitorState action, Map<String, String> ref) {
        for (String t : texts) {
            try {
                MonitorRule r = MonitorRule.of(t, action).withMinSupport(minSupport).withMinWindows(minWindows);
                if (r.exposure()) {
                    throw new BadInputException("rule '" + t + "': a decision log has no ranked slates; exposure rules"
                            + " are evaluated in the service (Guard.rank), and rank-audit --fail-if checks a file of lists");
                }
                if (t.contains("@to_reference")) {
                    r = r.withReference(ref);
                }
                rules.add(r);
            } catch (RuleSyntaxException e) {
                throw new BadInputException("rule '" + t + "': " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
        }
    }

    private static Map<String, String> parseReference(String spec) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--reference must be col=value[,col=value], got '" + spec + "'");
            }
            values.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        return values;
    }

    private Windowing windowing() {
        try {
            if (window.chars().allMatch(Character::isDigit)) {
                long size = Long.parseLong(window);
                long step = slide == null ? size : Long.parseLong(slide);
                if (!"0s".equals(lateness)) {
                    throw new BadInputException("--lateness applies to event-time windows only, such as --window 1h");
                }
                return Windowing.slidingCount(size, step);
            }
            Duration size = duration("--window", window);
            Duration step = slide == null ? size : duration("--slide", slide);
            return Windowing.sliding(size, step, duration("--lateness", lateness));
        } catch (NumberFormatException e) {
            throw new BadInputException("--slide '" + slide + "' must be a number of decisions like --window", e);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--window: " + e.getMessage(), e);
        }
    }

    private static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new BadInputException(option + " must be a number of decisions or a duration such as 1h, 30m, 10s, "
                    + "500ms; got '" + text + "'");
        }
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            default -> Duration.ofDays(v);
        };
    }

    private List<Event> read(List<String> columns, List<List<Object>> groupValues) {
        List<Event> events = new ArrayList<>();
        Map<List<Object>, Integer> seen = new HashMap<>();
        try {
            logRead = DecisionLogReader.forEach(log, recovery, e -> {
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
        } catch (IOException e) {
            throw new BadInputException("cannot read " + log + ": " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            // the reader's refusal names the file, the line and its byte offset
            throw new BadInputException(e.getMessage(), e);
        }
        if (logRead.header().isEmpty()) {
            Recovery damaged = logRead.tornTail().isPresent() && logRead.tornTail().get().line() == 1
                    ? logRead.tornTail().get()
                    : logRead.salvaged().stream().filter(r -> r.line() == 1).findFirst().orElse(null);
            if (damaged == null) {
                throw new BadInputException(log + " is empty; expected a " + DecisionLog.SCHEMA + " header line");
            }
            throw new BadInputException(log + " line 1: the header is damaged (" + damaged.reason() + "); expected a "
                    + DecisionLog.SCHEMA + " header line");
        }
        if (groupValues.isEmpty()) {
            throw new BadInputException(log + " holds no decisions");
        }
        return events;
    }

    private String bound(Windowing w, long v) {
        return w.kind() == Windowing.Kind.TIME ? Instant.ofEpochMilli(v).toString() : Long.toString(v);
    }

    private String json(List<MonitorRule> rules, Windowing w, FairnessMonitor monitor, List<Alert> transitions,
            List<WindowResult> windows, int events, long decisions, long outcomes, LiveSnapshot last) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "fairway-monitor/v1");
        root.put("log", log.toString());
        root.put("events", events);
        root.put("decisions", decisions);
        root.put("outcomes", outcomes);
        root.put("evidence", monitor.evidence().name().toLowerCase(Locale.ROOT));
        root.put("alpha", alpha);
        ObjectNode win = root.putObject("window");
        win.put("kind", w.kind().name().toLowerCase(Locale.ROOT));
        win.put("size", w.size());
        win.put("slide", w.slide());
        win.put("lateness", w.lateness());
        ArrayNode rs = root.putArray("rules");
        for (MonitorRule r : rules) {
            ObjectNode o = rs.addObject();
            o.put("rule", r.rule().text());
            o.put("action", r.action().name().toLowerCase(Locale.ROOT));
        }
        root.put("final_state", monitor.state().name().toLowerCase(Locale.ROOT));
        ArrayNode ts = root.putArray("transitions");
        for (Alert a : transitions) {
            ObjectNode o = ts.addObject();
            o.put("time", Instant.ofEpochMilli(a.time()).toString());
            o.put("event_index", a.eventIndex());
            o.put("from", a.from().name().toLowerCase(Locale.ROOT));
            o.put("to", a.to().name().toLowerCase(Locale.ROOT));
            o.put("rule", a.rule());
            number(o, "value", a.value());
            ArrayNode ci = o.putArray("ci");
            number(ci, a.lower());
            number(ci, a.upper());
            ObjectNode ww = o.putObject("window");
            ww.put("start", bound(w, a.windowStart()));
            ww.put("end", bound(w, a.windowEnd()));
            if (a.counts() != null) {
                groups(o.putArray("groups"), a.counts());
            }
        }
        ArrayNode ws = root.putArray("windows");
        for (WindowResult r : windows) {
            ObjectNode o = ws.addObject();
            o.put("index", r.index());
            o.put("start", bound(w, r.start()));
            o.put("end", bound(w, r.end()));
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
        root.put("pending_labels", last.pending());
        root.put("unmatched_labels", last.unmatchedLabels());
        root.put("late_decisions", last.lateDecisions());
        root.put("expired_labels", last.expiredLabels());
        ObjectNode rec = root.putObject("recovery");
        rec.put("mode", recovery.name());
        if (logRead.tornTail().isPresent()) {
            damage(rec.putObject("torn_tail"), logRead.tornTail().get());
        } else {
            rec.putNull("torn_tail");
        }
        ArrayNode salvaged = rec.putArray("salvaged");
        for (Recovery r : logRead.salvaged()) {
            damage(salvaged.addObject(), r);
        }
        return root.toPrettyString() + "\n";
    }

    private static void damage(ObjectNode o, Recovery r) {
        o.put("line", r.line());
        o.put("offset", r.offset());
        o.put("length", r.length());
        o.put("reason", r.reason());
    }

    private static void groups(ArrayNode into, dev.fairway.fairness.ConfusionCounts counts) {
        for (int g = 0; g < counts.groups().size(); g++) {
            ObjectNode o = into.addObject();
            ObjectNode key = o.putObject("group");
            for (int c = 0; c < counts.groups().columns().size(); c++) {
                key.put(counts.groups().columns().get(c), String.valueOf(counts.groups().group(g).values().get(c)));
            }
            for (dev.fairway.fairness.Cell cell : dev.fairway.fairness.Cell.values()) {
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

    private String text(FairnessMonitor monitor, List<Alert> transitions, List<WindowResult> windows, int events,
            long decisions, long outcomes, LiveSnapshot last) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "fairway monitor: %s: %d events (%d decisions, %d outcomes), %d closed "
                + "windows, %s evidence, alpha %s%n", log, events, decisions, outcomes, windows.size(),
                monitor.evidence().name().toLowerCase(Locale.ROOT), alpha));
        if (transitions.isEmpty()) {
            sb.append("no transitions\n");
        }
        for (Alert a : transitions) {
            sb.append(String.format(Locale.ROOT, "%s  event %d  %s -> %s  %s  value %.4f  ci [%.4f, %.4f]%n",
                    Instant.ofEpochMilli(a.time()), a.eventIndex(), a.from(), a.to(), a.rule(), a.value(), a.lower(),
                    a.upper()));
        }
        sb.append("final state: ").append(monitor.state()).append('\n');
        logRead.tornTail().ifPresent(r -> sb.append(String.format(Locale.ROOT,
                "log recovery: torn last line %d at byte offset %d (%s) left out%n", r.line(), r.offset(), r.reason())));
        for (Recovery r : logRead.salvaged()) {
            sb.append(String.format(Locale.ROOT, "log recovery: damaged line %d at byte offset %d (%s) skipped (%s)%n",
                    r.line(), r.offset(), r.reason(), recovery));
        }
        sb.append(String.format(Locale.ROOT, "labels pending %d, unmatched %d; late decisions %d%n", last.pending(),
                last.unmatchedLabels(), last.lateDecisions()));
        return sb.toString();
    }

    /** Writes to a temporary file beside the target and renames it, so a failure leaves no partial file. */
    private static void write(Path out, String text) {
        Path target = out.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".fairway", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
