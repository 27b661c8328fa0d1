package dev.fairway.cli;

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

/** {@code fairway estimate}: closed-form counts, calibration on a reference, one-line errors. */
class EstimateCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void closedFormCountsWithAThreshold() throws IOException {
        // group a: p 0.9, 0.6 (>= 0.5: decided 1), 0.2: TP 1.5, FN 0.2, FP 0.5, TN 0.8; group b: p 0.4 decided 0
        Path p = dir.resolve("d.csv");
        Files.writeString(p, "g,p\na,0.9\na,0.6\na,0.2\nb,0.4\n");
        StatsCommandsTest.Result r = StatsCommandsTest.run("estimate", "--data", p.toString(), "--score", "p",
                "--threshold", "0.5", "--group", "g");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        JsonNode a = j.get("groups").get(0);
        assertEquals("a", a.get("group").get("g").asString());
        assertEquals(3, a.get("count").asInt());
        assertEquals(1.5 / 1.7, a.get("estimated").get("true_positive_rate").get("value").asDouble(), 1e-15);
        assertEquals(0.5 / 1.3, a.get("estimated").get("false_positive_rate").get("value").asDouble(), 1e-15);
        assertEquals(1.5 / 1.7, j.get("estimated").get("equal_opportunity_difference").asDouble(), 1e-15);
        assertEquals("none", j.get("calibration").get("method").asString());
    }

    @Test
    void calibratesOnAReferenceAndWarns() throws IOException {
        // reference scores 1..4 with labels 1, 0, 1, 1: isotonic 0.5, 0.5, 1, 1; scores are not probabilities
        Path ref = dir.resolve("r.csv");
        Files.writeString(ref, "s,y\n1,1\n2,0\n3,1\n4,1\n");
        Path p = dir.resolve("d.csv");
        Files.writeString(p, "g,s,d\na,2.5,1\na,1,0\n");
        StatsCommandsTest.Result r = StatsCommandsTest.run("estimate", "--data", p.toString(), "--score", "s",
                "--prediction", "d", "--group", "g", "--reference", ref.toString(), "--label", "y", "--format", "text");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("not probabilities") && r.out().contains("isotonic"), r.out());
        // calibrated p 0.75 (decided 1) and 0.5 (decided 0): TPR 0.75 / 1.25 = 0.6
        assertTrue(r.out().contains("0.6000 ["), r.out());
    }

    @Test
    void badInput() throws IOException {
        Path p = dir.resolve("d.csv");
        Files.writeString(p, "g,p\na,0.9\na,1.7\n");
        Path out = dir.resolve("o.json");
        StatsCommandsTest.Result r = StatsCommandsTest.run("estimate", "--data", p.toString(), "--score", "p",
                "--threshold", "0.5", "--group", "g", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("fairway: ") && r.err().contains("line 3") && r.err().contains("'p'"), r.err());
        assertFalse(Files.exists(out));
        r = StatsCommandsTest.run("estimate", "--data", p.toString(), "--score", "p", "--threshold", "0.5",
                "--group", "g", "--label", "y");
        assertEquals(2, r.code());
    }
}
