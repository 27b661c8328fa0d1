package dev.fairway.fairness.live;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link LiveCounts} cuts decisions into windows: all decisions in one table, or tumbling and
 * sliding windows by event time or by count.
 *
 * <p>Every windowing is a ring of <em>sub-windows</em> of {@link #slide()} units (milliseconds of
 * event time, or decisions); a window is {@link #size()}{@code /}{@link #slide()} consecutive
 * sub-windows, merged on read. Tumbling windows have {@code slide == size}. Event-time windows
 * accept a decision whose sub-window is at most {@link #lateness()} behind the newest sub-window
 * seen (lateness is rounded up to whole sub-windows); later decisions are counted as late, never
 * silently lost. Count windows number decisions in arrival order, so they have no lateness.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind cumulative, by event time or by count
 * @param size window length (milliseconds or decisions; 1 for cumulative)
 * @param slide sub-window length, a divisor of {@code size}
 * @param lateness allowed lateness in milliseconds (0 for count and cumulative windows)
 */
public record Windowing(Kind kind, long size, long slide, long lateness) {

    /** What a window is measured in. */
    public enum Kind {
        /** One table of every decision since the start. */
        CUMULATIVE,
        /** Windows of event time, in milliseconds. */
        TIME,
        /** Windows of a number of decisions, in arrival order. */
        COUNT
    }

    /**
     * Validates the parts.
     *
     * @param kind the kind
     * @param size the window length
     * @param slide the sub-window length
     * @param lateness the allowed lateness
     * @throws IllegalArgumentException if a length is not positive, the slide does not divide the
     *     size, or a count or cumulative windowing has lateness
     */
    public Windowing {
        Objects.requireNonNull(kind, "kind");
        if (size <= 0 || slide <= 0) {
            throw new IllegalArgumentException("window size and slide must be positive, got " + size + " and " + slide);
        }
        if (size % slide != 0) {
            throw new IllegalArgumentException("the slide " + slide + " must divide the window size " + size);
        }
        if (size / slide > 10_000) {
            throw new IllegalArgumentException("a window may hold at most 10000 sub-windows, got " + size / slide);
        }
        if (lateness < 0 || (kind != Kind.TIME && lateness != 0)) {
            throw new IllegalArgumentException("lateness must be >= 0, and only event-time windows have it; got "
                    + lateness + " for " + kind);
        }
    }

    /**
     * One table of every decision, never reset.
     *
     * @return the windowing
     */
    public static Windowing cumulative() {
        return new Windowing(Kind.CUMULATIVE, 1, 1, 0);
    }

    /**
     * Tumbling windows of event time, aligned to the epoch.
     *
     * @param size the window length, at least 1 ms
     * @param lateness how far behind the newest event a decision may arrive and still count
     * @return the windowing
     * @throws IllegalArgumentException if the size is under 1 ms or the lateness negative
     */
    public static Windowing tumbling(Duration size, Duration lateness) {
        return sliding(size, size, lateness);
    }

    /**
     * Sliding windows of event time: a window of {@code size} ends at every multiple of
     * {@code slide} since the epoch.
     *
     * @param size the window length
     * @param slide the step, a divisor of the size
     * @param lateness how far behind the newest event a decision may arrive and still count
     * @return the windowing
     * @throws IllegalArgumentException if a length is under 1 ms, the slide does not divide the
     *     size or the lateness is negative
     */
    public static Windowing sliding(Duration size, Duration slide, Duration lateness) {
        return new Windowing(Kind.TIME, size.toMillis(), slide.toMillis(), lateness.toMillis());
    }

    /**
     * Tumbling windows of a number of decisions.
     *
     * @param decisions decisions per window
     * @return the windowing
     * @throws IllegalArgumentException if not positive
     */
    public static Windowing tumblingCount(long decisions) {
        return new Windowing(Kind.COUNT, decisions, decisions, 0);
    }

    /**
     * Sliding windows of a number of decisions.
     *
     * @param decisions decisions per window
     * @param slide the step, a divisor of {@code decisions}
     * @return the windowing
     * @throws IllegalArgumentException if not positive or the slide does not divide the size
     */
    public static Windowing slidingCount(long decisions, long slide) {
        return new Windowing(Kind.COUNT, decisions, slide, 0);
    }

    /** Sub-windows per window. */
    int slots() {
        return (int) (size / slide);
    }

    /** Sub-windows a window moves by: 1 when sliding, all of them when tumbling. */
    int step() {
        return slide == size ? slots() : 1;
    }

    /** Allowed lateness in sub-windows (rounded up). */
    int latenessSlots() {
        return (int) Math.min(1_000_000, (lateness + slide - 1) / slide);
    }
}
