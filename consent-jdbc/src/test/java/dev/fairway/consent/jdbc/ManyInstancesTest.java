package dev.fairway.consent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many instances append to one store at once: threads with a store each in this JVM and two more JVMs. Every
 * reader sees the same total order, numbered 1..n with no gap, each writer's events in the order it appended
 * them; and a reader polling by sequence while the appends run never sees an event before all earlier ones are
 * visible (the numbers become visible in commit order).
 */
@ExtendWith(PgTestServer.class)
class ManyInstancesTest {
    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    /** The i-th event of a writer: its subject names the writer, its notice version the index. */
    static ConsentEvent numbered(String subject, int i) {
        return new ConsentEvent(subject, i % 2 == 0 ? "measurement" : "sale_sharing",
                i % 3 == 0 ? ConsentState.WITHDRAWN : ConsentState.OPTED_OUT,
                dev.fairway.consent.LawfulBasis.CONSENT, false, T0.plusMillis(i), T0.plusMillis(i), null, "n" + i,
                dev.fairway.consent.ledger.ConsentSource.DIRECT, null, null, 0);
    }

    @Test
    void threadsAndTwoJvmsShareOneTotalOrder() throws Exception {
        String url = PgTestServer.url();
        String schema = PgTestServer.freshSchema();
        int threads = 4;
        int perThread = 100;
        int perChild = 150;
        int total = threads * perThread + 2 * perChild;
        JdbcConsentStore.builder(url).schema(schema).build().close();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (String tag : List.of("jvm1", "jvm2")) {
            children.add(new ProcessBuilder(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                    AppendChild.class.getName(), url, schema, tag, Integer.toString(perChild))
                    .redirectErrorStream(true).start());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String subject = "writer-t" + t;
            writers.add(pool.submit(() -> {
                try (JdbcConsentStore own = JdbcConsentStore.builder(url).schema(schema).poolSize(1).build()) {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        own.append(numbered(subject, i));
                    }
                }
                return null;
            }));
        }
        AtomicBoolean stop = new AtomicBoolean();
        Future<Integer> poller = pool.submit(() -> {
            int reads = 0;
            try (JdbcConsentStore reader = JdbcConsentStore.builder(url).schema(schema).poolSize(1).build()) {
                long last = 0;
                while (last < total && !stop.get()) {
                    List<ConsentEvent> page = reader.eventsAfter(last, 1000);
                    for (ConsentEvent e : page) {
                        assertEquals(last + 1, e.sequence(), "a reader saw a later event before an earlier one");
                        last = e.sequence();
                    }
                    reads++;
                }
            }
            return reads;
        });
        go.countDown();
        for (Future<?> w : writers) {
            w.get(180, TimeUnit.SECONDS);
        }
        for (Process p : children) {
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "a child JVM did not finish");
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("done"), out);
        }
        int reads;
        try {
            reads = poller.get(60, TimeUnit.SECONDS);
        } finally {
            stop.set(true);
            pool.shutdown();
        }
        assertTrue(reads > 1, "the poller read while the appends ran");

        List<List<ConsentEvent>> views = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            try (JdbcConsentStore reader = JdbcConsentStore.builder(url).schema(schema).build()) {
                List<ConsentEvent> all = new ArrayList<>();
                reader.forEach(all::add);
                views.add(all);
                assertEquals(total, reader.lastSequence());
            }
        }
        assertEquals(views.get(0), views.get(1));
        assertEquals(views.get(0), views.get(2));
        List<ConsentEvent> order = views.get(0);
        assertEquals(total, order.size());
        Map<String, Integer> next = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            ConsentEvent e = order.get(i);
            assertEquals(i + 1, e.sequence());
            int expected = next.getOrDefault(e.subject(), 0);
            assertEquals(numbered(e.subject(), expected).stored(e.recordedTime(), e.sequence()), e,
                    "writer " + e.subject() + "'s events out of its append order");
            next.put(e.subject(), expected + 1);
        }
        assertEquals(threads + 2, next.size());
        for (Map.Entry<String, Integer> w : next.entrySet()) {
            assertEquals(w.getKey().startsWith("writer-jvm") ? perChild : perThread, w.getValue(), w.getKey());
        }
    }
}
