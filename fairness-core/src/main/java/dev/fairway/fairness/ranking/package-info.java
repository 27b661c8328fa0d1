/**
 * Fairness of ranked lists: who gets seen. Start with {@link dev.fairway.fairness.ranking.ExposureTable}
 * (per-group exposure under a {@link dev.fairway.fairness.ranking.BrowsingModel}, mergeable like
 * the confusion counts), then {@link dev.fairway.fairness.ranking.FairTable} and
 * {@link dev.fairway.fairness.ranking.FairRanking} for FA*IR tests and re-ranking,
 * {@link dev.fairway.fairness.ranking.PopularityBias} for item-side popularity bias and
 * {@link dev.fairway.fairness.ranking.ExpectedExposure} for stochastic rankings
 * ({@link dev.fairway.fairness.ranking.Awrf} for TREC 2022's attention-weighted rank fairness,
 * {@link dev.fairway.fairness.ranking.PrefixFairness} for the protected share of every top-i and
 * Yang &amp; Stoyanovich's rND, rKL and rRD).
 *
 * <p>Mergeable sums are kept in fixed point: each list's contribution is rounded once to a multiple
 * of 2<sup>-62</sup> and then added as integers, so merging is exact in any order and split. An
 * exposure table's versioned binary and JSON state forms carry those integers exactly
 * ({@code docs/state-format.md}).
 */
package dev.fairway.fairness.ranking;
