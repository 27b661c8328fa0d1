package dev.fairway.fairness.report;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML report: self-contained, escaped, reproducible, one chart per metric, legible with many groups. */
class HtmlReportTest {
    private static final ReportHeader HEADER = ReportHeader.of("loans <2026>.csv", "1.2.3", "2026-12-02");
    private static final String NASTY = "<script>alert(\"x\")</script> & 'q'";

    /** NASTY: y 1 1 0, p 1 0 0 (3 rows); plain: y 1 0, p 1 1; none: y 0 0, p 0 0 (no actual positives). */
    private static FairnessAudit audit() {
        return FairnessAudit.of(AuditData.builder()
                .labels("y", new int[] {1, 1, 0, 1, 0, 0, 0})
                .predictions("p", new int[] {1, 0, 0, 1, 1, 0, 0})
                .sensitive("group \"col\"", new String[] {NASTY, NASTY, NASTY, "plain", "plain", "none", "none"})
                .build());
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void textFromTheDataIsEscapedEverywhere() {
        String html = AuditReport.of(audit()).withReference(Map.of("group \"col\"", NASTY)).toHtml(HEADER);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("'q'"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"), html);
        assertTrue(html.contains("group &quot;col&quot;"), html);
        assertTrue(html.contains("<dd>loans &lt;2026&gt;.csv</dd>"), html);
        // every '<' starts one of our own tags, every '&' an entity
        Matcher tag = Pattern.compile("<(/?)([a-zA-Z!][a-zA-Z0-9]*)").matcher(html);
        List<String> tags = new ArrayList<>();
        while (tag.find()) {
            tags.add(tag.group(2).toLowerCase(Locale.ROOT));
        }
        List<String> allowed = List.of("!doctype", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
                "h3", "dl", "dt", "dd", "p", "section", "div", "svg", "line", "text", "rect", "table", "thead", "tbody",
                "tr", "th", "td", "code", "span", "sup", "b", "ol", "li", "footer");
        for (String t : tags) {
            assertTrue(allowed.contains(t), "unexpected tag <" + t + ">");
        }
        assertEquals(count(html, "<"), tags.size(), "a < that starts no tag");
        Matcher amp = Pattern.compile("&(?!(amp|lt|gt|quot|#39);)").matcher(html);
        assertFalse(amp.find(), "a bare '&'");
    }

    @Test
    void selfContainedAndReadableWithoutScript() {
        String html = AuditReport.of(audit()).toHtml(HEADER);
        for (String remote : List.of("<script", "<link", "<img", "<iframe", "src=", "href=", "@import", "url(", "https:")) {
            assertFalse(html.contains(remote), remote);
        }
        // the only URI is the SVG namespace name, which is never fetched
        assertEquals(count(html, "http:"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
    }

    @Test
    void oneChartPerChosenMetricAndTheSameNumbersInTables() {
        String html = AuditReport.of(audit())
                .withMetrics(List.of(Metric.SELECTION_RATE, Metric.TRUE_POSITIVE_RATE, Metric.ACCURACY)).toHtml(HEADER);
        assertEquals(3, count(html, "<svg"));
        assertEquals(3, count(html, "<section class=\"chart\""));
        // NASTY's selection 1/3 in a bar label and in the table
        assertTrue(count(html, ">0.3333<") >= 2, html);
        // none has no actual positives: an undefined TPR with its note
        assertTrue(html.contains("— undefined [1]"), html);
        assertTrue(html.contains("<li>group &quot;col&quot;=none: true_positive_rate is undefined: no actual positives</li>"),
                html);
        assertTrue(html.contains("3 of 3 groups have fewer than 30 rows"), html);
        assertTrue(html.contains("<dt>Date</dt><dd>2026-12-02</dd>") && html.contains("<dd>1.2.3</dd>"));
    }

    @Test
    void sameAuditAndHeaderGiveTheSameBytes() {
        String a = AuditReport.of(audit()).toHtml(HEADER);
        String b = AuditReport.of(audit()).toHtml(ReportHeader.of("loans <2026>.csv", "1.2.3", "2026-12-02"));
        assertEquals(a, b);
        assertNotEquals(a, AuditReport.of(audit()).toHtml(ReportHeader.of("loans <2026>.csv", "1.2.3", "2026-12-03")));
    }

    @Test
    void aHundredGroupsAreSortedBarsInATallChart() {
        int groups = 100;
        int n = groups * 40;
        int[] y = new int[n];
        int[] p = new int[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            int k = i % groups;
            g[i] = String.format(Locale.ROOT, "g%03d", k);
            y[i] = (i / groups) % 2;
            // group k selects (k % 37) + 1 of its 40 rows
            p[i] = i / groups < (k % 37) + 1 ? 1 : 0;
        }
        String html = AuditReport.of(FairnessAudit.of(AuditData.builder().labels("y", y).predictions("p", p)
                .sensitive("g", g).build())).withMetrics(List.of(Metric.SELECTION_RATE)).toHtml(HEADER);
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertTrue(svg.contains("height=\"" + (34 + groups * 22 + 12) + "\""), svg.substring(0, 200));
        Matcher v = Pattern.compile("monospace\">(\\d\\.\\d{4})</text>").matcher(svg);
        List<Double> values = new ArrayList<>();
        while (v.find()) {
            values.add(Double.parseDouble(v.group(1)));
        }
        assertEquals(groups, values.size());
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i - 1) >= values.get(i), "bars not sorted at " + i + ": " + values);
        }
        assertEquals(37.0 / 40, values.get(0), 1e-4);
        assertEquals(1.0 / 40, values.get(groups - 1), 1e-4);
    }
}
