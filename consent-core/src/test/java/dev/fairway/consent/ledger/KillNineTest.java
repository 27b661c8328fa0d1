package dev.fairway.consent.ledger;

import dev.fairway.consent.log.FsyncPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real {@code kill -9}: a child JVM appends to a ledger under {@link FsyncPolicy#EVERY_APPEND} and
 * prints an ack after each append returns; it is killed at a seeded random moment (and, in the same
 * file, restarted and killed again); every acknowledged event must be there on reopen, in order, and
 * the file must open cleanly (a torn tail at most). 5 runs in {@code verify}, 50 with
 * {@code -Preliability} ({@code -Dfairway.kill.runs}).
 */
class KillNineTest {
    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.range(0, Integer.getInteger("fairway.kill.runs", 5)).map(i -> 9_000 + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyAcknowledgedAppendSurvivesKillNine(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        Path file = dir.resolve("ledger-" + seed + ".jsonl");
        long acked = 0;
        long found = 0;
        for (int round = 0; round < 2; round++) {
            acked = Math.max(acked, runAndKill(file, 20 + r.nextInt(400)));
            try (JsonLinesConsentStore s = JsonLinesConsentStore.readOnly(file)) {
                found = s.lastSequence();
                assertTrue(s.lastSequence() >= acked, "acknowledged " + acked + ", found " + s.lastSequence());
                long[] next = {1};
                s.forEach(e -> {
                    assertEquals(next[0], e.sequence());
                    assertEquals(KillNineChild.event(next[0]).subject(), e.subject());
                    next[0]++;
                });
            }
        }
        assertTrue(acked > 0, "the child acknowledged appends before it was killed");
        System.out.printf("kill -9: seed %d: 2 kills, %d acknowledged appends checked, %d events on reopen%n", seed,
                acked, found);
    }

    /** Starts the child, kills it {@code millis} after its first ack, returns the last ack it printed. */
    private static long runAndKill(Path file, long millis) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                KillNineChild.class.getName(), file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AtomicLong last = new AtomicLong();
        Object firstAck = new Object();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("ack ")) {
                        last.set(Long.parseLong(line.substring(4)));
                        synchronized (firstAck) {
                            firstAck.notifyAll();
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe breaks when the child is killed
            }
        });
        reader.start();
        synchronized (firstAck) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (last.get() == 0 && p.isAlive() && System.nanoTime() < deadline) {
                firstAck.wait(100);
            }
        }
        assertTrue(p.isAlive(), "the child is running");
        Thread.sleep(millis);
        p.destroyForcibly(); // SIGKILL on Linux
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        reader.join(30_000);
        return last.get();
    }
}
