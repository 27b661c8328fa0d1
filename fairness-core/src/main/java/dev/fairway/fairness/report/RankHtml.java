package dev.fairway.fairness.report;

import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.RankAudit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Renders a {@code fairway-rank-audit/v1} report as one self-contained HTML page (the audit report's
 * style sheet and escaping from {@link HtmlKit}, inline SVG, no script, nothing fetched): a header,
 * the chart of exposure by rank position, the pooled group table (lowest exposure first) and
 * figures, the popularity block, a summary of the queries (lowest exposure ratio first), and a table
 * per query with its lowest-exposure group first. Every text that comes from the data is escaped.
 *
 * <p>The chart stacks, at each rank position i, the mean browsing weight that went to each group:
 * per query the weight w(i) of the item at position i is credited to that item's group (the mean over
 * the query's samples that reach i), then the mean is taken over the queries whose lists reach i.
 * The bars of one position therefore add up to the mean weight of position i (w(i) itself for log2
 * and rbp). With more than {@value #MAX_BARS} positions, each bar covers a run of positions and shows
 * their mean. With more than {@value #MAX_SERIES} groups, the {@value #MAX_SERIES} − 1 groups with
 * the lowest pooled exposure keep their own colour and the rest are one grey series.
 *
 * <p>Stateless.
 */
final class RankHtml {
    static final int MAX_BARS = 50;
    static final int MAX_SERIES = 10;
    static final String OTHER = "other groups";
    static final String[] COLOURS = {"#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b",
        "#ff9da6", "#9d755d", "#79706e"};
    private static final String OTHER_COLOUR = "#bab0ac";
    private static final int WIDTH = 760;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int PLOT_HEIGHT = 240;
    private static final int BOTTOM = 44;
    private static final int PLOT_WIDTH = WIDTH - LEFT - RIGHT;
    private static final String EXTRA_CSS = """
            .legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px;margin:6px 0 0;padding:0;list-style:none}
            .legend li{overflow-wrap:anywhere}.swatch{display:inline-block;width:12px;height:12px;margin-right:5px;\
            vertical-align:-1px;border-radius:2px}
            h3{overflow-wrap:anywhere}.query{margin:18px 0 24px}.figs{margin:6px 0 0;font-size:13px}
            .pass{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:600}
            details{margin:8px 0;font-size:13px}summary{cursor:pointer;color:#0969da}
            """;

    /** The header's facts, from the command's options. */
    record Header(String data, long rows, String query, String group, String relevance, String sample,
            String catalog, String popularity, String version, String date) {
    }

    /**
     * The chart's data: for each bar, the mean weight per series (the series' names in order) and the
     * first and last position (1-based) the bar covers; {@code other} when the last series holds the
     * groups without a series of their own.
     */
    record Positions(List<String> series, boolean other, double[][] values, int[] from, int[] to) {
    }

    private RankHtml() {
    }

    /**
     * The mean browsing weight per group at each rank position (see the class comment).
     *
     * @param byQuery per query (in report order), its lists as row numbers in rank order
     * @param g the group codes of the rows
     * @param rel the relevance column, or {@code null}
     * @param model the browsing model
     * @param k the cut-off, or {@code null} for the list length
     * @param named the groups with a series of their own, in order
     * @param others the number of groups without one (they share the last series when positive)
     */
    static Positions positions(Map<Integer, List<int[]>> byQuery, RankAudit.Column g, double[] rel, BrowsingModel model,
            Integer k, List<String> named, int others) {
        List<String> series = new ArrayList<>(named);
        if (others > 0) {
            series.add(others + " " + OTHER);
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < named.size(); i++) {
            index.put(named.get(i), i);
        }
        int[] seriesOfCode = new int[g.levels().size()];
        for (int c = 0; c < seriesOfCode.length; c++) {
            seriesOfCode[c] = index.getOrDefault(g.levels().get(c), others > 0 ? named.size() : -1);
        }
        int s = series.size();
        List<double[]> sums = new ArrayList<>();
        List<int[]> reach = new ArrayList<>();
        int[] groupCodes = g.codes();
        double[] w = new double[16];
        for (List<int[]> samples : byQuery.values()) {
            int longest = 0;
            for (int[] list : samples) {
                longest = Math.max(longest, k == null ? list.length : Math.min(k, list.length));
            }
            double[][] q = new double[longest][s];
            int[] lists = new int[longest];
            for (int[] list : samples) {
                int n = k == null ? list.length : Math.min(k, list.length);
                double[] relByRank = null;
                if (rel != null) {
                    relByRank = new double[n];
                    for (int i = 0; i < n; i++) {
                        relByRank[i] = rel[list[i]];
                    }
                }
                if (w.length < n) {
                    w = new double[Math.max(n, 2 * w.length)];
                }
                model.weights(n, relByRank, w);
                for (int i = 0; i < n; i++) {
                    int sr = seriesOfCode[groupCodes[list[i]]];
                    if (sr >= 0) {
                        q[i][sr] += w[i];
                    }
                    lists[i]++;
                }
            }
            for (int i = 0; i < longest; i++) {
                if (sums.size() <= i) {
                    sums.add(new double[s]);
                    reach.add(new int[1]);
                }
                for (int j = 0; j < s; j++) {
                    sums.get(i)[j] += q[i][j] / lists[i];
                }
                reach.get(i)[0]++;
            }
        }
        int positions = sums.size();
        int per = Math.max(1, (positions + MAX_BARS - 1) / MAX_BARS);
        int bars = (positions + per - 1) / per;
        double[][] values = new double[bars][s];
        int[] from = new int[bars];
        int[] to = new int[bars];
        for (int b = 0; b < bars; b++) {
            from[b] = b * per + 1;
            to[b] = Math.min(positions, (b + 1) * per);
            for (int i = from[b] - 1; i < to[b]; i++) {
                for (int j = 0; j < s; j++) {
                    values[b][j] += sums.get(i)[j] / reach.get(i)[0];
                }
            }
            for (int j = 0; j < s; j++) {
                values[b][j] /= to[b] - from[b] + 1;
            }
        }
        return new Positions(List.copyOf(series), others > 0, values, from, to);
    }

    /**
     * The groups with a series of their own: the pooled groups, lowest exposure first; with more than
     * {@link #MAX_SERIES} groups, the first {@code MAX_SERIES - 1} of them.
     */
    static List<String> named(JsonNode root) {
        List<String> groups = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : worstFirst(root.get("overall").get("groups"))) {
            groups.add(e.getKey());
        }
        return groups.size() <= MAX_SERIES ? groups : List.copyOf(groups.subList(0, MAX_SERIES - 1));
    }

    /**
     * The chart's data for a report: {@link #positions} with the series of {@link #named}.
     */
    static Positions positions(JsonNode root, Map<Integer, List<int[]>> byQuery, RankAudit.Column g, double[] rel,
            BrowsingModel model, Integer k) {
        List<String> named = named(root);
        return positions(byQuery, g, rel, model, k, named, root.get("overall").get("groups").size() - named.size());
    }

    /** The groups of a {@code groups} object, lowest exposure first (undefined last, ties in report order). */
    static List<Map.Entry<String, JsonNode>> worstFirst(JsonNode groups) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>(groups.properties());
        list.sort((a, b) -> Double.compare(exposure(a.getValue()), exposure(b.getValue())));
        return list;
    }

    private static double exposure(JsonNode g) {
        JsonNode e = g.get("exposure");
        return e == null || e.isNull() ? Double.POSITIVE_INFINITY : e.asDouble();
    }

    /**
     * Renders the page.
     *
     * @param root the JSON report
     * @param h the header's facts
     * @param p the chart's data
     */
    static String render(JsonNode root, Header h, Positions p) {
        StringBuilder sb = new StringBuilder(16_384);
        JsonNode o = root.get("overall");
        JsonNode queries = root.get("queries");
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Fairway ranking audit: ").append(esc(h.data())).append("</title>\n")
                .append("<style>\n").append(HtmlKit.CSS).append(EXTRA_CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<header>\n<h1>Fairway ranking audit</h1>\n<dl class=\"meta\">\n");
        meta(sb, "Data", h.data());
        meta(sb, "Rows", String.format(Locale.ROOT, "%,d", h.rows()));
        meta(sb, "Queries", String.format(Locale.ROOT, "%,d (%,d lists)", o.get("queries").asLong(), o.get("lists").asLong()));
        meta(sb, "Grouped by", h.group() + " (" + o.get("groups").size() + " groups)");
        meta(sb, "Browsing model", root.get("browsing").asString());
        meta(sb, "Cut-off k", root.get("k").isNull() ? "the list length" : root.get("k").asString());
        meta(sb, "Relevance", h.relevance() == null ? "none" : h.relevance());
        meta(sb, "Samples", h.sample() == null ? "none (one list per query)" : h.sample());
        if (h.catalog() != null) {
            meta(sb, "Catalog", h.catalog() + " (popularity " + h.popularity() + ")");
        }
        JsonNode fair = firstFair(queries);
        if (fair != null) {
            meta(sb, "FA*IR", "p " + fair.get("p").asString() + ", alpha " + fair.get("alpha").asString() + ", "
                    + fair.get("mode").asString() + " mode");
        }
        meta(sb, "Fairway version", h.version());
        meta(sb, "Date", h.date());
        sb.append("</dl>\n</header>\n");
        warnings(sb, root);

        sb.append("<h2>Exposure by rank position</h2>\n");
        chart(sb, p, root.get("browsing").asString());

        sb.append("<h2>Pooled over queries</h2>\n<p>Each group's exposure is its mean browsing weight per item "
                + "(per list, then over the lists it appears in); groups with the lowest exposure come first.</p>\n");
        groupTable(sb, o.get("groups"));
        sb.append("<table class=\"figs\">\n<tbody>\n");
        ratioRows(sb, o);
        if (o.has("ndcg")) {
            figure(sb, "mean NDCG", num(o.get("ndcg")));
        }
        if (o.has("fair")) {
            JsonNode f = o.get("fair");
            figure(sb, "FA*IR", "<span class=\"" + (f.get("passed").asBoolean() ? "pass" : "fail") + "\">"
                    + f.get("queries_failed").asLong() + " of " + f.get("queries_tested").asLong() + " queries fail</span>");
        }
        if (o.has("expected_exposure")) {
            JsonNode e = o.get("expected_exposure");
            figure(sb, "mean expected exposure", "disparity " + num(e.get("disparity")) + ", relevance "
                    + num(e.get("relevance")) + ", difference " + num(e.get("difference")));
        }
        if (o.has("prefix")) {
            figure(sb, "mean prefix fairness", prefix(o.get("prefix")));
        }
        sb.append("</tbody>\n</table>\n");

        if (root.has("popularity")) {
            JsonNode pop = root.get("popularity");
            sb.append("<h2>Popularity bias</h2>\n<p>Top ").append(pop.get("k").isNull() ? "n (the list length)"
                    : esc(pop.get("k").asString())).append(" of each list against the catalog of ")
                    .append(pop.get("catalog").asLong()).append(" items, ").append(pop.get("long_tail_items").asLong())
                    .append(" of them in the long tail.</p>\n<table>\n<thead><tr><th>figure</th><th class=\"n\">value</th>"
                            + "<th>meaning</th></tr></thead>\n<tbody>\n");
            popularityRow(sb, pop, "arp", "mean popularity of the recommended items");
            popularityRow(sb, pop, "coverage", "share of the catalog recommended at least once");
            popularityRow(sb, pop, "gini", "inequality of appearance counts over the catalog (0 = equal)");
            popularityRow(sb, pop, "aplt", "mean share of long-tail items in a list");
            popularityRow(sb, pop, "aclt", "mean number of long-tail items in a list");
            popularityRow(sb, pop, "entropy", "entropy of the recommended items (bits)");
            sb.append("</tbody>\n</table>\n");
        }

        sb.append("<h2>Queries</h2>\n");
        summary(sb, queries);
        for (int i = 0; i < queries.size(); i++) {
            query(sb, queries.get(i), i);
        }
        sb.append("<footer>Made by Fairway ").append(esc(h.version())).append(" on ").append(esc(h.date()))
                .append(". Exposure ratio is min / max and difference max \u2212 min of the group exposures; a query "
                        + "with one group has no ratio.</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static JsonNode firstFair(JsonNode queries) {
        for (JsonNode q : queries) {
            if (q.has("fair")) {
                return q.get("fair");
            }
        }
        return null;
    }

    private static void warnings(StringBuilder sb, JsonNode root) {
        JsonNode o = root.get("overall");
        if (o.has("exposure_undefined_reason")) {
            sb.append("<p class=\"warn\">The pooled exposure ratio is undefined: ")
                    .append(esc(o.get("exposure_undefined_reason").asString())).append(".</p>\n");
        }
        int undefined = 0;
        for (JsonNode q : root.get("queries")) {
            undefined += q.get("exposure_ratio").isNull() ? 1 : 0;
        }
        if (undefined > 0) {
            sb.append("<p class=\"warn\">").append(undefined).append(undefined == 1 ? " query has" : " queries have")
                    .append(" no exposure ratio (fewer than two groups in the list); the query tables say why.</p>\n");
        }
        if (o.has("fair") && !o.get("fair").get("passed").asBoolean()) {
            sb.append("<p class=\"warn\">FA*IR: ").append(o.get("fair").get("queries_failed").asLong()).append(" of ")
                    .append(o.get("fair").get("queries_tested").asLong())
                    .append(" queries fail the ranked group fairness test.</p>\n");
        }
    }

    private static void chart(StringBuilder sb, Positions p, String browsing) {
        int bars = p.values().length;
        boolean runs = bars > 0 && p.to()[bars - 1] > bars;
        sb.append("<p>Each bar is one rank position");
        if (runs) {
            sb.append(" run (").append(p.to()[0]).append(" positions, their mean)");
        }
        sb.append(". Its height is the mean ").append(esc(browsing)).append(" browsing weight of that position over the "
                + "queries whose lists reach it, and its colours say which groups' items held the position: a group's "
                + "segment is the weight that went to it. Bars are stacked in the legend's order, lowest pooled exposure at the bottom.")
                .append(p.other() ? " The groups after the first " + (MAX_SERIES - 1) + " share one grey series." : "").append("</p>\n");
        double max = 0;
        for (double[] bar : p.values()) {
            double total = 0;
            for (double v : bar) {
                total += v;
            }
            max = Math.max(max, total);
        }
        double step = step(max);
        double top = max > 0 ? Math.ceil(max / step - 1e-9) * step : 1;
        int height = TOP + PLOT_HEIGHT + BOTTOM;
        sb.append("<section class=\"chart\" id=\"positions\">\n<div>\n");
        sb.append("<svg width=\"").append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(height).append("\" role=\"img\" aria-labelledby=\"positions-t\">\n")
                .append("<title id=\"positions-t\">Exposure by rank position: mean ").append(esc(browsing))
                .append(" browsing weight at positions ").append(bars == 0 ? 0 : 1).append(" to ")
                .append(bars == 0 ? 0 : p.to()[bars - 1]).append(", stacked by group (").append(esc(String.join(", ", p.series())))
                .append("); the table below the chart has the values</title>\n");
        // y grid, ticks and label
        int ticks = (int) Math.round(top / step);
        for (int t = 0; t <= ticks; t++) {
            double v = t * step;
            double y = y(v, top);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eaeef2\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#59636e\">%s</text>%n",
                    LEFT, y, LEFT + PLOT_WIDTH, y, LEFT - 6, y + 4, tick(v)));
        }
        sb.append(String.format(Locale.ROOT, "<text transform=\"translate(14 %d) rotate(-90)\" text-anchor=\"middle\" "
                + "fill=\"#59636e\">mean weight (exposure)</text>%n", TOP + PLOT_HEIGHT / 2));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#59636e\">rank position"
                + "</text>%n", LEFT + PLOT_WIDTH / 2, height - 6));
        double slot = bars == 0 ? PLOT_WIDTH : (double) PLOT_WIDTH / bars;
        double barWidth = Math.max(1, slot * 0.8);
        int labelEvery = Math.max(1, (int) Math.ceil(bars / 12.0));
        for (int b = 0; b < bars; b++) {
            if (b % labelEvery == 0 || b == bars - 1 && bars <= 12) {
                double x = LEFT + slot * (b + 0.5);
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#59636e\">%s"
                        + "</text>%n", x, TOP + PLOT_HEIGHT + 16, range(p, b)));
            }
        }
        // one group of rectangles per series, stacked bottom up in series order
        double[] base = new double[bars];
        for (int s = 0; s < p.series().size(); s++) {
            String name = p.series().get(s);
            sb.append("<g class=\"series\" data-group=\"").append(esc(name)).append("\" fill=\"").append(colour(p, s))
                    .append("\">\n");
            for (int b = 0; b < bars; b++) {
                double v = p.values()[b][s];
                double y0 = y(base[b], top);
                double y1 = y(base[b] + v, top);
                base[b] += v;
                sb.append(String.format(Locale.ROOT, "<rect data-position=\"%s\" data-value=\"%s\" x=\"%.1f\" y=\"%.1f\" "
                        + "width=\"%.1f\" height=\"%.1f\"><title>%s</title></rect>%n", range(p, b), Double.toString(v),
                        LEFT + slot * b + (slot - barWidth) / 2, y1, barWidth, y0 - y1,
                        esc(name + ", " + (runs ? "positions " : "position ") + range(p, b) + ": " + fmt(v))));
            }
            sb.append("</g>\n");
        }
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#59636e\"/>%n", LEFT,
                TOP + PLOT_HEIGHT, LEFT + PLOT_WIDTH, TOP + PLOT_HEIGHT));
        sb.append("</svg>\n<ul class=\"legend\">\n");
        for (int s = 0; s < p.series().size(); s++) {
            sb.append("<li><span class=\"swatch\" style=\"background:").append(colour(p, s)).append("\"></span>")
                    .append(esc(p.series().get(s))).append("</li>\n");
        }
        sb.append("</ul>\n<details>\n<summary>The chart's values</summary>\n<table class=\"positions\">\n<thead><tr><th>")
                .append(runs ? "positions" : "position").append("</th>");
        for (String name : p.series()) {
            sb.append("<th class=\"n\">").append(esc(name)).append("</th>");
        }
        sb.append("<th class=\"n\">all groups</th></tr></thead>\n<tbody>\n");
        for (int b = 0; b < bars; b++) {
            sb.append("<tr><td>").append(range(p, b)).append("</td>");
            for (int s = 0; s < p.series().size(); s++) {
                sb.append("<td class=\"n\">").append(fmt(p.values()[b][s])).append("</td>");
            }
            sb.append("<td class=\"n\">").append(fmt(base[b])).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</details>\n</div>\n</section>\n");
    }

    private static String colour(Positions p, int s) {
        return p.other() && s == p.series().size() - 1 ? OTHER_COLOUR : COLOURS[s % COLOURS.length];
    }

    private static String range(Positions p, int b) {
        return p.from()[b] == p.to()[b] ? Integer.toString(p.from()[b]) : p.from()[b] + "\u2013" + p.to()[b];
    }

    private static double y(double v, double top) {
        return TOP + PLOT_HEIGHT * (top - v) / top;
    }

    /** A tick step of 1, 2, 2.5 or 5 times a power of ten that gives at most five steps up to max. */
    static double step(double max) {
        if (!(max > 0)) {
            return 0.25;
        }
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * power >= raw * (1 - 1e-12)) {
                return f * power;
            }
        }
        return 10 * power;
    }

    private static String tick(double v) {
        String t = String.format(Locale.ROOT, "%.4f", v + 0.0).replaceAll("0+$", "");
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    private static void groupTable(StringBuilder sb, JsonNode groups) {
        boolean relevance = false;
        for (JsonNode g : groups) {
            relevance |= g.has("relevance_share");
        }
        sb.append("<table class=\"groups\">\n<thead><tr><th>group</th><th class=\"n\">items</th><th class=\"n\">lists</th>"
                + "<th class=\"n\">exposure</th><th class=\"n\">exposure share</th><th class=\"n\">population share</th>");
        if (relevance) {
            sb.append("<th class=\"n\">relevance share</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (Map.Entry<String, JsonNode> e : worstFirst(groups)) {
            JsonNode v = e.getValue();
            sb.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(v.get("items").asLong())
                    .append("</td><td class=\"n\">").append(v.get("lists").asLong()).append("</td><td class=\"n\">")
                    .append(num(v.get("exposure"))).append("</td><td class=\"n\">").append(num(v.get("exposure_share")))
                    .append("</td><td class=\"n\">").append(num(v.get("population_share"))).append("</td>");
            if (relevance) {
                sb.append("<td class=\"n\">").append(num(v.get("relevance_share"))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static void ratioRows(StringBuilder sb, JsonNode node) {
        String reason = node.has("exposure_undefined_reason")
                ? " <span class=\"u\">(" + esc(node.get("exposure_undefined_reason").asString()) + ")</span>" : "";
        figure(sb, "exposure ratio (min / max)", num(node.get("exposure_ratio")) + reason);
        figure(sb, "exposure difference (max \u2212 min)", num(node.get("exposure_difference")));
        if (node.has("treatment_ratio")) {
            figure(sb, "disparate treatment ratio", num(node.get("treatment_ratio")));
        }
    }

    private static void figure(StringBuilder sb, String name, String html) {
        sb.append("<tr><td>").append(esc(name)).append("</td><td class=\"n\">").append(html).append("</td></tr>\n");
    }

    private static void popularityRow(StringBuilder sb, JsonNode pop, String name, String meaning) {
        sb.append("<tr><td><code>").append(name).append("</code></td><td class=\"n\">").append(num(pop.get(name)))
                .append("</td><td>").append(meaning).append("</td></tr>\n");
    }

    /** One row per query, the lowest exposure ratio first (undefined last, ties in report order). */
    private static void summary(StringBuilder sb, JsonNode queries) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(ratio(queries.get(a)), ratio(queries.get(b))));
        boolean ndcg = false;
        boolean fair = false;
        for (JsonNode q : queries) {
            ndcg |= q.has("ndcg");
            fair |= q.has("fair");
        }
        sb.append("<p>Queries by exposure ratio, lowest first; the tables after this one follow the data's order.</p>\n")
                .append("<table class=\"summary\">\n<thead><tr><th>query</th><th class=\"n\">n</th><th>lowest-exposure group</th>"
                        + "<th class=\"n\">exposure ratio</th><th class=\"n\">exposure difference</th>");
        if (ndcg) {
            sb.append("<th class=\"n\">NDCG</th>");
        }
        if (fair) {
            sb.append("<th>FA*IR</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int i : order) {
            JsonNode q = queries.get(i);
            List<Map.Entry<String, JsonNode>> groups = worstFirst(q.get("groups"));
            sb.append("<tr><td><a href=\"#q").append(i).append("\">").append(esc(q.get("query").asString()))
                    .append("</a></td><td class=\"n\">").append(q.get("n").asLong()).append("</td><td>")
                    .append(groups.isEmpty() ? "" : esc(groups.get(0).getKey())).append("</td><td class=\"n\">")
                    .append(num(q.get("exposure_ratio"))).append("</td><td class=\"n\">")
                    .append(num(q.get("exposure_difference"))).append("</td>");
            if (ndcg) {
                sb.append("<td class=\"n\">").append(q.has("ndcg") ? num(q.get("ndcg")) : "").append("</td>");
            }
            if (fair) {
                sb.append("<td>").append(q.has("fair") ? fairVerdict(q.get("fair")) : "").append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    private static double ratio(JsonNode q) {
        JsonNode r = q.get("exposure_ratio");
        return r == null || r.isNull() ? Double.POSITIVE_INFINITY : r.asDouble();
    }

    private static String fairVerdict(JsonNode f) {
        return f.get("passed").asBoolean() ? "<span class=\"pass\">passed</span>"
                : "<span class=\"fail\">failed at position " + esc(f.get("first_violation").asString()) + "</span>";
    }

    private static void query(StringBuilder sb, JsonNode q, int i) {
        sb.append("<section class=\"query\" id=\"q").append(i).append("\">\n<h3>query ").append(esc(q.get("query").asString()))
                .append("</h3>\n<p class=\"figs\">").append(q.get("n").asLong()).append(" items");
        if (q.has("samples")) {
            sb.append(", ").append(q.get("samples").asLong()).append(" sampled rankings");
        }
        sb.append("</p>\n");
        groupTable(sb, q.get("groups"));
        sb.append("<table class=\"figs\">\n<tbody>\n");
        ratioRows(sb, q);
        if (q.has("ndcg")) {
            figure(sb, "NDCG", num(q.get("ndcg")));
        }
        if (q.has("fair")) {
            JsonNode f = q.get("fair");
            String detail = " (k " + f.get("k").asLong() + ", p " + f.get("p").asString() + ", alpha "
                    + f.get("alpha").asString() + ", adjusted alpha " + num(f.get("adjusted_alpha")) + ", "
                    + f.get("mode").asString() + " mode"
                    + (f.has("samples_failed") ? ", " + f.get("samples_failed").asLong() + " samples fail" : "") + ")";
            figure(sb, "FA*IR", fairVerdict(f) + esc(detail));
            JsonNode rr = f.get("rerank");
            figure(sb, "FA*IR re-rank", esc(rr.get("moved").asString() + " positions move")
                    + (rr.has("ndcg_after") ? ", NDCG " + num(rr.get("ndcg_before")) + " \u2192 " + num(rr.get("ndcg_after")) : ""));
        }
        if (q.has("expected_exposure")) {
            JsonNode e = q.get("expected_exposure");
            if (e.has("disparity")) {
                figure(sb, "expected exposure", "disparity " + num(e.get("disparity")) + ", relevance "
                        + num(e.get("relevance")) + ", difference " + num(e.get("difference")));
                JsonNode n = e.get("normalized");
                figure(sb, "expected exposure, normalised", n.has("undefined_reason")
                        ? "<span class=\"u\">" + esc(n.get("undefined_reason").asString()) + "</span>"
                        : "disparity " + num(n.get("disparity")) + ", relevance " + num(n.get("relevance"))
                                + ", difference " + num(n.get("difference")));
                if (e.has("group")) {
                    JsonNode gr = e.get("group");
                    figure(sb, "expected exposure, groups", "disparity " + num(gr.get("disparity")) + ", relevance "
                            + num(gr.get("relevance")) + ", difference " + num(gr.get("difference")));
                }
            } else {
                figure(sb, "expected exposure", "<span class=\"u\">" + esc(e.get("undefined_reason").asString()) + "</span>");
            }
        }
        if (q.has("prefix")) {
            figure(sb, "prefix fairness", prefix(q.get("prefix")));
        }
        sb.append("</tbody>\n</table>\n</section>\n");
    }

    /** rND, rKL and rRD of a {@code prefix} block; an undefined figure shows its reason. */
    private static String prefix(JsonNode p) {
        StringBuilder out = new StringBuilder();
        for (String m : new String[] {"rnd", "rkl", "rrd"}) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(m.equals("rnd") ? "rND " : m.equals("rkl") ? "rKL " : "rRD ");
            JsonNode v = p.get(m);
            JsonNode why = p.get(m + "_undefined_reason");
            out.append(v == null || v.isNull() ? "<span class=\"u\">" + (why == null ? "\u2014" : esc(why.asString()))
                    + "</span>" : fmt(v.asDouble()));
        }
        return out.append(" (cut step ").append(p.get("cut_step").asLong()).append(')').toString();
    }

    private static String num(JsonNode n) {
        return n == null || n.isNull() ? "<span class=\"u\">\u2014</span>" : fmt(n.asDouble());
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v + 0.0) : "\u2014";
    }

    private static void meta(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private static String esc(String s) {
        return HtmlKit.esc(s);
    }
}
