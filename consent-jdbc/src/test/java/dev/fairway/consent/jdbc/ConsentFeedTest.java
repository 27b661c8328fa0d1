package dev.fairway.consent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change feed on a real PostgreSQL: every listener of every feed gets every event once, in sequence order,
 * also while its connection is terminated with {@code pg_terminate_backend} again and again. The expected
 * sequence is 1..n, what the store's contract gives the appends.
 */
@ExtendWith(PgTestServer.class)
class ConsentFeedTest {
    private final String schema = PgTestServer.freshSchema();

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void assertOneToN(List<Long> seen, int n) {
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            expected.add(i);
        }
        assertEquals(expected, seen);
    }

    private ConsentFeed.Builder feed() {
        return ConsentFeed.builder(PgTestServer.url()).schema(schema).pollInterval(Duration.ofMillis(200));
    }

    @Test
    void everyListenerOfEveryFeedGetsEveryEventOnceInOrder() throws Exception {
        String url = PgTestServer.url();
        JdbcConsentStore.builder(url).schema(schema).build().close();
        List<List<Long>> seen = new ArrayList<>();
        List<ConsentFeed> feeds = List.of(feed().build(), feed().build());
        try {
            for (ConsentFeed f : feeds) {
                for (int l = 0; l < 2; l++) {
                    List<Long> mine = Collections.synchronizedList(new ArrayList<>());
                    seen.add(mine);
                    f.subscribe(0, e -> mine.add(e.sequence()));
                }
            }
            int writers = 3;
            int each = 100;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    try (JdbcConsentStore s = JdbcConsentStore.builder(url).schema(schema).poolSize(1).build()) {
                        for (int i = 0; i < each; i++) {
                            s.append(ConsentStoreContract.event("w" + writer, i));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            await(() -> seen.stream().allMatch(l -> l.size() >= writers * each), "every listener has every event");
            Thread.sleep(300);
            for (List<Long> l : seen) {
                synchronized (l) {
                    assertOneToN(l, writers * each);
                }
            }
        } finally {
            feeds.forEach(ConsentFeed::close);
        }
    }

    @Test
    void nothingIsLostOrReorderedWhenTheListenersBackendIsTerminated() throws Exception {
        String app = "feed-kill-" + schema;
        int n = 400;
        try (JdbcConsentStore store = JdbcConsentStore.builder(PgTestServer.url()).schema(schema).build();
                ConsentFeed f = feed().applicationName(app).reconnectDelay(Duration.ofMillis(20)).build()) {
            List<ConsentEvent> got = Collections.synchronizedList(new ArrayList<>());
            f.subscribe(got::add);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            List<ConsentEvent> appended = new ArrayList<>();
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < n; i++) {
                    appended.add(store.append(ConsentStoreContract.event("s" + (i % 7), i)));
                    Thread.sleep(2);
                }
                return null;
            });
            java.util.Set<Integer> killed = new java.util.HashSet<>();
            try (Connection c = PgTestServer.connect(); Statement st = c.createStatement()) {
                while (!writer.isDone()) {
                    Thread.sleep(60);
                    try (ResultSet rs = st.executeQuery("SELECT pid FROM (SELECT pid FROM pg_stat_activity "
                            + "WHERE application_name = '" + app + "' AND pid <> pg_backend_pid() OFFSET 0) a "
                            + "WHERE pg_terminate_backend(pid)")) {
                        while (rs.next()) {
                            killed.add(rs.getInt(1));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            writer.get();
            pool.shutdown();
            await(() -> got.size() >= n, "the listener has all " + n + " events");
            Thread.sleep(300);
            // a backend may be signalled twice while it exits; count each connection once
            int kills = killed.size();
            assertTrue(kills >= 3, "the feed's backend was terminated " + kills + " times");
            // a connection terminated while the feed was still connecting is not a reconnect; most are
            assertTrue(f.reconnects() >= 3 && f.reconnects() <= kills, f.reconnects() + " reconnects after " + kills
                    + " connections terminated");
            synchronized (got) {
                assertEquals(appended, got);
            }
        }
    }

    @Test
    void aPastPositionCatchesUpAndNowStartsAfterTheHead() throws Exception {
        try (JdbcConsentStore store = JdbcConsentStore.builder(PgTestServer.url()).schema(schema).build();
                ConsentFeed f = feed().build()) {
            for (int i = 0; i < 10; i++) {
                store.append(ConsentStoreContract.event("alice", i));
            }
            List<Long> fromFour = Collections.synchronizedList(new ArrayList<>());
            List<Long> fromNow = Collections.synchronizedList(new ArrayList<>());
            List<Long> afterFailure = Collections.synchronizedList(new ArrayList<>());
            ConsentFeed.Subscription four = f.subscribe(4, e -> fromFour.add(e.sequence()));
            f.subscribe(e -> fromNow.add(e.sequence()));
            f.subscribe(e -> {
                afterFailure.add(e.sequence());
                throw new IllegalStateException("a listener that fails");
            });
            await(() -> fromFour.size() >= 6, "the catch-up from 4 is delivered");
            for (int i = 10; i < 13; i++) {
                store.append(ConsentStoreContract.event("bob", i));
            }
            await(() -> fromFour.size() >= 9 && fromNow.size() >= 3 && afterFailure.size() >= 3, "new events");
            Thread.sleep(300);
            assertEquals(List.of(5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L), fromFour);
            assertEquals(List.of(11L, 12L, 13L), fromNow);
            assertEquals(List.of(11L, 12L, 13L), afterFailure);
            assertEquals(13, four.position());
            four.close();
            store.append(ConsentStoreContract.event("bob", 13));
            await(() -> fromNow.size() >= 4, "the 14th event");
            Thread.sleep(300);
            assertEquals(9, fromFour.size());
        }
    }

    @Test
    void aFeedNeedsTheStoresTablesAndRefusesBadArguments() {
        JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> feed().build());
        assertTrue(e.getMessage().contains("build a JdbcConsentStore on this schema first"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> feed().pollInterval(Duration.ofMillis(1)));
        JdbcConsentStore.builder(PgTestServer.url()).schema(schema).build().close();
        ConsentFeed f = feed().build();
        assertThrows(IllegalArgumentException.class, () -> f.subscribe(-1, ev -> { }));
        f.close();
        assertThrows(IllegalStateException.class, () -> f.subscribe(0, ev -> { }));
    }
}
