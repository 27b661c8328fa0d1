package dev.fairway.cli.monitor;

import static dev.fairway.cli.monitor.MonitorCommandTest.JSON;
import static dev.fairway.cli.monitor.MonitorCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.cli.DemoCommandTest;
import dev.fairway.cli.monitor.MonitorCommandTest.Result;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code fairway monitor --format html}: charts per rule, thresholds, state-change markers, the transitions table. */
class MonitorHtmlTest {
    @TempDir
    Path dir;

    static int count(String s, String part) {
        return s.split(Pattern.quote(part), -1).length - 1;
    }

    /** The guarded demo service (WARN at 0.02, FALLBACK at 0.1) replayed to JSON and to HTML. */
    private String[] demo(Path log, String format, String... more) {
        List<String> args = new ArrayList<>(List.of("monitor", "--log", log.toString(), "--rule", MonitorDemo.WARN_RULE,
                "--fallback-rule", MonitorDemo.FALLBACK_RULE, "--window", Integer.toString(MonitorDemo.WINDOW),
                "--sequential", "--format", format));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void oneChartPerRuleAndOneMarkerPerTransition() throws Exception {
        Path log = dir.resolve("guarded.jsonl");
        MonitorDemo.Result demo = MonitorDemo.run(log);
        Result json = run(demo(log, "json"));
        assertEquals(0, json.code(), json.err());
        JsonNode t = JSON.readTree(json.out()).get("transitions");
        // the simulated service's own alerts, less its final resume(), which a replay cannot see
        assertEquals(demo.alerts().size() - 1, t.size());
        assertTrue(t.size() >= 2, t.toString());
        Result html = run(demo(log, "html", "--report-date", "2026-12-02"));
        assertEquals(0, html.code(), html.err());
        String h = html.out();
        assertTrue(h.startsWith("<!DOCTYPE html>"), h);
        assertEquals(2, count(h, "<section class=\"chart\""), "one chart per rule");
        assertEquals(2, count(h, "<svg"));
        assertEquals(2, count(h, "class=\"trip\""), "one trip threshold per rule");
        assertEquals(0, count(h, "class=\"clear\""), "no hysteresis given");
        assertEquals(t.size(), count(h, "<g class=\"marker\">"), "one marker per transition");
        // each marker is labelled with its new state, in order, on its rule's chart
        Matcher m = Pattern.compile("<g class=\"marker\">.*?font-weight=\"700\">([A-Z]+)</text>").matcher(h);
        for (int i = 0; i < t.size(); i++) {
            assertTrue(m.find(), "marker " + i);
            assertEquals(t.get(i).get("to").asString().toUpperCase(java.util.Locale.ROOT), m.group(1));
        }
        // transitions table: one row per transition, with its event index
        String table = h.substring(h.indexOf("<h2>Transitions</h2>"));
        assertEquals(t.size(), count(table, "<tr><td class=\"t\">"));
        for (JsonNode x : t) {
            assertTrue(table.contains("<td class=\"n\">" + x.get("decision_index").asLong() + "</td><td class=\"n\">"
                    + x.get("event_index").asLong() + "</td>"), x.toString());
            assertTrue(table.contains(x.get("time").asString()), x.toString());
        }
        // five closed windows, one point each per chart, and the open last window (50,000..60,000) hollow
        assertEquals(2 * 5, count(h, "<circle class=\"window\""));
        assertEquals(2, count(h, "<circle class=\"open\""));
        assertEquals(2 * 6, count(h, "<rect class=\"interval\""), "an interval box per window and chart");
        assertTrue(h.contains("<dt>Fairway version</dt>") && h.contains("<dd>2026-12-02</dd>"), h);
        assertTrue(h.contains("<dt>Decision log</dt><dd>guarded.jsonl</dd>"), h);
        assertTrue(h.contains("<dd>" + String.format(java.util.Locale.ROOT, "%,d", MonitorDemo.DECISIONS)), h);
        assertEquals(0, count(h, "<script"));
        assertEquals(0, count(h.toLowerCase(java.util.Locale.ROOT), "http"), "no external resource, no xmlns URL");
        assertEquals(0, count(h, "@import"));
        assertEquals(count(h, "url(#"), count(h, "url("), "only in-page references (the plot's clip path)");
        // rule text escaped: the '>' of the rule appears only as &gt; outside markup
        assertTrue(h.contains("<h3>demographic_parity_difference &gt; 0.02</h3>"), h);
        assertFalse(h.contains("demographic_parity_difference > "), "unescaped rule text");
        // reproducible bytes with a fixed date
        assertEquals(h, run(demo(log, "html", "--report-date", "2026-12-02")).out());
    }

    /**
     * A hand-made log: hour 0 has f selected 9 of 10, m 1 of 10 (difference 0.8), hour 1 is equal
     * (0.0). The scale runs from min(0, values, thresholds) = 0 to 0.8 in steps of 0.2 (0.8 / 4),
     * so on the plot (top 28 px, 200 px high) a value v sits at 28 + 200 (0.8 - v) / 0.8: the trip
     * threshold 0.5 at 103.0, the clear threshold 0.25 at 165.5, 0.8 at 28.0 and 0 at 228.0.
     */
    @Test
    void thresholdsSitAtTheHandComputedHeight() throws Exception {
        Path f = dir.resolve("a<b>&'\".jsonl");
        List<String> lines = new java.util.ArrayList<>(List.of(MonitorCommandTest.header("sex")));
        for (int i = 0; i < 40; i++) {
            int hour = i / 20;
            int g = i % 2; // f = 0, m = 1
            int p = hour == 0 ? (g == 0 ? (i % 20 < 18 ? 1 : 0) : (i % 20 < 2 ? 1 : 0)) : i % 4 < 2 ? 1 : 0;
            lines.add(MonitorCommandTest.decision(i, String.format("2026-01-01T0%d:%02d:00Z", hour, i % 20), "sex", g, p));
        }
        lines.add(MonitorCommandTest.decision(40, "2026-01-01T02:00:00Z", "sex", 0, 0));
        Files.writeString(f, MonitorCommandTest.framed(lines.toArray(new String[0])));
        Path out = dir.resolve("timeline.html");
        Result r = run("monitor", "--log", f.toString(), "--rule", "selection_rate_difference > 0.5", "--clear-at",
                "selection_rate_difference > 0.5=0.25", "--window", "1h", "--format", "html", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        String h = Files.readString(out);
        assertTrue(h.contains("<line class=\"trip\" x1=\"64\" y1=\"103.0\" x2=\"736\" y2=\"103.0\""), h);
        assertTrue(h.contains("<line class=\"clear\" x1=\"64\" y1=\"165.5\" x2=\"736\" y2=\"165.5\""), h);
        assertTrue(h.contains("cy=\"28.0\""), "0.8 at the top: " + h);
        assertTrue(h.contains("cy=\"228.0\""), "0 at the bottom: " + h);
        // y ticks 0, 0.2, 0.4, 0.6, 0.8
        for (String tick : List.of("0", "0.2", "0.4", "0.6", "0.8")) {
            assertTrue(h.contains("fill=\"#59636e\">" + tick + "</text>"), tick);
        }
        // the tripping side (above 0.5) is shaded: from the top 28 down to 103
        assertTrue(h.contains("<rect class=\"band\" x=\"64\" y=\"28.0\" width=\"672\" height=\"75.0\""), h);
        // the file name is data: escaped wherever it appears
        assertTrue(h.contains("a&lt;b&gt;&amp;&#39;&quot;.jsonl"), h);
        assertFalse(h.contains("a<b>"), "unescaped file name");
        assertEquals(0, count(h, "<script"));
        assertEquals(0, count(h, "http"));

        Result scale = run("monitor", "--log", f.toString(), "--rule", "selection_rate_difference > 0.5", "--clear-at",
                "selection_rate_difference > 0.5=0.7", "--window", "1h", "--format", "html");
        assertEquals(2, scale.code(), "a clear threshold on the tripping side is bad input");
        assertEquals(1, scale.err().strip().lines().count(), scale.err());
        Result unknown = run("monitor", "--log", f.toString(), "--rule", "selection_rate_difference > 0.5", "--clear-at",
                "selection_rate_difference > 0.4=0.2", "--window", "1h", "--format", "html");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--clear-at"), unknown.err());
    }

    @Test
    void badInputExitsTwoAndWritesNothing() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(f, MonitorCommandTest.framed(MonitorCommandTest.header("g"),
                MonitorCommandTest.decision(1, "2026-01-01T00:00:00Z", "g", 0, 2),
                MonitorCommandTest.decision(2, "2026-01-01T00:00:01Z", "g", 0, 1)));
        Path out = dir.resolve("out.html");
        Result r = run("monitor", "--log", f.toString(), "--rule", "demographic_parity_difference > 0.1", "--format",
                "html", "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(f + ": line 2 at byte offset") && r.err().contains("'prediction'"), r.err());
        assertFalse(Files.exists(out));
        Result date = run("monitor", "--log", f.toString(), "--rule", "demographic_parity_difference > 0.1", "--format",
                "html", "--report-date", "yesterday", "--out", out.toString());
        assertEquals(2, date.code());
        assertTrue(date.err().contains("--report-date"), date.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void chromiumRendersTheTimeline() throws Exception {
        Path log = dir.resolve("guarded.jsonl");
        MonitorDemo.run(log);
        Path html = dir.resolve("timeline.html");
        Result r = run(demo(log, "html", "--report-date", "2026-12-02", "--out", html.toString()));
        assertEquals(0, r.code(), r.err());
        Path png = dir.resolve("timeline.png");
        DemoCommandTest.screenshot(html, png, 1000, 1400, dir.resolve("profile"));
        String keep = System.getProperty("fairway.keepScreenshot");
        if (keep != null) {
            Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        long blue = 0;
        long red = 0;
        long amber = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blue += near(rgb, 0x4c78a8) ? 1 : 0;
                red += near(rgb, 0xcf222e) ? 1 : 0;
                amber += near(rgb, 0x9a6700) ? 1 : 0;
            }
        }
        // the value lines, the red trip lines and FALLBACK markers, the amber WARN marker
        assertTrue(blue > 1_000, "blue value-line pixels: " + blue);
        assertTrue(red > 1_000, "red threshold pixels: " + red);
        assertTrue(amber > 100, "amber WARN marker pixels: " + amber);
    }

    private static boolean near(int rgb, int target) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((rgb >> shift) & 0xFF) - ((target >> shift) & 0xFF)));
        }
        return d <= 12;
    }
}
