package dev.fairway.fairness.ranking;

import java.util.Objects;

/**
 * Checks the ranks of one list and orders its rows by rank. Ranks are 1-based and must be exactly
 * 1..n, each once: a tie, a gap or a rank below 1 is an error that names the rank.
 *
 * <p>Stateless and thread-safe.
 */
public final class RankOrder {
    private RankOrder() {
    }

    /**
     * The row of each rank.
     *
     * @param ranks the rank of each row of the list
     * @param n the number of rows (at least 1)
     * @return {@code order[r - 1]} = the row holding rank r
     * @throws IllegalArgumentException on an empty list, a duplicate rank (naming both rows), or a
     *     rank outside 1..n
     */
    public static int[] of(int[] ranks, int n) {
        Objects.requireNonNull(ranks, "ranks");
        if (n < 1) {
            throw new IllegalArgumentException("a ranked list needs at least one item");
        }
        int[] order = new int[n];
        java.util.Arrays.fill(order, -1);
        for (int row = 0; row < n; row++) {
            int r = ranks[row];
            if (r < 1 || r > n) {
                throw new IllegalArgumentException("rank " + r + " at row " + row + " is outside 1.." + n
                        + " (ranks of a list of " + n + " items must be 1.." + n + ")");
            }
            if (order[r - 1] >= 0) {
                throw new IllegalArgumentException("duplicate rank " + r + " at rows " + order[r - 1] + " and " + row);
            }
            order[r - 1] = row;
        }
        return order;
    }
}
