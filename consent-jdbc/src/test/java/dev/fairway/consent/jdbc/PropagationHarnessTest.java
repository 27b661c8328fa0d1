package dev.fairway.consent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.ledger.ConsentState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The propagation harness across two JVMs: JVM A ({@link PropagationWriter}, a child process) commits
 * {@code -Dfairway.propagation.changes} withdrawals and opt-outs (20 in {@code verify}, a smoke run; 1000 for the
 * figures), one every {@code -Dfairway.propagation.interval.ms} (10); this JVM (B) listens through a
 * {@link ConsentFeed} and timestamps each delivery. It checks that B receives every change once, in order, as
 * A committed it, and prints (and writes to {@code target/propagation.txt}) p50, p99 and max of the time from
 * A's {@code append} returning to B's delivery, and from A's call starting (which includes the commit itself).
 * Both JVMs read the same system clock. The latency target (p99 at most 100 ms) is measured by the lead on a
 * quiet machine, not asserted here.
 */
@ExtendWith(PgTestServer.class)
class PropagationHarnessTest {

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    @Test
    void everyChangeOnAReachesTheListenerOnB() throws Exception {
        int changes = Integer.getInteger("fairway.propagation.changes", 20);
        long interval = Long.getLong("fairway.propagation.interval.ms", 10);
        String url = PgTestServer.url();
        String schema = PgTestServer.freshSchema();
        JdbcConsentStore.builder(url).schema(schema).build().close();
        ConcurrentHashMap<Long, Long> delivered = new ConcurrentHashMap<>();
        List<Long> order = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> kinds = java.util.Collections.synchronizedList(new ArrayList<>());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> lines = new ArrayList<>();
        try (ConsentFeed feed = ConsentFeed.builder(url).schema(schema).build()) {
            feed.subscribe(e -> {
                delivered.put(e.sequence(), PropagationWriter.epochNanos(Instant.now()));
                order.add(e.sequence());
                kinds.add(e.state().name());
            });
            Process a = new ProcessBuilder(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                    PropagationWriter.class.getName(), url, schema, Integer.toString(changes), Long.toString(interval))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(a.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            }
            assertTrue(a.waitFor(changes * (interval + 1000) / 1000 + 120, TimeUnit.SECONDS), "JVM A finished");
            assertEquals(0, a.exitValue(), String.join("\n", lines));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (delivered.size() < changes && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        }
        assertEquals("done", lines.get(lines.size() - 1));
        assertEquals(changes, lines.size() - 1);
        long[] fromReturn = new long[changes];
        long[] fromStart = new long[changes];
        for (int i = 0; i < changes; i++) {
            String[] f = lines.get(i).split(" ");
            long seq = Long.parseLong(f[0]);
            assertEquals(i + 1, seq);
            Long at = delivered.get(seq);
            assertTrue(at != null, "change " + seq + " was not delivered to B");
            fromStart[i] = at - Long.parseLong(f[1]);
            fromReturn[i] = at - Long.parseLong(f[2]);
        }
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= changes; s++) {
            expected.add(s);
        }
        assertEquals(expected, order, "B received each change once, in sequence order");
        for (int i = 0; i < changes; i++) {
            assertEquals(i % 2 == 0 ? ConsentState.WITHDRAWN.name() : ConsentState.OPTED_OUT.name(), kinds.get(i));
        }
        Arrays.sort(fromReturn);
        Arrays.sort(fromStart);
        String report = String.format(Locale.ROOT,
                "propagation over %d changes, one every %d ms, two JVMs, LISTEN/NOTIFY:%n"
                        + "  from A's append returning to B's delivery: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n"
                        + "  from A's append starting to B's delivery:  p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                changes, interval, percentile(fromReturn, 0.50) / 1e6, percentile(fromReturn, 0.99) / 1e6,
                fromReturn[changes - 1] / 1e6, percentile(fromStart, 0.50) / 1e6, percentile(fromStart, 0.99) / 1e6,
                fromStart[changes - 1] / 1e6);
        System.out.print(report);
        Files.writeString(Path.of("target", "propagation.txt"), report);
    }
}
