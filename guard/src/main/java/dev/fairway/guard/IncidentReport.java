package dev.fairway.guard;

import dev.fairway.consent.log.RecoveryMode;
import dev.fairway.guard.monitor.Alert;
import dev.fairway.guard.monitor.MonitorState;
import dev.fairway.guard.monitor.RuleValue;
import dev.fairway.guard.monitor.WindowResult;
import dev.fairway.fairness.report.HtmlKit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The post-mortem of a fairness incident, drafted from a monitor's transitions and windows and the
 * decision log they came from: when the monitor left OK and why (rule, value, interval), how many
 * decisions the unfair model made from the start of the first unfair window until the guard fell
 * back or paused (by group and by route), when the service's route changed (fallback, paused,
 * rollback, primary again) and when the monitor resumed, and each rule's windowed values before,
 * during and after the incident. It holds counts, times and rule values only: no decision id, score
 * or other per-person data.
 *
 * <p>Positions: the monitor is checked after each event of the log (decisions and outcomes, counted
 * from 0 after the header), and a transition's {@link Alert#eventIndex()} is the event it followed,
 * so the decision at that event was made before the guard acted. Window bounds are decision
 * ordinals (0-based) for count windows and epoch milliseconds for event-time windows. The exposed
 * decisions are those at or after the first unfair window's start and at or before the event of
 * the first move to FALLBACK or PAUSED (to the end of the log when there is none). The phases of
 * the figures: before = windows ending at or before that start; during = windows overlapping the
 * span from that start to the first return to OK after it (or the end); after = windows starting at
 * or after that return.
 *
 * <p>Immutable and thread-safe.
 *
 * @param log the log's file name (not its path)
 * @param countWindows whether window bounds are decision ordinals (else epoch milliseconds)
 * @param leftOk the first transition out of OK, if any
 * @param acted the first move to FALLBACK or PAUSED after it, if any
 * @param resumed the first return to OK after that, if any
 * @param transitions every transition, in order
 * @param exposedDecisions the decisions in the exposure span
 * @param exposedByGroup the exposed decisions by group (column to level code, as logged)
 * @param exposedByRoute the exposed decisions by route
 * @param routeChanges each change of the answering route between consecutive decisions
 * @param figures per phase ({@code before}, {@code during}, {@code after}), each rule's figures
 */
public record IncidentReport(String log, boolean countWindows, Optional<Alert> leftOk, Optional<Alert> acted,
        Optional<Alert> resumed, List<Alert> transitions, long exposedDecisions, Map<String, Long> exposedByGroup,
        Map<String, Long> exposedByRoute, List<RouteChange> routeChanges, Map<String, List<Figure>> figures) {
    /** The schema name written in every JSON document. */
    public static final String SCHEMA = "fairway-incident/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Validates and copies the report. */
    public IncidentReport {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(leftOk, "leftOk");
        Objects.requireNonNull(acted, "acted");
        Objects.requireNonNull(resumed, "resumed");
        transitions = List.copyOf(transitions);
        exposedByGroup = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exposedByGroup));
        exposedByRoute = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exposedByRoute));
        routeChanges = List.copyOf(routeChanges);
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /**
     * A change of the answering route.
     *
     * @param time the first decision's time on the new route
     * @param eventIndex its event index
     * @param from the route before
     * @param to the route after
     */
    public record RouteChange(Instant time, long eventIndex, String from, String to) {
    }

    /**
     * One rule's windowed values in a phase.
     *
     * @param rule the rule's text
     * @param windows the windows with a defined value
     * @param mean their mean value (NaN with none)
     * @param max their largest value (NaN with none)
     */
    public record Figure(String rule, long windows, double mean, double max) {
    }

    /**
     * Drafts the post-mortem.
     *
     * @param decisionLog the decision log the monitor replayed
     * @param transitions the monitor's transitions, in order
     * @param windows the monitor's closed windows, in order
     * @param countWindows whether the windows count decisions (else event time)
     * @return the report
     * @throws IOException if the log cannot be read
     * @throws IllegalStateException if the log is damaged before its last line
     */
    public static IncidentReport of(Path decisionLog, List<Alert> transitions, List<WindowResult> windows,
            boolean countWindows) throws IOException {
        Objects.requireNonNull(decisionLog, "decisionLog");
        List<Alert> all = List.copyOf(transitions);
        Objects.requireNonNull(windows, "windows");
        Alert left = null;
        Alert act = null;
        Alert back = null;
        for (Alert a : all) {
            if (left == null && a.from() == MonitorState.OK) {
                left = a;
            } else if (left != null && act == null && a.to().sticky()) {
                act = a;
            } else if (act != null && back == null && a.to() == MonitorState.OK) {
                back = a;
            }
        }
        if (left != null && act == null && left.to().sticky()) {
            act = left;
        }
        final Alert leftOk = left;
        final Alert acted = act;
        final Alert resumed = back;
        long startKey = left == null ? Long.MAX_VALUE : left.windowStart();
        long actAt = acted == null ? Long.MAX_VALUE : acted.eventIndex();
        long[] state = new long[4]; // events, decisions, exposed, resume key
        state[3] = Long.MAX_VALUE;
        Map<String, Long> byGroup = new TreeMap<>();
        Map<String, Long> byRoute = new TreeMap<>();
        List<RouteChange> changes = new ArrayList<>();
        String[] lastRoute = {null};
        DecisionLogReader.forEach(decisionLog, RecoveryMode.TOLERATE_TORN_TAIL, e -> {
            if (e instanceof DecisionLogReader.Header) {
                return;
            }
            long event = state[0]++;
            if (e instanceof DecisionLogReader.LoggedDecision d) {
                long ordinal = state[1]++;
                long key = countWindows ? ordinal : d.time().toEpochMilli();
                String route = d.route().name().toLowerCase(Locale.ROOT);
                if (lastRoute[0] != null && !lastRoute[0].equals(route)) {
                    changes.add(new RouteChange(d.time(), event, lastRoute[0], route));
                }
                lastRoute[0] = route;
                if (leftOk != null && key >= startKey && event <= actAt) {
                    state[2]++;
                    byGroup.merge(new TreeMap<>(d.group()).toString(), 1L, Long::sum);
                    byRoute.merge(route, 1L, Long::sum);
                }
            }
            if (resumed != null && event == resumed.eventIndex()) {
                state[3] = countWindows ? state[1] : resumed.time();
            }
        });
        long resumeKey = state[3];
        Map<String, List<Figure>> figures = new LinkedHashMap<>();
        if (leftOk != null) {
            figures.put("before", figures(windows, w -> w.end() <= startKey));
            figures.put("during", figures(windows, w -> w.end() > startKey && w.start() < resumeKey));
            figures.put("after", figures(windows, w -> w.start() >= resumeKey));
        }
        return new IncidentReport(String.valueOf(decisionLog.getFileName()), countWindows, Optional.ofNullable(leftOk),
                Optional.ofNullable(acted), Optional.ofNullable(resumed), all, state[2], byGroup, byRoute, changes,
                figures);
    }

    private static List<Figure> figures(List<WindowResult> windows, java.util.function.Predicate<WindowResult> in) {
        Map<String, double[]> acc = new LinkedHashMap<>();
        for (WindowResult w : windows) {
            for (RuleValue v : w.values()) {
                double[] a = acc.computeIfAbsent(v.rule(), k -> new double[] {0, 0, Double.NaN});
                if (in.test(w) && !Double.isNaN(v.value())) {
                    a[0]++;
                    a[1] += v.value();
                    a[2] = Double.isNaN(a[2]) ? v.value() : Math.max(a[2], v.value());
                }
            }
        }
        List<Figure> out = new ArrayList<>();
        acc.forEach((rule, a) -> out.add(new Figure(rule, (long) a[0], a[0] == 0 ? Double.NaN : a[1] / a[0], a[2])));
        return out;
    }

    private String bound(long v) {
        return countWindows ? String.valueOf(v) : Instant.ofEpochMilli(v).toString();
    }

    private static void num(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    private void alert(ObjectNode o, Alert a) {
        o.put("time", Instant.ofEpochMilli(a.time()).toString());
        o.put("event_index", a.eventIndex());
        o.put("from", a.from().name().toLowerCase(Locale.ROOT));
        o.put("to", a.to().name().toLowerCase(Locale.ROOT));
        o.put("rule", a.rule());
        num(o, "value", a.value());
        ArrayNode ci = o.putArray("ci");
        ci.add(a.lower());
        ci.add(a.upper());
        if (!a.rule().equals("resume()")) {
            ObjectNode w = o.putObject("window");
            w.put("start", bound(a.windowStart()));
            w.put("end", bound(a.windowEnd()));
        }
    }

    /**
     * Writes the post-mortem as JSON ({@code fairway-incident/v1}): {@code left_ok}, {@code acted}
     * and {@code resumed} (each a transition or null), {@code transitions}, {@code exposure}
     * ({@code decisions}, {@code by_group}, {@code by_route}), {@code route_changes} and
     * {@code figures} ({@code before}, {@code during}, {@code after}, each rule's {@code windows},
     * {@code mean} and {@code max}).
     *
     * @return the JSON text, ending in a line break
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("log", log);
        root.put("window_bounds", countWindows ? "decision ordinals" : "event time");
        String[] names = {"left_ok", "acted", "resumed"};
        List<Optional<Alert>> marks = List.of(leftOk, acted, resumed);
        for (int k = 0; k < 3; k++) {
            if (marks.get(k).isPresent()) {
                alert(root.putObject(names[k]), marks.get(k).get());
            } else {
                root.putNull(names[k]);
            }
        }
        ArrayNode ts = root.putArray("transitions");
        transitions.forEach(a -> alert(ts.addObject(), a));
        ObjectNode ex = root.putObject("exposure");
        ex.put("decisions", exposedDecisions);
        ObjectNode g = ex.putObject("by_group");
        exposedByGroup.forEach(g::put);
        ObjectNode r = ex.putObject("by_route");
        exposedByRoute.forEach(r::put);
        ArrayNode rc = root.putArray("route_changes");
        for (RouteChange c : routeChanges) {
            ObjectNode o = rc.addObject();
            o.put("time", c.time().toString());
            o.put("event_index", c.eventIndex());
            o.put("from", c.from());
            o.put("to", c.to());
        }
        ObjectNode f = root.putObject("figures");
        figures.forEach((phase, list) -> {
            ArrayNode a = f.putArray(phase);
            for (Figure x : list) {
                ObjectNode o = a.addObject();
                o.put("rule", x.rule());
                o.put("windows", x.windows());
                num(o, "mean", x.mean());
                num(o, "max", x.max());
            }
        });
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * Writes the post-mortem as a plain-text draft a team can edit and publish.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder sb = new StringBuilder("Fairness incident post-mortem (draft), decision log " + log + "\n");
        if (leftOk.isEmpty()) {
            return sb.append("The monitor never left OK: no incident.\n").toString();
        }
        Alert a = leftOk.get();
        sb.append(String.format(Locale.ROOT, "What happened: at %s the monitor moved from OK to %s because %s was %.4f"
                + " (interval %.4f to %.4f) in the window %s to %s.%n", Instant.ofEpochMilli(a.time()), a.to(), a.rule(),
                a.value(), a.lower(), a.upper(), bound(a.windowStart()), bound(a.windowEnd())));
        sb.append(acted.map(x -> String.format(Locale.ROOT, "The guard acted at %s: %s (rule %s).%n",
                Instant.ofEpochMilli(x.time()), x.to(), x.rule())).orElse("The guard never fell back or paused.\n"));
        sb.append(resumed.map(x -> String.format(Locale.ROOT, "The monitor returned to OK at %s (%s).%n",
                Instant.ofEpochMilli(x.time()), x.rule())).orElse("The monitor did not return to OK.\n"));
        sb.append("Decisions made from the first unfair window until the guard acted: ").append(exposedDecisions).append('\n');
        exposedByGroup.forEach((k, v) -> sb.append("  group ").append(k).append(": ").append(v).append('\n'));
        exposedByRoute.forEach((k, v) -> sb.append("  route ").append(k).append(": ").append(v).append('\n'));
        sb.append("Route changes:\n");
        for (RouteChange c : routeChanges) {
            sb.append("  ").append(c.time()).append(": ").append(c.from()).append(" -> ").append(c.to()).append('\n');
        }
        figures.forEach((phase, list) -> {
            sb.append("Figures ").append(phase).append(":\n");
            for (Figure x : list) {
                sb.append(String.format(Locale.ROOT, "  %s: %d windows, mean %.4f, max %.4f%n", x.rule(), x.windows(),
                        x.mean(), x.max()));
            }
        });
        return sb.append("This draft holds counts, times and rule values only: no decision id, score or personal data.\n")
                .toString();
    }

    /**
     * Writes the post-mortem as one self-contained HTML page (the shared {@link HtmlKit} style),
     * the text draft's content with every data text escaped.
     *
     * @param date the date printed on the page
     * @return the page
     */
    public String toHtml(String date) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + "Fairness incident post-mortem</title><style>").append(HtmlKit.CSS).append("</style></head><body>\n");
        h.append("<h1>Fairness incident post-mortem (draft)</h1><dl class=\"meta\"><dt>Date</dt><dd>")
                .append(HtmlKit.esc(date)).append("</dd><dt>Decision log</dt><dd>").append(HtmlKit.esc(log))
                .append("</dd><dt>Exposed decisions</dt><dd>").append(exposedDecisions).append("</dd></dl>\n<pre>")
                .append(HtmlKit.esc(toText())).append("</pre>\n<footer>Written by Fairway (").append(SCHEMA)
                .append(").</footer></body></html>\n");
        return h.toString();
    }
}
