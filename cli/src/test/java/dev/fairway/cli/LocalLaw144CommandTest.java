package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fairway ll144} against the numpy oracle in {@code audit/ll144/} (see its README): every
 * row of the three tables, both tool kinds, and one-line errors.
 */
class LocalLaw144CommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fairway.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    private Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/audit/ll144/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = LocalLaw144CommandTest.class.getResourceAsStream("/audit/ll144/" + name)) {
            return JSON.readTree(in);
        }
    }

    private static void assertSameTables(JsonNode expected, JsonNode actual) {
        assertEquals(expected.get("kind").asString(), actual.get("kind").asString());
        assertEquals(expected.get("applicants").asLong(), actual.get("applicants").asLong());
        for (String t : new String[] {"sex", "race_ethnicity", "intersectional"}) {
            assertEquals(expected.get("unknown").get(t).asLong(), actual.get("unknown").get(t).asLong(), t);
            Map<String, JsonNode> byCategory = new HashMap<>();
            for (JsonNode row : actual.get("tables").get(t)) {
                byCategory.put(row.get("category").toString(), row);
            }
            assertEquals(expected.get("tables").get(t).size(), byCategory.size(), t);
            for (JsonNode e : expected.get("tables").get(t)) {
                JsonNode a = byCategory.get(JSON.readTree(e.get("category").toString()).toString());
                String where = t + " " + e.get("category");
                if (a == null) {
                    // the oracle sorts object keys; Fairway writes sex first, race_ethnicity second
                    a = byCategory.get("{\"sex\":" + e.get("category").get("sex") + ",\"race_ethnicity\":"
                            + e.get("category").get("race_ethnicity") + "}");
                }
                assertTrue(a != null, where);
                assertEquals(e.get("applicants").asLong(), a.get("applicants").asLong(), where);
                assertEquals(e.get("selected").asLong(), a.get("selected").asLong(), where);
                assertEquals(e.get("rate").asDouble(), a.get("rate").asDouble(), 1e-12, where);
                assertEquals(e.get("excluded").asBoolean(), a.get("excluded").asBoolean(), where);
                if (e.get("impact_ratio").isNull()) {
                    assertTrue(a.get("impact_ratio").isNull(), where);
                } else {
                    assertEquals(e.get("impact_ratio").asDouble(), a.get("impact_ratio").asDouble(), 1e-12, where);
                }
            }
        }
    }

    @Test
    void selectionMatchesTheOracle() throws IOException {
        Result r = run("ll144", "--data", resource("ll144_compas.csv").toString(), "--sex-column", "sex",
                "--race-column", "race", "--selected", "y_pred", "--unknown", "Other", "--min-share", "0.02");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("fairway-ll144/v1", j.get("schema").asString());
        assertSameTables(golden("golden_selection.json"), j);
    }

    @Test
    void scoringMatchesTheOracle() throws IOException {
        Result r = run("ll144", "--data", resource("ll144_compas.csv").toString(), "--sex-column", "sex",
                "--race-column", "race", "--score", "decile_score", "--unknown", "Other", "--min-share", "0.02");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(golden("golden_scoring.json").get("median").asDouble(), j.get("median").asDouble());
        assertSameTables(golden("golden_scoring.json"), j);
    }

    @Test
    void csvAndHtmlGoToOut() throws IOException {
        Path data = resource("ll144_compas.csv");
        Path csv = dir.resolve("t.csv");
        Result r = run("ll144", "--data", data.toString(), "--sex-column", "sex", "--race-column", "race",
                "--selected", "y_pred", "--format", "csv", "--out", csv.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(csv).startsWith("table,sex,race_ethnicity,applicants,selected,rate,impact_ratio,status\n"));
        Path html = dir.resolve("t.html");
        r = run("ll144", "--data", data.toString(), "--sex-column", "sex", "--race-column", "race",
                "--score", "decile_score", "--format", "html", "--report-date", "2026-03-04", "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("2026-03-04") && page.contains("ll144_compas.csv") && page.contains("Scoring rate"));
    }

    @Test
    void badInputIsOneLineNamingFileLineAndColumn() throws IOException {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, "sex,race,score\nF,A,1\nM,B,high\n");
        Path out = dir.resolve("never.json");
        Result r = run("ll144", "--data", p.toString(), "--sex-column", "sex", "--race-column", "race",
                "--score", "score", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("fairway: ") && r.err().contains("line 3") && r.err().contains("'score'"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertFalse(Files.exists(out));
        r = run("ll144", "--data", p.toString(), "--sex-column", "sex", "--race-column", "race",
                "--score", "score", "--selected", "score");
        assertEquals(2, r.code());
        r = run("ll144", "--data", p.toString(), "--sex-column", "gender", "--race-column", "race", "--score", "score");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("'gender'"), r.err());
    }
}
