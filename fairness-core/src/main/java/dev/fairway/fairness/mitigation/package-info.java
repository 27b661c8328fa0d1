/**
 * Fixing what an audit finds: post-processing with group-specific, possibly randomised thresholds
 * ({@link dev.fairway.fairness.mitigation.ThresholdOptimizer}, Fairlearn's semantics, giving a
 * serialisable {@link dev.fairway.fairness.mitigation.ThresholdPolicy}), pre-processing by
 * reweighing ({@link dev.fairway.fairness.mitigation.Reweighing}, Kamiran and Calders as in
 * AIF360) and reject-option classification
 * ({@link dev.fairway.fairness.mitigation.RejectOptionClassification}, as in AIF360).
 *
 * <p>Start with {@link dev.fairway.fairness.mitigation.ThresholdOptimizer}.
 */
package dev.fairway.fairness.mitigation;
