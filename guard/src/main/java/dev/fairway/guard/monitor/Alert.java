package dev.fairway.guard.monitor;

import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.ranking.ExposureTable;
import java.util.Objects;

/**
 * One state transition of a {@link FairnessMonitor}: what moved it, and the evidence.
 *
 * <p>Immutable and thread-safe. For an exposure rule the event index is the number of slates
 * seen, as given to {@link FairnessMonitor#check(LiveExposure, long, long)}.
 *
 * @param time the check's time (milliseconds since the epoch, as given to the monitor)
 * @param eventIndex the check's decision index, as given to {@link FairnessMonitor#check}: the 0-based
 *     index of the last decision counted when the check ran (a {@code Guard} passes that decision's id;
 *     {@link dev.fairway.guard.MonitorReplay} its position among the log's decisions). A timeline adds the event index,
 *     which counts outcomes too (see {@link MonitorTimeline})
 * @param from the state before
 * @param to the state after
 * @param rule the rule that tripped or cleared, or {@code "resume()"} for an explicit resume
 * @param value the rule's windowed value ({@code NaN} for a resume)
 * @param lower the interval's lower end ({@code NaN} for a resume)
 * @param upper the interval's upper end ({@code NaN} for a resume)
 * @param windowStart the window's start ({@code 0} for a resume)
 * @param windowEnd the window's end, exclusive ({@code 0} for a resume)
 * @param counts the per-group counts behind the value, or {@code null} for a resume or an exposure rule
 * @param exposure the exposure table behind an exposure rule's value (a snapshot nobody records
 *     into), or {@code null}
 */
public record Alert(long time, long eventIndex, MonitorState from, MonitorState to, String rule, double value,
        double lower, double upper, long windowStart, long windowEnd, ConfusionCounts counts, ExposureTable exposure) {
    /**
     * Validates the parts.
     *
     * @param time the time
     * @param eventIndex the event index
     * @param from the state before
     * @param to the state after
     * @param rule the rule
     * @param value the value
     * @param lower the lower end
     * @param upper the upper end
     * @param windowStart the window start
     * @param windowEnd the window end
     * @param counts the counts, or {@code null} for a resume or an exposure rule
     * @param exposure the exposure table, or {@code null}
     */
    public Alert {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rule, "rule");
    }
}
