package dev.fairway.fairness.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.report.ReportHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The proxy report's HTML page on eight hand-countable rows. Every expected number is counted by
 * hand from the table in {@link #report()}'s comment; the chart geometry is the documented scale
 * (x = 230 + 400 * value).
 */
class ProxyHtmlTest {
    /** A feature name and a sensitive name that need escaping. */
    static final String COLOUR = "c<&\"x";
    static final String RACE = "r<&\"s";
    static final ReportHeader HEADER = ReportHeader.of("d<&\".csv", "1.2.3", "2026-12-02");

    /**
     * <pre>
     * row race sex zip colour age
     *  0   a    m   z1  red     1
     *  1   a    f   z1  blue    2
     *  2   a    m   z1  red     3
     *  3   a    f   z1  blue    4
     *  4   b    m   z2  red     5
     *  5   b    f   z2  blue    6
     *  6   b    m   z2  red     7
     *  7   b    f   z2  blue    8
     * </pre>
     * zip copies race (V = V~ = 1: chi2 = 8 = n; phi2~ = 1 - 1/7, r~ - 1 = 1 - 1/7) and is
     * independent of sex (every cell 2: V = 0); colour copies sex and is independent of race.
     * age in 2 bins (cut at rank floor(8/2) = 4, value 5) copies race; against race every a is
     * below every b: AUC 1; against sex, m has ranks 1,3,5,7: U = 16 - 10 = 6, AUC = 6/16, max = 0.625.
     * Threshold 0.25 and AUC threshold 0.7: proxies are zip/race, age/race, colour/sex; the model
     * sees zip and the catalogue withholds race, so only zip/race is a consent conflict.
     */
    static ProxyReport report() {
        return ProxyReport.builder()
                .sensitive(RACE, new Object[] {"a", "a", "a", "a", "b", "b", "b", "b"})
                .sensitive("sex", new Object[] {"m", "f", "m", "f", "m", "f", "m", "f"})
                .categorical("zip", new Object[] {"z1", "z1", "z1", "z1", "z2", "z2", "z2", "z2"})
                .categorical(COLOUR, new Object[] {"red", "blue", "red", "blue", "red", "blue", "red", "blue"})
                .numeric("age", new double[] {1, 2, 3, 4, 5, 6, 7, 8})
                .bins(2).threshold(0.25).aucThreshold(0.7)
                .visibleToModel(Set.of("zip")).withheld(Set.of(RACE))
                .build();
    }

    @Test
    void oneBarPerPairAtTheHandCountedLengths() {
        String html = report().toHtml(HEADER);
        assertEquals(2, count(html, "<svg"), "one chart per sensitive attribute");
        assertEquals(6, count(html, "<rect class=\"bar"), "3 features x 2 attributes");
        assertEquals(3, count(html, "<rect class=\"bar proxy\""));
        // V = 1 and AUC = 1 bars are full width, AUC 0.625 is 250, V = 0 the 0.5 minimum
        assertEquals(3, count(html, "width=\"400.0\" height=\"15\""), "zip/race, age/race, colour/sex");
        assertEquals(1, count(html, "width=\"250.0\" height=\"15\""), "age/sex AUC 0.625");
        assertEquals(2, count(html, "width=\"0.5\" height=\"15\""), "colour/race and zip/sex, V = 0");
        assertTrue(html.contains(">AUC 0.6250</text>"), html);
        // the V threshold 0.25 at x = 230 + 400 * 0.25 = 330, once per chart; AUC 0.7 ticks at 510 on the two age bars
        assertEquals(2, count(html, "<line class=\"threshold\" x1=\"330.0\""));
        assertEquals(2, count(html, "<line class=\"auc-threshold\" x1=\"510.0\""));
        // the consent conflict is marked once in the chart (outline and sign) and once in the table
        assertEquals(1, count(html, "stroke=\"#1f2328\" stroke-width=\"2\"><title>"));
        assertEquals(1, count(html, "\u26a0 consent</text>"));
        assertEquals(1, count(html, "\u26a0 conflict"));
        assertEquals(3, count(html, "<tr class=\"flag\">"), "the three proxies' table rows");
        String table = html.substring(html.indexOf("<table class=\"proxies\">"));
        assertEquals(1 + 6, count(table, "<tr"), "a header row and one row per pair");
    }

    @Test
    void barsAreSortedStrongestFirstTiesByName() {
        String html = report().toHtml(HEADER);
        String race = html.substring(html.indexOf("id=\"chart-0\""), html.indexOf("id=\"chart-1\""));
        // age (AUC 1) and zip (V 1) tie: by name; then colour (V 0)
        assertTrue(race.indexOf(">age</text>") < race.indexOf(">zip</text>"), race);
        assertTrue(race.indexOf(">zip</text>") < race.indexOf(">c&lt;&amp;&quot;x</text>"), race);
        String sex = html.substring(html.indexOf("id=\"chart-1\""), html.indexOf("<h2>Ranked pairs"));
        assertTrue(sex.indexOf(">c&lt;&amp;&quot;x</text>") < sex.indexOf(">age</text>"), sex);
        assertTrue(sex.indexOf(">age</text>") < sex.indexOf(">zip</text>"), sex);
    }

    @Test
    void everyDataTextIsEscapedAndNothingIsFetched() {
        String html = report().toHtml(HEADER);
        assertFalse(html.contains(COLOUR) || html.contains(RACE) || html.contains("d<&\""), html);
        assertTrue(html.contains("<td>c&lt;&amp;&quot;x</td><td>sex</td>"), html);
        assertTrue(html.contains("<h3>r&lt;&amp;&quot;s</h3>"), html);
        assertTrue(html.contains("<dd>d&lt;&amp;&quot;.csv</dd>"), html);
        for (String remote : List.of("<script", "<link", "<img", "<iframe", "src=", "href=", "@import", "url(", "http")) {
            assertFalse(html.contains(remote), remote);
        }
        Matcher tag = Pattern.compile("<(/?)([a-zA-Z!][a-zA-Z0-9]*)").matcher(html);
        List<String> tags = new ArrayList<>();
        while (tag.find()) {
            tags.add(tag.group(2));
        }
        assertEquals(count(html, "<"), tags.size(), "a < that starts no tag");
        assertFalse(Pattern.compile("&(?!(amp|lt|gt|quot|#39);)").matcher(html).find(), "a bare '&'");
    }

    @Test
    void headerAndTheSameBytesEveryTime() {
        String html = report().toHtml(HEADER);
        assertEquals(html, report().toHtml(HEADER));
        assertTrue(html.contains("<dt>Rows</dt><dd>8</dd>"), html);
        assertTrue(html.contains("<dt>Sensitive columns</dt><dd>r&lt;&amp;&quot;s, sex</dd>"), html);
        assertTrue(html.contains("<dt>Threshold</dt><dd>corrected Cram\u00e9r&#39;s V \u2265 0.2500 or AUC \u2265 0.7000</dd>"),
                html);
        assertTrue(html.contains("<dt>Proxies</dt><dd>3</dd>"), html);
        assertTrue(html.contains("<dt>Consent conflicts</dt><dd>1</dd>"), html);
        assertTrue(html.contains("<dt>Fairway version</dt><dd>1.2.3</dd>"), html);
        assertTrue(html.contains("<dt>Date</dt><dd>2026-12-02</dd>"), html);
        assertFalse(html.contains("not checked"), html);
    }

    @Test
    void withoutACatalogueConsentIsNotChecked() {
        ProxyReport r = ProxyReport.builder().sensitive("s", new Object[] {"a", "b", "a", "b"})
                .categorical("only", new Object[] {"x", "x", "x", "x"}).build();
        String html = r.toHtml(HEADER);
        assertTrue(html.contains("consent conflicts were not checked"), html);
        // one level only: V undefined, no bar, a dash in the table
        assertEquals(0, count(html, "<rect class=\"bar"));
        assertTrue(html.contains("\u2014 undefined"), html);
        assertTrue(html.contains("<span class=\"u\">\u2014</span>"), html);
    }

    static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
