package dev.fairway.guard.monitor;

import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.ranking.ExposureTable;
import java.util.Objects;

/**
 * One rule's value in one window, with its interval. A decision rule's value carries the per-group
 * {@link #counts()}; an exposure rule's ({@code exposure_ratio}, {@code exposure_difference}) the
 * window's {@link #exposure()} table. In a window of the other kind a rule is not evaluated: its
 * value is {@code NaN} and the reason says so.
 *
 * <p>Immutable and thread-safe (the exposure table is a snapshot nobody records into; do not
 * record into it).
 *
 * @param rule the rule as written
 * @param value the windowed value as {@link dev.fairway.fairness.gate.AuditGate} computes it over the
 *     groups with enough support ({@code NaN} when undefined)
 * @param lower the interval's lower end ({@code NaN} when undefined)
 * @param upper the interval's upper end ({@code NaN} when undefined)
 * @param tripped whether the interval lies wholly past the threshold
 * @param undefinedReason why the value is undefined, or {@code null}
 * @param counts the per-group counts the value was computed from (groups with enough support), or
 *     {@code null} for an exposure rule
 * @param exposure the window's exposure table (every group, also those left out for support), or
 *     {@code null} for a decision rule
 */
public record RuleValue(String rule, double value, double lower, double upper, boolean tripped,
        String undefinedReason, ConfusionCounts counts, ExposureTable exposure) {
    /**
     * Validates the parts.
     *
     * @param rule the rule
     * @param value the value
     * @param lower the lower end
     * @param upper the upper end
     * @param tripped whether it tripped
     * @param undefinedReason the reason, or {@code null}
     * @param counts the counts, or {@code null} for an exposure rule
     * @param exposure the exposure table, or {@code null} for a decision rule
     */
    public RuleValue {
        Objects.requireNonNull(rule, "rule");
    }
}
