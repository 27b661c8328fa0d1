package dev.fairway.cli.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.monitor.Alert;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proof of the serving loop: a seeded simulated service whose model turns unfair at a known
 * decision; the monitor leaves OK only after the change, reaches FALLBACK within the stated delay,
 * stays there until resume(); the decision log replayed through {@code fairway monitor} gives the
 * same transition.
 */
class MonitorCommandTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int CHANGE = 30_000;
    static final long T0 = 1_764_633_600_000L; // 2025-12-02T00:00:00Z

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Method m = Class.forName("dev.fairway.cli.Fairway").getDeclaredMethod("run", PrintWriter.class, PrintWriter.class,
                String[].class);
        m.setAccessible(true);
        int code = (int) m.invoke(null, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** A model: approves with probability 0.5 in both groups, and from CHANGE on only 0.3 in group b. */
    /** Frames JSON bodies as decision log lines, {@code <crc32c> <json>\n}, with the JDK's CRC-32C. */
    static String framed(String... bodies) {
        StringBuilder sb = new StringBuilder();
        for (String b : bodies) {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sb.append(String.format("%08x ", crc.getValue())).append(b).append('\n');
        }
        return sb.toString();
    }

    /** The header of a log over one group column. */
    static String header(String column) {
        return "{\"schema\":\"fairway-decision/v1\",\"group_columns\":[{\"column\":\"" + column
                + "\",\"category\":\"x\"}]}";
    }

    /** A decision body over one group column, as the decision log writes it. */
    static String decision(long id, String time, String column, int code, int prediction) {
        return "{\"id\":" + id + ",\"time\":\"" + time + "\",\"group\":{\"" + column + "\":" + code
                + "},\"prediction\":" + prediction + ",\"model\":\"m\",\"route\":\"primary\",\"mode\":null,"
                + "\"withheld\":[],\"plan\":null}";
    }

    static String outcome(long id, String time, int label) {
        return "{\"id\":" + id + ",\"time\":\"" + time + "\",\"label\":" + label + "}";
    }

    static boolean model(SplittableRandom r, int group, int i) {
        double p = group == 1 && i >= CHANGE ? 0.3 : 0.5;
        return r.nextDouble() < p;
    }

    @Test
    void simulatedServiceAndReplayAgree() throws Exception {
        GroupIndex groups = GroupIndex.of(List.of("group"), List.of(List.of("a"), List.of("b")));
        Path logFile = dir.resolve("decisions.jsonl");
        LiveCounts live = LiveCounts.builder(groups).windowing(Windowing.tumblingCount(10_000)).build();
        List<Alert> alerts = new ArrayList<>();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.05", MonitorState.FALLBACK))
                .listener(alerts::add).build();
        SplittableRandom r = new SplittableRandom(2026);
        int n = 60_000;
        try (DecisionLog log = DecisionLog.builder(logFile, groups).category("group", "racial_or_ethnic_origin").open()) {
            for (int i = 0; i < n; i++) {
                int g = r.nextInt(2);
                boolean approve = model(r, g, i);
                long t = T0 + i * 1_000L;
                log.decision(dev.fairway.guard.Decision.of(i, t, g, approve, Double.NaN, "credit-v1",
                        DecisionLog.Route.PRIMARY, "personalised", java.util.Set.of(), "plan-1"));
                live.record(i, g, approve, t);
                MonitorState s = monitor.check(live, t, i);
                if (i < CHANGE) {
                    assertEquals(MonitorState.OK, s, "before the change, decision " + i);
                }
            }
        }
        assertEquals(MonitorState.FALLBACK, monitor.state(), "still in FALLBACK at the end: only resume() leaves it");
        assertEquals(1, alerts.size());
        Alert trip = alerts.get(0);
        assertTrue(trip.eventIndex() >= CHANGE && trip.eventIndex() < CHANGE + 10_000,
                "detected within 10,000 decisions of a 20-point shift: " + trip.eventIndex());
        monitor.resume(T0 + n * 1_000L, n);
        assertEquals(MonitorState.OK, monitor.state());

        Result res = run("monitor", "--log", logFile.toString(), "--fallback-rule", "demographic_parity_difference > 0.05",
                "--window", "10000", "--sequential");
        assertEquals(0, res.code(), res.err());
        JsonNode json = JSON.readTree(res.out());
        assertEquals("fairway-monitor/v1", json.get("schema").asString());
        assertEquals("fallback", json.get("final_state").asString());
        JsonNode t = json.get("transitions");
        assertEquals(1, t.size());
        assertEquals(trip.eventIndex(), t.get(0).get("decision_index").asLong());
        assertEquals(trip.eventIndex(), t.get(0).get("event_index").asLong(), "no outcomes: the event index is the decision index");
        assertEquals("ok", t.get(0).get("from").asString());
        assertEquals("fallback", t.get(0).get("to").asString());
        assertEquals(trip.rule(), t.get(0).get("rule").asString());
        assertEquals(trip.value(), t.get(0).get("value").asDouble());
        assertEquals(trip.lower(), t.get(0).get("ci").get(0).asDouble());
        assertEquals(trip.upper(), t.get(0).get("ci").get(1).asDouble());
        assertEquals(java.time.Instant.ofEpochMilli(trip.time()).toString(), t.get(0).get("time").asString());
        assertEquals(Long.toString(trip.windowStart()), t.get(0).get("window").get("start").asString());
        assertEquals(5, json.get("windows").size()); // windows 0..4 closed, 5 open
        assertEquals(10_000, json.get("windows").get(0).get("decisions").asLong());
        assertEquals(60_000, json.get("decisions").asLong());

        Result text = run("monitor", "--log", logFile.toString(), "--fallback-rule", "demographic_parity_difference > 0.05",
                "--window", "10000", "--sequential", "--format", "text");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("OK -> FALLBACK"), text.out());
    }

    @Test
    void guardedServiceTurnsUnfairAndItsReplayAgrees() throws Exception {
        Path logFile = dir.resolve("guarded.jsonl");
        MonitorDemo.Result r = MonitorDemo.run(logFile);
        List<Alert> alerts = r.alerts();
        assertTrue(alerts.size() >= 3, alerts.toString());
        assertTrue(alerts.get(0).eventIndex() >= MonitorDemo.CHANGE, "left OK only after the change: " + alerts.get(0));
        Alert fallback = alerts.stream().filter(a -> a.to() == MonitorState.FALLBACK).findFirst().orElseThrow();
        assertTrue(fallback.eventIndex() < MonitorDemo.CHANGE + 10_000, "FALLBACK within 10,000 decisions: " + fallback);
        Alert last = alerts.get(alerts.size() - 1);
        assertEquals("resume()", last.rule());
        assertEquals(MonitorState.FALLBACK, last.from(), "nothing left FALLBACK before resume()");
        assertEquals(fallback, alerts.get(alerts.size() - 2));
        assertEquals(MonitorDemo.DECISIONS - 1 - fallback.eventIndex(), r.routes()[DecisionLog.Route.FALLBACK.ordinal()]);
        Result res = run("monitor", "--log", logFile.toString(), "--rule", MonitorDemo.WARN_RULE, "--fallback-rule",
                MonitorDemo.FALLBACK_RULE, "--window", Integer.toString(MonitorDemo.WINDOW), "--sequential");
        assertEquals(0, res.code(), res.err());
        JsonNode t = JSON.readTree(res.out()).get("transitions");
        assertEquals(alerts.size() - 1, t.size());
        for (int i = 0; i < t.size(); i++) {
            Alert a = alerts.get(i);
            assertEquals(a.eventIndex(), t.get(i).get("decision_index").asLong());
            assertEquals(a.to().name().toLowerCase(java.util.Locale.ROOT), t.get(i).get("to").asString());
            assertEquals(a.rule(), t.get(i).get("rule").asString());
            assertEquals(a.value(), t.get(i).get("value").asDouble());
        }
        Result demo = run("demo", "--monitor", "--log-out", dir.resolve("demo.jsonl").toString());
        assertEquals(0, demo.code(), demo.err());
        assertTrue(demo.out().contains("OK -> WARN") && demo.out().contains("final state: FALLBACK"), demo.out());
    }

    @Test
    void eventTimeWindowsAndLabelsReplay() throws Exception {
        Path f = dir.resolve("time.jsonl");
        List<String> lines = new ArrayList<>(List.of(header("sex")));
        // hour 0: f (code 0) selected 9 of 10, m (code 1) 1 of 10; hour 1: equal
        for (int i = 0; i < 40; i++) {
            int hour = i / 20;
            int g = i % 2;
            int p = hour == 0 ? (g == 0 ? (i % 20 < 18 ? 1 : 0) : (i % 20 < 2 ? 1 : 0)) : i % 4 < 2 ? 1 : 0;
            lines.add(decision(i, String.format("2026-01-01T0%d:%02d:00Z", hour, i % 20), "sex", g, p));
            lines.add(outcome(i, String.format("2026-01-01T0%d:%02d:30Z", hour, i % 20), 1));
        }
        lines.add(decision(0, "2026-01-01T02:00:00Z", "sex", 0, 0));
        lines.add(outcome(999, "2026-01-01T02:00:01Z", 0));
        Files.writeString(f, framed(lines.toArray(new String[0])));
        Result res = run("monitor", "--log", f.toString(), "--rule", "selection_rate_difference > 0.5", "--window", "1h");
        assertEquals(0, res.code(), res.err());
        JsonNode json = JSON.readTree(res.out());
        JsonNode w0 = json.get("windows").get(0);
        assertEquals("2026-01-01T00:00:00Z", w0.get("start").asString());
        assertEquals(20, w0.get("decisions").asLong());
        // hand count: f 9/10 - m 1/10 = 0.8
        assertEquals(0.8, w0.get("rules").get(0).get("value").asDouble(), 1e-12);
        assertEquals(0.0, json.get("windows").get(1).get("rules").get(0).get("value").asDouble(), 1e-12);
        assertEquals(1, json.get("unmatched_labels").asLong());
    }

    @Test
    void badInputIsOneLineAndWritesNothing() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Path out = dir.resolve("out.json");
        Files.writeString(f, framed(header("g"), decision(1, "2026-01-01T00:00:00Z", "g", 0, 1),
                decision(2, "yesterday", "g", 0, 1), decision(3, "2026-01-01T00:00:02Z", "g", 1, 1)));
        Result r = run("monitor", "--log", f.toString(), "--rule", "demographic_parity_difference > 0.1", "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(f + ": line 3 at byte offset") && r.err().contains("'time'"), r.err());
        assertFalse(Files.exists(out));
        Result rule = run("monitor", "--log", f.toString(), "--rule", "demographic_parity_difference >> 0.1");
        assertEquals(2, rule.code());
        assertEquals(1, rule.err().strip().lines().count(), rule.err());
        Path noHeader = dir.resolve("nh.jsonl");
        Files.writeString(noHeader, framed(decision(1, "2026-01-01T00:00:00Z", "g", 0, 1),
                decision(2, "2026-01-01T00:00:01Z", "g", 0, 1)));
        Result h = run("monitor", "--log", noHeader.toString(), "--rule", "demographic_parity_difference > 0.1");
        assertEquals(2, h.code());
        assertEquals(1, h.err().strip().lines().count(), h.err());
        assertTrue(h.err().contains("line 1 at byte offset 0") && h.err().contains("must be the header"), h.err());
        // a log of the old, unframed format: no checksum
        Path bare = dir.resolve("bare.jsonl");
        Files.writeString(bare, header("g") + "\n" + decision(1, "2026-01-01T00:00:00Z", "g", 0, 1) + "\n");
        Result b = run("monitor", "--log", bare.toString(), "--rule", "demographic_parity_difference > 0.1");
        assertEquals(2, b.code());
        assertEquals(1, b.err().strip().lines().count(), b.err());
        assertTrue(b.err().contains(bare + ": line 1 at byte offset 0 is corrupted (no checksum)"), b.err());
        Result none = run("monitor", "--log", f.toString());
        assertEquals(2, none.code());
    }

    @Test
    void exposureRulesAreRefusedBecauseALogHasNoSlates() throws Exception {
        Path out = dir.resolve("t.json");
        Result r = run("monitor", "--log", dir.resolve("never-read.jsonl").toString(), "--rule", "exposure_ratio < 0.8",
                "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("fairway: rule 'exposure_ratio < 0.8': a decision log has no ranked slates"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void writesAtomicallyToOut() throws IOException, Exception {
        Path f = dir.resolve("ok.jsonl");
        Files.writeString(f, framed(header("g"), decision(1, "2026-01-01T00:00:00Z", "g", 0, 1),
                decision(2, "2026-01-01T00:00:01Z", "g", 1, 0)));
        Path out = dir.resolve("timeline.json");
        Result r = run("monitor", "--log", f.toString(), "--rule", "demographic_parity_difference > 0.1", "--window", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        JsonNode json = JSON.readTree(Files.readString(out));
        assertEquals(1, json.get("windows").size());
        assertEquals("group g=1: no rows",
                json.get("windows").get(0).get("rules").get(0).get("undefined_reason").asString());
    }

    @Test
    void aTornTailIsLeftOutAndReportedAndSalvageSkipsDamage() throws Exception {
        Path f = dir.resolve("torn.jsonl");
        String whole = framed(header("g"), decision(1, "2026-01-01T00:00:00Z", "g", 0, 1),
                decision(2, "2026-01-01T00:00:01Z", "g", 1, 0));
        String torn = framed(decision(3, "2026-01-01T00:00:02Z", "g", 1, 1));
        Files.writeString(f, whole + torn.substring(0, 30));
        Result r = run("monitor", "--log", f.toString(), "--rule", "demographic_parity_difference > 0.1");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals(2, json.get("decisions").asLong(), "the torn third decision is left out");
        JsonNode t = json.get("recovery").get("torn_tail");
        assertEquals(4, t.get("line").asLong());
        assertEquals(whole.length(), t.get("offset").asLong());
        assertEquals(30, t.get("length").asLong());
        assertEquals("no final newline", t.get("reason").asString());
        assertEquals("TOLERATE_TORN_TAIL", json.get("recovery").get("mode").asString());
        Result strict = run("monitor", "--log", f.toString(), "--rule", "demographic_parity_difference > 0.1",
                "--recovery", "ABSOLUTE_CONSISTENCY");
        assertEquals(2, strict.code());
        assertEquals(1, strict.err().strip().lines().count(), strict.err());
        assertTrue(strict.err().contains(f + ": last line 4 at byte offset " + whole.length() + " is damaged"),
                strict.err());

        // a flipped byte in line 2, then two good lines: refused by default, skipped in salvage
        Path damaged = dir.resolve("damaged.jsonl");
        String good = framed(header("g"), decision(1, "2026-01-01T00:00:00Z", "g", 0, 1),
                decision(2, "2026-01-01T00:00:01Z", "g", 1, 0), decision(3, "2026-01-01T00:00:02Z", "g", 1, 1));
        int second = good.indexOf('\n') + 1;
        char[] c = good.toCharArray();
        c[second + 20] = c[second + 20] == '7' ? '8' : '7';
        Files.writeString(damaged, new String(c));
        Path out = dir.resolve("never.json");
        Result refused = run("monitor", "--log", damaged.toString(), "--rule", "demographic_parity_difference > 0.1",
                "--out", out.toString());
        assertEquals(2, refused.code());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains(damaged + ": line 2 at byte offset " + second + " is corrupted"), refused.err());
        assertFalse(Files.exists(out));
        Result salvage = run("monitor", "--log", damaged.toString(), "--rule", "demographic_parity_difference > 0.1",
                "--recovery", "SALVAGE");
        assertEquals(0, salvage.code(), salvage.err());
        JsonNode s = JSON.readTree(salvage.out());
        assertEquals(2, s.get("decisions").asLong());
        assertEquals(2, s.get("recovery").get("salvaged").get(0).get("line").asLong());
        assertEquals(second, s.get("recovery").get("salvaged").get(0).get("offset").asLong());
    }
}
