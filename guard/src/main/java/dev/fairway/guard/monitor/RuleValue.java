package dev.fairway.guard.monitor;

import dev.fairway.fairness.ConfusionCounts;
import java.util.Objects;

/**
 * One rule's value in one window, with its interval.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the rule as written
 * @param value the windowed value as {@link dev.fairway.fairness.gate.AuditGate} computes it over the
 *     groups with enough support ({@code NaN} when undefined)
 * @param lower the interval's lower end ({@code NaN} when undefined)
 * @param upper the interval's upper end ({@code NaN} when undefined)
 * @param tripped whether the interval lies wholly past the threshold
 * @param undefinedReason why the value is undefined, or {@code null}
 * @param counts the per-group counts the value was computed from (groups with enough support)
 */
public record RuleValue(String rule, double value, double lower, double upper, boolean tripped,
        String undefinedReason, ConfusionCounts counts) {
    /**
     * Validates the parts.
     *
     * @param rule the rule
     * @param value the value
     * @param lower the lower end
     * @param upper the upper end
     * @param tripped whether it tripped
     * @param undefinedReason the reason, or {@code null}
     * @param counts the counts
     */
    public RuleValue {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(counts, "counts");
    }
}
