package dev.fairway.guard;

import static dev.fairway.consent.log.SeededMutator.corpusLines;
import static dev.fairway.consent.log.SeededMutator.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.log.SeededMutator;
import dev.fairway.consent.log.SimulatedLogFile;
import dev.fairway.consent.log.TestFrames;
import dev.fairway.consent.log.RecoveryMode;
import dev.fairway.fairness.GroupIndex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of decision log lines and files with consent-core's {@link SeededMutator} (from its
 * test-jar) over the committed seed corpus {@code src/test/resources/fuzz/decision-log-bodies.jsonl}
 * (README there): 10,000 cases per target in {@code verify}, 1,000,000 with {@code -Preliability}. Only
 * the documented exception may come out: reading a file ({@link DecisionLogReader#forEach}, in each
 * {@link RecoveryMode}) and reopening one for appending ({@link DecisionLog.Builder#open()}) throw only
 * {@link IllegalStateException}; one line body is either taken or reported as damage (never an exception
 * other than the wrong-schema {@link IllegalStateException} on line 1). No case may take longer than
 * {@link SeededMutator#CASE_BOUND_NANOS}; each target has a preemptive timeout.
 */
@Timeout(value = 60, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DecisionLogFuzzTest {
    static final int N = SeededMutator.CASES;
    static final GroupIndex GROUPS = GroupIndex.of(List.of("race", "sex"),
            List.of(List.of("b", "f"), List.of("b", "m"), List.of("w", "f"), List.of("w", "m")));
    static final DecisionLog.Builder BUILDER = DecisionLog.builder(Path.of("fuzz.jsonl"), GROUPS)
            .category("race", "racial_or_ethnic_origin");

    static byte[] file(List<byte[]> bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long seq = 1;
        for (byte[] b : bodies) {
            out.writeBytes(TestFrames.line(seq++, b));
        }
        return out.toByteArray();
    }

    @Test
    void lineBodies() throws Exception {
        List<byte[]> bodies = corpusLines("decision-log-bodies.jsonl");
        DecisionLogReader.Header header = BUILDER.header();
        // every seed is valid as written
        DecisionLogReader.header(bodies.get(0), 0, bodies.get(0).length, "seed");
        for (byte[] b : bodies.subList(1, bodies.size())) {
            assertTrue(DecisionLog.validator(BUILDER, "seed").check(b, 0, b.length, 2) == null, new String(b));
        }
        // past the checksum: the body checks of the reader, as a record (with and without a header) and as a header
        long ok = SeededMutator.run("decision log line body", bodies, 71, N, b -> {
            try {
                DecisionLogReader.parse(b, 0, b.length, 2, header);
            } catch (DecisionLogReader.BadLine bad) {
                assertTrue(bad.getMessage() != null && !bad.getMessage().isEmpty());
            }
            try {
                DecisionLogReader.parse(b, 0, b.length, 2, null);
            } catch (DecisionLogReader.BadLine bad) {
                assertTrue(bad.getMessage() != null);
            }
            try {
                DecisionLogReader.header(b, 0, b.length, "fuzz");
            } catch (DecisionLogReader.BadLine bad) {
                assertTrue(bad.getMessage() != null);
            }
        }, IllegalStateException.class);
        report("decision log line body", ok);
        assertTrue(ok > 0);
    }

    @Test
    void framedLines() throws IOException {
        List<byte[]> bodies = corpusLines("decision-log-bodies.jsonl");
        List<byte[]> lines = new ArrayList<>();
        for (byte[] b : bodies) {
            lines.add(TestFrames.line(2, b));
        }
        // one framed line (sequence 2) after a good header: the checksum, sequence and body checks of the reader
        byte[] head = TestFrames.line(1, bodies.get(0));
        long ok = SeededMutator.run("decision log line", lines, 72, N, b -> {
            byte[] f = new byte[head.length + b.length];
            System.arraycopy(head, 0, f, 0, head.length);
            System.arraycopy(b, 0, f, head.length, b.length);
            DecisionLogReader.forEach(SimulatedLogFile.image(f, f.length, 0), "fuzz", RecoveryMode.TOLERATE_TORN_TAIL,
                    e -> { });
        }, IllegalStateException.class);
        report("decision log line", ok);
        assertTrue(ok > 0);
    }

    @Test
    void files() throws IOException {
        List<byte[]> bodies = corpusLines("decision-log-bodies.jsonl");
        List<byte[]> seeds = List.of(file(bodies), file(bodies.subList(0, 3)), file(List.of(bodies.get(0))));
        RecoveryMode[] modes = RecoveryMode.values();
        int[] c = {0};
        long ok = SeededMutator.run("decision log file", seeds, 73, N, b -> {
            RecoveryMode mode = modes[c[0]++ % modes.length];
            long[] entries = {0};
            DecisionLogReader.Result r = DecisionLogReader.forEach(SimulatedLogFile.image(b, b.length, 0), "fuzz", mode,
                    e -> entries[0]++);
            assertEquals(entries[0], r.decisions() + r.outcomes() + (r.header().isPresent() ? 1 : 0));
        }, IllegalStateException.class);
        report("decision log file", ok);
        assertTrue(ok > 0, "some mutated files still read (a torn tail, a whole-line delete)");
    }

    @Test
    void reopeningFiles() throws IOException {
        List<byte[]> bodies = corpusLines("decision-log-bodies.jsonl");
        List<byte[]> seeds = List.of(file(bodies), file(bodies.subList(0, 3)));
        RecoveryMode[] modes = RecoveryMode.values();
        int[] c = {0};
        // the writer's own recovery path on reopening (a writer thread per case)
        long ok = SeededMutator.run("decision log reopen", seeds, 74, N, b -> {
            SimulatedLogFile img = SimulatedLogFile.image(b, b.length, 0);
            DecisionLog.Builder builder = DecisionLog.builder(Path.of("fuzz.jsonl"), GROUPS)
                    .category("race", "racial_or_ethnic_origin").recovery(modes[c[0]++ % modes.length]);
            try (DecisionLog log = builder.open(img, "fuzz", DecisionLog.validator(builder, "fuzz"))) {
                log.outcome(1, 0, true);
            }
        }, IllegalStateException.class);
        report("decision log reopen", ok);
        assertTrue(ok > 0);
    }
}
