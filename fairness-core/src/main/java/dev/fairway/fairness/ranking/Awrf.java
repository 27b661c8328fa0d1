package dev.fairway.fairness.ranking;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Attention-weighted rank fairness of one ranking (TREC Fair Ranking 2022, Task 1), with the
 * track's nDCG and their product.
 *
 * <p>With the track's discount d(i) = 1 / log2(max(i, 2)) (ranks 1 and 2 both weigh 1), the
 * ranking's group distribution is a(g) = Σ<sub>i ∈ g</sub> d(i) / Σ<sub>i</sub> d(i); AWRF = 1 −
 * JSD(a, t), the Jensen-Shannon divergence in nats against the query's target distribution t
 * (both normalised to sum 1). nDCG uses binary utility (item relevant or not) and the same
 * discount, with an ideal ranking of min(target length, relevant items) relevant items. The
 * reference computes the discount in float32; Fairway computes everything in float64, so values
 * differ from the reference's by up to about 1e-7. Items are one group each here (the track's
 * alignment vectors are one-hot).
 *
 * <p>Stateless and thread-safe.
 */
public final class Awrf {
    private Awrf() {
    }

    /**
     * The figures of one ranking.
     *
     * @param awrf 1 − JSD(ranking distribution, target), in [1 − ln 2, 1]
     * @param ndcg the track's binary nDCG
     * @param score awrf × ndcg
     */
    public record Result(double awrf, double ndcg, double score) {
        /**
         * Builds a result.
         *
         * @param awrf the AWRF
         * @param ndcg the nDCG
         * @param score the product
         * @return the result
         */
        public static Result of(double awrf, double ndcg, double score) {
            return new Result(awrf, ndcg, score);
        }
    }

    /**
     * The track's discount 1 / log2(max(i, 2)).
     *
     * @param rank the 1-based rank
     * @return the discount
     */
    public static double discount(int rank) {
        return 1 / (Math.log(Math.max(rank, 2)) / Math.log(2));
    }

    /**
     * Scores one ranking.
     *
     * @param groupsByRank the group of the item at each rank
     * @param relevantByRank whether the item at each rank is relevant
     * @param relevantCount the number of relevant items for the query
     * @param target the target distribution over groups (non-negative weights, normalised here); a
     *     group of the ranking missing from the target has target 0
     * @param targetLength the track's maximum ranking length (500 in 2022)
     * @return AWRF, nDCG and their product
     * @throws IllegalArgumentException on an empty ranking, arrays of different lengths, a negative
     *     or all-zero target, or a ranking longer than the target length
     */
    public static Result of(String[] groupsByRank, boolean[] relevantByRank, int relevantCount,
            Map<String, Double> target, int targetLength) {
        Objects.requireNonNull(groupsByRank, "groupsByRank");
        Objects.requireNonNull(relevantByRank, "relevantByRank");
        Objects.requireNonNull(target, "target");
        int n = groupsByRank.length;
        if (n == 0 || relevantByRank.length != n) {
            throw new IllegalArgumentException("a ranking needs at least one item and one relevance flag per item");
        }
        if (n > targetLength) {
            throw new IllegalArgumentException("ranking of " + n + " items is longer than the target length " + targetLength);
        }
        Map<String, Double> a = new TreeMap<>();
        double total = 0;
        double dcg = 0;
        for (int i = 0; i < n; i++) {
            double d = discount(i + 1);
            a.merge(groupsByRank[i], d, Double::sum);
            total += d;
            if (relevantByRank[i]) {
                dcg += d;
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(targetLength, relevantCount); i++) {
            ideal += discount(i + 1);
        }
        double tTotal = 0;
        for (Map.Entry<String, Double> e : target.entrySet()) {
            if (!(e.getValue() >= 0 && e.getValue() < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("target of group '" + e.getKey() + "' must be finite and >= 0");
            }
            tTotal += e.getValue();
        }
        if (!(tTotal > 0)) {
            throw new IllegalArgumentException("the target distribution is all zero");
        }
        Map<String, double[]> both = new TreeMap<>();
        for (Map.Entry<String, Double> e : a.entrySet()) {
            both.computeIfAbsent(e.getKey(), k -> new double[2])[0] = e.getValue() / total;
        }
        for (Map.Entry<String, Double> e : target.entrySet()) {
            both.computeIfAbsent(e.getKey(), k -> new double[2])[1] = e.getValue() / tTotal;
        }
        double jsd = 0;
        for (double[] pq : both.values()) {
            double m = (pq[0] + pq[1]) / 2;
            if (pq[0] > 0) {
                jsd += 0.5 * pq[0] * Math.log(pq[0] / m);
            }
            if (pq[1] > 0) {
                jsd += 0.5 * pq[1] * Math.log(pq[1] / m);
            }
        }
        double awrf = 1 - jsd;
        double ndcg = ideal > 0 ? dcg / ideal : Double.NaN;
        return new Result(awrf, ndcg, awrf * ndcg);
    }
}
