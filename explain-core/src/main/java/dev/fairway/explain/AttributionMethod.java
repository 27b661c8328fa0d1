package dev.fairway.explain;

/**
 * How an attribution was computed, as {@link Provenance#method()} records it: one of the four
 * Shapley estimators ({@link ShapleyMethod}), LIME, or one of the two exact tree methods.
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum AttributionMethod {
    /** Shapley values by enumerating every coalition ({@link ShapleyMethod#EXACT}). */
    EXACT,
    /** The closed form of a linear model ({@link ShapleyMethod#LINEAR}). */
    LINEAR,
    /** Antithetic permutation sampling ({@link ShapleyMethod#PERMUTATION}). */
    PERMUTATION,
    /** KernelSHAP ({@link ShapleyMethod#KERNEL}). */
    KERNEL,
    /** LIME ({@link LimeExplainer}): a locally weighted ridge surrogate; not a Shapley value. */
    LIME,
    /**
     * Exact path-dependent TreeSHAP of a tree ensemble (explain-trees): Shapley values of the game
     * whose absent features are integrated out with the trees' training covers.
     */
    TREE_PATH_DEPENDENT,
    /**
     * Exact interventional TreeSHAP of a tree ensemble against a background (explain-trees): the
     * same game as {@link #EXACT}, computed from the trees' structure.
     */
    TREE_INTERVENTIONAL;

    /**
     * Returns the lower-case name used in JSON and on the command line.
     *
     * @return for example {@code "exact"}
     */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
