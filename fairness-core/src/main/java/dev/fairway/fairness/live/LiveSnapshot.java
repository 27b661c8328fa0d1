package dev.fairway.fairness.live;

import dev.fairway.fairness.ConfusionCounts;
import java.util.Objects;

/**
 * What {@link LiveCounts} had counted in one window (or one sub-window) when it was read.
 *
 * <p>Two tables over the same groups: {@link #decisions()} counts every decision, each as if its
 * label were negative (true negatives are predicted negatives, false positives predicted
 * positives), so only {@code count} and {@code selection_rate} and their disparities are meaningful
 * on it; {@link #labelled()} counts the decisions whose outcome has arrived, in their true cells,
 * for every label-based rate. The counters after them are those of the whole accumulator at the
 * time of reading (not of this window): decisions still waiting for a label, those evicted while
 * waiting, labels that matched no waiting decision, decisions refused as later than the allowed
 * lateness, and labels whose decision's sub-window had already left the ring.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start the window's first instant (milliseconds since the epoch for event-time windows, the
 *     number of the first decision for count windows, 0 for cumulative)
 * @param end the window's end, exclusive, in the same unit
 * @param decisions every decision, by prediction (label cells meaningless)
 * @param labelled the decisions with an outcome, in their true cells
 * @param pending decisions waiting for a label
 * @param evictedBySize waiting decisions pushed out by newer ones (their labels will not count)
 * @param evictedByAge waiting decisions older than the maximum age
 * @param unmatchedLabels labels whose id matched no waiting decision (never recorded, already
 *     labelled, or evicted)
 * @param lateDecisions decisions older than the allowed lateness, counted in no window
 * @param expiredLabels labels whose decision's sub-window had left the ring
 */
public record LiveSnapshot(long start, long end, ConfusionCounts decisions, ConfusionCounts labelled, long pending,
        long evictedBySize, long evictedByAge, long unmatchedLabels, long lateDecisions, long expiredLabels) {

    /**
     * Validates the parts.
     *
     * @param start the start
     * @param end the end
     * @param decisions every decision
     * @param labelled labelled decisions
     * @param pending waiting decisions
     * @param evictedBySize evicted by size
     * @param evictedByAge evicted by age
     * @param unmatchedLabels unmatched labels
     * @param lateDecisions late decisions
     * @param expiredLabels expired labels
     * @throws IllegalArgumentException if the tables' groups differ or a counter is negative
     */
    public LiveSnapshot {
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(labelled, "labelled");
        if (!decisions.groups().equals(labelled.groups())) {
            throw new IllegalArgumentException("decisions and labelled tables must have the same groups");
        }
        if (pending < 0 || evictedBySize < 0 || evictedByAge < 0 || unmatchedLabels < 0 || lateDecisions < 0
                || expiredLabels < 0) {
            throw new IllegalArgumentException("counters must be >= 0");
        }
    }

    /**
     * Returns the number of decisions in the window.
     *
     * @return the count
     */
    public long decisionCount() {
        return decisions.rows();
    }

    /**
     * Adds another snapshot, such as the same window read from another instance: tables merge with
     * {@link ConfusionCounts#merge(ConfusionCounts)}, counters add, and the bounds become the
     * smallest start and the largest end.
     *
     * @param other the other snapshot
     * @return the sum
     * @throws IllegalArgumentException if the tables' sensitive columns differ
     */
    public LiveSnapshot merge(LiveSnapshot other) {
        Objects.requireNonNull(other, "other");
        return new LiveSnapshot(Math.min(start, other.start), Math.max(end, other.end),
                decisions.merge(other.decisions), labelled.merge(other.labelled), pending + other.pending,
                evictedBySize + other.evictedBySize, evictedByAge + other.evictedByAge,
                unmatchedLabels + other.unmatchedLabels, lateDecisions + other.lateDecisions,
                expiredLabels + other.expiredLabels);
    }
}
