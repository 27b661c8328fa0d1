package dev.fairway.fairness.ranking;

import java.util.Objects;

/**
 * FA*IR's ranked group fairness test and re-ranker over a ranking given in score order.
 *
 * <p>Both take the protected flag of each candidate in its current rank order (index 0 = rank 1),
 * which is the order of decreasing score, so the two score-sorted queues of the FA*IR algorithm are
 * the protected and the non-protected candidates in that order. All methods are static, allocate
 * only their result, and are thread-safe.
 */
public final class FairRanking {
    private FairRanking() {
    }

    /**
     * The outcome of the ranked group fairness test.
     *
     * @param k the length of the top tested
     * @param passed whether every prefix 1..k holds at least m(i) protected items
     * @param firstViolation the first 1-based position i with fewer than m(i), or 0 when passed
     */
    public record Result(int k, boolean passed, int firstViolation) {
        /**
         * Builds a result.
         *
         * @param k the length tested
         * @param passed whether it passed
         * @param firstViolation the first violated position, or 0
         * @return the result
         */
        public static Result of(int k, boolean passed, int firstViolation) {
            return new Result(k, passed, firstViolation);
        }
    }

    /**
     * Tests the top min(n, table.k()) of a ranking against the table.
     *
     * @param protectedByRank whether the item at rank i+1 is protected
     * @param n the ranking length (at least 1)
     * @param table the FA*IR table
     * @return the result
     * @throws IllegalArgumentException if n is less than 1 or larger than the array
     */
    public static Result test(boolean[] protectedByRank, int n, FairTable table) {
        Objects.requireNonNull(protectedByRank, "protectedByRank");
        Objects.requireNonNull(table, "table");
        if (n < 1 || n > protectedByRank.length) {
            throw new IllegalArgumentException("ranking length " + n + " outside 1.." + protectedByRank.length);
        }
        int k = Math.min(n, table.k());
        int seen = 0;
        for (int i = 1; i <= k; i++) {
            if (protectedByRank[i - 1]) {
                seen++;
            }
            if (seen < table.m(i)) {
                return new Result(k, false, i);
            }
        }
        return new Result(k, true, 0);
    }

    /**
     * The FA*IR re-ranking: the top min(n, table.k()) built position by position; at position i,
     * if fewer than m(i) protected items are placed, the best remaining protected item is taken,
     * otherwise the better (earlier) of the two queue heads. When protected candidates run out,
     * the table cannot be met and the remaining positions take non-protected items in order
     * ({@link #test} on the result then reports the violation).
     *
     * @param protectedByRank the protected flag of each candidate in score order
     * @param n the number of candidates (at least 1)
     * @param table the FA*IR table
     * @return the original 0-based indices of the chosen items, in their new rank order
     * @throws IllegalArgumentException if n is less than 1 or larger than the array
     */
    public static int[] rerank(boolean[] protectedByRank, int n, FairTable table) {
        Objects.requireNonNull(protectedByRank, "protectedByRank");
        Objects.requireNonNull(table, "table");
        if (n < 1 || n > protectedByRank.length) {
            throw new IllegalArgumentException("ranking length " + n + " outside 1.." + protectedByRank.length);
        }
        int k = Math.min(n, table.k());
        int[] out = new int[k];
        int nextP = next(protectedByRank, n, 0, true);
        int nextN = next(protectedByRank, n, 0, false);
        int placedProtected = 0;
        for (int i = 1; i <= k; i++) {
            boolean takeProtected;
            if (nextP >= n) {
                takeProtected = false;
            } else if (nextN >= n || placedProtected < table.m(i)) {
                takeProtected = true;
            } else {
                takeProtected = nextP < nextN;
            }
            if (takeProtected) {
                out[i - 1] = nextP;
                placedProtected++;
                nextP = next(protectedByRank, n, nextP + 1, true);
            } else {
                out[i - 1] = nextN;
                nextN = next(protectedByRank, n, nextN + 1, false);
            }
        }
        return out;
    }

    private static int next(boolean[] flags, int n, int from, boolean value) {
        int i = from;
        while (i < n && flags[i] != value) {
            i++;
        }
        return i;
    }
}
