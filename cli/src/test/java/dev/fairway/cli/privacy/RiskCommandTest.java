package dev.fairway.cli.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code fairway risk} on a hand-counted file. */
class RiskCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /**
     * (10115, 30-39): 3 rows, diagnoses a, a, b -> l 2; (10115, 40-49): 2 rows, a, a -> l 1;
     * (20095, 30-39): 1 row; (20095, empty): 1 row. 4 classes, k 1, 2 unique rows of 7, l 1.
     */
    private Path data() throws IOException {
        Path p = dir.resolve("people.csv");
        Files.writeString(p, "zip,age_band,diagnosis\n10115,30-39,a\n10115,30-39,a\n10115,30-39,b\n"
                + "10115,40-49,a\n10115,40-49,a\n20095,30-39,b\n20095,,a\n");
        return p;
    }

    @Test
    void handCounted() throws IOException {
        Cli.Result r = Cli.run("risk", "--data", data().toString(), "--quasi", "zip,age_band", "--sensitive", "diagnosis");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("fairway-risk/v1", json.get("schema").asString());
        assertEquals(7, json.get("rows").asLong());
        assertEquals(4, json.get("classes").asLong());
        assertEquals(1, json.get("k_anonymity").asInt());
        assertEquals(2, json.get("unique_rows").asLong());
        assertEquals(2.0 / 7, json.get("sample_uniqueness").asDouble(), 1e-15);
        assertEquals(1, json.get("l_diversity").asInt());
        JsonNode first = json.get("smallest_classes").get(0);
        assertEquals(1, first.get("size").asInt());
        assertEquals("20095", first.get("quasi").get("zip").asString());
    }

    @Test
    void textAndErrors() throws IOException {
        Cli.Result t = Cli.run("risk", "--data", data().toString(), "--quasi", "zip", "--format", "text");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("k-anonymity        2"), t.out());
        Path out = dir.resolve("r.json");
        Cli.Result bad = Cli.run("risk", "--data", data().toString(), "--quasi", "zip,postcode", "--out", out.toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("'postcode'"), bad.err());
        assertFalse(Files.exists(out));
        Cli.Result same = Cli.run("risk", "--data", data().toString(), "--quasi", "zip", "--sensitive", "zip");
        assertEquals(2, same.code());
    }

    @Test
    void htmlToOutAndStandardOutputAndBadOptions() throws IOException {
        Path out = dir.resolve("r.html");
        Cli.Result r = Cli.run("risk", "--data", data().toString(), "--quasi", "zip,age_band", "--sensitive", "diagnosis",
                "--format", "html", "--report-date", "2026-12-02", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out);
        assertTrue(html.contains("<dd>people.csv</dd>"), html);
        assertTrue(html.contains("<td>k-anonymity (smallest class)</td><td class=\"n\">1</td>"), html);
        assertTrue(html.contains("<td class=\"n\">0.2857</td>"), html);
        // the five smallest of four classes: all four, the two of one row shaded, the empty age band a dash
        String table = html.substring(html.indexOf("<table class=\"classes\">"));
        assertEquals(1 + 4, table.split("<tr", -1).length - 1, table);
        assertEquals(2, table.split("<tr class=\"flag\">", -1).length - 1, table);
        assertTrue(table.contains("<td>20095</td><td><span class=\"u\">\u2014</span></td>"), table);
        assertFalse(html.contains("<script") || html.contains("http"), html);
        Cli.Result stdout = Cli.run("risk", "--data", data().toString(), "--quasi", "zip,age_band", "--sensitive",
                "diagnosis", "--format", "html", "--report-date", "2026-12-02");
        assertEquals(html, stdout.out());
        Files.delete(out);
        for (String[] args : new String[][] {{"--format", "html", "--report-date", "soon"}, {"--format", "xml"},
            {"--report-date", "2026-12-02"}}) {
            String[] all = new String[args.length + 7];
            System.arraycopy(new String[] {"risk", "--data", data().toString(), "--quasi", "zip", "--out", out.toString()},
                    0, all, 0, 7);
            System.arraycopy(args, 0, all, 7, args.length);
            Cli.Result bad = Cli.run(all);
            assertEquals(2, bad.code(), String.join(" ", args));
            assertEquals(1, bad.err().strip().lines().count(), bad.err());
            assertFalse(Files.exists(out));
        }
    }
}
