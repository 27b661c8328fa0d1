package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.GroupIndex;
import dev.fairway.guard.DecisionLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fairway incident} on a seeded stream whose counts are known by construction: 2,000
 * decisions, group a on even and b on odd ids; before decision 1,000 both groups are approved with
 * probability 0.5 (seeded), from 1,000 on a always and b never (parity difference 1). The service
 * answers on the primary route until the monitor's trip, on the fallback route for 200 decisions
 * after it, on the rollback route for the next 100 and on the primary route again after that.
 */
class IncidentCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long T0 = 1_767_225_600_000L;
    private static final String RULE = "demographic_parity_difference > 0.3";

    @TempDir
    Path dir;

    private Path write(Path file, long trip) throws Exception {
        GroupIndex groups = GroupIndex.of(List.of("group"), List.of(List.of("a"), List.of("b")));
        SplittableRandom r = new SplittableRandom(27);
        Files.deleteIfExists(file);
        try (DecisionLog log = DecisionLog.builder(file, groups).category("group", "racial_or_ethnic_origin").open()) {
            for (int i = 0; i < 2000; i++) {
                int g = i % 2;
                boolean approve = i < 1000 ? r.nextDouble() < 0.5 : g == 0;
                DecisionLog.Route route = i <= trip ? DecisionLog.Route.PRIMARY : i <= trip + 200
                        ? DecisionLog.Route.FALLBACK : i <= trip + 300 ? DecisionLog.Route.ROLLBACK : DecisionLog.Route.PRIMARY;
                log.decision(dev.fairway.guard.Decision.of(i, T0 + i * 1000L, g, approve, Double.NaN, "m", route,
                        "personalised", java.util.Set.of(), "p"));
            }
        }
        return file;
    }

    @Test
    void handCountsOnASeededStream() throws Exception {
        Path log = write(dir.resolve("d.jsonl"), Long.MAX_VALUE);
        StatsCommandsTest.Result m = StatsCommandsTest.run("monitor", "--log", log.toString(), "--fallback-rule", RULE,
                "--window", "100");
        assertEquals(0, m.code(), m.err());
        long trip = JSON.readTree(m.out()).get("transitions").get(0).get("event_index").asLong();
        // the window [1000, 1100) closes when decision 1100 arrives; the check after it trips
        assertEquals(1100, trip);
        write(log, trip);
        StatsCommandsTest.Result r = StatsCommandsTest.run("incident", "--log", log.toString(), "--fallback-rule", RULE,
                "--window", "100");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals("fairway-incident/v1", j.get("schema").asString());
        assertEquals("ok", j.get("left_ok").get("from").asString());
        assertEquals("fallback", j.get("left_ok").get("to").asString());
        assertEquals(RULE, j.get("left_ok").get("rule").asString());
        assertEquals(trip, j.get("acted").get("event_index").asLong());
        // the first unfair window is [1000, 1100): decisions 1000..trip were made by the unfair model
        assertEquals("1000", j.get("left_ok").get("window").get("start").asString());
        long exposed = trip - 1000 + 1;
        assertEquals(exposed, j.get("exposure").get("decisions").asLong());
        assertEquals((exposed + 1) / 2, j.get("exposure").get("by_group").get("{group=0}").asLong(), "even ids: a");
        assertEquals(exposed / 2, j.get("exposure").get("by_group").get("{group=1}").asLong(), "odd ids: b");
        assertEquals(exposed, j.get("exposure").get("by_route").get("primary").asLong());
        JsonNode changes = j.get("route_changes");
        assertEquals(3, changes.size());
        assertEquals(trip + 1, changes.get(0).get("event_index").asLong());
        assertEquals("fallback", changes.get(0).get("to").asString());
        assertEquals("rollback", changes.get(1).get("to").asString());
        assertEquals(trip + 201, changes.get(1).get("event_index").asLong());
        assertEquals("primary", changes.get(2).get("to").asString());
        // ten windows of 100 end at or before 1000 (before); nine more closed windows overlap the incident (no
        // resume), the last one [1900, 2000) stays open as no decision follows it
        assertEquals(10, j.get("figures").get("before").get(0).get("windows").asLong());
        assertEquals(9, j.get("figures").get("during").get(0).get("windows").asLong());
        assertEquals(1.0, j.get("figures").get("during").get(0).get("max").asDouble(), 1e-12);
        assertTrue(j.get("figures").get("before").get(0).get("max").asDouble() < 0.3);
        assertFalse(r.out().contains("\"id\""), "no decision ids");
        StatsCommandsTest.Result text = StatsCommandsTest.run("incident", "--log", log.toString(), "--fallback-rule",
                RULE, "--window", "100", "--format", "text");
        assertTrue(text.out().contains("Decisions made from the first unfair window until the guard acted: " + exposed),
                text.out());
    }

    @Test
    void badInputIsOneLine() throws Exception {
        Path log = write(dir.resolve("d.jsonl"), Long.MAX_VALUE);
        StatsCommandsTest.Result r = StatsCommandsTest.run("incident", "--log", log.toString(), "--fallback-rule",
                "nonsense >", "--window", "100");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("fairway: ") && r.err().contains("nonsense"), r.err());
        r = StatsCommandsTest.run("incident", "--log", dir.resolve("missing.jsonl").toString(), "--rule", RULE);
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
