/**
 * Explanations of ranked lists: why one item is above another, the margin to the slate's cut-off,
 * "why am I seeing this", and the main parameters of a recommender over many requests (DSA
 * Art. 27/38).
 *
 * <p>Start from {@link dev.fairway.explain.ranking.RankedListExplainer#builder}; aggregate
 * attributions over requests with {@link dev.fairway.explain.ranking.MainParameters}.
 */
package dev.fairway.explain.ranking;
