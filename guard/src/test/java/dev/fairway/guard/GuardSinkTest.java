package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.filter.RequestMode;
import dev.fairway.consent.ledger.RecoveryMode;
import dev.fairway.fairness.live.LiveCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decision sink SPI, the keyed pseudonym in the log, and a log that loses nothing at JVM exit. */
class GuardSinkTest {
    static final byte[] KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) i;
        }
    }

    /** A sink that keeps what it is given (the holder is reused, so it copies the fields it needs). */
    static final class Keeping implements DecisionSink {
        final List<String> records = new ArrayList<>();

        @Override
        public synchronized boolean decision(Decision d) {
            records.add("d " + d.id() + " " + d.route().jsonName() + " " + d.model() + " " + d.subjectPseudonym() + " "
                    + d.pseudonymKey() + " " + d.withheld().size() + " " + d.personalData());
            return true;
        }

        @Override
        public synchronized boolean outcome(long id, long time, boolean label) {
            records.add("o " + id + " " + label);
            return true;
        }

        @Override
        public void flush() {
        }
    }

    @Test
    void pseudonymsAreTheHmacOfTheIdUnderTheServicesKey() {
        SubjectPseudonym p = SubjectPseudonym.hmacSha256("k1", KEY);
        // values from Python's hmac module, see src/test/resources/oracles/README.md
        assertEquals("6eefad2bed97b6d93ee663d67a44b46016b3d79dcad54ada39b61a1d14874d1b", p.of("alice"));
        assertEquals("928931744d17c7eea7df47260a5a0fc767423d5e6d5e716c8b1209f29ecf4527", p.of("bob"));
        assertEquals("d849b4e72ce16b51c486e9cc45e41737f67887bb9c9b2c326f9083d966d1338d", p.of("Müller"));
        byte[] k2 = "k".repeat(40).getBytes(StandardCharsets.US_ASCII);
        assertEquals("2600cf57a2d0a6fdd12efb0d55954b2a684337f246551c3cb3be5755aba1da4c",
                SubjectPseudonym.hmacSha256("k2", k2).of("alice"));
        assertThrows(IllegalArgumentException.class, () -> SubjectPseudonym.hmacSha256("k1", new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> SubjectPseudonym.hmacSha256("bad id", KEY));
        assertFalse(p.toString().contains("0102"), "the key is never printed");
    }

    @Test
    void decisionsAndOutcomesReachTheSinkWithThePseudonymAndTheKeyRotates() {
        Keeping sink = new Keeping();
        Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build())
                .model("v1", new GuardTest.Recording(0)).dropDefault("income", 1).sink(sink)
                .pseudonyms(SubjectPseudonym.hmacSha256("k1", KEY)).build();
        guard.consent("alice", GuardTest.snapshot("alice", "profile_selection"), EnumSet.noneOf(RequestMode.class));
        Decision d = new Decision();
        guard.decide("alice", new double[] {80, 37, 12345, 7}, 0, d);
        guard.outcome(d.id(), true);
        guard.pseudonyms(SubjectPseudonym.hmacSha256("k2", "k".repeat(40).getBytes(StandardCharsets.US_ASCII)));
        guard.decide("alice", new double[] {80, 37, 12345, 7}, 0, d);
        assertEquals(List.of(
                "d 0 primary v1 6eefad2bed97b6d93ee663d67a44b46016b3d79dcad54ada39b61a1d14874d1b k1 2 true",
                "o 0 true",
                "d 1 primary v1 2600cf57a2d0a6fdd12efb0d55954b2a684337f246551c3cb3be5755aba1da4c k2 2 true"), sink.records);
    }

    @Test
    void theLogWritesThePseudonymAndKeyIdNeverTheRawId(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.jsonl");
        try (DecisionLog log = DecisionLog.builder(file, GuardTest.GROUPS).shutdownHook(false).open()) {
            Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build())
                    .model("v1", new GuardTest.Recording(0)).dropDefault("income", 1).log(log)
                    .pseudonyms(SubjectPseudonym.hmacSha256("k1", KEY)).build();
            Decision d = new Decision();
            guard.decide("alice", new double[] {80, 37, 12345, 7}, 1, d);
        }
        String text = Files.readString(file);
        assertTrue(text.contains("\"subject\":\"6eefad2bed97b6d93ee663d67a44b46016b3d79dcad54ada39b61a1d14874d1b\","
                + "\"subject_key\":\"k1\""), text);
        assertFalse(text.contains("alice"), text);
        DecisionLogReader.Result r = DecisionLogReader.forEach(file, RecoveryMode.ABSOLUTE_CONSISTENCY, e -> { });
        assertEquals(1, r.decisions());
    }

    @Test
    void anExitWithoutCloseLosesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("exit.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ExitWithoutCloseMain.class.getName(), file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        assertEquals(0, p.exitValue(), out);
        long[] ids = {0};
        DecisionLogReader.Result r = DecisionLogReader.forEach(file, RecoveryMode.ABSOLUTE_CONSISTENCY, e -> {
            if (e instanceof DecisionLogReader.LoggedDecision ld) {
                assertEquals(ids[0]++, ld.id());
            }
        });
        assertEquals(5_000, r.decisions(), "every decision of the child is in its log");
        assertEquals(5_001, Files.readAllLines(file).size(), "the header and 5,000 decision lines");
    }
}
