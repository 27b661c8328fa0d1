package dev.fairway.consent.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.LawfulBasis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ConsentStore} contract as one test body that runs over every store: the in-memory store, the
 * JSON-lines store (both in this module) and the JDBC store (consent-jdbc, through this module's test-jar).
 * A store's test extends this class and says how to open a store over fresh, empty storage; a durable store's
 * test extends {@link DurableConsentStoreContract} instead, which adds reopening. The expected values come from
 * the contract itself (sequence numbers 1, 2, ... in append order; what was appended is what is read back).
 *
 * <p>Thread-safety: a JUnit test class; one instance per test method.
 */
// "exports": the JUnit annotations on public test methods of a class in an exported package (a test tree class)
@SuppressWarnings("exports")
public abstract class ConsentStoreContract {
    /** For subclasses: one store's test. */
    protected ConsentStoreContract() {
    }

    /** A fixed instant with a non-zero nano-of-second, so stores must keep nanoseconds. */
    public static final Instant T0 = Instant.parse("2026-04-01T08:00:00.123456789Z");

    private final List<ConsentStore> opened = new ArrayList<>();

    /**
     * Opens a store over storage that is fresh and empty for the running test.
     *
     * @return the store
     * @throws Exception if it cannot be opened
     */
    protected abstract ConsentStore newStore() throws Exception;

    /**
     * Opens a store through {@link #newStore()} and closes it after the test.
     *
     * @return the store
     * @throws Exception if it cannot be opened
     */
    protected final ConsentStore store() throws Exception {
        ConsentStore s = newStore();
        opened.add(s);
        return s;
    }

    /**
     * Registers a store opened elsewhere so that it is closed after the test.
     *
     * @param s the store
     * @return {@code s}
     */
    protected final ConsentStore track(ConsentStore s) {
        opened.add(s);
        return s;
    }

    /** Closes every store the test opened. */
    @AfterEach
    public void closeStores() {
        for (ConsentStore s : opened) {
            s.close();
        }
    }

    /**
     * An event that varies every field with {@code i}: purpose, state, basis, explicitness, expiry, notice
     * version, source, jurisdiction, evidence, and times with nanoseconds.
     *
     * @param subject the subject
     * @param i       the variation
     * @return the event, with sequence 0
     */
    public static ConsentEvent event(String subject, int i) {
        ConsentState state = switch (i % 4) {
            case 0 -> ConsentState.GIVEN;
            case 1 -> ConsentState.WITHDRAWN;
            case 2 -> ConsentState.OPTED_OUT;
            default -> ConsentState.GIVEN;
        };
        boolean explicit = i % 8 == 3;
        LawfulBasis basis = explicit ? LawfulBasis.EXPLICIT_CONSENT : LawfulBasis.CONSENT;
        Instant t = T0.plusSeconds(i).plusNanos(i * 7L);
        ConsentSource[] sources = ConsentSource.values();
        return new ConsentEvent(subject, i % 2 == 0 ? "measurement" : "profile_selection", state, basis, explicit,
                t, t.plusMillis(3), state == ConsentState.GIVEN ? t.plusSeconds(3600).plusNanos(1) : null,
                i % 3 == 0 ? null : "v" + i, sources[i % sources.length], i % 5 == 0 ? null : "EU",
                i % 6 == 0 ? "b1329067e28978e3ee88fe64ffd189b394d4bf55f7dbbb41f81af67942516ca6" : null, 0);
    }

    /** Appends return sequence numbers 1, 2, 3, ... and the event as given otherwise. */
    @Test
    public void sequencesStartAtOneInAppendOrder() throws Exception {
        ConsentStore s = store();
        assertEquals(0, s.lastSequence());
        for (int i = 0; i < 12; i++) {
            ConsentEvent e = event(i % 3 == 0 ? "alice" : "bob", i);
            ConsentEvent stored = s.append(e);
            assertEquals(i + 1, stored.sequence());
            assertEquals(e.stored(e.recordedTime(), i + 1), stored);
            assertEquals(i + 1, s.lastSequence());
        }
    }

    /** One subject's events come back in sequence order, and only theirs. */
    @Test
    public void eventsOfOneSubjectInSequenceOrder() throws Exception {
        ConsentStore s = store();
        List<ConsentEvent> alice = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ConsentEvent stored = s.append(event(i % 3 == 0 ? "alice" : "bob-" + (i % 2), i));
            if (i % 3 == 0) {
                alice.add(stored);
            }
        }
        assertEquals(alice, s.events("alice"));
        assertEquals(List.of(), s.events("carol"));
        assertEquals(20, s.events("alice").size() + s.events("bob-0").size() + s.events("bob-1").size());
    }

    /** forEach visits every event once, in sequence order. */
    @Test
    public void forEachVisitsEveryEventInOrder() throws Exception {
        ConsentStore s = store();
        List<ConsentEvent> appended = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            appended.add(s.append(event("s" + (i % 4), i)));
        }
        List<ConsentEvent> seen = new ArrayList<>();
        s.forEach(seen::add);
        assertEquals(appended, seen);
    }

    /** Every field reads back exactly: nanoseconds, absent fields, non-ASCII text, every source. */
    @Test
    public void everyFieldReadsBackExactly() throws Exception {
        ConsentStore s = store();
        String subject = "Zoë \uD83D\uDE42 \"quoted\" \\ tab\t";
        List<ConsentEvent> appended = new ArrayList<>();
        for (int i = 0; i < ConsentSource.values().length * 2; i++) {
            appended.add(s.append(event(subject, i)));
        }
        assertEquals(appended, s.events(subject));
        List<ConsentEvent> seen = new ArrayList<>();
        s.forEach(seen::add);
        assertEquals(appended, seen);
    }

    /** An event that already has a sequence number is refused and nothing is stored. */
    @Test
    public void anEventWithASequenceIsRefused() throws Exception {
        ConsentStore s = store();
        s.append(event("alice", 0));
        ConsentEvent numbered = event("alice", 1).stored(T0, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.append(numbered));
        assertTrue(e.getMessage().contains("sequence"), e.getMessage());
        assertEquals(1, s.lastSequence());
        assertEquals(1, s.events("alice").size());
        assertEquals(2, s.append(event("alice", 2)).sequence());
    }

    /** Null arguments are refused with a NullPointerException. */
    @Test
    public void nullArgumentsAreRefused() throws Exception {
        ConsentStore s = store();
        assertThrows(NullPointerException.class, () -> s.append(null));
        assertThrows(NullPointerException.class, () -> s.events(null));
        assertThrows(NullPointerException.class, () -> s.forEach(null));
        assertEquals(0, s.lastSequence());
    }

    /** Appending after close fails with an IllegalStateException. */
    @Test
    public void appendAfterCloseFails() throws Exception {
        ConsentStore s = store();
        s.append(event("alice", 0));
        s.close();
        assertThrows(IllegalStateException.class, () -> s.append(event("alice", 1)));
    }

    /**
     * Appends from many threads get the numbers 1..n without gaps or repeats, each thread's in increasing order,
     * and reading back gives exactly what the appends returned.
     */
    @Test
    public void concurrentAppendsGetGapFreeNumbers() throws Exception {
        ConsentStore s = store();
        int threads = 6;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<ConsentEvent>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                List<ConsentEvent> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(s.append(event("t" + thread, i)));
                }
                return mine;
            }));
        }
        start.countDown();
        Set<Long> numbers = new HashSet<>();
        List<ConsentEvent> all = new ArrayList<>();
        for (Future<List<ConsentEvent>> f : futures) {
            List<ConsentEvent> mine = f.get(120, TimeUnit.SECONDS);
            for (int i = 1; i < mine.size(); i++) {
                assertTrue(mine.get(i).sequence() > mine.get(i - 1).sequence(), "a thread's appends are ordered");
            }
            for (ConsentEvent e : mine) {
                assertTrue(numbers.add(e.sequence()), "sequence " + e.sequence() + " given twice");
            }
            all.addAll(mine);
        }
        pool.shutdown();
        assertEquals(threads * each, numbers.size());
        for (long n = 1; n <= threads * each; n++) {
            assertTrue(numbers.contains(n), "sequence " + n + " missing");
        }
        all.sort(java.util.Comparator.comparingLong(ConsentEvent::sequence));
        List<ConsentEvent> seen = new ArrayList<>();
        s.forEach(seen::add);
        assertEquals(all, seen);
        assertEquals(threads * each, s.lastSequence());
    }
}
