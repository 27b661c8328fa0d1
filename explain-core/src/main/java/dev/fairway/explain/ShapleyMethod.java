package dev.fairway.explain;

/**
 * Which Shapley estimator a {@link ShapleyExplainer} uses. LIME, which is not a Shapley value, is
 * {@link LimeExplainer}; both record how they worked as an {@link AttributionMethod}.
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum ShapleyMethod {
    /** Shapley values by enumerating every coalition of the players that differ from the background. */
    EXACT,
    /** The closed form {@code φ_i = w_i (x_i − E_B[x_i])} of a linear (or logit-linked logistic) model. */
    LINEAR,
    /** Antithetic permutation sampling, with per-player standard errors and a stop rule. */
    PERMUTATION,
    /** KernelSHAP: constrained weighted least squares over enumerated and sampled coalitions. */
    KERNEL;

    /**
     * Returns the lower-case name used in JSON and on the command line.
     *
     * @return for example {@code "exact"}
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Returns the method as a provenance records it.
     *
     * @return the attribution method of the same name
     */
    public AttributionMethod attributionMethod() {
        return AttributionMethod.valueOf(name());
    }
}
