package dev.fairway.explain.trees;

import dev.fairway.io.JsonLimits;
import java.util.Objects;

/**
 * The bounds a tree model file must stay within before anything is built from it, so that an
 * untrusted file cannot exhaust memory or make an explanation arbitrarily slow: the JSON limits
 * (document size, nesting), the number of trees, the nodes of one tree, the nodes of all trees,
 * the depth of a tree and the number of features.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param json the limits of the JSON parser (document length, nesting depth, string and number length)
 * @param maxTrees the most trees
 * @param maxNodesPerTree the most nodes in one tree
 * @param maxTotalNodes the most nodes over all trees
 * @param maxDepth the deepest leaf (the root is at depth 0)
 * @param maxFeatures the most features
 */
public record TreeLimits(JsonLimits json, int maxTrees, int maxNodesPerTree, int maxTotalNodes, int maxDepth,
        int maxFeatures) {
    /** The defaults: {@link JsonLimits#DEFAULTS}, 10,000 trees, 65,535 nodes a tree, 4,000,000 nodes, depth 24, 10,000 features. */
    public static final TreeLimits DEFAULTS = new TreeLimits(JsonLimits.DEFAULTS, 10_000, 65_535, 4_000_000, 24, 10_000);

    /** The deepest tree any limit may allow; TreeSHAP's work per leaf grows with the square of depth. */
    public static final int MAX_DEPTH_CAP = 64;

    /**
     * Validates the record.
     *
     * @throws IllegalArgumentException if a count is not positive or the depth is above {@value #MAX_DEPTH_CAP}
     */
    public TreeLimits {
        Objects.requireNonNull(json, "json");
        positive(maxTrees, "maxTrees");
        positive(maxNodesPerTree, "maxNodesPerTree");
        positive(maxTotalNodes, "maxTotalNodes");
        positive(maxFeatures, "maxFeatures");
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_CAP) {
            throw new IllegalArgumentException("maxDepth must be in [1, " + MAX_DEPTH_CAP + "], was " + maxDepth);
        }
    }

    /**
     * Creates limits.
     *
     * @param json the JSON parser's limits
     * @param maxTrees the most trees
     * @param maxNodesPerTree the most nodes in one tree
     * @param maxTotalNodes the most nodes over all trees
     * @param maxDepth the deepest leaf, in {@code [1, 64]}
     * @param maxFeatures the most features
     * @return the limits
     * @throws IllegalArgumentException as the constructor
     */
    public static TreeLimits of(JsonLimits json, int maxTrees, int maxNodesPerTree, int maxTotalNodes, int maxDepth,
            int maxFeatures) {
        return new TreeLimits(json, maxTrees, maxNodesPerTree, maxTotalNodes, maxDepth, maxFeatures);
    }

    private static void positive(int v, String name) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + v);
        }
    }
}
