package dev.fairway.fairness;

import java.util.Objects;

/**
 * Per group and confusion cell, the sum of the sample weights and the sum of their squares: what
 * a weighted bootstrap from counts needs besides the {@link ConfusionCounts} (see
 * {@code dev.fairway.fairness.stats.Bootstrap}).
 *
 * <p>Arrays are indexed {@code 4 * group + cell.ordinal()}, like the count table. Sums are plain
 * sequential double sums in row order. Immutable and thread-safe.
 */
public final class CellMoments {
    private final GroupIndex groups;
    private final double[] sums;
    private final double[] squares;

    private CellMoments(GroupIndex groups, double[] sums, double[] squares) {
        this.groups = groups;
        this.sums = sums;
        this.squares = squares;
    }

    /**
     * Computes the moments of weighted data in one pass over the rows.
     *
     * @param data weighted audit data
     * @return the moments
     * @throws IllegalArgumentException if the data has no weights
     */
    public static CellMoments of(AuditData data) {
        Objects.requireNonNull(data, "data");
        if (!data.weighted()) {
            throw new IllegalArgumentException("weight moments need weighted data; " + data + " has no weights");
        }
        int n = 4 * data.groupIndex().size();
        double[] s = new double[n];
        double[] q = new double[n];
        byte[] cells = data.cells();
        int[] codes = data.groupCodes();
        double[] w = data.weightArray();
        for (int i = 0; i < cells.length; i++) {
            int j = 4 * codes[i] + cells[i];
            s[j] += w[i];
            q[j] += w[i] * w[i];
        }
        return new CellMoments(data.groupIndex(), s, q);
    }

    /**
     * Returns the groups.
     *
     * @return the group index
     */
    public GroupIndex groups() {
        return groups;
    }

    /**
     * Returns the sum of the weights of one group's cell.
     *
     * @param group the group code
     * @param cell the cell
     * @return the sum of weights
     */
    public double sum(int group, Cell cell) {
        return sums[slot(group, cell)];
    }

    /**
     * Returns the sum of the squared weights of one group's cell.
     *
     * @param group the group code
     * @param cell the cell
     * @return the sum of squared weights
     */
    public double sumOfSquares(int group, Cell cell) {
        return squares[slot(group, cell)];
    }

    private int slot(int group, Cell cell) {
        Objects.checkIndex(group, groups.size());
        return 4 * group + cell.ordinal();
    }
}
