package dev.fairway.fairness.stats;

import dev.fairway.fairness.Group;

/**
 * One group's rate compared with the reference rows' rate by the two-proportion z-test.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group the compared group
 * @param successes the group's numerator count
 * @param trials the group's denominator count
 * @param referenceSuccesses the reference rows' numerator count
 * @param referenceTrials the reference rows' denominator count
 * @param z the z statistic, {@code (p - p_ref) / sqrt(q (1 - q) (1/n + 1/n_ref))} with the pooled
 *     rate {@code q}; {@code NaN} when undefined
 * @param pValue the two-sided p-value, {@code 2 (1 - Phi(|z|))}
 * @param holmPValue the p-value adjusted by Holm's step-down method over every compared group
 */
public record ProportionComparison(Group group, long successes, long trials, long referenceSuccesses,
        long referenceTrials, double z, double pValue, double holmPValue) {
}
