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
 * <p>A snapshot has a versioned state format, binary ({@link #toBytes()}) and JSON
 * ({@link #toJson()}), so snapshots read on several instances can be shipped and merged exactly.
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
     * Writes this snapshot in the versioned binary state format ({@code docs/state-format.md}):
     * magic {@code FWLS}, format version, bounds and counters, the two tables as nested count-table
     * states ({@link ConfusionCounts#toBytes()}), and a CRC-32C. Snapshots of the same window read
     * on several instances can be shipped, read back equal, and {@link #merge merged} exactly.
     *
     * @return the bytes
     * @throws IllegalArgumentException if a table cannot be written (see
     *     {@link ConfusionCounts#toBytes()})
     */
    public byte[] toBytes() {
        return LiveSnapshotFormat.write(this);
    }

    /**
     * Reads a snapshot written by {@link #toBytes()} (any format version this library knows).
     *
     * @param bytes the bytes
     * @return the snapshot
     * @throws dev.fairway.fairness.StateFormatException if the bytes (or a nested table) are
     *     truncated, corrupted, of an unknown version or beyond a limit; the message and its
     *     {@code offset()} name the offset in these bytes
     */
    public static LiveSnapshot fromBytes(byte[] bytes) {
        return LiveSnapshotFormat.read(Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Writes this snapshot as JSON for people ({@code fairway-live-snapshot/v1}), with the two
     * tables as nested {@code fairway-counts/v1} documents.
     *
     * @return the JSON text
     * @throws IllegalArgumentException as {@link #toBytes()}
     */
    public String toJson() {
        return LiveSnapshotJson.write(this);
    }

    /**
     * Reads a snapshot written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the snapshot
     * @throws IllegalArgumentException if the text is not a valid {@code fairway-live-snapshot/v1}
     *     document; the message names the field
     */
    public static LiveSnapshot fromJson(String json) {
        return LiveSnapshotJson.read(Objects.requireNonNull(json, "json"));
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
