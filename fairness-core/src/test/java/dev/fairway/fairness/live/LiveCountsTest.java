package dev.fairway.fairness.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.GroupIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Live counts against hand counts and brute-force counts of the same events. */
class LiveCountsTest {
    static final GroupIndex TWO = GroupIndex.of(List.of("g"), List.of(List.of("b"), List.of("a")));

    @Test
    void declaredGroupsTakeTheAuditsOrder() {
        GroupIndex declared = GroupIndex.of(List.of("race", "sex"),
                List.of(List.of("w", "m"), List.of("b", "f"), List.of("w", "f")));
        AuditData data = AuditData.builder().labels("y", new boolean[] {true, false, true})
                .predictions("p", new boolean[] {true, true, false})
                .sensitive("race", List.of("w", "b", "w")).sensitive("sex", List.of("m", "f", "f")).build();
        assertEquals(data.groupIndex(), declared);
        assertThrows(IllegalArgumentException.class, () -> GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("a"))));
        assertThrows(IllegalArgumentException.class, () -> GroupIndex.of(List.of("g", "h"), List.of(List.of("a"))));
    }

    @Test
    void countsLayCellsOutByCellOrdinal() {
        // hand count: group a (code 0): TN=1 FP=2 FN=3 TP=4
        ConfusionCounts t = ConfusionCounts.of(TWO, new long[] {1, 2, 3, 4, 0, 0, 0, 0}, null);
        assertEquals(4, t.count(0, Cell.TRUE_POSITIVE));
        assertEquals(3, t.count(0, Cell.FALSE_NEGATIVE));
        assertEquals(10, t.rows());
        assertThrows(IllegalArgumentException.class, () -> ConfusionCounts.of(TWO, new long[7], null));
        assertThrows(IllegalArgumentException.class, () -> ConfusionCounts.of(TWO, new long[] {0, 0, 0, 0, -1, 0, 0, 0}, null));
    }

    @Test
    void labelsJoinTheirDecisionAndPendingIsCounted() {
        LiveCounts live = LiveCounts.builder(TWO).build();
        int a = TWO.find(java.util.Map.of("g", "a"));
        live.record(1, a, true, 0);
        live.record(2, a, false, 0);
        live.record(3, 1 - a, true, 0);
        live.record(1 - a, false, 0); // never labelled
        assertTrue(live.label(2, true)); // out of order: 2 before 1
        assertTrue(live.label(1, true));
        assertFalse(live.label(1, false)); // already labelled
        assertFalse(live.label(99, true)); // never recorded
        LiveSnapshot s = live.snapshot();
        assertEquals(4, s.decisionCount());
        assertEquals(1, s.decisions().count(a, Cell.FALSE_POSITIVE)); // predicted positive
        assertEquals(1, s.decisions().count(a, Cell.TRUE_NEGATIVE));
        assertEquals(1, s.labelled().count(a, Cell.TRUE_POSITIVE));
        assertEquals(1, s.labelled().count(a, Cell.FALSE_NEGATIVE));
        assertEquals(2, s.labelled().rows());
        assertEquals(1, s.pending()); // decision 3
        assertEquals(2, s.unmatchedLabels());
        assertThrows(IllegalArgumentException.class, () -> live.record(3, a, true, 0));
    }

    @Test
    void evictionBySizeAndAgeIsCountedAndLaterLabelsAreUnmatched() {
        // one decision per stripe at most: maxPending = STRIPES
        LiveCounts live = LiveCounts.builder(TWO).maxPending(LiveCounts.STRIPES).maxPendingAge(Duration.ofSeconds(10)).build();
        // ids that land in one stripe: find three by the same rule the class uses (top 6 bits of id * golden)
        long[] same = new long[3];
        int found = 0;
        int stripe = -1;
        for (long id = 0; found < 3; id++) {
            int s = (int) ((id * 0x9E3779B97F4A7C15L) >>> 58);
            if (stripe < 0) {
                stripe = s;
            }
            if (s == stripe) {
                same[found++] = id;
            }
        }
        live.record(same[0], 0, true, 1_000);
        live.record(same[1], 0, true, 2_000); // pushes same[0] out (stripe holds one)
        assertFalse(live.label(same[0], true));
        LiveSnapshot s = live.snapshot();
        assertEquals(1, s.evictedBySize());
        assertEquals(1, s.unmatchedLabels());
        assertEquals(1, s.pending());
        // age: a decision at 20 s makes same[1] (2 s) older than 10 s; it is evicted by age first,
        // so the stripe has room and nothing is evicted by size
        live.record(same[2], 1, false, 20_000);
        s = live.snapshot();
        assertEquals(1, s.evictedByAge());
        assertEquals(1, s.evictedBySize());
        assertEquals(1, s.pending());
        assertTrue(live.label(same[2], false));
        assertEquals(1, live.snapshot().labelled().count(1, Cell.TRUE_NEGATIVE));
    }

    @Test
    void lateDecisionsAndExpiredLabelsAreCounted() {
        // tumbling 1 s windows, 1 s lateness, one past window retained: ring of 1 + 1 + 1 sub-windows
        LiveCounts live = LiveCounts.builder(TWO)
                .windowing(Windowing.tumbling(Duration.ofSeconds(1), Duration.ofSeconds(1))).build();
        live.record(7, 0, true, 500);
        live.record(0, true, 5_500); // sub-window 5
        live.record(0, true, 4_200); // sub-window 4: within lateness
        live.record(0, true, 3_900); // sub-window 3: late
        assertFalse(live.label(7, true)); // sub-window 0 has left the ring (3 .. 5 kept)
        LiveSnapshot s = live.snapshot();
        assertEquals(1, s.lateDecisions());
        assertEquals(1, s.expiredLabels());
        assertEquals(1, s.decisionCount()); // window 5 holds one
        assertEquals(5_000, s.start());
        assertEquals(6_000, s.end());
        assertEquals(1, live.window(4).decisionCount());
        assertEquals(3, live.lastClosedWindow()); // window 4 may still take decisions (lateness)
    }

    @Test
    void countWindowsNumberDecisionsInArrivalOrder() {
        LiveCounts live = LiveCounts.builder(TWO).windowing(Windowing.slidingCount(4, 2)).build();
        for (int i = 0; i < 7; i++) {
            live.record(i % 2, i < 3, 0);
        }
        // decisions 0..6 in sub-windows of 2: [0,1] [2,3] [4,5] [6]; current window = sub-windows 2..3
        LiveSnapshot cur = live.snapshot();
        assertEquals(4, cur.start());
        assertEquals(8, cur.end());
        assertEquals(3, cur.decisionCount());
        LiveSnapshot first = live.window(live.lastClosedWindow());
        assertEquals(2, first.start()); // window 1: decisions 2..5
        assertEquals(4, first.decisionCount());
        assertEquals(1, first.decisions().count(0, Cell.FALSE_POSITIVE)); // decision 2 (group 0, positive)
    }

    @Test
    void eightThreadsOfAMillionDecisionsCountExactly() throws InterruptedException {
        GroupIndex groups = GroupIndex.of(List.of("g"), List.of(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4)));
        LiveCounts live = LiveCounts.builder(groups).windowing(Windowing.tumblingCount(1L << 40)).build();
        int threads = 8;
        int perThread = 1_000_000;
        long[][] expected = new long[threads][10];
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tt = t;
            ts.add(new Thread(() -> {
                SplittableRandom r = new SplittableRandom(1000 + tt);
                for (int i = 0; i < perThread; i++) {
                    int g = r.nextInt(5);
                    boolean p = r.nextInt(3) == 0;
                    live.record(g, p, 0);
                    expected[tt][2 * g + (p ? 1 : 0)]++;
                }
            }));
        }
        ts.forEach(Thread::start);
        for (Thread t : ts) {
            t.join();
        }
        LiveSnapshot s = live.snapshot();
        assertEquals(8_000_000L, s.decisionCount());
        for (int g = 0; g < 5; g++) {
            long neg = 0;
            long pos = 0;
            for (long[] e : expected) {
                neg += e[2 * g];
                pos += e[2 * g + 1];
            }
            assertEquals(neg, s.decisions().count(g, Cell.TRUE_NEGATIVE), "group " + g);
            assertEquals(pos, s.decisions().count(g, Cell.FALSE_POSITIVE), "group " + g);
        }
    }

    @Test
    void concurrentLabelsFromOtherThreadsAllCount() throws InterruptedException {
        LiveCounts live = LiveCounts.builder(TWO).maxPending(1 << 20).build();
        int n = 200_000;
        Thread rec = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                live.record(i, i & 1, (i % 3) == 0, 0);
            }
        });
        rec.start();
        rec.join();
        List<Thread> labellers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int tt = t;
            labellers.add(new Thread(() -> {
                for (int i = n - 1 - tt; i >= 0; i -= 4) { // reverse order
                    live.label(i, (i % 5) == 0);
                }
            }));
        }
        labellers.forEach(Thread::start);
        for (Thread t : labellers) {
            t.join();
        }
        long[] tp = new long[2];
        for (int i = 0; i < n; i++) {
            if (i % 3 == 0 && i % 5 == 0) {
                tp[i & 1]++;
            }
        }
        LiveSnapshot s = live.snapshot();
        assertEquals(n, s.labelled().rows());
        assertEquals(0, s.pending());
        assertEquals(tp[0], s.labelled().count(0, Cell.TRUE_POSITIVE));
        assertEquals(tp[1], s.labelled().count(1, Cell.TRUE_POSITIVE));
    }
}
