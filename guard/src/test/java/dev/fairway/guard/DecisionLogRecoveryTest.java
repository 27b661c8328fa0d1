package dev.fairway.guard;

import dev.fairway.consent.log.TestFrames;
import dev.fairway.consent.log.FsyncPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.log.RecoveryMode;
import dev.fairway.fairness.GroupIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reopening a decision log: appends continue after the last whole line, a torn tail is cut off and
 * reported, damage before it refuses (naming file, line and byte offset) except in salvage, and the
 * reader gives back exactly what was appended. Expected values are the records the test appended
 * and byte offsets counted from the file's own line lengths.
 */
class DecisionLogRecoveryTest {
    static final GroupIndex GROUPS = DecisionLogTest.GROUPS;

    static DecisionLog.Builder builder(Path file) {
        return DecisionLog.builder(file, GROUPS).category("race", "racial_or_ethnic_origin")
                .fsync(FsyncPolicy.GROUP_COMMIT);
    }

    /** Writes n decisions (ids from first) and an outcome for each even id. */
    static void write(DecisionLog log, long first, int n) {
        for (long id = first; id < first + n; id++) {
            log.decision(id, 1_764_639_000_000L + id, (int) (id % GROUPS.size()), id % 3 == 0, id / 100.0,
                    "credit-v" + id, DecisionLog.Route.PRIMARY, "personalised", new String[] {"zip"}, "9f2c");
            if (id % 2 == 0) {
                log.outcome(id, 1_764_700_000_000L + id, id % 4 == 0);
            }
        }
        log.flush();
    }

    static List<DecisionLogReader.Entry> read(Path file, RecoveryMode mode) throws IOException {
        List<DecisionLogReader.Entry> out = new ArrayList<>();
        DecisionLogReader.forEach(file, mode, out::add);
        return out;
    }

    @Test
    void readerGivesBackWhatWasAppended(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        try (DecisionLog log = builder(file).open()) {
            log.decision(7, 1_764_639_000_123L, GROUPS.find(Map.of("race", "b", "sex", "f")), true, 0.25, "m\u00e9", DecisionLog.Route.FALLBACK, null,
                    new String[] {"a", "b\"c"}, null);
            log.decision(8, 0, GROUPS.find(Map.of("race", "w", "sex", "f")), false, Double.POSITIVE_INFINITY, "bad \ud800 surrogate", DecisionLog.Route.ROLLBACK,
                    "x", null, "p");
            log.outcome(7, 1_764_639_999_000L, true);
        }
        List<DecisionLogReader.Entry> back = read(file, RecoveryMode.ABSOLUTE_CONSISTENCY);
        assertEquals(4, back.size());
        assertEquals(DecisionLogReader.Header.of(1, List.of("race", "sex"),
                List.of("racial_or_ethnic_origin", "unspecified")), back.get(0));
        // level codes: race b=0 w=1; sex f=0 m=1
        assertEquals(DecisionLogReader.LoggedDecision.of(2, 7, Instant.ofEpochMilli(1_764_639_000_123L),
                Map.of("race", 0, "sex", 0), true, 0.25, "m\u00e9", DecisionLog.Route.FALLBACK, null,
                List.of("a", "b\"c"), null), back.get(1));
        DecisionLogReader.LoggedDecision d = (DecisionLogReader.LoggedDecision) back.get(2);
        assertTrue(Double.isNaN(d.score()), "an infinite score is written as none");
        assertEquals("bad \ufffd surrogate", d.model());
        assertEquals(Map.of("race", 1, "sex", 0), d.group());
        assertEquals(List.of(), d.withheld());
        assertEquals(DecisionLogReader.LoggedOutcome.of(4, 7, Instant.ofEpochMilli(1_764_639_999_000L), true),
                back.get(3));
    }

    @Test
    void reopeningAppendsAfterTheLastLineWithOneHeader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        try (DecisionLog log = builder(file).open()) {
            write(log, 0, 10);
        }
        try (DecisionLog log = builder(file).open()) {
            assertTrue(log.recovery().isEmpty());
            write(log, 10, 10);
        }
        List<DecisionLogReader.Entry> back = read(file, RecoveryMode.ABSOLUTE_CONSISTENCY);
        // 1 header + 20 decisions + 10 outcomes
        assertEquals(31, back.size());
        assertEquals(1, back.stream().filter(e -> e instanceof DecisionLogReader.Header).count());
        long[] ids = back.stream().filter(e -> e instanceof DecisionLogReader.LoggedDecision)
                .mapToLong(e -> ((DecisionLogReader.LoggedDecision) e).id()).toArray();
        assertEquals(20, ids.length);
        for (int i = 0; i < ids.length; i++) {
            assertEquals(i, ids[i]);
        }
    }

    @Test
    void aTornTailIsCutOffReportedAndRefusedUnderAbsoluteConsistency(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        try (DecisionLog log = builder(file).open()) {
            write(log, 0, 5);
        }
        byte[] whole = Files.readAllBytes(file);
        int lastStart = lastLineStart(whole);
        Files.write(file, Arrays.copyOf(whole, whole.length - 7));
        IllegalStateException strict = assertThrows(IllegalStateException.class,
                () -> builder(file).recovery(RecoveryMode.ABSOLUTE_CONSISTENCY).open());
        assertTrue(strict.getMessage().contains("at byte offset " + lastStart), strict.getMessage());
        DecisionLogReader.Result r = DecisionLogReader.forEach(file, RecoveryMode.TOLERATE_TORN_TAIL, e -> { });
        assertEquals(lastStart, r.tornTail().orElseThrow().offset());
        assertEquals(whole.length - 7 - lastStart, r.tornTail().orElseThrow().length());
        assertEquals(whole.length - 7, Files.size(file), "the reader changes nothing");
        try (DecisionLog log = builder(file).open()) {
            assertEquals(lastStart, log.recovery().orElseThrow().offset());
            assertEquals(lastStart, Files.size(file), "the torn tail is cut off");
            write(log, 100, 1);
        }
        List<DecisionLogReader.Entry> back = read(file, RecoveryMode.ABSOLUTE_CONSISTENCY);
        assertEquals(100, ((DecisionLogReader.LoggedDecision) back.get(back.size() - 2)).id());
    }

    @Test
    void aTornHeaderIsRewritten(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        builder(file).open().close();
        byte[] header = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(header, 20));
        try (DecisionLog log = builder(file).open()) {
            assertEquals(0, log.recovery().orElseThrow().offset());
        }
        assertTrue(Arrays.equals(header, Files.readAllBytes(file)));
    }

    @Test
    void damageBeforeTheTailRefusesExceptInSalvage(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        try (DecisionLog log = builder(file).open()) {
            write(log, 0, 6);
        }
        byte[] bytes = Files.readAllBytes(file);
        // line 3 (the first outcome): change one byte of its body
        int third = nthLineStart(bytes, 3);
        bytes[third + 12] ^= 1;
        Files.write(file, bytes);
        for (RecoveryMode refusing : List.of(RecoveryMode.TOLERATE_TORN_TAIL, RecoveryMode.ABSOLUTE_CONSISTENCY)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder(file).recovery(refusing)
                    .open());
            assertTrue(e.getMessage().contains(file + ": line 3 at byte offset " + third), e.getMessage());
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            IllegalStateException r = assertThrows(IllegalStateException.class, () -> read(file, refusing));
            assertEquals(e.getMessage(), r.getMessage());
        }
        List<DecisionLogReader.Entry> salvaged = new ArrayList<>();
        DecisionLogReader.Result result = DecisionLogReader.forEach(file, RecoveryMode.SALVAGE, salvaged::add);
        assertEquals(1, result.salvaged().size());
        assertEquals(3, result.salvaged().get(0).line());
        assertEquals(6, result.decisions());
        assertEquals(2, result.outcomes(), "the outcome of id 0 is lost, those of 2 and 4 remain");
        try (DecisionLog log = builder(file).recovery(RecoveryMode.SALVAGE).open()) {
            assertEquals(1, log.salvaged().size());
            write(log, 50, 1);
        }
        byte[] after = Files.readAllBytes(file);
        assertTrue(Arrays.equals(bytes, Arrays.copyOf(after, bytes.length)), "the damaged line stays");
    }

    @Test
    void aBodyThatIsNotADecisionIsDamageEvenWithAGoodChecksum(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("d.jsonl");
        try (DecisionLog log = builder(file).open()) {
            write(log, 0, 2);
        }
        String bad = "{\"id\":9,\"time\":\"2026-01-01T00:00:00Z\",\"group\":{\"race\":0},\"prediction\":1,"
                + "\"model\":null,\"route\":\"primary\",\"mode\":null,\"withheld\":[],\"plan\":null}";
        int lines = Files.readAllLines(file).size();
        Files.write(file, TestFrames.line(lines + 1, bad), java.nio.file.StandardOpenOption.APPEND);
        Files.write(file, TestFrames.line(lines + 2, bad.replace("\"id\":9", "\"id\":10")),
                java.nio.file.StandardOpenOption.APPEND);
        // a whole line with a good checksum and a bad body is damage wherever it is, the last line included
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> read(file, RecoveryMode.TOLERATE_TORN_TAIL));
        assertTrue(e.getMessage().contains("line " + (lines + 1) + " at byte offset") && e.getMessage().contains("field 'group.sex' is missing"),
                e.getMessage());
    }

    @Test
    void anotherSchemaOrOtherColumnsRefuseInEveryMode(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("other.jsonl");
        Files.write(other, TestFrames.line(1, "{\"schema\":\"fairway-decision/v2\",\"group_columns\":[]}"));
        for (RecoveryMode m : RecoveryMode.values()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(other, m));
            assertTrue(e.getMessage().contains("schema 'fairway-decision/v2' is not fairway-decision/v1"),
                    e.getMessage());
        }
        Path file = dir.resolve("d.jsonl");
        builder(file).open().close();
        for (RecoveryMode m : RecoveryMode.values()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> DecisionLog.builder(file, GROUPS).recovery(m).open());
            assertTrue(e.getMessage().contains("[racial_or_ethnic_origin, unspecified], this log writes [race, sex] "
                    + "with categories [unspecified, unspecified]"), e.getMessage());
        }
    }

    @Test
    void appendsOutsideTheFormatsLimitsAreRefused(@TempDir Path dir) throws IOException {
        try (DecisionLog log = builder(dir.resolve("d.jsonl")).open()) {
            assertThrows(IllegalArgumentException.class, () -> log.outcome(1, DecisionLogReader.MAX_TIME + 1, true));
            assertThrows(IllegalArgumentException.class, () -> log.decision(1, DecisionLogReader.MIN_TIME - 1, 0, true,
                    1, "m", DecisionLog.Route.PRIMARY, "x", null, "p"));
            String[] many = new String[DecisionLog.MAX_RECORD_CHARS / 3 + 1];
            Arrays.fill(many, "");
            assertThrows(IllegalArgumentException.class, () -> log.decision(1, 0, 0, true, 1, "m",
                    DecisionLog.Route.PRIMARY, "x", many, "p"));
            assertTrue(log.outcome(1, DecisionLogReader.MAX_TIME, true));
            assertTrue(log.outcome(2, DecisionLogReader.MIN_TIME, true));
        }
        List<DecisionLogReader.Entry> back = read(dir.resolve("d.jsonl"), RecoveryMode.ABSOLUTE_CONSISTENCY);
        assertEquals(Instant.parse("9999-12-31T23:59:59.999Z"), ((DecisionLogReader.LoggedOutcome) back.get(1)).time());
        assertEquals(Instant.parse("0000-01-01T00:00:00Z"), ((DecisionLogReader.LoggedOutcome) back.get(2)).time());
    }

    static int lastLineStart(byte[] b) {
        int i = b.length - 2;
        while (i >= 0 && b[i] != '\n') {
            i--;
        }
        return i + 1;
    }

    static int nthLineStart(byte[] b, int n) {
        int start = 0;
        for (int line = 1; line < n; line++) {
            while (b[start] != '\n') {
                start++;
            }
            start++;
        }
        return start;
    }
}
