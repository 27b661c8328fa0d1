package dev.fairway.guard.monitor;

import java.util.List;

/**
 * A closed window and every rule's value in it: a window of decision counts, or of exposure (then
 * only the exposure rules are evaluated, and the others' values are {@code NaN} with a reason).
 *
 * <p>Immutable and thread-safe.
 *
 * @param index the window's number (see {@link dev.fairway.fairness.live.LiveCounts#currentWindow()})
 * @param start the window's start (event-time milliseconds or decision number)
 * @param end the window's end, exclusive
 * @param decisions the decisions counted in it (for a {@link LiveExposure} window: the slates)
 * @param values each rule's value, in the monitor's rule order
 */
public record WindowResult(long index, long start, long end, long decisions, List<RuleValue> values) {
    /**
     * Copies the values.
     *
     * @param index the number
     * @param start the start
     * @param end the end
     * @param decisions the decisions
     * @param values the values
     */
    public WindowResult {
        values = List.copyOf(values);
    }
}
