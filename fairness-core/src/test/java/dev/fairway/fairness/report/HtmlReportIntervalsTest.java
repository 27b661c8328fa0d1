package dev.fairway.fairness.report;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.stats.AuditIntervals;
import dev.fairway.fairness.stats.Bootstrap;
import dev.fairway.fairness.stats.IntervalMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The HTML report with intervals: hand-counted Wilson intervals in the table, error bars on the charts, the header. */
class HtmlReportIntervalsTest {
    private static final ReportHeader HEADER = ReportHeader.of("small.csv", "1.2.3", "2026-12-02");
    private static final List<Metric> SHOWN = List.of(Metric.SELECTION_RATE, Metric.TRUE_POSITIVE_RATE);

    /**
     * Group A (6 rows): y 1 1 1 1 0 0, p 1 1 0 0 1 0: selected 3 of 6, true positives 2 of 4 positives.
     * Group B (3 rows): y 1 1 0, p 1 0 0: selected 1 of 3, true positives 1 of 2 positives.
     */
    private static FairnessAudit audit() {
        return FairnessAudit.of(AuditData.builder()
                .labels("y", new int[] {1, 1, 1, 1, 0, 0, 1, 1, 0})
                .predictions("p", new int[] {1, 1, 0, 0, 1, 0, 1, 0, 0})
                .sensitive("g", new String[] {"A", "A", "A", "A", "A", "A", "B", "B", "B"})
                .build());
    }

    /** Wilson's score interval by its closed form: (x + z²/2 ± z √(x(n−x)/n + z²/4)) / (n + z²). */
    private static double[] wilson(long x, long n, double level) {
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.5 + level / 2);
        double centre = (x + z * z / 2) / (n + z * z);
        double half = z / (n + z * z) * Math.sqrt((double) x * (n - x) / n + z * z / 4);
        return new double[] {centre - half, centre + half};
    }

    private static String text(double[] ci) {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", ci[0], ci[1]);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static String section(String html, Metric m) {
        int from = html.indexOf("<section class=\"chart\" id=\"chart-" + m.jsonName() + "\"");
        return html.substring(from, html.indexOf("</section>", from));
    }

    /** The error bars' main lines of a chart as "x0 x1 y", in drawing order. */
    private static List<String> errorBars(String chart) {
        Matcher eb = Pattern.compile("<g class=\"eb\"[^>]*><title>[^<]*</title><line x1=\"([\\d.]+)\" y1=\"([\\d.]+)\" "
                + "x2=\"([\\d.]+)\" y2=\"([\\d.]+)\"/>").matcher(chart);
        List<String> out = new ArrayList<>();
        while (eb.find()) {
            assertEquals(eb.group(2), eb.group(4), "an error bar is horizontal");
            out.add(eb.group(1) + " " + eb.group(3) + " " + eb.group(2));
        }
        return out;
    }

    /** The chart's linear scale: top is 1 here (no value above 1), so v maps to 230 + 400 v. */
    private static String bar(double[] ci, int row) {
        return String.format(Locale.ROOT, "%.1f %.1f %.1f", 230 + 400 * ci[0], 230 + 400 * ci[1], 34 + row * 22 + 7.5);
    }

    @Test
    void wilsonIntervalsInTheGroupTableAndAsErrorBars() {
        AuditIntervals options = AuditIntervals.builder(0.95).replicates(200).seed(5).build();
        String html = AuditReport.of(audit()).withMetrics(SHOWN).withIntervals(options).toHtml(HEADER);
        double[] aSelected = wilson(3, 6, 0.95);
        double[] bSelected = wilson(1, 3, 0.95);
        double[] aTpr = wilson(2, 4, 0.95);
        double[] bTpr = wilson(1, 2, 0.95);
        String groups = html.substring(html.indexOf("<h2>Groups</h2>"));
        for (double[] ci : List.of(aSelected, bSelected, aTpr, bTpr)) {
            assertTrue(groups.contains("<small class=\"ci\">" + text(ci) + "</small>"), text(ci) + " in " + groups);
        }
        // selection rate: A (0.5) above B (0.3333); true positive rate: a tie at 0.5, in group order
        assertEquals(List.of(bar(aSelected, 0), bar(bSelected, 1)), errorBars(section(html, Metric.SELECTION_RATE)));
        assertEquals(List.of(bar(aTpr, 0), bar(bTpr, 1)), errorBars(section(html, Metric.TRUE_POSITIVE_RATE)));
        assertEquals(4, count(html, "<g class=\"eb\""));
        // each disparity beside a chart (2 kinds x 2 methods) has an interval or a dash
        for (Metric m : SHOWN) {
            String side = section(html, m);
            side = side.substring(side.indexOf("<table class=\"side\">"));
            assertEquals(4, count(side, "<small class=\"ci\">"), side);
        }
        assertTrue(html.contains("<dt>Confidence level</dt><dd>95%</dd>"), html);
        assertTrue(html.contains("<dt>Interval method</dt><dd>wilson for group rates, bca bootstrap for the rest</dd>"));
        assertFalse(html.contains("<script"));
        assertEquals(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
        // computed once per rendering, reproducibly
        assertEquals(html, AuditReport.of(audit()).withMetrics(SHOWN).withIntervals(options).toHtml(HEADER));
    }

    @Test
    void bootstrapIntervalsNameTheirRunAndUndefinedOnesAreDashes() {
        // group C has no actual positives: its true positive rate, and so its interval, is undefined
        FairnessAudit audit = FairnessAudit.of(AuditData.builder()
                .labels("y", new int[] {1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0})
                .predictions("p", new int[] {1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0})
                .sensitive("g", new String[] {"A", "A", "A", "A", "A", "A", "B", "B", "B", "C", "C"})
                .build());
        AuditIntervals options = AuditIntervals.builder(0.9).method(IntervalMethod.PERCENTILE).replicates(150).seed(11)
                .scheme(Bootstrap.Scheme.STRATIFIED).build();
        String html = AuditReport.of(audit).withMetrics(SHOWN).withReference(Map.of("g", "A")).withIntervals(options)
                .toHtml(HEADER);
        assertTrue(html.contains("<dt>Confidence level</dt><dd>90%</dd>"), html);
        assertTrue(html.contains("<dt>Interval method</dt><dd>percentile bootstrap for every interval</dd>"), html);
        assertTrue(html.contains("<dt>Bootstrap replicates</dt><dd>150</dd>"), html);
        assertTrue(html.contains("<dt>Bootstrap seed</dt><dd>11</dd>"), html);
        assertTrue(html.contains("<dt>Bootstrap scheme</dt><dd>stratified</dd>"), html);
        String groups = html.substring(html.indexOf("<h2>Groups</h2>"));
        String rowC = groups.substring(groups.indexOf("<tr><td>C "));
        rowC = rowC.substring(0, rowC.indexOf("</tr>"));
        assertTrue(rowC.endsWith("<small class=\"ci\">\u2014</small></td>"), rowC);
        // three bars on the selection rate chart, two on the true positive rate chart (C's is undefined)
        assertEquals(3, errorBars(section(html, Metric.SELECTION_RATE)).size());
        assertEquals(2, errorBars(section(html, Metric.TRUE_POSITIVE_RATE)).size());
        // with a reference, the side tables also give the to_reference intervals
        String side = section(html, Metric.TRUE_POSITIVE_RATE);
        assertEquals(6, count(side.substring(side.indexOf("<table class=\"side\">")), "<small class=\"ci\">"));
        assertFalse(html.contains("<script"));
        assertEquals(count(html, "http"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
    }

    @Test
    void withoutIntervalsThePageHasNoneOfTheirParts() {
        String html = AuditReport.of(audit()).withMetrics(SHOWN).toHtml(HEADER);
        assertFalse(html.contains("class=\"ci\""));
        assertFalse(html.contains("class=\"eb\""));
        assertFalse(html.contains("Confidence level"));
    }
}
