package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.ledger.ConsentSubscription;
import dev.fairway.consent.ledger.InMemoryConsentStore;
import dev.fairway.explain.Model;
import dev.fairway.fairness.live.LiveCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Consent that stays true: the cache expires at the snapshot's earliest expiry and follows the ledger's appends. */
class GuardConsentTest {
    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    /** A clock the test moves; the ledger and the guard read the same instant. */
    static final class MovingClock extends Clock {
        private static final long serialVersionUID = 1L;
        final AtomicLong millis = new AtomicLong(T0.toEpochMilli());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    /** Scores the zip code (feature 2) as given, so the score shows whether zip reached the model. */
    static final class ZipModel implements Model {
        @Override
        public int features() {
            return 4;
        }

        @Override
        public void predict(double[] rowMajor, int rows, double[] out) {
            out[0] = rowMajor[2] + rowMajor[0] / 1_000_000;
        }
    }

    static final double[] ROW = {80, 37, 12345, 7};

    @Test
    void aCachedConsentFailsClosedAtItsExpiry() {
        MovingClock clock = new MovingClock();
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(), clock);
        GuardTest.Recording model = new GuardTest.Recording(0);
        try (Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", model)
                .dropDefault("income", 42).clock(clock.millis::get).consentFrom(ledger, Set.of()).build()) {
            ledger.record(ConsentEvent.direct("alice", "profile_selection", ConsentState.GIVEN, true, T0)
                    .withExpiry(T0.plus(Duration.ofHours(1))));
            ledger.record(ConsentEvent.direct("alice", "measurement", ConsentState.GIVEN, true, T0));
            Decision d = new Decision();
            guard.decide("alice", ROW, 0, d);
            assertEquals(80, model.seen[0], "income granted until the expiry");
            assertFalse(d.withheld().contains("income"));
            clock.millis.set(T0.plus(Duration.ofHours(1)).toEpochMilli() - 1);
            guard.decide("alice", ROW, 0, d);
            assertEquals(80, model.seen[0], "one millisecond before the expiry");
            clock.millis.incrementAndGet();
            guard.decide("alice", ROW, 0, d);
            assertEquals(42, model.seen[0], "at the expiry (exclusive) income is withheld at once: the stand-in");
            assertTrue(d.withheld().contains("income"));
            assertEquals(12345, model.seen[2], "measurement has no expiry");
        }
    }

    @Test
    void aMaximumConsentAgeExpiresTheCacheToo() {
        MovingClock clock = new MovingClock();
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(), clock);
        GuardTest.Recording model = new GuardTest.Recording(0);
        try (Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", model)
                .dropDefault("income", 42).clock(clock.millis::get).consentFrom(ledger, Set.of()).build()) {
            // the standard profile_selection purpose has a maximum consent age of 395 days
            ledger.record(ConsentEvent.direct("alice", "profile_selection", ConsentState.GIVEN, true, T0));
            Decision d = new Decision();
            guard.decide("alice", ROW, 0, d);
            assertEquals(80, model.seen[0]);
            clock.millis.set(T0.plus(Duration.ofDays(395)).toEpochMilli());
            guard.decide("alice", ROW, 0, d);
            assertEquals(42, model.seen[0], "395 days after the grant");
        }
    }

    @Test
    void aSnapshotCachedWithAnExpiryFailsClosedWithoutALedger() {
        AtomicLong now = new AtomicLong(T0.toEpochMilli());
        GuardTest.Recording model = new GuardTest.Recording(0);
        Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", model)
                .dropDefault("income", 42).clock(now::get).build();
        guard.consent("alice", GuardTest.snapshot("alice", "profile_selection", "measurement"), Set.of(),
                T0.plusSeconds(60));
        Decision d = new Decision();
        guard.decide("alice", ROW, 0, d);
        assertEquals(80, model.seen[0]);
        now.set(T0.plusSeconds(60).toEpochMilli());
        guard.decide("alice", ROW, 0, d);
        assertEquals(42, model.seen[0]);
        assertEquals(0, model.seen[2], "nothing granted after the expiry: zip masked too");
        assertEquals(Set.of("income", "age", "zip", "tenure"), d.withheld(), "the unconsented entry withholds all");
    }

    @Test
    void aWithdrawalOrOptOutChangesTheNextDecisionWithNoExtraCall() {
        MovingClock clock = new MovingClock();
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(), clock);
        GuardTest.Recording model = new GuardTest.Recording(0);
        try (Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build()).model("v1", model)
                .dropDefault("income", 42).clock(clock.millis::get).consentFrom(ledger, Set.of()).build()) {
            ledger.record(ConsentEvent.direct("alice", "profile_selection", ConsentState.GIVEN, true, T0));
            ledger.record(ConsentEvent.direct("alice", "measurement", ConsentState.GIVEN, true, T0));
            Decision d = new Decision();
            guard.decide("alice", ROW, 0, d);
            assertEquals(80, model.seen[0]);
            assertEquals(12345, model.seen[2]);
            clock.millis.addAndGet(1_000);
            ledger.record(ConsentEvent.direct("alice", "measurement", ConsentState.WITHDRAWN, false, clock.instant()));
            guard.decide("alice", ROW, 0, d);
            assertEquals(0, model.seen[2], "the withdrawal reached the next decision");
            assertEquals(80, model.seen[0]);
            clock.millis.addAndGet(1_000);
            ledger.record(ConsentEvent.direct("alice", "profile_selection", ConsentState.OPTED_OUT, false, clock.instant()));
            guard.decide("alice", ROW, 0, d);
            assertEquals(42, model.seen[0], "the opt-out reached the next decision");
            // tenure serves contextual selection, which the EU serving policy does not make depend on consent
            assertEquals(Set.of("income", "age", "zip"), d.withheld());
        }
    }

    @Test
    void closingTheGuardStopsFollowingAndASubscriptionCanBeClosed() {
        MovingClock clock = new MovingClock();
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(), clock);
        List<Long> seen = new ArrayList<>();
        ConsentSubscription sub = ledger.subscribe(e -> seen.add(e.sequence()));
        ledger.record(ConsentEvent.direct("a", "measurement", ConsentState.GIVEN, true, T0));
        ledger.record(ConsentEvent.direct("b", "measurement", ConsentState.GIVEN, true, T0));
        sub.close();
        ledger.record(ConsentEvent.direct("c", "measurement", ConsentState.GIVEN, true, T0));
        assertEquals(List.of(1L, 2L), seen);
        InMemoryConsentStore store = InMemoryConsentStore.empty();
        List<String> subjects = new ArrayList<>();
        ConsentSubscription s = store.subscribe(e -> subjects.add(e.subject() + "#" + e.sequence()));
        store.append(ConsentEvent.direct("x", "measurement", ConsentState.GIVEN, true, T0));
        s.close();
        s.close();
        store.append(ConsentEvent.direct("y", "measurement", ConsentState.GIVEN, true, T0));
        assertEquals(List.of("x#1"), subjects);
    }

    /**
     * Eight threads each toggle their own subject's zip consent (grant, decide, withdraw, decide) while
     * four more append events for other subjects and decide for every subject: the decision a thread
     * makes after its acknowledged withdrawal never uses zip, and after its acknowledged grant always
     * does (the ledger sequence keeps an older snapshot from replacing a newer one).
     */
    @Test
    void concurrentAppendsNeverBringAWithdrawnFeatureBack() throws Exception {
        MovingClock clock = new MovingClock();
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(), clock);
        int owners = 8;
        int noise = 4;
        int rounds = 300;
        try (Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build())
                .model("v1", new ZipModel()).dropDefault("income", 0).clock(clock.millis::get)
                .consentFrom(ledger, Set.of()).build()) {
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicReference<Throwable> error = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < owners; t++) {
                String subject = "owner-" + t;
                threads.add(new Thread(() -> {
                    Decision d = new Decision();
                    try {
                        start.await();
                        for (int i = 0; i < rounds; i++) {
                            ledger.record(ConsentEvent.direct(subject, "measurement", ConsentState.GIVEN, true, T0));
                            guard.decide(subject, ROW, 0, d);
                            if (d.score() < 12345) {
                                failures.add(subject + " round " + i + ": grant not used, score " + d.score());
                            }
                            ledger.record(ConsentEvent.direct(subject, "measurement", ConsentState.WITHDRAWN, false, T0));
                            guard.decide(subject, ROW, 1, d);
                            if (d.score() != 0 || !d.withheld().contains("zip")) {
                                failures.add(subject + " round " + i + ": withdrawn zip used, score " + d.score());
                            }
                        }
                    } catch (Throwable e) {
                        error.compareAndSet(null, e);
                    }
                }));
            }
            for (int t = 0; t < noise; t++) {
                long seed = t;
                threads.add(new Thread(() -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    Decision d = new Decision();
                    try {
                        start.await();
                        for (int i = 0; i < rounds * 2; i++) {
                            String other = "other-" + r.nextInt(20);
                            ledger.record(ConsentEvent.direct(other, r.nextBoolean() ? "measurement" : "profile_selection",
                                    r.nextBoolean() ? ConsentState.GIVEN : ConsentState.WITHDRAWN, false, T0));
                            guard.decide(r.nextBoolean() ? other : "owner-" + r.nextInt(owners), ROW, r.nextInt(2), d);
                        }
                    } catch (Throwable e) {
                        error.compareAndSet(null, e);
                    }
                }));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            if (error.get() != null) {
                throw new AssertionError(error.get());
            }
            assertTrue(failures.isEmpty(), failures.size() + " failures, first: " + failures.peek());
        }
    }
}
