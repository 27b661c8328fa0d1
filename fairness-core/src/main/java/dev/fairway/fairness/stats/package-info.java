/**
 * How sure an audit is: confidence intervals for group rates and for every disparity, hypothesis
 * tests of group differences, and the coverage those intervals achieve.
 *
 * <p>Start with {@link dev.fairway.fairness.stats.RateIntervals} for Wilson and Clopper-Pearson
 * intervals of one group's rate, {@link dev.fairway.fairness.stats.Bootstrap} for percentile and
 * BCa intervals of any statistic of a {@link dev.fairway.fairness.FairnessAudit} (resampling the
 * count table, never the rows), and {@link dev.fairway.fairness.stats.GroupTests} for chi-square,
 * G, Fisher's exact and two-proportion z-tests with Holm's correction.
 */
package dev.fairway.fairness.stats;
