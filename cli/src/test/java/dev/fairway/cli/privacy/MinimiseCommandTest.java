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

/** {@code fairway minimise} on a hand-computed linear model. */
class MinimiseCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void handComputed() throws IOException {
        // 2a + 0.01b over rows where a and b are 0 or 2 (means 1): mean |phi| 2 and 0.01 (hand count)
        Path model = dir.resolve("m.json");
        Files.writeString(model, "{\"type\": \"linear\", \"intercept\": 1, \"coefficients\": {\"a\": 2, \"b\": 0.01}}");
        Path bg = dir.resolve("bg.csv");
        Files.writeString(bg, "a,b,other\n0,0,x\n2,2,y\n0,2,z\n2,0,w\n");
        Path catalog = dir.resolve("c.json");
        Files.writeString(catalog, "{\"features\": [{\"name\": \"a\", \"index\": 0, \"purposes\": [\"profile_selection\"],"
                + " \"categories\": [\"behaviour\"], \"on_denial\": {\"action\": \"drop\"}},"
                + " {\"name\": \"zip\", \"index\": 1, \"purposes\": [\"profile_selection\"], \"on_denial\": {\"action\": \"drop\"}}]}");
        Cli.Result r = Cli.run("minimise", "--model", model.toString(), "--background", bg.toString(), "--catalog",
                catalog.toString(), "--share", "0.01");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("fairway-minimisation/v1", json.get("schema").asString());
        JsonNode a = json.get("features").get(0);
        assertEquals("a", a.get("feature").asString());
        assertEquals(2.0, a.get("mean_abs_attribution").asDouble(), 1e-12);
        assertEquals("behaviour", a.get("data_categories").get(0).asString());
        JsonNode b = json.get("features").get(1);
        assertEquals(0.01 / 2.01, b.get("share").asDouble(), 1e-12);
        assertFalse(b.get("in_catalogue").asBoolean());
        assertEquals("b", json.get("drop_candidates").get(0).asString());
        assertEquals("zip", json.get("unused_catalogue_features").get(0).asString());

        Path out = dir.resolve("o.json");
        Cli.Result bad = Cli.run("minimise", "--model", model.toString(), "--background", bg.toString(), "--catalog",
                catalog.toString(), "--share", "3", "--out", out.toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertFalse(Files.exists(out));
        Files.writeString(bg, "a,b\n0,0\n2,x\n");
        Cli.Result nan = Cli.run("minimise", "--model", model.toString(), "--background", bg.toString(), "--catalog",
                catalog.toString());
        assertEquals(2, nan.code());
        assertTrue(nan.err().contains("'b'"), nan.err());
    }
}
