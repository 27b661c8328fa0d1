package dev.fairway.fairness.live;

import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.GroupIndex;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts decisions per group as a service makes them, and their outcomes when they arrive, in
 * windows whose tables are the same {@link ConfusionCounts} values audits, reports and gates use.
 *
 * <p>{@link #record(int, boolean, long)} counts a decision that will never be labelled;
 * {@link #record(long, int, boolean, long)} counts it and keeps it waiting for
 * {@link #label(long, boolean)}. Selection rates count every decision ({@link LiveSnapshot#decisions()});
 * label-based rates count decisions whose outcome arrived ({@link LiveSnapshot#labelled()}), each in
 * the window of its decision. Waiting decisions are bounded: the waiting table is split into
 * {@value #STRIPES} stripes by id, each a ring of {@code maxPending / STRIPES} decisions in arrival
 * order, so a decision is evicted when its stripe has received that many newer ones, or when it is
 * older (in event time) than the maximum age; evictions and labels that find nothing are counted.
 *
 * <p>Hot path: each thread counts into its own cells (one writer per cell, no lock, no atomic
 * read-modify-write; count windows take one atomic increment for the decision number), and a
 * {@link Windowing} is a ring of sub-window tables per thread, reset by their owner when the ring
 * turns. Nothing is allocated per decision once warm (a thread's first call makes its cells; a
 * stripe of the waiting table doubles its arrays up to its share of {@code maxPending} while it
 * fills for the first time). Reading a window merges
 * sub-windows of every thread's cells: O(threads × sub-windows × groups), and each sub-window is
 * read consistently (a sub-window being reset by its owner reads as already gone).
 *
 * <p>Thread-safe: any thread may record, label and read at any time. A read sees at least every
 * decision whose {@code record} happened-before the read.
 */
public final class LiveCounts {
    /** Number of stripes of the waiting table. */
    public static final int STRIPES = 64;

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int LATE = 0;
    private static final int EXPIRED = 1;

    private final GroupIndex groups;
    private final int g;
    private final int stride;
    private final Windowing windowing;
    private final int lateSlots;
    private final int ring;
    private final long maxAge;
    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong sequence = new AtomicLong();
    private final ThreadLocal<Cells> local = ThreadLocal.withInitial(this::register);
    private volatile Cells[] cells = new Cells[0];
    private final Pending[] pending;

    private LiveCounts(Builder b) {
        this.groups = b.groups;
        this.g = groups.size();
        this.stride = 6 * g;
        this.windowing = b.windowing;
        this.lateSlots = windowing.latenessSlots();
        this.ring = windowing.kind() == Windowing.Kind.CUMULATIVE ? 1
                : windowing.slots() + lateSlots + b.retainWindows * windowing.step();
        this.maxAge = b.maxAge;
        int perStripe = (int) Math.max(1, (b.maxPending + STRIPES - 1) / STRIPES);
        this.pending = new Pending[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            pending[i] = new Pending(perStripe);
        }
    }

    /**
     * Starts a builder over declared groups (see {@link GroupIndex#of(List, List)}).
     *
     * @param groups the groups; decisions name them by code
     * @return the builder
     */
    public static Builder builder(GroupIndex groups) {
        return new Builder(Objects.requireNonNull(groups, "groups"));
    }

    /**
     * Returns the groups; {@link GroupIndex#find(java.util.Map)} gives a group's code.
     *
     * @return the group index
     */
    public GroupIndex groups() {
        return groups;
    }

    /**
     * Returns the windowing.
     *
     * @return the windowing
     */
    public Windowing windowing() {
        return windowing;
    }

    /**
     * Counts a decision that will not be labelled.
     *
     * @param group the group code
     * @param prediction whether the decision is the positive (selected) outcome
     * @param time the decision's event time in milliseconds since the epoch (used by event-time
     *     windows; other windowings ignore it)
     * @throws IndexOutOfBoundsException if the group code is not in {@code 0 .. groups().size()-1}
     */
    public void record(int group, boolean prediction, long time) {
        Objects.checkIndex(group, g);
        Cells c = local.get();
        long s = epochOf(time);
        if (!admit(s, c)) {
            return;
        }
        int at = slot(c, s) + 2 * group + (prediction ? 1 : 0);
        LONGS.setRelease(c.counts, at, c.counts[at] + 1);
    }

    /**
     * Counts a decision and keeps it waiting for its label.
     *
     * @param id the decision's id, unique among waiting decisions
     * @param group the group code
     * @param prediction whether the decision is the positive (selected) outcome
     * @param time the decision's event time in milliseconds since the epoch (windows and the
     *     maximum waiting age use it)
     * @throws IndexOutOfBoundsException if the group code is out of range
     * @throws IllegalArgumentException if a decision with this id is already waiting (nothing is
     *     counted then)
     */
    public void record(long id, int group, boolean prediction, long time) {
        Objects.checkIndex(group, g);
        Cells c = local.get();
        long s = epochOf(time);
        if (!admit(s, c)) {
            return;
        }
        Pending p = pending[stripe(id)];
        synchronized (p) {
            p.insert(id, group, prediction, s, time, maxAge);
        }
        int at = slot(c, s) + 2 * group + (prediction ? 1 : 0);
        LONGS.setRelease(c.counts, at, c.counts[at] + 1);
    }

    /**
     * Counts the outcome of a waiting decision in the window of that decision. A label whose id
     * waits nowhere (never recorded with an id, already labelled, or evicted) is counted in
     * {@link LiveSnapshot#unmatchedLabels()}; one whose decision's sub-window has left the ring in
     * {@link LiveSnapshot#expiredLabels()}.
     *
     * @param id the decision's id
     * @param outcome whether the actual outcome is the positive class
     * @return whether the label was counted in a window
     */
    public boolean label(long id, boolean outcome) {
        Pending p = pending[stripe(id)];
        int group;
        boolean prediction;
        long s;
        synchronized (p) {
            int at = p.find(id);
            if (at < 0) {
                p.unmatched++;
                return false;
            }
            group = p.groups[at] >> 1;
            prediction = (p.groups[at] & 1) != 0;
            s = p.epochs[at];
            p.remove(at);
        }
        Cells c = local.get();
        long w = watermark.get();
        if (s < w - (ring - 1)) {
            LONGS.setRelease(c.misc, EXPIRED, c.misc[EXPIRED] + 1);
            return false;
        }
        int at = slot(c, s) + 2 * g + 4 * group + (outcome ? 2 : 0) + (prediction ? 1 : 0);
        LONGS.setRelease(c.counts, at, c.counts[at] + 1);
        return true;
    }

    /**
     * Returns the newest sub-window seen, or {@link Long#MIN_VALUE} before the first decision.
     *
     * @return the sub-window number (event time divided by the slide, or decision number divided by
     *     the slide; 0 for cumulative)
     */
    public long watermark() {
        return watermark.get();
    }

    /**
     * Returns the number of the window that holds the newest sub-window (0 before the first
     * decision). Window {@code i} covers sub-windows {@code i * step} to {@code i * step + size/slide - 1},
     * where the step is one sub-window for sliding windows and the whole window for tumbling ones.
     *
     * @return the window number
     */
    public long currentWindow() {
        long w = watermark.get();
        if (w == Long.MIN_VALUE) {
            return 0;
        }
        return Math.floorDiv(w - windowing.slots() + windowing.step(), windowing.step());
    }

    /**
     * Returns the number of the newest closed window: one that no decision can enter any more
     * (its last sub-window is more than the allowed lateness behind the newest), or
     * {@link Long#MIN_VALUE} if none is closed yet. A cumulative table never closes.
     *
     * @return the window number, or {@link Long#MIN_VALUE}
     */
    public long lastClosedWindow() {
        long w = watermark.get();
        if (w == Long.MIN_VALUE || windowing.kind() == Windowing.Kind.CUMULATIVE) {
            return Long.MIN_VALUE;
        }
        return Math.floorDiv(w - lateSlots - windowing.slots(), windowing.step());
    }

    /**
     * Reads the window that holds the newest sub-window (everything, for cumulative counts).
     *
     * @return the snapshot
     */
    public LiveSnapshot snapshot() {
        return window(currentWindow());
    }

    /**
     * Reads one window by number (see {@link #currentWindow()}).
     *
     * @param index the window number
     * @return the snapshot
     * @throws IllegalArgumentException if some of the window's sub-windows have left the ring or
     *     lie beyond the newest
     */
    public LiveSnapshot window(long index) {
        long first = index * windowing.step();
        long last = first + windowing.slots() - 1;
        long w = watermark.get();
        if (w != Long.MIN_VALUE && (first < w - (ring - 1) || first > w)) {
            throw new IllegalArgumentException("window " + index + " is not retained: sub-windows " + (w - ring + 1)
                    + " to " + w + " are");
        }
        return read(first, last);
    }

    /**
     * Reads every retained sub-window, oldest first: their tables add up to the decisions counted
     * in that span.
     *
     * @return the sub-window snapshots
     */
    public List<LiveSnapshot> subWindows() {
        long w = watermark.get();
        List<LiveSnapshot> out = new ArrayList<>();
        if (w == Long.MIN_VALUE) {
            return out;
        }
        for (long e = w - ring + 1; e <= w; e++) {
            out.add(read(e, e));
        }
        return out;
    }

    private LiveSnapshot read(long first, long last) {
        long[] sum = new long[stride];
        long[] tmp = new long[stride];
        long late = 0;
        long expired = 0;
        long w = watermark.get();
        for (Cells c : cells) {
            late += (long) LONGS.getAcquire(c.misc, LATE);
            expired += (long) LONGS.getAcquire(c.misc, EXPIRED);
            if (w == Long.MIN_VALUE) {
                continue;
            }
            for (long e = Math.max(first, w - ring + 1); e <= Math.min(last, w); e++) {
                int i = (int) Math.floorMod(e, (long) ring);
                if ((long) LONGS.getAcquire(c.epochs, i) != e) {
                    continue;
                }
                for (int j = 0; j < stride; j++) {
                    tmp[j] = (long) LONGS.getAcquire(c.counts, i * stride + j);
                }
                if ((long) LONGS.getAcquire(c.epochs, i) == e) {
                    for (int j = 0; j < stride; j++) {
                        sum[j] += tmp[j];
                    }
                }
            }
        }
        long[] dec = new long[4 * g];
        long[] lab = new long[4 * g];
        for (int k = 0; k < g; k++) {
            dec[4 * k] = sum[2 * k];
            dec[4 * k + 1] = sum[2 * k + 1];
            System.arraycopy(sum, 2 * g + 4 * k, lab, 4 * k, 4);
        }
        long waiting = 0;
        long bySize = 0;
        long byAge = 0;
        long unmatched = 0;
        long newest = Long.MIN_VALUE;
        for (Pending p : pending) {
            synchronized (p) {
                newest = Math.max(newest, p.newest);
            }
        }
        for (Pending p : pending) {
            synchronized (p) {
                p.expire(newest, maxAge);
                waiting += p.live;
                bySize += p.evictedBySize;
                byAge += p.evictedByAge;
                unmatched += p.unmatched;
            }
        }
        long unit = windowing.kind() == Windowing.Kind.CUMULATIVE ? 0 : windowing.slide();
        long start = windowing.kind() == Windowing.Kind.CUMULATIVE ? 0 : first * unit;
        long end = windowing.kind() == Windowing.Kind.CUMULATIVE ? Long.MAX_VALUE : (last + 1) * unit;
        return new LiveSnapshot(start, end, ConfusionCounts.of(groups, dec, null), ConfusionCounts.of(groups, lab, null),
                waiting, bySize, byAge, unmatched, late, expired);
    }

    private long epochOf(long time) {
        return switch (windowing.kind()) {
            case CUMULATIVE -> 0;
            case TIME -> Math.floorDiv(time, windowing.slide());
            case COUNT -> sequence.getAndIncrement() / windowing.slide();
        };
    }

    private boolean admit(long s, Cells c) {
        long w = watermark.get();
        if (s > w) {
            watermark.accumulateAndGet(s, Math::max);
            return true;
        }
        if (s < w - lateSlots) {
            LONGS.setRelease(c.misc, LATE, c.misc[LATE] + 1);
            return false;
        }
        return true;
    }

    /** Returns the offset of sub-window s in the thread's cells, resetting a slot the ring has turned past. */
    private int slot(Cells c, long s) {
        int i = (int) Math.floorMod(s, (long) ring);
        if (c.epochs[i] != s) {
            LONGS.setRelease(c.epochs, i, Long.MIN_VALUE);
            for (int j = i * stride; j < (i + 1) * stride; j++) {
                LONGS.setRelease(c.counts, j, 0L);
            }
            LONGS.setRelease(c.epochs, i, s);
        }
        return i * stride;
    }

    private static int stripe(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 58);
    }

    private synchronized Cells register() {
        Cells c = new Cells(ring, stride);
        Cells[] now = Arrays.copyOf(cells, cells.length + 1);
        now[now.length - 1] = c;
        cells = now;
        return c;
    }

    /** One thread's counters: a ring of sub-window tables, written only by that thread. */
    private static final class Cells {
        final long[] epochs;
        final long[] counts;
        final long[] misc = new long[2];

        Cells(int ring, int stride) {
            epochs = new long[ring];
            Arrays.fill(epochs, Long.MIN_VALUE);
            counts = new long[ring * stride];
        }
    }

    /**
     * Builds {@link LiveCounts}. Defaults: cumulative, at most 1,000,000 waiting decisions, at
     * most 24 hours of waiting, one past window retained beyond the current one.
     *
     * <p>Not thread-safe; the built accumulator is.
     */
    public static final class Builder {
        private final GroupIndex groups;
        private Windowing windowing = Windowing.cumulative();
        private long maxPending = 1_000_000;
        private long maxAge = Duration.ofHours(24).toMillis();
        private int retainWindows = 1;

        private Builder(GroupIndex groups) {
            this.groups = groups;
        }

        /**
         * Sets the windowing.
         *
         * @param windowing the windowing
         * @return this builder
         */
        public Builder windowing(Windowing windowing) {
            this.windowing = Objects.requireNonNull(windowing, "windowing");
            return this;
        }

        /**
         * Sets how many decisions may wait for a label (rounded up to a multiple of
         * {@value LiveCounts#STRIPES}).
         *
         * @param maxPending at least 1
         * @return this builder
         * @throws IllegalArgumentException if under 1 or over 2^30
         */
        public Builder maxPending(long maxPending) {
            if (maxPending < 1 || maxPending > (1L << 30)) {
                throw new IllegalArgumentException("maxPending must be in 1 .. 2^30, got " + maxPending);
            }
            this.maxPending = maxPending;
            return this;
        }

        /**
         * Sets how long (in event time) a decision may wait for its label.
         *
         * @param maxAge a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxPendingAge(Duration maxAge) {
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("maxPendingAge must be positive, got " + maxAge);
            }
            this.maxAge = maxAge.toMillis();
            return this;
        }

        /**
         * Sets how many past windows stay readable beyond the current one (and the allowed
         * lateness); labels for decisions in older sub-windows count as expired.
         *
         * @param windows at least 1
         * @return this builder
         * @throws IllegalArgumentException if under 1 or over 1000
         */
        public Builder retainWindows(int windows) {
            if (windows < 1 || windows > 1000) {
                throw new IllegalArgumentException("retainWindows must be in 1 .. 1000, got " + windows);
            }
            this.retainWindows = windows;
            return this;
        }

        /**
         * Builds the accumulator.
         *
         * @return the accumulator
         */
        public LiveCounts build() {
            return new LiveCounts(this);
        }
    }
}
