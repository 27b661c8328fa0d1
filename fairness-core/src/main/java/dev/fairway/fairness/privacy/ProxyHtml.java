package dev.fairway.fairness.privacy;

import dev.fairway.fairness.report.ReportHeader;
import dev.fairway.fairness.report.HtmlKit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The proxy report's HTML page, in the audit report's style (its style sheet and escaping): the
 * header, one chart of sorted horizontal bars per sensitive attribute (a bar per feature, on a
 * fixed 0 to 1 scale), and the ranked table. No script, no network, no {@code xmlns} address.
 *
 * <p>Stateless.
 */
final class ProxyHtml {
    static final int CHART_WIDTH = 790;
    static final int LABEL_WIDTH = 230;
    static final int BAR_WIDTH = 400;
    static final int ROW = 22;
    static final int BAR = 15;
    static final int TOP = 34;
    private static final int LABEL_CHARS = 34;
    static final String PROXY_FILL = "#cf222e";
    static final String OTHER_FILL = "#4c78a8";

    private static final String CSS = """
            tr.flag td{background:#ffebe9}.conflict{color:#cf222e;font-weight:600}
            """;

    private ProxyHtml() {
    }

    static String render(ProxyReport r, ReportHeader header) {
        List<ProxyMeasure> all = r.proxies();
        long proxies = all.stream().filter(ProxyMeasure::proxy).count();
        long conflicts = all.stream().filter(ProxyMeasure::consentConflict).count();
        StringBuilder sb = new StringBuilder(16_384);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Fairway proxies: ").append(esc(header.source())).append("</title>\n")
                .append("<style>\n").append(HtmlKit.CSS).append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<header>\n<h1>Fairway proxy report</h1>\n<dl class=\"meta\">\n");
        meta(sb, "Data", header.source());
        meta(sb, "Rows", String.format(Locale.ROOT, "%,d", r.rows()));
        meta(sb, "Sensitive columns", String.join(", ", r.sensitiveColumns()));
        meta(sb, "Pairs", String.valueOf(all.size()));
        meta(sb, "Threshold", "corrected Cram\u00e9r's V \u2265 " + ProxyReport.fmt(r.threshold()) + " or AUC \u2265 "
                + ProxyReport.fmt(r.aucThreshold()));
        meta(sb, "Proxies", String.valueOf(proxies));
        meta(sb, "Numeric features", r.bins() + " quantile bins");
        meta(sb, "Consent conflicts", r.consentChecked() ? String.valueOf(conflicts) : "not checked");
        meta(sb, "Fairway version", header.version());
        meta(sb, "Date", header.date());
        sb.append("</dl>\n</header>\n");
        if (!r.consentChecked()) {
            sb.append("<p class=\"warn\">No consent catalogue was given: consent conflicts were not checked.</p>\n");
        }
        sb.append("<h2>Features by sensitive attribute</h2>\n");
        sb.append("<p>One bar per feature, sorted, on a scale from 0 to 1: the bias-corrected Cram\u00e9r's V, or, for a "
                + "numeric feature against a binary attribute, the one-feature max(AUC, 1 \u2212 AUC) (labelled AUC). "
                + "The dashed line is the V threshold; the short dark tick on an AUC bar is the AUC threshold. "
                + "Proxies are red; \u26a0 marks a consent conflict (the model may see the feature while the "
                + "catalogue withholds the attribute).</p>\n");
        for (int i = 0; i < r.sensitiveColumns().size(); i++) {
            String s = r.sensitiveColumns().get(i);
            List<ProxyMeasure> rows = new ArrayList<>();
            for (ProxyMeasure m : all) {
                if (m.sensitive().equals(s)) {
                    rows.add(m);
                }
            }
            chart(sb, r, s, i, rows);
        }
        sb.append("<h2>Ranked pairs</h2>\n");
        table(sb, r);
        sb.append("<footer>Made by Fairway ").append(esc(header.version())).append(" on ").append(esc(header.date()))
                .append(". Ranked by corrected Cram\u00e9r's V, then mutual information. Numeric features are cut into "
                        + "quantile bins (cut points at 0-based ranks floor(i n / bins) of the sorted values, duplicates "
                        + "removed) before the table measures.</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    /** The value a bar shows: the AUC where there is one, else the corrected V (NaN if undefined). */
    static double shown(ProxyMeasure m) {
        return Double.isNaN(m.auc()) ? m.cramersVCorrected() : m.auc();
    }

    static double x(double value) {
        return LABEL_WIDTH + BAR_WIDTH * Math.max(0, Math.min(1, value));
    }

    private static void chart(StringBuilder sb, ProxyReport r, String sensitive, int index, List<ProxyMeasure> rows) {
        // shown value high to low, undefined last; ties by feature name
        List<ProxyMeasure> order = new ArrayList<>(rows);
        order.sort(Comparator.comparing((ProxyMeasure m) -> Double.isNaN(shown(m)))
                .thenComparing(Comparator.comparingDouble(ProxyHtml::shown).reversed())
                .thenComparing(ProxyMeasure::feature));
        int n = order.size();
        int height = TOP + n * ROW + 12;
        String id = "chart-" + index;
        sb.append("<section class=\"chart\" id=\"").append(id).append("\">\n<div>\n<h3>").append(esc(sensitive))
                .append("</h3>\n");
        sb.append("<svg width=\"").append(CHART_WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(CHART_WIDTH).append(' ').append(height).append("\" role=\"img\" aria-labelledby=\"").append(id)
                .append("-t\">\n<title id=\"").append(id).append("-t\">").append(esc("features against " + sensitive))
                .append(", ").append(n).append(" features</title>\n");
        for (int t = 0; t <= 4; t++) {
            double x = x(t / 4.0);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eaeef2\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#59636e\">%s</text>%n",
                    x, TOP - 6, x, height - 10, x, TOP - 10, trim(t / 4.0)));
        }
        for (int i = 0; i < n; i++) {
            ProxyMeasure m = order.get(i);
            int y = TOP + i * ROW;
            String full = m.feature();
            String label = full.length() > LABEL_CHARS ? full.substring(0, LABEL_CHARS - 1) + "\u2026" : full;
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"><title>%s</title>%s</text>",
                    LABEL_WIDTH - 8, y + BAR - 3, esc(full + " (" + m.kind() + "), " + m.n() + " rows"), esc(label)));
            double v = shown(m);
            if (Double.isNaN(v)) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#9a6700\">\u2014 undefined "
                        + "(one level only)</text>%n", LABEL_WIDTH + 4, y + BAR - 3));
                continue;
            }
            boolean auc = !Double.isNaN(m.auc());
            String what = (auc ? "AUC " : "V ") + ProxyReport.fmt(v);
            sb.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"%s\"%s><title>%s</title></rect>", m.proxy() ? "bar proxy" : "bar", LABEL_WIDTH, y,
                    Math.max(0.5, x(v) - LABEL_WIDTH), BAR, m.proxy() ? PROXY_FILL : OTHER_FILL,
                    m.consentConflict() ? " stroke=\"#1f2328\" stroke-width=\"2\"" : "",
                    esc(m.feature() + " / " + m.sensitive() + ": " + what + (m.proxy() ? ", proxy" : "")
                            + (m.consentConflict() ? ", consent conflict" : ""))));
            if (auc) {
                double t = x(r.aucThreshold());
                sb.append(String.format(Locale.ROOT, "<line class=\"auc-threshold\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                        + "y2=\"%d\" stroke=\"#1f2328\" stroke-width=\"2\"/>", t, y - 2, t, y + BAR + 2));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-family=\"ui-monospace,Menlo,Consolas,"
                    + "monospace\"%s>%s%s</text>%n", LABEL_WIDTH + BAR_WIDTH + 8, y + BAR - 3,
                    m.proxy() ? " fill=\"#cf222e\" font-weight=\"600\"" : "", what,
                    m.consentConflict() ? " \u26a0 consent" : ""));
        }
        double t = x(r.threshold());
        sb.append(String.format(Locale.ROOT, "<line class=\"threshold\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                + "stroke=\"#1f2328\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/><text x=\"%.1f\" y=\"%d\" "
                + "fill=\"#1f2328\">V threshold %s</text>%n", t, TOP - 4, t, TOP + n * ROW, t + 4, height - 2,
                ProxyReport.fmt(r.threshold())));
        sb.append("</svg>\n</div>\n");
        long p = order.stream().filter(ProxyMeasure::proxy).count();
        long c = order.stream().filter(ProxyMeasure::consentConflict).count();
        sb.append("<table class=\"side\">\n<thead><tr><th colspan=\"2\">").append(esc(sensitive))
                .append("</th></tr></thead>\n<tbody>\n<tr><td>features</td><td class=\"n\">").append(n)
                .append("</td></tr>\n<tr><td>proxies</td><td class=\"n\">").append(p)
                .append("</td></tr>\n<tr><td>consent conflicts</td><td class=\"n\">")
                .append(r.consentChecked() ? String.valueOf(c) : "not checked").append("</td></tr>\n");
        if (!order.isEmpty() && !Double.isNaN(shown(order.get(0)))) {
            sb.append("<tr><td>strongest</td><td>").append(esc(order.get(0).feature())).append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n</section>\n");
    }

    private static void table(StringBuilder sb, ProxyReport r) {
        sb.append("<table class=\"proxies\">\n<thead><tr><th>feature</th><th>sensitive</th><th>kind</th>"
                + "<th class=\"n\">n</th><th class=\"n\">cramers_v</th><th class=\"n\">cramers_v_corrected</th>"
                + "<th class=\"n\">mutual_information</th><th class=\"n\">p_value</th><th class=\"n\">auc</th>"
                + "<th>proxy</th><th>consent_conflict</th></tr></thead>\n<tbody>\n");
        for (ProxyMeasure m : r.proxies()) {
            sb.append(m.proxy() ? "<tr class=\"flag\">" : "<tr>")
                    .append("<td>").append(esc(m.feature())).append("</td><td>").append(esc(m.sensitive()))
                    .append("</td><td>").append(esc(m.kind())).append("</td><td class=\"n\">").append(m.n()).append("</td>");
            for (double v : new double[] {m.cramersV(), m.cramersVCorrected(), m.mutualInformation()}) {
                sb.append("<td class=\"n\">").append(cell(ProxyReport.fmt(v))).append("</td>");
            }
            sb.append("<td class=\"n\">").append(cell(ProxyReport.pfmt(m.pValue()))).append("</td><td class=\"n\">")
                    .append(cell(ProxyReport.fmt(m.auc()))).append("</td><td>")
                    .append(m.proxy() ? "<b class=\"conflict\">proxy</b>" : "no").append("</td><td>")
                    .append(!r.consentChecked() ? "not checked"
                            : m.consentConflict() ? "<b class=\"conflict\">\u26a0 conflict</b>" : "no")
                    .append("</td></tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    /** A number, or a dash for an undefined measure. */
    private static String cell(String formatted) {
        return "n/a".equals(formatted) ? "<span class=\"u\">\u2014</span>" : formatted;
    }

    private static void meta(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private static String trim(double x) {
        String s = String.format(Locale.ROOT, "%.2f", x);
        return s.endsWith("0") ? s.substring(0, s.length() - 1) : s;
    }

    private static String esc(String s) {
        return HtmlKit.esc(s);
    }
}
