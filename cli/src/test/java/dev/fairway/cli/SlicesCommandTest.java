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

/** {@code fairway slices}: hand-counted slices, numeric binning, formats and one-line errors. */
class SlicesCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /**
     * Eight rows; label != prediction on rows 1-3 (a = x, b = p): mean error 3/8. At alpha 1 the
     * slice a=x AND b=p (3 rows, 3 errors) scores 1/(3/8) - 1 = 5/3; a=x and b=p (4 rows, 3 errors)
     * score 0.75/0.375 - 1 = 1. Column n is numeric 1..8, binned in 2 bins at rank 4: "< 5", ">= 5"
     * (errors 3 of 4 in "< 5": score 1, same size as a=x, after it in feature order).
     */
    private Path small() throws IOException {
        Path p = dir.resolve("s.csv");
        Files.writeString(p, "a,b,n,y,pred\nx,p,1,1,0\nx,p,2,0,1\nx,p,3,1,0\nx,q,4,1,1\ny,q,5,0,0\ny,q,6,1,1\n"
                + "y,q,7,0,0\ny,p,8,1,1\n");
        return p;
    }

    @Test
    void handCountedSlicesInJson() throws IOException {
        StatsCommandsTest.Result r = StatsCommandsTest.run("slices", "--data", small().toString(), "--label", "y",
                "--prediction", "pred", "--features", "a,b,n", "--alpha", "1", "--min-support", "1", "--bins", "2",
                "--top", "4");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("fairway-slices/v1", j.get("schema").asString());
        JsonNode s = j.get("slices");
        assertEquals(3, s.get(0).get("size").asInt());
        assertEquals(5.0 / 3, s.get(0).get("score").asDouble(), 1e-15);
        assertEquals(1.0, s.get(0).get("error").asDouble());
        // rank 1: a=x AND b=p, a=x AND n<5 or b=p AND n<5 (all three rows 1-3); the first in feature order wins
        assertEquals("x", s.get(0).get("predicates").get("a").asString());
        assertEquals("p", s.get(0).get("predicates").get("b").asString());
        boolean binned = false;
        for (JsonNode x : s) {
            binned |= x.get("predicates").has("n") && x.get("predicates").get("n").asString().equals("< 5");
        }
        assertTrue(binned, r.out());
    }

    @Test
    void textAndHtml() throws IOException {
        StatsCommandsTest.Result r = StatsCommandsTest.run("slices", "--data", small().toString(), "--label", "y",
                "--prediction", "pred", "--features", "a,b", "--alpha", "1", "--min-support", "1", "--format", "text");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("a = x AND b = p"), r.out());
        Path html = dir.resolve("s.html");
        r = StatsCommandsTest.run("slices", "--data", small().toString(), "--label", "y", "--prediction", "pred",
                "--features", "a,b", "--min-support", "1", "--format", "html", "--out", html.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readString(html).contains("Worst-off slices"));
    }

    @Test
    void badInput() throws IOException {
        Path p = dir.resolve("bad.csv");
        Files.writeString(p, "a,y,pred\nx,1,0\nx,2,1\n");
        Path out = dir.resolve("o.json");
        StatsCommandsTest.Result r = StatsCommandsTest.run("slices", "--data", p.toString(), "--label", "y",
                "--prediction", "pred", "--features", "a", "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("fairway: ") && r.err().contains("line 3") && r.err().contains("'y'"), r.err());
        assertFalse(Files.exists(out));
        r = StatsCommandsTest.run("slices", "--data", small().toString(), "--label", "y", "--prediction", "pred",
                "--features", "a", "--min-support", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--min-support"), r.err());
    }
}
