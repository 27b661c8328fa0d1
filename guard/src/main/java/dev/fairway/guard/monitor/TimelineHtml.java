package dev.fairway.guard.monitor;

import dev.fairway.fairness.report.HtmlKit;
import dev.fairway.fairness.gate.Operator;
import dev.fairway.fairness.live.Windowing;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The monitor timeline as one self-contained HTML page (the audit report's style sheet and escaping
 * from {@link HtmlKit}, inline SVG, no script, no network): a header, then per rule a line chart
 * of its value in each closed window (x = the window's end) with the trip threshold, the clear
 * threshold when it differs, the tripping side shaded, and a vertical marker at each state change
 * the rule caused, labelled with the new state; then the transitions table.
 *
 * <p>Stateless; renders a {@link MonitorTimeline}, as its JSON and text do.
 */
final class TimelineHtml {
    static final int WIDTH = 760;
    static final int LEFT = 64;
    static final int RIGHT = 24;
    static final int TOP = 28;
    static final int PLOT_HEIGHT = 200;
    static final int BOTTOM = 40;
    static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final DateTimeFormatter TICK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String EXTRA_CSS = """
            .legend{font-size:13px;color:#59636e;margin:4px 0 0}.chart h3{overflow-wrap:anywhere}
            td.n,.t{white-space:nowrap}
            .st-ok{color:#1a7f37;font-weight:600}.st-warn{color:#9a6700;font-weight:600}
            .st-fallback{color:#cf222e;font-weight:600}.st-paused{color:#8250df;font-weight:600}
            """;

    /** A y-axis scale: the range shown and its tick step. */
    record Scale(double min, double max, double step) {
        /** The pixel row of a value. */
        double y(double v) {
            return TOP + PLOT_HEIGHT * (max - v) / (max - min);
        }

        /**
         * A scale from 0 and the values to show: from min(0, values) to max(values), widened to
         * multiples of a step of 1, 2, 2.5 or 5 times a power of ten that gives at most four steps.
         */
        static Scale of(double... values) {
            double lo = 0;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double raw = (hi - lo) / 4;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = 10 * power;
            for (double f : new double[] {1, 2, 2.5, 5}) {
                if (f * power >= raw - 1e-12 * power) {
                    step = f * power;
                    break;
                }
            }
            double min = Math.floor(lo / step + 1e-9) * step;
            double max = Math.ceil(hi / step - 1e-9) * step;
            return new Scale(min, max, step);
        }
    }

    private TimelineHtml() {
    }

    /**
     * Renders the page.
     *
     * @param t the timeline
     * @param version the Fairway version
     * @param date the date, YYYY-MM-DD
     * @return the page
     */
    static String render(MonitorTimeline t, String version, String date) {
        List<MonitorRule> rules = t.rules();
        List<WindowResult> windows = t.windows();
        List<MonitorTimeline.Transition> transitions = t.transitions();
        boolean time = t.window().kind() == Windowing.Kind.TIME;
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Fairway monitor: ").append(esc(fileName(t.log()))).append("</title>\n")
                .append("<style>\n").append(HtmlKit.CSS).append(EXTRA_CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<header>\n<h1>Fairway fairness monitor</h1>\n<dl class=\"meta\">\n");
        meta(sb, "Decision log", fileName(t.log()));
        meta(sb, "Timeline", t.origin() == MonitorTimeline.Origin.LIVE ? "recorded live" : "replayed from the log");
        meta(sb, "Decisions", String.format(Locale.ROOT, "%,d (%,d outcomes, %,d events)", t.decisions(), t.outcomes(),
                t.events()));
        meta(sb, "Windows", String.format(Locale.ROOT, "%,d closed; %s", windows.size(), t.describeWindow()));
        meta(sb, "Rules", Integer.toString(rules.size()));
        meta(sb, "Evidence", MonitorTimeline.lower(t.evidence()) + ", alpha " + t.alpha() + ", checked every "
                + (t.checkEvery() == 1 ? "decision" : String.format(Locale.ROOT, "%,d decisions", t.checkEvery())));
        meta(sb, "Final state", t.finalState().name());
        meta(sb, "Fairway version", version);
        meta(sb, "Date", date);
        sb.append("</dl>\n</header>\n");
        sb.append("<h2>Rules over time</h2>\n<p>Each filled point is the rule's value in one closed window, drawn at "
                + "the window's end; the hollow point is the window still open at the end of the log (it never trips or "
                + "clears a rule); gaps are windows where the value is undefined. The solid red line is the trip "
                + "threshold and the shaded side is where the rule's condition holds; a dashed green line is the clear "
                + "threshold when it differs (hysteresis). Each light blue box spans one window and the value's "
                + "interval in it. Vertical lines mark the state changes the rule caused, labelled with the new state; "
                + "the diamond on a marker is the value the check saw when the state changed, and the line passes "
                + "through it (with sequential evidence that value is the window still open at that moment, which "
                + "need not match the value the window has once closed). A rule trips on evidence (its interval), not "
                + "on the value alone.</p>\n");
        for (int r = 0; r < rules.size(); r++) {
            chart(sb, r, rules.get(r), time, windows, t.openWindow(), transitions);
        }
        sb.append("<h2>Transitions</h2>\n");
        if (transitions.isEmpty()) {
            sb.append("<p>No transitions: the monitor stayed OK.</p>\n");
        } else {
            sb.append("<table>\n<thead><tr><th>time</th><th class=\"n\">decision</th><th class=\"n\">event</th><th>from</th><th>to</th>"
                    + "<th>rule</th><th class=\"n\">value</th><th class=\"n\">interval</th><th>window</th></tr></thead>\n"
                    + "<tbody>\n");
            for (MonitorTimeline.Transition tr : transitions) {
                Alert a = tr.alert();
                sb.append("<tr><td class=\"t\">").append(esc(Instant.ofEpochMilli(a.time()).toString())).append("</td><td class=\"n\">")
                        .append(tr.decisionIndex()).append("</td><td class=\"n\">").append(tr.eventIndex()).append("</td><td>").append(state(a.from())).append("</td><td>")
                        .append(state(a.to())).append("</td><td><code>").append(esc(a.rule()))
                        .append("</code></td><td class=\"n\">").append(num(a.value())).append("</td><td class=\"n\">[")
                        .append(num(a.lower())).append(", ").append(num(a.upper())).append("]</td><td><span class=\"t\">")
                        .append(esc(bound(time, a.windowStart()))).append("</span> \u2013 <span class=\"t\">")
                        .append(esc(bound(time, a.windowEnd()))).append("</span></td></tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
        }
        sb.append("<footer>Made by Fairway ").append(esc(version)).append(" on ").append(esc(date))
                .append(". Windows are ").append(time ? "event-time" : "decision-count")
                .append(" windows; the interval is the rule's evidence interval in the window that moved the state."
                        + "</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void chart(StringBuilder sb, int r, MonitorRule rule, boolean time, List<WindowResult> closed,
            java.util.Optional<WindowResult> open, List<MonitorTimeline.Transition> transitions) {
        // the closed windows, then the window still open at the end (drawn hollow: it never tripped or cleared)
        List<WindowResult> windows = new ArrayList<>(closed);
        open.ifPresent(windows::add);
        int closedCount = closed.size();
        String text = rule.rule().text();
        double bound = rule.rule().bound();
        double clear = rule.clearAt();
        boolean hysteresis = Double.compare(clear, bound) != 0;
        List<Alert> mine = new ArrayList<>();
        for (MonitorTimeline.Transition tr : transitions) {
            if (tr.alert().rule().equals(text)) {
                mine.add(tr.alert());
            }
        }
        double[] values = new double[windows.size() + 2 + mine.size()];
        for (int i = 0; i < windows.size(); i++) {
            values[i] = value(windows.get(i), r, text);
        }
        values[windows.size()] = bound;
        values[windows.size() + 1] = hysteresis ? clear : bound;
        for (int i = 0; i < mine.size(); i++) {
            values[windows.size() + 2 + i] = mine.get(i).value();
        }
        Scale s = Scale.of(values);
        // x range: first window start to the last window end or marker
        long x0 = windows.isEmpty() ? 0 : Math.max(0, windows.get(0).start());
        long x1 = windows.isEmpty() ? 1 : windows.get(windows.size() - 1).end();
        int markers = mine.size();
        for (Alert a : mine) {
            long x = markerX(a, time);
            x0 = Math.min(x0, x);
            x1 = Math.max(x1, x);
        }
        if (x1 <= x0) {
            x1 = x0 + 1;
        }
        int height = TOP + PLOT_HEIGHT + BOTTOM;
        String id = "rule-" + r;
        sb.append("<section class=\"chart\" id=\"").append(id).append("\">\n<div>\n<h3>").append(esc(text))
                .append("</h3>\n");
        sb.append("<svg width=\"").append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-labelledby=\"").append(id)
                .append("-t\">\n<title id=\"").append(id).append("-t\">").append(esc(text)).append(" per window, ")
                .append(closedCount).append(" closed windows, ").append(markers).append(" state changes</title>\n");
        // the tripping side of the threshold, shaded
        double yb = s.y(bound);
        boolean high = rule.rule().operator() == Operator.GREATER || rule.rule().operator() == Operator.GREATER_OR_EQUAL;
        double bandTop = high ? TOP : yb;
        double bandBottom = high ? yb : TOP + PLOT_HEIGHT;
        if (rule.rule().operator() != Operator.EQUAL && bandBottom > bandTop) {
            sb.append(String.format(Locale.ROOT, "<rect class=\"band\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
                    + "fill=\"#cf222e\" fill-opacity=\"0.07\"/>%n", LEFT, bandTop, PLOT_WIDTH, bandBottom - bandTop));
        }
        // y grid and ticks
        int ticks = (int) Math.round((s.max() - s.min()) / s.step());
        for (int t = 0; t <= ticks; t++) {
            double v = s.min() + t * s.step();
            double y = s.y(v);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eaeef2\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#59636e\">%s</text>%n",
                    LEFT, y, LEFT + PLOT_WIDTH, y, LEFT - 6, y + 4, tick(v)));
        }
        // x ticks
        for (int t = 0; t <= 4; t++) {
            double xv = x0 + (x1 - x0) * t / 4.0;
            double x = LEFT + PLOT_WIDTH * t / 4.0;
            String label = time ? timeTick(Math.round(xv), x0, t == 0 || t == 4) : String.format(Locale.ROOT, "%,d",
                    Math.round(xv));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#d0d7de\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" fill=\"#59636e\">%s</text>%n", x, TOP + PLOT_HEIGHT, x,
                    TOP + PLOT_HEIGHT + 5, x, TOP + PLOT_HEIGHT + 18, t == 0 ? "start" : t == 4 ? "end" : "middle",
                    esc(label)));
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#59636e\">%s</text>%n",
                LEFT + PLOT_WIDTH / 2, height - 4, time ? "window end (UTC)" : "window end (decisions)"));
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#d0d7de\"/>%n", LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT));
        // the value's interval in each window, a light band clipped to the plot, broken where undefined
        sb.append(String.format(Locale.ROOT, "<clipPath id=\"%s-clip\"><rect x=\"%d\" y=\"%d\" width=\"%d\" "
                + "height=\"%d\"/></clipPath>%n", id, LEFT, TOP, PLOT_WIDTH, PLOT_HEIGHT));
        for (int i = 0; i < windows.size(); i++) {
            double[] ci = interval(windows.get(i), r, text);
            if (ci == null || !Double.isFinite(ci[0]) || !Double.isFinite(ci[1])) {
                continue;
            }
            double xa = px(Math.max(windows.get(i).start(), x0), x0, x1);
            double xb = px(windows.get(i).end(), x0, x1);
            double ya = clamp(s.y(ci[1]));
            double yb2 = clamp(s.y(ci[0]));
            sb.append(String.format(Locale.ROOT, "<rect class=\"interval\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                    + "height=\"%.1f\" fill=\"#4c78a8\" fill-opacity=\"0.13\" clip-path=\"url(#%s-clip)\"><title>window %d "
                    + "interval [%s, %s]</title></rect>%n", xa, ya, xb - xa, yb2 - ya, id, windows.get(i).index(),
                    num(ci[0]), num(ci[1])));
        }
        // thresholds
        sb.append(String.format(Locale.ROOT, "<line class=\"trip\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                + "stroke=\"#cf222e\" stroke-width=\"1.5\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#cf222e\">"
                + "trip %s %s</text>%n", LEFT, yb, LEFT + PLOT_WIDTH, yb, LEFT + PLOT_WIDTH - 4, yb - 4,
                esc(rule.rule().operator().symbol()), tick(bound)));
        if (hysteresis) {
            double yc = s.y(clear);
            sb.append(String.format(Locale.ROOT, "<line class=\"clear\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
                    + "stroke=\"#1a7f37\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/><text x=\"%d\" y=\"%.1f\" "
                    + "text-anchor=\"end\" fill=\"#1a7f37\">clear at %s</text>%n", LEFT, yc, LEFT + PLOT_WIDTH, yc,
                    LEFT + PLOT_WIDTH - 4, high ? yc + 14 : yc - 4, tick(clear)));
        }
        // the value line through every window's value and the value each state change's check saw, in x order,
        // broken at undefined windows
        List<double[]> points = new ArrayList<>(); // x, value, what: 0 closed window, 1 open window, 2 check; window
        for (int i = 0; i < windows.size(); i++) {
            points.add(new double[] {windows.get(i).end(), values[i], i < closedCount ? 0 : 1, i});
        }
        for (Alert a : mine) {
            if (Double.isFinite(a.value())) {
                points.add(new double[] {markerX(a, time), a.value(), 2, -1});
            }
        }
        points.sort(java.util.Comparator.comparingDouble(p -> p[0]));
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        boolean pen = false;
        for (double[] p : points) {
            double v = p[1];
            if (!Double.isFinite(v)) {
                pen = false;
                continue;
            }
            double x = px((long) p[0], x0, x1);
            double y = s.y(v);
            path.append(pen ? " L" : (path.length() == 0 ? "M" : " M")).append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            pen = true;
            if (p[2] == 2) {
                continue; // the marker's diamond shows it
            }
            WindowResult w = windows.get((int) p[3]);
            boolean isOpen = p[2] == 1;
            dots.append(String.format(Locale.ROOT, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" fill=\"%s\" "
                    + "stroke=\"#4c78a8\" stroke-width=\"1.5\"><title>%swindow %d, %s \u2013 %s: %s</title></circle>%n",
                    isOpen ? "open" : "window", x, y, isOpen ? "3.5" : windows.size() > 60 ? "1.5" : "3",
                    isOpen ? "#fff" : "#4c78a8", isOpen ? "open " : "", w.index(), esc(bound(time, w.start())),
                    esc(bound(time, w.end())), num(v)));
        }
        if (path.length() > 0) {
            sb.append("<path class=\"value\" d=\"").append(path).append("\" fill=\"none\" stroke=\"#4c78a8\" "
                    + "stroke-width=\"2\"/>\n");
        }
        sb.append(dots);
        // state changes
        int k = 0;
        for (Alert a : mine) {
            double x = px(markerX(a, time), x0, x1);
            String colour = colour(a.to());
            double ly = TOP - 8 + 14 * (k % 3);
            boolean right = x > LEFT + PLOT_WIDTH - 80;
            sb.append(String.format(Locale.ROOT, "<g class=\"marker\"><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"4 2\"/><text x=\"%.1f\" y=\"%.1f\" "
                    + "text-anchor=\"%s\" fill=\"%s\" font-weight=\"700\">%s</text>%s<title>%s</title></g>%n",
                    x, TOP, x, TOP + PLOT_HEIGHT, colour, right ? x - 4 : x + 4, ly + 12, right ? "end" : "start", colour,
                    a.to().name(), Double.isFinite(a.value()) ? String.format(Locale.ROOT, "<path d=\"M%.1f %.1f l5 5 l-5 5 "
                            + "l-5 -5 z\" fill=\"%s\" stroke=\"#fff\"/>", x, s.y(a.value()) - 5, colour) : "", esc(a.from() + " \u2192 " + a.to() + " at decision " + a.eventIndex() + ", "
                            + Instant.ofEpochMilli(a.time()) + ", value " + num(a.value()))));
            k++;
        }
        sb.append("</svg>\n<p class=\"legend\">Moves the monitor to <span class=\"").append(cls(rule.action())).append("\">")
                .append(rule.action().name()).append("</span>");
        if (rule.minSupport() > 0) {
            sb.append("; groups with fewer than ").append(rule.minSupport()).append(" observations left out");
        }
        if (rule.minWindows() > 1) {
            sb.append("; trips from window ").append(rule.minWindows());
        }
        sb.append(". ").append(markers).append(markers == 1 ? " state change." : " state changes.")
                .append("</p>\n</div>\n</section>\n");
    }

    /** The rule's value in a window, found by position and checked by name. */
    private static double value(WindowResult w, int r, String text) {
        if (r < w.values().size() && w.values().get(r).rule().equals(text)) {
            return w.values().get(r).value();
        }
        for (RuleValue v : w.values()) {
            if (v.rule().equals(text)) {
                return v.value();
            }
        }
        return Double.NaN;
    }

    /** The rule's interval in a window, or {@code null}. */
    private static double[] interval(WindowResult w, int r, String text) {
        if (r < w.values().size() && w.values().get(r).rule().equals(text)) {
            return new double[] {w.values().get(r).lower(), w.values().get(r).upper()};
        }
        for (RuleValue v : w.values()) {
            if (v.rule().equals(text)) {
                return new double[] {v.lower(), v.upper()};
            }
        }
        return null;
    }

    /** Keeps a pixel row a little outside the plot, so a wide interval's band reaches the edge and is clipped. */
    private static double clamp(double y) {
        return Math.max(TOP - 10, Math.min(TOP + PLOT_HEIGHT + 10, y));
    }

    /** Where a transition sits on the x axis: its time, or the decisions counted through its check. */
    static long markerX(Alert a, boolean time) {
        return time ? a.time() : a.eventIndex() + 1;
    }

    /** The last part of a path as the caller named it (either separator). */
    static String fileName(String log) {
        int at = Math.max(log.lastIndexOf('/'), log.lastIndexOf('\\'));
        return at < 0 || at == log.length() - 1 ? log : log.substring(at + 1);
    }

    private static double px(long x, long x0, long x1) {
        return LEFT + PLOT_WIDTH * (double) (x - x0) / (x1 - x0);
    }

    private static String colour(MonitorState s) {
        return switch (s) {
            case OK -> "#1a7f37";
            case WARN -> "#9a6700";
            case FALLBACK -> "#cf222e";
            case PAUSED -> "#8250df";
        };
    }

    private static String cls(MonitorState s) {
        return "st-" + s.name().toLowerCase(Locale.ROOT);
    }

    private static String state(MonitorState s) {
        return "<span class=\"" + cls(s) + "\">" + s.name() + "</span>";
    }

    /** A time tick: date and time at the ends; inside, the time alone on the first tick's day. */
    private static String timeTick(long ms, long first, boolean end) {
        String full = TICK.format(Instant.ofEpochMilli(ms));
        if (end) {
            return full;
        }
        boolean sameDay = full.substring(0, 10).equals(TICK.format(Instant.ofEpochMilli(first)).substring(0, 10));
        return sameDay ? full.substring(11) : full.substring(5);
    }

    private static String bound(boolean time, long v) {
        return time ? Instant.ofEpochMilli(v).toString() : Long.toString(v);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "\u2014";
    }

    /** A tick label: the shortest of up to four decimals. */
    static String tick(double v) {
        String t = String.format(Locale.ROOT, "%.4f", v + 0.0);
        t = t.replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private static void meta(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private static String esc(String s) {
        return HtmlKit.esc(s);
    }
}
