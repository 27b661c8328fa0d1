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

/** {@code fairway proxies}: JSON shape, ranking, consent flag, exit codes, nothing written on bad input. */
class ProxiesCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** zip copies race exactly (V = 1); colour is independent of race (2 x 2 table of 2s: V = 0). */
    private Path data() throws IOException {
        Path p = dir.resolve("d.csv");
        Files.writeString(p, "race,zip,colour\n"
                + "a,z1,red\na,z1,blue\na,z1,red\na,z1,blue\n"
                + "b,z2,red\nb,z2,blue\nb,z2,red\nb,z2,blue\n");
        return p;
    }

    @Test
    void ranksTheCopyFirstAndFlagsIt() throws IOException {
        Cli.Result r = Cli.run("proxies", "--data", data().toString(), "--sensitive", "race");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("fairway-proxies/v1", json.get("schema").asString());
        JsonNode first = json.get("proxies").get(0);
        assertEquals("zip", first.get("feature").asString());
        assertEquals("categorical", first.get("kind").asString());
        assertEquals(8, first.get("n").asLong());
        assertEquals(1.0, first.get("cramers_v").asDouble(), 1e-15);
        assertEquals(Math.log(2), first.get("mutual_information").asDouble(), 1e-15);
        assertTrue(first.get("proxy").asBoolean());
        JsonNode second = json.get("proxies").get(1);
        assertEquals("colour", second.get("feature").asString());
        assertEquals(0.0, second.get("cramers_v").asDouble(), 1e-15);
        assertFalse(second.get("proxy").asBoolean());
    }

    @Test
    void catalogueFlagsAVisibleProxyOfAWithheldAttribute() throws IOException {
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, "{\"features\": [{\"name\": \"zip\", \"index\": 0, \"purposes\": [\"profile_selection\"],"
                + " \"on_denial\": {\"action\": \"drop\"}}]}");
        Cli.Result r = Cli.run("proxies", "--data", data().toString(), "--sensitive", "race", "--catalog",
                catalog.toString(), "--features", "zip,colour");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertTrue(json.get("consent_checked").asBoolean());
        assertTrue(json.get("proxies").get(0).get("consent_conflict").asBoolean());
        assertFalse(json.get("proxies").get(1).get("consent_conflict").asBoolean());
    }

    @Test
    void textAndOut() throws IOException {
        Path out = dir.resolve("report.txt");
        Cli.Result r = Cli.run("proxies", "--data", data().toString(), "--sensitive", "race", "--format", "text",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(out);
        assertTrue(text.startsWith("Fairway proxies: 2 pairs"), text);
        assertTrue(text.contains("* "), text);
    }

    @Test
    void unknownColumnIsOneLineAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("report.json");
        Cli.Result r = Cli.run("proxies", "--data", data().toString(), "--sensitive", "religion", "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("'religion'"), r.err());
        assertFalse(Files.exists(out));
        Cli.Result dup = Cli.run("proxies", "--data", data().toString(), "--sensitive", "race", "--features", "zip,race");
        assertEquals(2, dup.code());
        assertTrue(dup.err().contains("sensitive column 'race'"), dup.err());
    }

    @Test
    void htmlToOutAndToStandardOutputAreTheSamePage() throws IOException {
        Path out = dir.resolve("report.html");
        Cli.Result r = Cli.run("proxies", "--data", data().toString(), "--sensitive", "race", "--format", "html",
                "--report-date", "2026-12-02", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        String html = Files.readString(out);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<dd>d.csv</dd>"), html);
        assertTrue(html.contains("<dt>Rows</dt><dd>8</dd>"), html);
        assertTrue(html.contains("<dt>Date</dt><dd>2026-12-02</dd>"), html);
        // zip copies race (V 1, a proxy); colour is independent (V 0): two bars, the default threshold 0.1 at 230 + 40
        assertEquals(2, html.split("<rect class=\"bar", -1).length - 1, html);
        assertEquals(1, html.split("<rect class=\"bar proxy\"", -1).length - 1, html);
        assertTrue(html.contains("<line class=\"threshold\" x1=\"270.0\""), html);
        assertFalse(html.contains("<script") || html.contains("http"), html);
        Cli.Result stdout = Cli.run("proxies", "--data", data().toString(), "--sensitive", "race", "--format", "html",
                "--report-date", "2026-12-02");
        assertEquals(0, stdout.code(), stdout.err());
        assertEquals(html, stdout.out());
    }

    @Test
    void badHtmlOptionsAreOneLineAndNothingIsWritten() throws IOException {
        Path out = dir.resolve("report.html");
        String d = data().toString();
        for (String[] args : new String[][] {
            {"--format", "html", "--report-date", "2.12.2026"},
            {"--format", "pdf"},
            {"--format", "json", "--report-date", "2026-12-02"},
            {"--format", "html", "--threshold", "2"},
        }) {
            String[] all = new String[args.length + 7];
            System.arraycopy(new String[] {"proxies", "--data", d, "--sensitive", "race", "--out", out.toString()}, 0, all, 0, 7);
            System.arraycopy(args, 0, all, 7, args.length);
            Cli.Result r = Cli.run(all);
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(r.err().contains("Exception"), r.err());
            assertFalse(Files.exists(out), String.join(" ", args));
        }
    }
}
