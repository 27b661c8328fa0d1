package dev.fairway.fairness.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.GroupIndex;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of windows: sub-window tables add up to a direct count of the same events, every
 * window equals a brute-force count over its bounds, and two instances' windows merged equal one
 * instance fed both streams.
 */
class LiveCountsPropertiesTest {
    static final GroupIndex G3 = GroupIndex.of(List.of("g"), List.of(List.of("x"), List.of("y"), List.of("z")));

    static Stream<Arguments> cases() {
        return Stream.of(7L, 11L, 19L, 23L, 42L).flatMap(seed -> Stream.of(
                Arguments.of(seed, Windowing.tumbling(Duration.ofMillis(100), Duration.ofMillis(30))),
                Arguments.of(seed, Windowing.sliding(Duration.ofMillis(100), Duration.ofMillis(25), Duration.ZERO)),
                Arguments.of(seed, Windowing.tumblingCount(50)),
                Arguments.of(seed, Windowing.slidingCount(60, 20)),
                Arguments.of(seed, Windowing.cumulative())));
    }

    /** Events in arrival order: time (ms, jittered backwards a little), group, prediction, label. */
    record Events(long[] time, int[] group, boolean[] pred, boolean[] label) {
        static Events of(long seed, int n) {
            SplittableRandom r = new SplittableRandom(seed);
            long[] t = new long[n];
            int[] g = new int[n];
            boolean[] p = new boolean[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                t[i] = 1_000 + i * 3L - r.nextInt(40);
                g[i] = r.nextInt(3);
                p[i] = r.nextInt(4) == 0;
                y[i] = r.nextInt(3) == 0;
            }
            return new Events(t, g, p, y);
        }
    }

    /** Feeds events to an instance the way the brute force below assumes, all labelled at once. */
    static LiveCounts feed(Windowing w, Events e, int from, int to, int stepBy) {
        LiveCounts live = LiveCounts.builder(G3).windowing(w).retainWindows(50).build();
        for (int i = from; i < to; i += stepBy) {
            live.record(i, e.group[i], e.pred[i], e.time[i]);
        }
        for (int i = from; i < to; i += stepBy) {
            live.label(i, e.label[i]);
        }
        return live;
    }

    /** Brute force: which sub-window and whether admitted, replaying the lateness rule. */
    static long[] epochs(Windowing w, Events e, int from, int to, int stepBy) {
        long[] epoch = new long[e.time.length];
        long max = Long.MIN_VALUE;
        long seq = 0;
        for (int i = from; i < to; i += stepBy) {
            long s = switch (w.kind()) {
                case CUMULATIVE -> 0;
                case TIME -> Math.floorDiv(e.time[i], w.slide());
                case COUNT -> seq++ / w.slide();
            };
            long lateSlots = (w.lateness() + w.slide() - 1) / w.slide();
            if (max != Long.MIN_VALUE && s < max - lateSlots) {
                epoch[i] = Long.MIN_VALUE; // late
            } else {
                epoch[i] = s;
                max = Math.max(max, s);
            }
        }
        return epoch;
    }

    static long[] count(Events e, long[] epoch, int from, int to, int stepBy, long first, long last, boolean labelled) {
        long[] c = new long[12];
        for (int i = from; i < to; i += stepBy) {
            if (epoch[i] != Long.MIN_VALUE && epoch[i] >= first && epoch[i] <= last) {
                int cell = labelled ? (e.label[i] ? 2 : 0) + (e.pred[i] ? 1 : 0) : (e.pred[i] ? 1 : 0);
                c[4 * e.group[i] + cell]++;
            }
        }
        return c;
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("cases")
    void subWindowsAddUpToADirectCountAndWindowsMatchBruteForce(long seed, Windowing w) {
        Events e = Events.of(seed, 3_000);
        LiveCounts live = feed(w, e, 0, 3_000, 1);
        long[] epoch = epochs(w, e, 0, 3_000, 1);
        List<LiveSnapshot> subs = live.subWindows();
        long first = live.watermark() - subs.size() + 1;
        ConfusionCounts sum = ConfusionCounts.empty(List.of("g"));
        ConfusionCounts sumLabelled = ConfusionCounts.empty(List.of("g"));
        for (LiveSnapshot s : subs) {
            sum = sum.merge(s.decisions());
            sumLabelled = sumLabelled.merge(s.labelled());
        }
        assertEquals(ConfusionCounts.of(G3, count(e, epoch, 0, 3_000, 1, first, live.watermark(), false), null), sum);
        assertEquals(ConfusionCounts.of(G3, count(e, epoch, 0, 3_000, 1, first, live.watermark(), true), null),
                sumLabelled);
        for (long k = live.currentWindow(); k > live.currentWindow() - 5; k--) {
            long a = k * w.step();
            long b = a + w.slots() - 1;
            if (a < first) {
                break;
            }
            LiveSnapshot win = live.window(k);
            assertEquals(ConfusionCounts.of(G3, count(e, epoch, 0, 3_000, 1, a, b, false), null), win.decisions(), "window " + k);
            assertEquals(ConfusionCounts.of(G3, count(e, epoch, 0, 3_000, 1, a, b, true), null), win.labelled(), "window " + k);
        }
    }

    /** Event-time and cumulative windows: count windows number each instance's own decisions, so they do not align. */
    static Stream<Arguments> mergeableCases() {
        return cases().filter(a -> ((Windowing) a.get()[1]).kind() != Windowing.Kind.COUNT);
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("mergeableCases")
    void twoInstancesMergedEqualOneFedBoth(long seed, Windowing w) {
        // time order without jitter past the lateness, so no decision is late in any instance
        Events e = Events.of(seed, 2_000);
        java.util.Arrays.sort(e.time);
        LiveCounts both = feed(w, e, 0, 2_000, 1);
        LiveCounts even = feed(w, e, 0, 2_000, 2);
        LiveCounts odd = feed(w, e, 1, 2_000, 2);
        List<LiveSnapshot> all = both.subWindows();
        List<LiveSnapshot> a = even.subWindows();
        List<LiveSnapshot> b = odd.subWindows();
        assertEquals(both.watermark(), Math.max(even.watermark(), odd.watermark()));
        for (int i = 0; i < all.size(); i++) {
            LiveSnapshot x = all.get(all.size() - 1 - i);
            LiveSnapshot merged = byStart(a, x.start()).merge(byStart(b, x.start()));
            assertEquals(x.decisions(), merged.decisions(), "sub-window at " + x.start());
            assertEquals(x.labelled(), merged.labelled(), "sub-window at " + x.start());
        }
    }

    private static LiveSnapshot byStart(List<LiveSnapshot> subs, long start) {
        for (LiveSnapshot s : subs) {
            if (s.start() == start) {
                return s;
            }
        }
        ConfusionCounts empty = ConfusionCounts.of(G3, new long[12], null);
        return new LiveSnapshot(start, start, empty, empty, 0, 0, 0, 0, 0, 0);
    }
}
