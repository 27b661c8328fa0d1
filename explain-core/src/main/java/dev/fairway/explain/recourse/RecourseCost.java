package dev.fairway.explain.recourse;

/**
 * How the cost of a counterfactual is measured, feature by feature, from the background.
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum RecourseCost {
    /**
     * {@code Σ_j |x'_j − x_j| / MAD_j}, the L1 distance with each feature scaled by its median
     * absolute deviation over the background (1 where the MAD is zero); categorical changes cost
     * 1 each.
     */
    MAD_L1,
    /**
     * {@code Σ_j |F_j(x'_j) − F_j(x_j)|}, how many percentiles of the background the feature moves
     * ({@code F_j} the empirical distribution function, mid-rank for ties); categorical changes
     * cost 1 each.
     */
    PERCENTILE_SHIFT
}
