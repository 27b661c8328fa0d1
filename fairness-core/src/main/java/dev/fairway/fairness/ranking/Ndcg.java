package dev.fairway.fairness.ranking;

import java.util.Arrays;
import java.util.Objects;

/**
 * Normalised discounted cumulative gain with graded (linear) gains and the log2 discount:
 * DCG@k = Σ<sub>i=1..k</sub> rel(i) / log2(1 + i), and NDCG@k = DCG@k / IDCG@k, where the ideal
 * ranking sorts the given relevance values in decreasing order.
 *
 * <p>Stateless and thread-safe.
 */
public final class Ndcg {
    private Ndcg() {
    }

    /**
     * NDCG@k of a list.
     *
     * @param relevanceByRank the relevance of the items in rank order, each finite and &gt;= 0
     * @param n the list length
     * @param k the cut-off (at least 1); a list shorter than k is scored over its length
     * @param judged the relevance of every judged item of the query, for the ideal ranking; pass
     *     the list's own relevance when every judged item is in the list
     * @return NDCG@k in [0, 1], or NaN when the ideal DCG is 0 (no relevant item)
     * @throws IllegalArgumentException if k &lt; 1 or a relevance is negative or not finite
     */
    public static double ndcg(double[] relevanceByRank, int n, int k, double[] judged) {
        Objects.requireNonNull(relevanceByRank, "relevanceByRank");
        Objects.requireNonNull(judged, "judged");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        double dcg = dcg(relevanceByRank, Math.min(n, k));
        double[] ideal = judged.clone();
        Arrays.sort(ideal);
        for (int i = 0, j = ideal.length - 1; i < j; i++, j--) {
            double t = ideal[i];
            ideal[i] = ideal[j];
            ideal[j] = t;
        }
        double idcg = dcg(ideal, Math.min(ideal.length, k));
        return idcg > 0 ? dcg / idcg : Double.NaN;
    }

    private static double dcg(double[] rel, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double r = rel[i];
            if (!(r >= 0 && r < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("relevance at rank " + (i + 1) + " must be finite and >= 0, got " + r);
            }
            s += r / (Math.log(i + 2) / Math.log(2));
        }
        return s;
    }
}
