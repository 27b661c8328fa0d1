/**
 * Attributions (exact and sampled Shapley, LIME), reason codes, recourse and explanations of
 * ranked lists.
 */
package dev.fairway.explain;
