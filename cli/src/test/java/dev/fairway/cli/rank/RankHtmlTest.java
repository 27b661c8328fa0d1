package dev.fairway.cli.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.cli.DemoCommandTest;
import dev.fairway.cli.rank.RankAuditCommandTest.Result;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairway rank-audit --format html}: hand-computed numbers in the tables and the chart, the
 * lowest-exposure group first, escaping, identical bytes, bad input, and a headless Chromium render.
 */
class RankHtmlTest {
    /** 1 / log2(3), the log2 weight of rank 2. */
    private static final double L3 = Math.log(2) / Math.log(3);
    private static final Pattern SERIES = Pattern.compile("<g class=\"series\" data-group=\"([^\"]*)\" fill=\"(#[0-9a-f]{6})\">\n(.*?)</g>",
            Pattern.DOTALL);
    private static final Pattern RECT = Pattern.compile("<rect data-position=\"([^\"]*)\" data-value=\"([^\"]*)\"");

    @TempDir
    Path dir;

    Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** q1: a b a (log2 weights 1, 1/log2 3, 1/2), rows out of rank order; q2: a a. */
    Path lists() throws IOException {
        return csv("lists.csv", "qid,rank,item,grp,rel\n"
                + "q1,3,i3,a,0\n"
                + "q1,1,i1,a,2\n"
                + "q1,2,i2,b,1\n"
                + "q2,1,i1,a,1\n"
                + "q2,2,i4,a,0\n");
    }

    static String[] args(Path data, String... more) {
        List<String> all = new ArrayList<>(List.of("rank-audit", "--data", data.toString(), "--query", "qid", "--rank", "rank",
                "--item", "item", "--group", "grp", "--format", "html", "--report-date", "2026-12-02"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The chart's series in drawing order: name to (position label to value). */
    static Map<String, Map<String, Double>> series(String html) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        Matcher m = SERIES.matcher(html);
        while (m.find()) {
            Map<String, Double> values = new LinkedHashMap<>();
            Matcher r = RECT.matcher(m.group(3));
            while (r.find()) {
                values.put(r.group(1), Double.parseDouble(r.group(2)));
            }
            out.put(m.group(1), values);
        }
        return out;
    }

    static String section(String html, String from, String to) {
        int a = html.indexOf(from);
        assertTrue(a >= 0, "no " + from);
        int b = to == null ? html.length() : html.indexOf(to, a);
        assertTrue(b > a, "no " + to + " after " + from);
        return html.substring(a, b);
    }

    static String f4(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    @Test
    void tablesAndChartHoldTheHandComputedFigures() throws Exception {
        Result r = RankAuditCommandTest.run(args(lists(), "--relevance", "rel"));
        assertEquals(0, r.code(), r.err());
        String html = r.out();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        // q1: a holds ranks 1 and 3 (mean (1 + 1/2) / 2 = 0.75), b rank 2 (1/log2 3 = 0.6309): b first
        String q1 = section(html, "<h3>query q1</h3>", "</section>");
        assertTrue(q1.indexOf("<td>b</td>") >= 0 && q1.indexOf("<td>b</td>") < q1.indexOf("<td>a</td>"), q1);
        assertTrue(q1.contains("<td>b</td><td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">" + f4(L3) + "</td>"), q1);
        assertTrue(q1.contains("<td>a</td><td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">0.7500</td>"), q1);
        assertTrue(q1.contains(f4(L3 / 0.75)), "ratio min/max: " + q1);
        assertTrue(q1.contains(f4(0.75 - L3)), "difference max-min: " + q1);
        // q2 holds one group: no ratio, with the reason
        String q2 = section(html, "<h3>query q2</h3>", "</section>");
        assertTrue(q2.contains("only one group"), q2);
        // pooled: a = mean over its two lists of 0.75 and (1 + 1/log2 3) / 2; b = 1/log2 3
        double a = (0.75 + (1 + L3) / 2) / 2;
        String pooled = section(html, "<h2>Pooled over queries</h2>", "<h2>Queries</h2>");
        assertTrue(pooled.indexOf("<td>b</td>") < pooled.indexOf("<td>a</td>"), pooled);
        assertTrue(pooled.contains("<td class=\"n\">" + f4(a) + "</td>"), pooled);
        assertTrue(pooled.contains(f4(L3 / a)), pooled);
        // the summary lists q1 (ratio 0.84) before q2 (undefined)
        String summary = section(html, "<table class=\"summary\">", "</table>");
        assertTrue(summary.indexOf(">q1</a>") < summary.indexOf(">q2</a>"), summary);

        // chart: one series per group, lowest pooled exposure (b) first; at position i the mean over the
        // queries reaching i of the weight that went to the group: position 1: a in both (1);
        // position 2: b in q1, a in q2 (1/log2 3 each, half of it on average); position 3: a in q1 only
        Map<String, Map<String, Double>> series = series(html);
        assertEquals(List.of("b", "a"), List.copyOf(series.keySet()));
        assertArrayEquals(new double[] {0, L3 / 2, 0}, values(series.get("b"), "1", "2", "3"), 1e-15);
        assertArrayEquals(new double[] {1, L3 / 2, 0.5}, values(series.get("a"), "1", "2", "3"), 1e-15);
        assertTrue(html.contains("<title id=\"positions-t\">Exposure by rank position"), "text alternative");
        String table = section(html, "<table class=\"positions\">", "</table>");
        assertTrue(table.contains("<tr><td>2</td><td class=\"n\">" + f4(L3 / 2) + "</td><td class=\"n\">" + f4(L3 / 2)
                + "</td><td class=\"n\">" + f4(L3) + "</td></tr>"), table);
        // self-contained: no script, nothing fetched
        assertFalse(html.contains("<script"), "script");
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="), "external resource");
    }

    private static double[] values(Map<String, Double> s, String... positions) {
        double[] v = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            v[i] = s.get(positions[i]);
        }
        return v;
    }

    @Test
    void everyDataStringIsEscaped() throws Exception {
        String evil = "<script>alert(\"x\")</script> & 'q'";
        String quoted = "\"" + evil.replace("\"", "\"\"") + "\"";
        Path data = csv("a&b <c>.csv", "qid,rank,item,grp\n"
                + "\"<b>q&1</b>\",1,i1," + quoted + "\n"
                + "\"<b>q&1</b>\",2,i2,Zürich—ü\n");
        Path out = dir.resolve("r.html");
        Result r = RankAuditCommandTest.run(args(data, "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out, java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(html.contains("<script"), "an unescaped group");
        assertFalse(html.contains("<b>") || html.contains("<c>"), "an unescaped query or file name");
        String escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";
        assertTrue(html.contains("<td>" + escaped + "</td>"), "group table");
        assertTrue(html.contains("data-group=\"" + escaped + "\""), "chart series");
        assertTrue(html.contains("<h3>query &lt;b&gt;q&amp;1&lt;/b&gt;</h3>"), "query heading");
        assertTrue(html.contains("<dd>a&amp;b &lt;c&gt;.csv</dd>"), "file name");
        assertTrue(html.contains("<td>Zürich—ü</td>"), "non-ASCII kept as UTF-8");
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
        // Zürich at rank 2 has the lower exposure and is drawn first
        assertEquals(List.of("Zürich—ü", escaped), List.copyOf(series(html).keySet()));
    }

    @Test
    void sameInputGivesTheSameBytesWithTheGivenDate() throws Exception {
        Path out = dir.resolve("r.html");
        assertEquals(0, RankAuditCommandTest.run(args(lists(), "--relevance", "rel", "--out", out.toString())).code());
        String first = Files.readString(out);
        assertTrue(first.contains("<dt>Date</dt><dd>2026-12-02</dd>"), first);
        assertEquals(0, RankAuditCommandTest.run(args(lists(), "--relevance", "rel", "--out", out.toString())).code());
        assertEquals(first, Files.readString(out));
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws Exception {
        Path out = dir.resolve("r.html");
        Path dup = csv("dup.csv", "qid,rank,item,grp\nq,1,i1,a\nq,1,i2,b\n");
        Result r = RankAuditCommandTest.run(args(dup, "--out", out.toString()));
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("duplicate rank 1"), r.err());
        assertFalse(Files.exists(out));
        r = RankAuditCommandTest.run(args(lists(), "--report-date", "2026-13-40", "--out", out.toString()));
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--report-date"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void fairAndPopularityBlocksAndTheGateStillWritesTheReport() throws Exception {
        // 10 items, protected at ranks 7..10: fails at position 4 against the unadjusted k=10, p=.5, alpha=.1
        // table 0 0 0 1 1 1 2 2 3 3 (fairsearch-fair-java); catalog: i1, i2 popularity 10, i3..i20 popularity 1
        StringBuilder sb = new StringBuilder("qid,rank,item,grp\n");
        for (int i = 1; i <= 10; i++) {
            sb.append("q,").append(i).append(",i").append(i).append(',').append(i >= 7 ? "p" : "n").append('\n');
        }
        StringBuilder cat = new StringBuilder("item,pop\n");
        for (int i = 1; i <= 20; i++) {
            cat.append('i').append(i).append(',').append(i <= 2 ? 10 : 1).append('\n');
        }
        Path out = dir.resolve("r.html");
        Result r = RankAuditCommandTest.run(args(csv("ten.csv", sb.toString()), "--fair-p", "0.5", "--fair-alpha", "0.1",
                "--fair-protected", "p", "--fair-adjust", "none", "--items", csv("cat.csv", cat.toString()).toString(),
                "--popularity", "pop", "--k", "10", "--fail-if", "fair.passed == false", "--out", out.toString()));
        assertEquals(3, r.code(), r.err());
        String html = Files.readString(out);
        assertTrue(html.contains("<span class=\"fail\">failed at position 4</span>"), html);
        assertTrue(html.contains("1 of 1 queries fail"), html);
        String pop = section(html, "<h2>Popularity bias</h2>", "<h2>Queries</h2>");
        // ARP (10 + 10 + 8 x 1) / 10; coverage 10 of 20; the tail (7 items, i14..i20) is never recommended
        assertTrue(pop.contains("<code>arp</code></td><td class=\"n\">2.8000</td>"), pop);
        assertTrue(pop.contains("<code>coverage</code></td><td class=\"n\">0.5000</td>"), pop);
        assertTrue(pop.contains("<code>aplt</code></td><td class=\"n\">0.0000</td>"), pop);
        assertTrue(pop.contains("catalog of 20 items, 7 of them in the long tail"), pop);
        // the chart: p holds ranks 7..10 only, n ranks 1..6; p has the lower exposure and comes first
        Map<String, Map<String, Double>> series = series(html);
        assertEquals(List.of("p", "n"), List.copyOf(series.keySet()));
        for (int i = 1; i <= 10; i++) {
            double w = Math.log(2) / Math.log(i + 1);
            assertEquals(i >= 7 ? w : 0, series.get("p").get(Integer.toString(i)), 1e-15, "p at " + i);
            assertEquals(i >= 7 ? 0 : w, series.get("n").get(Integer.toString(i)), 1e-15, "n at " + i);
        }
    }

    @Test
    void sampledRankingsAreAveragedWithinTheQueryFirst() throws Exception {
        // rbp:0.5 weights 1, 1/2. q1 has two sampled rankings (a b, b a), q2 one (a b).
        // per query: q1 gives a and b 1/2 each at position 1 and 1/4 each at position 2; q2 gives a 1
        // at position 1 and b 1/2 at position 2. Over the two queries: position 1: a 3/4, b 1/4;
        // position 2: a 1/8, b 3/8 (a mean over the three lists would give a 2/3 at position 1)
        Path data = csv("s.csv", "qid,s,rank,item,grp,rel\n"
                + "q1,s1,1,x,a,1\nq1,s1,2,y,b,0\n"
                + "q1,s2,1,y,b,0\nq1,s2,2,x,a,1\n"
                + "q2,s1,1,x,a,1\nq2,s1,2,z,b,1\n");
        Result r = RankAuditCommandTest.run(args(data, "--sample", "s", "--relevance", "rel", "--browsing", "rbp:0.5"));
        assertEquals(0, r.code(), r.err());
        Map<String, Map<String, Double>> series = series(r.out());
        assertEquals(java.util.Set.of("a", "b"), series.keySet());
        assertArrayEquals(new double[] {0.75, 0.125}, values(series.get("a"), "1", "2"), 1e-15);
        assertArrayEquals(new double[] {0.25, 0.375}, values(series.get("b"), "1", "2"), 1e-15);
        String q1 = section(r.out(), "<h3>query q1</h3>", "</section>");
        assertTrue(q1.contains("2 sampled rankings"), q1);
        assertTrue(q1.contains("<td>expected exposure</td>"), q1);
        // the same figure as the JSON report of the same run, to four decimals
        Result json = RankAuditCommandTest.run("rank-audit", "--data", data.toString(), "--query", "qid", "--rank", "rank",
                "--item", "item", "--group", "grp", "--sample", "s", "--relevance", "rel", "--browsing", "rbp:0.5");
        double disparity = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.out()).get("queries").get(0)
                .get("expected_exposure").get("disparity").asDouble();
        assertTrue(q1.contains("disparity " + f4(disparity)), q1);
    }

    @Test
    void moreThanTenGroupsShareOneGreySeries() throws Exception {
        // one list, group g01..g12 at ranks 1..12: a group's exposure is the weight of its rank, so the
        // lowest are g12, g11, ..., g04 (9 series) and g03, g02, g01 share the last series
        StringBuilder sb = new StringBuilder("qid,rank,item,grp\n");
        for (int i = 1; i <= 12; i++) {
            sb.append("q,").append(i).append(",i").append(i).append(",g").append(i < 10 ? "0" : "").append(i).append('\n');
        }
        Result r = RankAuditCommandTest.run(args(csv("twelve.csv", sb.toString())));
        assertEquals(0, r.code(), r.err());
        Map<String, Map<String, Double>> series = series(r.out());
        assertEquals(List.of("g12", "g11", "g10", "g09", "g08", "g07", "g06", "g05", "g04", "3 other groups"),
                List.copyOf(series.keySet()));
        Map<String, Double> other = series.get("3 other groups");
        for (int i = 1; i <= 12; i++) {
            double w = Math.log(2) / Math.log(i + 1);
            assertEquals(i <= 3 ? w : 0, other.get(Integer.toString(i)), 1e-15, "other at " + i);
        }
        assertTrue(r.out().contains("data-group=\"3 other groups\" fill=\"#bab0ac\""), "grey");
    }

    @Test
    void longListsAreDrawnAsRunsOfPositions() throws Exception {
        // 120 positions: 40 bars of 3 positions, each the mean of its positions' weights; a holds the odd
        // ranks, b the even ones
        StringBuilder sb = new StringBuilder("qid,rank,item,grp\n");
        for (int i = 1; i <= 120; i++) {
            sb.append("q,").append(i).append(",i").append(i).append(',').append(i % 2 == 1 ? "a" : "b").append('\n');
        }
        Result r = RankAuditCommandTest.run(args(csv("long.csv", sb.toString())));
        assertEquals(0, r.code(), r.err());
        Map<String, Map<String, Double>> series = series(r.out());
        assertEquals(40, series.get("a").size());
        double w1 = 1;
        double w2 = L3;
        double w3 = 0.5;
        assertEquals((w1 + w3) / 3, series.get("a").get("1\u20133"), 1e-15);
        assertEquals(w2 / 3, series.get("b").get("1\u20133"), 1e-15);
        // the last run: b at 118 and 120, a at 119; w(i) = 1 / log2(i + 1)
        assertEquals((Math.log(2) / Math.log(119) + Math.log(2) / Math.log(121)) / 3, series.get("b").get("118\u2013120"), 1e-15);
        assertEquals(Math.log(2) / Math.log(120) / 3, series.get("a").get("118\u2013120"), 1e-15);
        assertTrue(r.out().contains("<th>positions</th>"), "the values table names runs");
    }

    /** A fixed sample like a marketplace's search results: 60 queries of 20 items from three seller groups. */
    static String sample() {
        SplittableRandom random = new SplittableRandom(20261202);
        String[] groups = {"established", "small_shop", "new_seller"};
        double[] boost = {0.5, 0.25, 0};
        StringBuilder sb = new StringBuilder("qid,rank,item,grp,rel\n");
        for (int q = 1; q <= 60; q++) {
            List<double[]> items = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int item = random.nextInt(300);
                items.add(new double[] {random.nextDouble() + boost[item % 3], item});
            }
            items.sort((x, y) -> Double.compare(y[0], x[0]));
            for (int i = 0; i < 20; i++) {
                int item = (int) items.get(i)[1];
                sb.append('q').append(q).append(',').append(i + 1).append(",i").append(item).append('-').append(i).append(',')
                        .append(groups[item % 3]).append(',').append(random.nextInt(4) / 2).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void chromiumRendersTheChart() throws Exception {
        Path html = dir.resolve("rank.html");
        Result r = RankAuditCommandTest.run(args(csv("sample.csv", sample()), "--relevance", "rel", "--fair-p", "0.33",
                "--fair-alpha", "0.1", "--fair-protected", "new_seller", "--out", html.toString()));
        assertEquals(0, r.code(), r.err());
        Map<String, Map<String, Double>> series = series(Files.readString(html));
        assertEquals(3, series.size());
        Path png = dir.resolve("shot.png");
        DemoCommandTest.screenshot(html, png, 1200, 1100, dir.resolve("profile"));
        if (System.getProperty("fairway.keepShot") != null) {
            Files.copy(png, Path.of(System.getProperty("fairway.keepShot")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        long[] pixels = new long[3];
        int[] colours = {0x4c78a8, 0xf58518, 0x54a24b};
        long nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                nonWhite += rgb == 0xFFFFFF ? 0 : 1;
                for (int c = 0; c < 3; c++) {
                    pixels[c] += near(rgb, colours[c]) ? 1 : 0;
                }
            }
        }
        long all = (long) image.getWidth() * image.getHeight();
        assertTrue(nonWhite > all / 20, "only " + nonWhite + " of " + all + " pixels are not white");
        // each group's segments: the chart is 680 x 240 px for 20 bars, 80 % of each 34 px slot wide; the
        // sum of a group's segment heights is 240 px x (its total weight / the top of the axis)
        for (int c = 0; c < 3; c++) {
            String name = List.copyOf(series.keySet()).get(c);
            double total = series.get(name).values().stream().mapToDouble(Double::doubleValue).sum();
            long expected = Math.round(0.8 * 34 * 240 * total);
            assertTrue(pixels[c] > expected / 2, name + ": " + pixels[c] + " pixels, expected about " + expected);
        }
    }

    private static boolean near(int rgb, int target) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((rgb >> shift) & 0xFF) - ((target >> shift) & 0xFF)));
        }
        return d <= 12;
    }
}
