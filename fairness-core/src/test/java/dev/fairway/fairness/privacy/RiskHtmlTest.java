package dev.fairway.fairness.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.report.ReportHeader;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The re-identification risk report's HTML page on seven hand-counted rows. */
class RiskHtmlTest {
    /*
     * quasi (z<&"ip, age), sensitive diag:
     *   (1000, 30):      rows 0,1,2  flu, flu, cold  -> size 3, l 2
     *   (1000, 40):      rows 3,4    flu, flu        -> size 2, l 1
     *   (<b>&"2000, 30): row 5       cold            -> size 1, l 1
     *   (<b>&"2000, -):  row 6       -               -> size 1, l 1
     * 4 classes, k = 1, 2 unique rows of 7 (0.2857), l = 1.
     */
    private static final String ZIP_COL = "z<&\"ip";
    private static final String ODD = "<b>&\"2000";
    private static final Object[] ZIP = {"1000", "1000", "1000", "1000", "1000", ODD, ODD};
    private static final Object[] AGE = {30, 30, 30, 40, 40, 30, null};
    private static final Object[] DIAG = {"flu", "flu", "cold", "flu", "flu", "cold", null};
    private static final ReportHeader HEADER = ReportHeader.of("p.csv", "1.2.3", "2026-12-02");

    @Test
    void figuresAndSmallestClassesByHand() {
        String html = ReidentificationRisk.builder().quasi(ZIP_COL, ZIP).quasi("age", AGE).sensitive("diag", DIAG)
                .smallest(3).build().toHtml(HEADER);
        assertTrue(html.contains("<td>equivalence classes</td><td class=\"n\">4</td>"), html);
        assertTrue(html.contains("<td>k-anonymity (smallest class)</td><td class=\"n\">1</td>"), html);
        assertTrue(html.contains("<td>unique rows (alone in their class)</td><td class=\"n\">2</td>"), html);
        assertTrue(html.contains("<td class=\"n\">0.2857</td>"), html);
        assertTrue(html.contains("<td>l-diversity (fewest distinct diag in a class)</td><td class=\"n\">1</td>"), html);
        String table = html.substring(html.indexOf("<table class=\"classes\">"));
        assertEquals(1 + 3, ProxyHtmlTest.count(table, "<tr"), "header and three classes");
        assertEquals(2, ProxyHtmlTest.count(table, "<tr class=\"flag\">"), "two classes of one row");
        // smallest first; ties by values text: age 30 before the missing age; then (1000, 40) of size 2
        assertTrue(table.contains("<tr class=\"flag\"><td>&lt;b&gt;&amp;&quot;2000</td><td>30</td>"
                + "<td class=\"n\">1</td><td class=\"n\">1</td></tr>\n<tr class=\"flag\"><td>&lt;b&gt;&amp;&quot;2000</td>"
                + "<td><span class=\"u\">\u2014</span></td><td class=\"n\">1</td><td class=\"n\">1</td></tr>\n"
                + "<tr><td>1000</td><td>40</td><td class=\"n\">2</td><td class=\"n\">1</td></tr>"), table);
        assertTrue(table.contains("<th>z&lt;&amp;&quot;ip</th>"), table);
        assertFalse(html.contains(ODD) || html.contains(ZIP_COL), html);
        for (String remote : List.of("<script", "<link", "<img", "src=", "href=", "@import", "url(", "http")) {
            assertFalse(html.contains(remote), remote);
        }
        assertFalse(Pattern.compile("&(?!(amp|lt|gt|quot|#39);)").matcher(html).find(), "a bare '&'");
        assertEquals(html, ReidentificationRisk.builder().quasi(ZIP_COL, ZIP).quasi("age", AGE).sensitive("diag", DIAG)
                .smallest(3).build().toHtml(HEADER));
    }

    @Test
    void withoutASensitiveColumnNoDiversity() {
        String html = ReidentificationRisk.builder().quasi("zip", ZIP).build().toHtml(HEADER);
        assertTrue(html.contains("<dt>Sensitive column</dt><dd>none</dd>"), html);
        assertFalse(html.contains("l-diversity"), html);
        // zip only: 1000 (5 rows) and the odd zip (2 rows): k = 2, no unique row
        assertTrue(html.contains("<td>k-anonymity (smallest class)</td><td class=\"n\">2</td>"), html);
        assertEquals(0, ProxyHtmlTest.count(html, "<tr class=\"flag\">"));
    }
}
