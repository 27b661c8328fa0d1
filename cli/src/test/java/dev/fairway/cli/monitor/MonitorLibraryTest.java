package dev.fairway.cli.monitor;

import static dev.fairway.cli.monitor.MonitorCommandTest.JSON;
import static dev.fairway.cli.monitor.MonitorCommandTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.cli.monitor.MonitorCommandTest.Result;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.Decision;
import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.monitor.Evidence;
import dev.fairway.guard.MonitorReplay;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import dev.fairway.guard.monitor.MonitorTimeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code fairway monitor} is a thin command over {@link MonitorReplay}: its output equals, byte for
 * byte, the library's {@link MonitorTimeline} rendering in each format; and {@code fairway demo
 * --monitor} writes the guard's live timeline, whose fields say how to replay the log to the same
 * transitions.
 */
class MonitorLibraryTest {
    static final long T0 = 1_764_633_600_000L; // 2025-12-02T00:00:00Z

    @TempDir
    Path dir;

    /** A log written through DecisionLog: two sexes, hourly decisions, outcomes for two in three, a shift at hour 3. */
    private Path log() throws Exception {
        Path f = dir.resolve("decisions.jsonl");
        GroupIndex groups = GroupIndex.of(List.of("sex"), List.of(List.of("f"), List.of("m")));
        SplittableRandom r = new SplittableRandom(7);
        try (DecisionLog log = DecisionLog.builder(f, groups).category("sex", "sex").open()) {
            for (int i = 0; i < 6_000; i++) {
                int g = r.nextInt(2);
                long t = T0 + 3_000L * i;
                boolean p = r.nextDouble() < (g == 1 && i >= 3_600 ? 0.25 : 0.5);
                log.decision(Decision.of(i, t, g, p, Double.NaN, "m-1", DecisionLog.Route.PRIMARY, "default", Set.of(), "plan"));
                if (i % 3 != 0) {
                    log.outcome(i, t + 1, r.nextBoolean());
                }
            }
        }
        return f;
    }

    @Test
    void theCommandPrintsTheLibrarysTimelineByteForByte() throws Exception {
        Path f = log();
        MonitorTimeline t = MonitorReplay.builder().windowing(Windowing.sliding(Duration.ofHours(1),
                Duration.ofMinutes(30), Duration.ZERO)).checkEvery(3)
                .rule(MonitorRule.of("demographic_parity_difference > 0.05", MonitorState.WARN).withClearAt(0.02))
                .rule(MonitorRule.of("selection_rate_ratio@to_reference < 0.8", MonitorState.FALLBACK)
                        .withReference(Map.of("sex", "0")))
                .build().replay(f);
        assertTrue(!t.transitions().isEmpty() && t.outcomes() == 4_000, t.toText());
        String[] args = {"monitor", "--log", f.toString(), "--rule", "demographic_parity_difference > 0.05",
            "--fallback-rule", "selection_rate_ratio@to_reference < 0.8", "--reference", "sex=0", "--clear-at",
            "demographic_parity_difference > 0.05=0.02", "--window", "1h", "--slide", "30m", "--check-every", "3",
            "--report-date", "2026-12-02"};
        assertOutput(t.toJson(), args, "json");
        assertOutput(t.toText(), args, "text");
        assertOutput(t.toHtml(dev.fairway.cli.Fairway.version(), LocalDate.parse("2026-12-02")), args, "html");
        Path out = dir.resolve("t.html");
        String[] toFile = concat(args, "--format", "html", "--out", out.toString());
        assertEquals(0, run(toFile).code());
        assertEquals(t.toHtml(dev.fairway.cli.Fairway.version(), LocalDate.parse("2026-12-02")), Files.readString(out));
        // the CLI's default evidence is the library's
        assertEquals(Evidence.SEQUENTIAL, t.evidence());
        assertEquals("sequential", JSON.readTree(run(args).out()).get("evidence").asString());
        MonitorTimeline interval = MonitorReplay.builder().evidence(Evidence.INTERVAL).windowing(Windowing.tumblingCount(500))
                .rule(MonitorRule.of("demographic_parity_difference > 0.05", MonitorState.WARN)).build().replay(f);
        assertOutput(interval.toJson(), new String[] {"monitor", "--log", f.toString(), "--rule",
            "demographic_parity_difference > 0.05", "--window", "500", "--evidence", "interval"}, "json");
    }

    private static void assertOutput(String expected, String[] args, String format) throws Exception {
        Result r = run(concat(args, "--format", format));
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, r.out(), format);
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    /**
     * The demo's live timeline against its replay: the timeline's own {@code rules}, {@code window},
     * {@code evidence}, {@code alpha} and {@code check_every} fields, turned into {@code fairway
     * monitor} options here, replay its decision log to the same transitions.
     */
    @Test
    void theDemosLiveTimelineAndItsReplayAgree() throws Exception {
        Path log = dir.resolve("demo.jsonl");
        Path timeline = dir.resolve("demo-timeline.json");
        Result demo = run("demo", "--monitor", "--log-out", log.toString(), "--timeline-out", timeline.toString());
        assertEquals(0, demo.code(), demo.err());
        assertTrue(demo.out().contains("OK -> WARN") && demo.out().contains("final state: FALLBACK"), demo.out());
        JsonNode live = JSON.readTree(Files.readString(timeline));
        assertEquals("fairway-monitor/v1", live.get("schema").asString());
        assertEquals("live", live.get("origin").asString());
        assertEquals(log.toString(), live.get("log").asString());
        List<String> args = new ArrayList<>(List.of("monitor", "--log", log.toString()));
        for (JsonNode rule : live.get("rules")) {
            String action = rule.get("action").asString();
            args.add(action.equals("warn") ? "--rule" : action.equals("fallback") ? "--fallback-rule" : "--pause-rule");
            args.add(rule.get("rule").asString());
        }
        assertEquals("count", live.get("window").get("kind").asString());
        args.addAll(List.of("--window", live.get("window").get("size").asString(), "--evidence",
                live.get("evidence").asString(), "--alpha", live.get("alpha").asString(), "--check-every",
                live.get("check_every").asString()));
        Result replayed = run(args.toArray(String[]::new));
        assertEquals(0, replayed.code(), replayed.err());
        JsonNode replay = JSON.readTree(replayed.out());
        JsonNode a = live.get("transitions");
        JsonNode b = replay.get("transitions");
        assertTrue(a.size() >= 2, a.toString());
        assertEquals(a.size(), b.size(), a + " vs " + b);
        for (int i = 0; i < a.size(); i++) {
            for (String field : List.of("decision_index", "event_index", "rule", "from", "to", "time", "value")) {
                assertEquals(a.get(i).get(field), b.get(i).get(field), "transition " + i + " " + field);
            }
        }
        assertEquals(live.get("final_state"), replay.get("final_state"));
        assertEquals(live.get("windows").size(), replay.get("windows").size());
        assertEquals(MonitorDemo.DECISIONS, live.get("decisions").asLong());
        // the printed replay is the same replay, in text
        assertTrue(demo.out().contains("decision " + a.get(0).get("decision_index").asLong() + " (event "), demo.out());
        assertEquals("warn", a.get(0).get("to").asString().toLowerCase(Locale.ROOT));
    }
}
