package dev.fairway.guard.monitor;

import dev.fairway.fairness.live.Windowing;
import dev.fairway.fairness.ranking.ExposureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exposure of the slates a service shows, per group of items and per window: the live
 * counterpart of {@link dev.fairway.fairness.live.LiveCounts} for ranked lists, read as the same
 * {@link ExposureTable} a {@code fairway rank-audit} computes, and watched by the
 * {@link FairnessMonitor}'s {@code exposure_ratio} and {@code exposure_difference} rules.
 *
 * <p>Groups are declared up front; a slate names them by code (their position in
 * {@link #groups()}). Windows follow a {@link Windowing} exactly as live counts do: a ring of
 * sub-windows merged on read, tumbling or sliding by event time (with allowed lateness) or by a
 * number of slates, or cumulative. Window {@code i} covers sub-windows {@code i·step ..
 * i·step + size/slide − 1}; an event-time slate whose sub-window is more than the lateness behind
 * the newest is counted in {@link #lateSlates()} and in no window. Count windows number slates in
 * arrival order (one atomic increment each) and have no lateness: a slate numbered just before one
 * that another thread has already recorded in the next sub-window still counts in its own (while
 * that sub-window is retained), so every slate counts exactly once, and a window closes when a
 * slate of a later one arrives (a check at that instant may miss a slate still being recorded by a
 * racing thread; the next read of the window has it).
 *
 * <p>Position weights must lie in [0, 1] (every {@link dev.fairway.fairness.ranking.BrowsingModel}'s
 * do), so a group's exposure in one slate is an observation in [0, 1]: the monitor's intervals rely
 * on it.
 *
 * <p>Thread-safe: each recording thread writes its own ring of sub-window tables under that ring's
 * own lock, which only a read (a monitor check or a snapshot) ever contends for; a read takes each
 * ring's lock in turn and merges its tables. Because {@link ExposureTable#merge} is exact, a
 * window read is bit-identical to one table fed the same slates in any order. A slate allocates
 * nothing once warm except when its thread's ring turns to a new sub-window (one empty table).
 * A read sees at least every slate whose {@code record} happened-before it.
 */
public final class LiveExposure {
    private final List<String> groups;
    private final Windowing windowing;
    private final int slots;
    private final int step;
    private final int lateSlots;
    private final int ring;
    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private final ThreadLocal<Ring> local = ThreadLocal.withInitial(this::register);
    private volatile Ring[] rings = new Ring[0];

    private LiveExposure(Builder b) {
        this.groups = b.groups;
        this.windowing = b.windowing;
        this.slots = (int) (windowing.size() / windowing.slide());
        this.step = windowing.slide() == windowing.size() ? slots : 1;
        this.lateSlots = (int) Math.min(1_000_000, (windowing.lateness() + windowing.slide() - 1) / windowing.slide());
        this.ring = windowing.kind() == Windowing.Kind.CUMULATIVE ? 1 : slots + lateSlots + b.retainWindows * step;
    }

    /**
     * Starts a builder over the declared groups of items.
     *
     * @param groups the group names, in code order (distinct)
     * @return the builder
     * @throws IllegalArgumentException if there are no groups or a name repeats
     */
    public static Builder builder(List<String> groups) {
        return new Builder(groups);
    }

    /**
     * Returns the declared groups; a group's code is its position here.
     *
     * @return the group names
     */
    public List<String> groups() {
        return groups;
    }

    /**
     * Returns the windowing (count windows count slates).
     *
     * @return the windowing
     */
    public Windowing windowing() {
        return windowing;
    }

    /**
     * Records one slate shown: the group of the item at each position and the position weights.
     *
     * @param groupCodes the group code of the item at rank 1, 2, ... ({@code groupCodes[0]} is rank 1)
     * @param n the slate length, at least 1
     * @param weights the position weights w(1)..w(n), each in [0, 1]
     * @param time the slate's event time in milliseconds since the epoch (used by event-time
     *     windows; the others ignore it)
     * @return whether the slate was counted in a window (false when it came too late)
     * @throws IllegalArgumentException if the slate is empty, a code is not declared or a weight is
     *     outside [0, 1]; nothing is counted then
     */
    public boolean record(int[] groupCodes, int n, double[] weights, long time) {
        if (n < 1 || groupCodes.length < n || weights.length < n) {
            throw new IllegalArgumentException("a slate needs 1 to " + Math.min(groupCodes.length, weights.length)
                    + " positions, got " + n);
        }
        for (int i = 0; i < n; i++) {
            if (groupCodes[i] < 0 || groupCodes[i] >= groups.size()) {
                throw new IllegalArgumentException("group code " + groupCodes[i] + " at rank " + (i + 1)
                        + " is not one of the " + groups.size() + " declared groups");
            }
            if (!(weights[i] >= 0 && weights[i] <= 1)) {
                throw new IllegalArgumentException("position weight at rank " + (i + 1) + " must be in [0, 1], got "
                        + weights[i]);
            }
        }
        Ring r = local.get();
        long s = epochOf(time);
        long w = watermark.get();
        if (s > w) {
            watermark.accumulateAndGet(s, Math::max);
        } else if (s < w - (windowing.kind() == Windowing.Kind.COUNT ? ring - 1 : lateSlots)) {
            late.incrementAndGet();
            return false;
        }
        int i = (int) Math.floorMod(s, (long) ring);
        synchronized (r) {
            if (r.epochs[i] != s) {
                r.epochs[i] = s;
                r.tables[i] = fresh();
            }
            r.tables[i].record(groupCodes, n, weights, null);
        }
        return true;
    }

    private ExposureTable fresh() {
        ExposureTable t = ExposureTable.empty();
        for (String g : groups) {
            t.code(g);
        }
        return t;
    }

    /**
     * Returns the newest sub-window seen, or {@link Long#MIN_VALUE} before the first slate.
     *
     * @return the sub-window number
     */
    public long watermark() {
        return watermark.get();
    }

    /**
     * Returns the number of the window that holds the newest sub-window (0 before the first slate).
     *
     * @return the window number
     */
    public long currentWindow() {
        long w = watermark.get();
        return w == Long.MIN_VALUE ? 0 : Math.floorDiv(w - slots + step, step);
    }

    /**
     * Returns the number of the newest closed window (no slate can enter it any more), or
     * {@link Long#MIN_VALUE} if none is closed yet; a cumulative table never closes.
     *
     * @return the window number, or {@link Long#MIN_VALUE}
     */
    public long lastClosedWindow() {
        long w = watermark.get();
        if (w == Long.MIN_VALUE || windowing.kind() == Windowing.Kind.CUMULATIVE) {
            return Long.MIN_VALUE;
        }
        return Math.floorDiv(w - lateSlots - slots, step);
    }

    /**
     * Returns the number of slates that came too late for any window.
     *
     * @return the count
     */
    public long lateSlates() {
        return late.get();
    }

    /**
     * Reads the window that holds the newest sub-window (everything, for cumulative windowing).
     *
     * @return a new table that later slates do not change
     */
    public ExposureTable snapshot() {
        return window(currentWindow());
    }

    /**
     * Reads the newest closed window.
     *
     * @return a new table, or {@code null} when no window has closed
     */
    public ExposureTable lastClosed() {
        long c = lastClosedWindow();
        return c == Long.MIN_VALUE ? null : window(c);
    }

    /**
     * Reads one window by number.
     *
     * @param index the window number
     * @return a new table that later slates do not change
     * @throws IllegalArgumentException if some of its sub-windows have left the ring or lie beyond
     *     the newest
     */
    public ExposureTable window(long index) {
        long first = index * step;
        long last = first + slots - 1;
        long w = watermark.get();
        if (w != Long.MIN_VALUE && (first < w - (ring - 1) || first > w)) {
            throw new IllegalArgumentException("window " + index + " is not retained: sub-windows " + (w - ring + 1)
                    + " to " + w + " are");
        }
        ExposureTable sum = fresh();
        if (w == Long.MIN_VALUE) {
            return sum;
        }
        for (Ring r : rings) {
            synchronized (r) {
                for (long e = Math.max(first, w - ring + 1); e <= Math.min(last, w); e++) {
                    int i = (int) Math.floorMod(e, (long) ring);
                    if (r.epochs[i] == e) {
                        sum = sum.merge(r.tables[i]);
                    }
                }
            }
        }
        return sum;
    }

    /** The start of window {@code index} (milliseconds or slate number; 0 for cumulative). */
    long start(long index) {
        return windowing.kind() == Windowing.Kind.CUMULATIVE ? 0 : index * step * windowing.slide();
    }

    /** The end of window {@code index}, exclusive. */
    long end(long index) {
        return windowing.kind() == Windowing.Kind.CUMULATIVE ? Long.MAX_VALUE
                : (index * step + slots) * windowing.slide();
    }

    private long epochOf(long time) {
        return switch (windowing.kind()) {
            case CUMULATIVE -> 0;
            case TIME -> Math.floorDiv(time, windowing.slide());
            case COUNT -> sequence.getAndIncrement() / windowing.slide();
        };
    }

    private synchronized Ring register() {
        Ring r = new Ring(ring);
        Ring[] now = Arrays.copyOf(rings, rings.length + 1);
        now[now.length - 1] = r;
        rings = now;
        return r;
    }

    /** One thread's sub-window tables; guarded by its own monitor. */
    private static final class Ring {
        final long[] epochs;
        final ExposureTable[] tables;

        Ring(int size) {
            epochs = new long[size];
            Arrays.fill(epochs, Long.MIN_VALUE);
            tables = new ExposureTable[size];
        }
    }

    /**
     * Builds {@link LiveExposure}. Defaults: cumulative, one past window retained beyond the
     * current one.
     *
     * <p>Not thread-safe; the built accumulator is.
     */
    public static final class Builder {
        private final List<String> groups;
        private Windowing windowing = Windowing.cumulative();
        private int retainWindows = 1;

        private Builder(List<String> groups) {
            Objects.requireNonNull(groups, "groups");
            if (groups.isEmpty()) {
                throw new IllegalArgumentException("declare at least one group of items");
            }
            List<String> copy = new ArrayList<>(groups.size());
            for (String g : groups) {
                if (copy.contains(Objects.requireNonNull(g, "group"))) {
                    throw new IllegalArgumentException("group '" + g + "' is declared twice");
                }
                copy.add(g);
            }
            this.groups = List.copyOf(copy);
        }

        /**
         * Sets the windowing; count windows count slates.
         *
         * @param windowing the windowing
         * @return this builder
         */
        public Builder windowing(Windowing windowing) {
            this.windowing = Objects.requireNonNull(windowing, "windowing");
            return this;
        }

        /**
         * Sets how many past windows stay readable beyond the current one.
         *
         * @param windows at least 1
         * @return this builder
         * @throws IllegalArgumentException if under 1
         */
        public Builder retainWindows(int windows) {
            if (windows < 1) {
                throw new IllegalArgumentException("retainWindows must be >= 1, got " + windows);
            }
            this.retainWindows = windows;
            return this;
        }

        /**
         * Builds the accumulator.
         *
         * @return the live exposure
         */
        public LiveExposure build() {
            return new LiveExposure(this);
        }
    }
}
