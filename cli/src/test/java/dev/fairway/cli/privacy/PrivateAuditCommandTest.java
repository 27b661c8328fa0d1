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

/** {@code fairway audit --dp-epsilon ...} and {@code --suppress-below}. */
class PrivateAuditCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    /** Groups x and y with 400 people each (100 per cell), and z with 4 people. */
    private Path data() throws IOException {
        StringBuilder sb = new StringBuilder("g,y,p,w\n");
        for (String g : new String[] {"x", "y"}) {
            for (int i = 0; i < 400; i++) {
                sb.append(g).append(',').append(i % 2).append(',').append((i / 2) % 2).append(",1\n");
            }
        }
        sb.append("z,1,1,1\nz,0,0,1\nz,1,0,1\nz,0,1,1\n");
        Path p = dir.resolve("d.csv");
        Files.writeString(p, sb);
        return p;
    }

    private String[] audit(String... extra) throws IOException {
        String[] base = {"audit", "--data", data().toString(), "--label", "y", "--prediction", "p", "--group", "g"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void laplaceReleaseCarriesThePrivacyObjectAndSuppressesSmallGroups() throws IOException {
        Cli.Result r = Cli.run(audit("--dp-epsilon", "1", "--seed", "7"));
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("fairway-audit/v1", json.get("schema").asString());
        JsonNode p = json.get("privacy");
        assertEquals("laplace", p.get("mechanism").asString());
        assertEquals(1.0, p.get("epsilon").asDouble());
        assertEquals(1.0, p.get("spent").get(0).get("epsilon").asDouble());
        assertTrue(p.get("seeded").asBoolean());
        assertEquals(2, json.get("groups").size());
        assertEquals("z", json.get("suppression").get("suppressed_groups").get(0).get("g").asString());
        // 800 people with noise of variance ~1.8 on each of 8 cells: far within 60 of 800
        assertEquals(800, json.get("rows").asLong(), 60);
        Cli.Result again = Cli.run(audit("--dp-epsilon", "1", "--seed", "7"));
        assertEquals(r.out(), again.out());
    }

    @Test
    void gaussianAndText() throws IOException {
        Cli.Result r = Cli.run(audit("--dp-epsilon", "1", "--dp-delta", "1e-6", "--dp-mechanism", "gaussian",
                "--seed", "3", "--format", "text"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Differential privacy: gaussian noise"), r.out());
        assertTrue(r.out().contains("SEEDED"), r.out());
    }

    @Test
    void suppressionWithoutNoiseOnAPlainAudit() throws IOException {
        Cli.Result r = Cli.run(audit("--suppress-below", "5", "--weight", "w"));
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals(800, json.get("rows").asLong());
        assertFalse(json.has("privacy"));
        assertEquals(5, json.get("suppression").get("k").asInt());
    }

    @Test
    void weightedReleaseUnderAWeightBound() throws IOException {
        Cli.Result r = Cli.run(audit("--dp-epsilon", "1", "--weight", "w", "--dp-weight-bound", "2", "--seed", "5"));
        assertEquals(0, r.code(), r.err());
        JsonNode p = JSON.readTree(r.out()).get("privacy");
        assertEquals(2.0, p.get("weights").get("weight_bound").asDouble());
        assertEquals(2.0 / 1024, p.get("weights").get("resolution").asDouble());
        assertEquals(0.5, p.get("spent").get(0).get("epsilon").asDouble());
        assertEquals(0.5, p.get("spent").get(1).get("epsilon").asDouble());
    }

    @Test
    void aWeightAboveTheBoundNamesItsRow() throws IOException {
        Path out = dir.resolve("o.json");
        // every weight in data() is 1: a bound of 0.5 is exceeded first by data row 0
        Cli.Result r = Cli.run(audit("--dp-epsilon", "1", "--weight", "w", "--dp-weight-bound", "0.5",
                "--out", out.toString()));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("'w' row 0 has weight 1.0"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void inconsistentOptionsAreOneLineAndWriteNothing() throws IOException {
        Path out = dir.resolve("o.json");
        String[][] cases = {
            {"--dp-epsilon", "1", "--dp-delta", "1e-6", "--out", out.toString()},
            {"--dp-epsilon", "1", "--dp-mechanism", "gaussian", "--out", out.toString()},
            {"--seed", "1", "--out", out.toString()},
            {"--dp-epsilon", "1", "--weight", "w", "--out", out.toString()},
            {"--dp-epsilon", "1", "--weight", "w", "--dp-weight-bound", "0.5", "--out", out.toString()},
            {"--dp-epsilon", "1", "--dp-weight-bound", "2", "--out", out.toString()},
            {"--dp-weight-bound", "2", "--weight", "w", "--out", out.toString()},
            {"--dp-epsilon", "-1", "--out", out.toString()},
            {"--dp-epsilon", "1", "--suppress-below", "1000", "--out", out.toString()},
        };
        for (String[] c : cases) {
            Cli.Result r = Cli.run(audit(c));
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(out));
        }
    }
}
