package dev.fairway.guard;

import dev.fairway.consent.log.TestFrames;
import dev.fairway.consent.log.FsyncPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.GroupIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The decision log's lines, read back with Jackson; times against java.time. */
class DecisionLogTest {
    static final GroupIndex GROUPS = GroupIndex.of(List.of("race", "sex"),
            List.of(List.of("w", "m"), List.of("b", "f"), List.of("w", "f")));
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesHeaderDecisionsAndOutcomes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        int wf = GROUPS.find(java.util.Map.of("race", "w", "sex", "f"));
        String[] withheld = {"zip", "age \"band\""};
        try (DecisionLog log = DecisionLog.builder(file, GROUPS).category("race", "racial_or_ethnic_origin")
                .fsync(FsyncPolicy.GROUP_COMMIT).open()) {
            assertTrue(log.decision(17, 1_764_639_000_123L, wf, true, 0.82, "credit-v3", DecisionLog.Route.PRIMARY,
                    "personalised", withheld, "9f2c"));
            assertTrue(log.decision(18, 0, wf, false, Double.NaN, "modèle-€-𝄞", DecisionLog.Route.PAUSED, "anonymous",
                    new String[0], "9f2c"));
            assertTrue(log.outcome(17, 1_764_700_000_000L, false));
            log.flush();
            assertEquals(4, Files.readAllLines(file).size());
        }
        List<String> lines = new java.util.ArrayList<>();
        List<String> framedLines = Files.readAllLines(file);
        for (int i = 0; i < framedLines.size(); i++) {
            lines.add(TestFrames.body(framedLines.get(i), i + 1));
        }
        JsonNode header = JSON.readTree(lines.get(0));
        assertEquals(DecisionLog.SCHEMA, header.get("schema").asString());
        assertEquals("racial_or_ethnic_origin", header.get("group_columns").get(0).get("category").asString());
        assertEquals("unspecified", header.get("group_columns").get(1).get("category").asString());
        JsonNode d = JSON.readTree(lines.get(1));
        assertEquals(17, d.get("id").asLong());
        assertEquals(Instant.ofEpochMilli(1_764_639_000_123L).toString(), d.get("time").asString());
        // levels sorted: race b=0 w=1; sex f=0 m=1
        assertEquals(1, d.get("group").get("race").asInt());
        assertEquals(0, d.get("group").get("sex").asInt());
        assertEquals(1, d.get("prediction").asInt());
        assertEquals(0.82, d.get("score").asDouble());
        assertEquals("credit-v3", d.get("model").asString());
        assertEquals("primary", d.get("route").asString());
        assertEquals("age \"band\"", d.get("withheld").get(1).asString());
        assertEquals("9f2c", d.get("plan").asString());
        JsonNode paused = JSON.readTree(lines.get(2));
        assertFalse(paused.has("score"));
        assertEquals("1970-01-01T00:00:00.000Z", paused.get("time").asString());
        assertEquals("paused", paused.get("route").asString());
        assertEquals("modèle-€-𝄞", paused.get("model").asString()); // 2-, 3- and 4-byte UTF-8
        JsonNode o = JSON.readTree(lines.get(3));
        assertEquals(3, o.size());
        assertEquals(0, o.get("label").asInt());
    }

    @Test
    void isoTimesMatchJavaTime() {
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            long ms = r.nextLong(-30_000_000_000_000L, 250_000_000_000_000L);
            sb.setLength(0);
            Iso.append(sb, ms);
            String expected = java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(Instant.ofEpochMilli(ms));
            assertEquals(expected, sb.toString(), "ms " + ms);
        }
    }

    @Test
    void dropPolicyCountsWhatItDropsAndBlockLosesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("drop.jsonl");
        long accepted = 0;
        DecisionLog log = DecisionLog.builder(file, GROUPS).capacity(4).overflow(DecisionLog.Overflow.DROP).open();
        for (int i = 0; i < 20_000; i++) {
            accepted += log.decision(i, i, 0, true, Double.NaN, "m", DecisionLog.Route.PRIMARY, "x", null, "p") ? 1 : 0;
        }
        log.close();
        assertEquals(20_000, accepted + log.dropped());
        assertEquals(accepted + 1, Files.readAllLines(file).size());
        assertThrows(IllegalStateException.class, () -> log.outcome(1, 1, true));

        Path blocking = dir.resolve("block.jsonl");
        try (DecisionLog b = DecisionLog.builder(blocking, GROUPS).capacity(2).open()) {
            Thread[] ts = new Thread[4];
            for (int t = 0; t < ts.length; t++) {
                int tt = t;
                ts[t] = new Thread(() -> {
                    for (int i = 0; i < 2_500; i++) {
                        b.outcome(tt * 10_000L + i, i, i % 2 == 0);
                    }
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            b.flush();
            assertEquals(0, b.dropped());
        }
        assertEquals(10_001, Files.readAllLines(blocking).size());
    }
}
