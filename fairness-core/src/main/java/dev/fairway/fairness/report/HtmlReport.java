package dev.fairway.fairness.report;

import dev.fairway.fairness.Disparity;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.PrivilegedComparison;

import dev.fairway.fairness.stats.Interval;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * The HTML report: one self-contained file (inline CSS and SVG, no script, no network), readable and
 * printable without JavaScript. For each chosen metric a chart of sorted horizontal bars (one per
 * group, the overall value as a line, the reference group marked, the four-fifths band) with its
 * disparities beside it; then the disparity table, the group table and the footnotes. Every text
 * that comes from data is escaped.
 *
 * <p>With intervals the header names their level, methods and bootstrap run, each shown value of the
 * group table and of the side tables has its interval under or beside it, and each bar an error bar.
 *
 * <p>Stateless; each rendering builds its own {@link ReportView}.
 */
final class HtmlReport {
    private static final int CHART_WIDTH = 700;
    private static final int LABEL_WIDTH = 230;
    private static final int BAR_WIDTH = 400;
    private static final int ROW = 22;
    private static final int BAR = 15;
    private static final int TOP = 34;
    private static final int LABEL_CHARS = 34;
    /**
     * The metrics where a higher value is the favourable one, the only ones drawn with the
     * four-fifths band (not the error rates, where the lowest group is the best off).
     */
    static final EnumSet<Metric> HIGHER_IS_FAVOURABLE = EnumSet.of(Metric.SELECTION_RATE, Metric.TRUE_POSITIVE_RATE,
            Metric.TRUE_NEGATIVE_RATE, Metric.PRECISION, Metric.NEGATIVE_PREDICTIVE_VALUE, Metric.ACCURACY,
            Metric.BALANCED_ACCURACY, Metric.F1_SCORE);


    private HtmlReport() {
    }

    /**
     * Renders the page.
     *
     * @param ci the intervals, or {@code null} for none (the page is then as it was before intervals)
     */
    static String render(ReportView v, ReportHeader header, ReportIntervals.Computed ci, String sections) {
        FairnessAudit a = v.audit;
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Fairway audit: ").append(esc(header.source())).append("</title>\n")
                .append("<style>\n").append(HtmlKit.CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<header>\n<h1>Fairway fairness audit</h1>\n<dl class=\"meta\">\n");
        meta(sb, "Data", header.source());
        meta(sb, "Rows", String.format(Locale.ROOT, "%,d", a.counts().rows()) + (a.counts().weighted() ? " (weighted)" : ""));
        meta(sb, "Grouped by", v.columnsLabel() + " (" + a.groups().size() + " groups)");
        meta(sb, "Zero division", a.zeroDivision().name().toLowerCase(Locale.ROOT));
        meta(sb, "Reference group", v.referenceSpec == null ? "none" : spec(v));
        meta(sb, "Minimum group size", String.valueOf(v.minGroupSize));
        meta(sb, "Fairway version", header.version());
        meta(sb, "Date", header.date());
        if (ci != null) {
            meta(sb, "Confidence level", percent(ci.options.level()));
            meta(sb, "Interval method", ci.options.method().bootstrap()
                    ? ci.options.bootstrapMethod().jsonName() + " bootstrap for every interval"
                    : ci.options.method().jsonName() + " for group rates, " + ci.options.bootstrapMethod().jsonName()
                            + " bootstrap for the rest");
            meta(sb, "Bootstrap replicates", String.valueOf(ci.bootstrap.replicateCount()));
            meta(sb, "Bootstrap seed", String.valueOf(ci.bootstrap.seed()));
            meta(sb, "Bootstrap scheme", ci.bootstrap.scheme().jsonName());
        }
        sb.append("</dl>\n</header>\n");
        String small = v.smallGroupsSentence();
        if (small != null) {
            sb.append("<p class=\"warn\">").append(esc(small.replace(" (minimum group size)",
                    " (minimum group size; marked \u26a0 below)"))).append("</p>\n");
        }
        if (v.referenceProblem != null) {
            sb.append("<p class=\"warn\">").append(esc(v.referenceProblem)).append("</p>\n");
        }
        // tables first fix the footnote numbers, charts then reuse them; render into parts, then join
        StringBuilder groups = new StringBuilder();
        groupTable(groups, v, ci);
        StringBuilder disparities = new StringBuilder();
        disparityTable(disparities, v);
        StringBuilder charts = new StringBuilder();
        for (Metric m : v.metrics) {
            chart(charts, v, m, ci);
        }
        List<String> notes = v.notes();
        if (!notes.isEmpty()) {
            sb.append("<p class=\"warn\">").append(notes.size()).append(notes.size() == 1 ? " value is" : " values are")
                    .append(v.fairlearn() ? " 0 by Fairlearn's zero-division convention" : " undefined (\u2014)")
                    .append("; the notes at the end say which group and metric.</p>\n");
        }
        sb.append("<h2>Metrics by group</h2>\n");
        sb.append("<p>Bars are sorted by value. The dashed line is the overall value. On metrics where a higher "
                + "value is favourable (not on error rates such as the false positive rate) the shaded band runs from "
                + "four-fifths of the highest group to the highest: a group left of it has a ratio to the highest "
                + "below 0.8.")
                .append(v.referenceSpec == null ? "" : " The reference group's bars are orange.").append("</p>\n");
        sb.append(charts);
        sb.append("<h2>Disparities</h2>\n").append(disparities);
        sb.append("<h2>Groups</h2>\n").append(groups);
        if (!notes.isEmpty()) {
            sb.append("<h2>Notes</h2>\n<ol class=\"notes\">\n");
            for (String n : notes) {
                sb.append("<li>").append(esc(n)).append("</li>\n");
            }
            sb.append("</ol>\n");
        }
        sb.append(sections);
        sb.append("<footer>Made by Fairway ").append(esc(header.version())).append(" on ").append(esc(header.date()))
                .append(". Disparities between groups are max \u2212 min and min / max; to overall, the group furthest "
                        + "from the overall value.</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void meta(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private static String spec(ReportView v) {
        StringBuilder sb = new StringBuilder();
        v.referenceSpec.forEach((k, val) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(val));
        return sb.toString();
    }

    /** A value cell's content: four decimals or a dash, with its footnote number. */
    private static String value(ReportView v, double x, String note) {
        String s = Double.isFinite(x) ? TextReport.format(x) : "<span class=\"u\">\u2014</span>";
        if (note != null) {
            s += "<sup>[" + v.note(note) + "]</sup>";
        }
        return s;
    }

    /** A level as a percentage without trailing zeros: 0.95 is "95%", 0.975 is "97.5%". */
    static String percent(double level) {
        String s = String.format(Locale.ROOT, "%.4f", level * 100).replaceAll("0+$", "");
        return (s.endsWith(".") ? s.substring(0, s.length() - 1) : s) + "%";
    }

    /** An interval as "[lo, hi]" with four decimals, or a dash if missing or undefined. */
    static String interval(Interval i) {
        if (i == null || !Double.isFinite(i.lower()) || !Double.isFinite(i.upper())) {
            return "\u2014";
        }
        return "[" + TextReport.format(i.lower()) + ", " + TextReport.format(i.upper()) + "]";
    }

    private static void groupTable(StringBuilder sb, ReportView v, ReportIntervals.Computed ci) {
        FairnessAudit a = v.audit;
        sb.append("<table>\n<thead><tr><th>").append(esc(v.columnsLabel())).append("</th><th class=\"n\">count</th>");
        if (a.counts().weighted()) {
            sb.append("<th class=\"n\">weight</th>");
        }
        for (Metric m : v.metrics) {
            sb.append("<th class=\"n\">").append(m.jsonName()).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int g = 0; g < a.groups().size(); g++) {
            sb.append("<tr><td>").append(groupLabel(v, g)).append("</td><td class=\"n\">").append(a.counts().count(g))
                    .append("</td>");
            if (a.counts().weighted()) {
                sb.append("<td class=\"n\">").append(String.format(Locale.ROOT, "%.2f", a.weight(g))).append("</td>");
            }
            for (Metric m : v.metrics) {
                sb.append("<td class=\"n\">").append(value(v, a.value(m, g), v.groupNote(a, m, g)));
                if (ci != null) {
                    sb.append("<br><small class=\"ci\">").append(interval(ci.group(g, m))).append("</small>");
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("<tr><td><b>overall</b></td><td class=\"n\">").append(a.counts().rows()).append("</td>");
        if (a.counts().weighted()) {
            sb.append("<td></td>");
        }
        for (Metric m : v.metrics) {
            sb.append("<td class=\"n\">").append(value(v, a.overall(m), v.overallNote(m))).append("</td>");
        }
        sb.append("</tr>\n</tbody>\n</table>\n");
    }

    private static String groupLabel(ReportView v, int g) {
        String label = esc(ReportView.label(v.audit.groups().group(g)));
        if (v.reference[g]) {
            label = "<span class=\"ref\">" + label + " (reference)</span>";
        }
        if (v.small[g]) {
            label += " <span class=\"small\" title=\"fewer than " + v.minGroupSize + " rows\">\u26a0 small</span>";
        }
        return label;
    }

    private static void disparityTable(StringBuilder sb, ReportView v) {
        boolean ref = v.cmp != null;
        sb.append("<table>\n<thead><tr><th>disparity</th><th class=\"n\">between_groups</th>"
                + "<th class=\"n\">to_overall</th>");
        if (ref) {
            sb.append("<th class=\"n\">to_reference</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (ReportView.Row row : v.rows()) {
            sb.append("<tr><td><code>").append(esc(row.name())).append("</code></td>");
            for (DisparityMethod method : DisparityMethod.values()) {
                sb.append("<td class=\"n\">").append(value(v, row.value(v.compared, method), v.rowNote(row, method)))
                        .append("</td>");
            }
            if (ref) {
                sb.append("<td class=\"n\">");
                if (row.aggregation() == null) {
                    double x = row.disparity() == Disparity.RATIO ? v.cmp.ratio(row.metric())
                            : v.cmp.difference(row.metric());
                    sb.append(value(v, x, v.referenceNote(row.metric(), row.disparity())));
                }
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        if (ref) {
            double di = v.cmp.disparateImpact();
            sb.append("<p>to_reference: rows outside the reference minus (or over) the reference rows. Pooled disparate "
                    + "impact (AIF360, all rows outside the reference over the reference rows; not the four-fifths rule) ")
                    .append(Double.isFinite(di) ? TextReport.format(di) : "\u2014").append(".</p>\n");
        }
        String sentence = esc(v.fourFifthsSentence()).replaceFirst(String.valueOf(ReportView.MARK), "<b>")
                .replace(String.valueOf(ReportView.MARK), "</b>");
        sb.append(v.fourFifths.verdict() == PrivilegedComparison.Verdict.PASS ? "<p>" : "<p class=\"warn\">")
                .append(Character.toUpperCase(sentence.charAt(0))).append(sentence, 1, sentence.length()).append("</p>\n");
    }

    /** One metric's chart and its disparities. */
    private static void chart(StringBuilder sb, ReportView v, Metric m, ReportIntervals.Computed ci) {
        FairnessAudit a = v.audit;
        int n = a.groups().size();
        List<Integer> order = new ArrayList<>();
        for (int g = 0; g < n; g++) {
            order.add(g);
        }
        double[] values = a.byGroup(m);
        // defined values high to low, then undefined; ties by group order
        order.sort((x, y) -> {
            boolean ux = Double.isNaN(values[x]);
            boolean uy = Double.isNaN(values[y]);
            if (ux != uy) {
                return ux ? 1 : -1;
            }
            return ux ? Integer.compare(x, y) : Double.compare(values[y], values[x]);
        });
        double max = Double.NaN;
        for (int g = 0; g < n; g++) {
            if (!Double.isNaN(values[g]) && !(v.excluded && v.small[g])) {
                max = Double.isNaN(max) ? values[g] : Math.max(max, values[g]);
            }
        }
        double top = Math.max(1.0, Double.isNaN(max) ? 1.0 : max);
        int height = TOP + n * ROW + 12;
        String id = "chart-" + m.jsonName();
        sb.append("<section class=\"chart\" id=\"").append(id).append("\">\n<div>\n<h3>").append(m.jsonName())
                .append("</h3>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(CHART_WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-t\">\n<title id=\"").append(id)
                .append("-t\">").append(m.jsonName()).append(" by group, ").append(n).append(" groups</title>\n");
        // axis and grid
        for (int t = 0; t <= 4; t++) {
            double x = LABEL_WIDTH + BAR_WIDTH * (t / 4.0) * (1.0 / top);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eaeef2\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#59636e\">%s</text>%n",
                    x, TOP - 6, x, height - 10, x, TOP - 10, trim(t / 4.0)));
        }
        for (int i = 0; i < n; i++) {
            int g = order.get(i);
            int y = TOP + i * ROW;
            String full = ReportView.label(a.groups().group(g));
            String shown = full.length() > LABEL_CHARS ? full.substring(0, LABEL_CHARS - 1) + "\u2026" : full;
            String suffix = (v.reference[g] ? " (ref)" : "") + (v.small[g] ? " \u26a0" : "");
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"%s><title>%s</title>%s</text>",
                    LABEL_WIDTH - 8, y + BAR - 3, v.reference[g] ? " fill=\"#b35900\" font-weight=\"600\"" : "",
                    esc(a.groups().group(g) + ", " + a.counts().count(g) + " rows"), esc(shown + suffix)));
            double val = values[g];
            if (Double.isNaN(val)) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#9a6700\">\u2014 undefined [%d]</text>%n",
                        LABEL_WIDTH + 4, y + BAR - 3, v.note(v.groupNote(a, m, g))));
                continue;
            }
            String fill = v.reference[g] ? "#f58518" : "#4c78a8";
            double w = Math.max(0.5, x(val, top) - LABEL_WIDTH);
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"%s/>"
                    + "<text x=\"%d\" y=\"%d\" font-family=\"ui-monospace,Menlo,Consolas,monospace\">%s</text>%n",
                    LABEL_WIDTH, y, w, BAR, fill, v.small[g] ? " fill-opacity=\"0.45\"" : "", LABEL_WIDTH + BAR_WIDTH + 8,
                    y + BAR - 3, TextReport.format(val)));
            if (ci != null) {
                errorBar(sb, ci.group(g, m), y + BAR / 2.0, top);
            }
        }
        if (HIGHER_IS_FAVOURABLE.contains(m) && !Double.isNaN(max) && max > 0) {
            double x0 = x(0.8 * max, top);
            double x1 = x(max, top);
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"#2da44e\" fill-opacity=\"0.16\" stroke=\"#2da44e\" stroke-opacity=\"0.5\" stroke-dasharray=\"2 2\"><title>four-fifths band: %s to %s</title></rect>%n",
                    x0, TOP - 4, x1 - x0, n * ROW + 4, TextReport.format(0.8 * max), TextReport.format(max)));
        }
        double overall = a.overall(m);
        if (!Double.isNaN(overall)) {
            double x = x(overall, top);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#1f2328\" "
                    + "stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/><text x=\"%.1f\" y=\"%d\" fill=\"#1f2328\">overall %s"
                    + "</text>%n", x, TOP - 4, x, TOP + n * ROW, x + 4, height - 2, TextReport.format(overall)));
        }
        sb.append("</svg>\n</div>\n");
        side(sb, v, m, ci);
        sb.append("</section>\n");
    }

    /** The disparities of one metric beside its chart. */
    private static void side(StringBuilder sb, ReportView v, Metric m, ReportIntervals.Computed ci) {
        FairnessAudit c = v.compared;
        sb.append("<table class=\"side\">\n<thead><tr><th colspan=\"2\">").append(m.jsonName())
                .append(v.excluded ? " (small groups left out)" : "").append("</th></tr></thead>\n<tbody>\n");
        for (DisparityMethod method : DisparityMethod.values()) {
            for (Disparity d : Disparity.values()) {
                sb.append("<tr><td>").append(d.jsonName()).append(' ').append(method.jsonName()).append("</td><td class=\"n\">")
                        .append(value(v, c.disparity(m, method, d), v.disparityNote(m, method, d)))
                        .append(ci == null ? "" : " <small class=\"ci\">" + interval(ci.disparity(m, method, d)) + "</small>")
                        .append("</td></tr>\n");
            }
        }
        if (v.cmp != null) {
            for (Disparity d : Disparity.values()) {
                double x = d == Disparity.RATIO ? v.cmp.ratio(m) : v.cmp.difference(m);
                sb.append("<tr><td>").append(d.jsonName()).append(" to_reference</td><td class=\"n\">")
                        .append(value(v, x, v.referenceNote(m, d)))
                        .append(ci == null ? "" : " <small class=\"ci\">" + interval(ci.disparity(m, null, d)) + "</small>")
                        .append("</td></tr>\n");
            }
        }
        int lo = -1;
        int hi = -1;
        for (int g = 0; g < c.groups().size(); g++) {
            double x = c.value(m, g);
            if (!Double.isNaN(x)) {
                lo = lo < 0 || x < c.value(m, lo) ? g : lo;
                hi = hi < 0 || x > c.value(m, hi) ? g : hi;
            }
        }
        if (lo >= 0) {
            sb.append("<tr><td>lowest</td><td>").append(esc(ReportView.label(c.groups().group(lo)))).append("</td></tr>\n");
            sb.append("<tr><td>highest</td><td>").append(esc(ReportView.label(c.groups().group(hi)))).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    /**
     * An error bar: a thin horizontal line from the interval's lower to its upper end at the bar's
     * middle, with a short tick at each end; nothing where the interval is missing or undefined.
     */
    private static void errorBar(StringBuilder sb, Interval i, double y, double top) {
        if (i == null || !Double.isFinite(i.lower()) || !Double.isFinite(i.upper())) {
            return;
        }
        double x0 = Math.min(x(i.lower(), top), LABEL_WIDTH + BAR_WIDTH);
        double x1 = Math.min(x(i.upper(), top), LABEL_WIDTH + BAR_WIDTH);
        double t0 = y - BAR / 2.0 + 2;
        double t1 = y + BAR / 2.0 - 2;
        sb.append(String.format(Locale.ROOT, "<g class=\"eb\" stroke=\"#1f2328\" stroke-width=\"1\"><title>interval %s"
                + "</title><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" "
                + "x2=\"%.1f\" y2=\"%.1f\"/><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/></g>%n",
                interval(i), x0, y, x1, y, x0, t0, x0, t1, x1, t0, x1, t1));
    }

    private static double x(double value, double top) {
        return LABEL_WIDTH + BAR_WIDTH * Math.max(0, value) / top;
    }

    private static String trim(double x) {
        String s = String.format(Locale.ROOT, "%.2f", x);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    private static String esc(String s) {
        return HtmlKit.esc(s);
    }
}
