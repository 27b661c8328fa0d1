package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.filter.RequestMode;
import dev.fairway.consent.log.LockChild;
import dev.fairway.consent.log.RecoveryMode;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22.6: a guard restarted on a reopened decision log continues its ids (so the log's ids stay
 * unique and {@code fairway monitor} accepts it); issue 22.2: the decision log has one writer, in this
 * JVM and across two.
 */
class DecisionLogRestartAndLockTest {
    @TempDir
    Path dir;

    private static Guard guard(DecisionLog log, AtomicLong clock) {
        LiveCounts live = LiveCounts.builder(GuardTest.GROUPS).windowing(Windowing.tumblingCount(1_000)).build();
        Guard g = Guard.builder(GuardTest.PLAN, live).model("v1", new GuardTest.Recording(0)).dropDefault("income", 0)
                .log(log).clock(clock::incrementAndGet).build();
        g.consent("s", GuardTest.snapshot("s", "profile_selection"), EnumSet.noneOf(RequestMode.class));
        return g;
    }

    @Test
    void aRestartedGuardContinuesTheLogsIds() throws Exception {
        Path file = dir.resolve("d.jsonl");
        AtomicLong clock = new AtomicLong(1_000);
        Decision d = new Decision();
        try (DecisionLog log = DecisionLog.builder(file, GuardTest.GROUPS).category("sex", "sex").open()) {
            assertEquals(0, log.nextId());
            Guard first = guard(log, clock);
            for (int i = 0; i < 3; i++) {
                first.decide("s", new double[] {10, 0, 0, 0}, i % 2, d);
            }
            assertTrue(first.outcome(1, true));
        }
        try (DecisionLog log = DecisionLog.builder(file, GuardTest.GROUPS).category("sex", "sex").open()) {
            assertEquals(3, log.nextId(), "ids 0, 1, 2 are in the log");
            Guard second = guard(log, clock);
            second.decide("s", new double[] {10, 0, 0, 0}, 0, d);
            assertEquals(3, d.id());
            second.decide("s", new double[] {10, 0, 0, 0}, 1, d);
        }
        List<Long> ids = new ArrayList<>();
        DecisionLogReader.forEach(file, RecoveryMode.ABSOLUTE_CONSISTENCY, e -> {
            if (e instanceof DecisionLogReader.LoggedDecision ld) {
                ids.add(ld.id());
            }
        });
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ids, "each id once, in order, across the restart");
    }

    @Test
    void theDecisionLogHasOneWriterAcrossTwoJvms() throws Exception {
        Path file = dir.resolve("d.jsonl");
        try (DecisionLog log = DecisionLog.builder(file, GuardTest.GROUPS).open()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> DecisionLog.builder(file, GuardTest.GROUPS).open());
            assertTrue(e.getMessage().startsWith(file + " is already open for writing"), e.getMessage());
            String child = LockChild.run("file", file);
            assertTrue(child.startsWith("refused: " + file + " is already open for writing"), child);
            assertTrue(log.outcome(1, 0, true));
        }
        assertEquals("opened", LockChild.run("file", file));
        DecisionLog.builder(file, GuardTest.GROUPS).open().close();
    }
}
