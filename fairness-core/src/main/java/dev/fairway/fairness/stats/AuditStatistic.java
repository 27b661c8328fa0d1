package dev.fairway.fairness.stats;

import dev.fairway.fairness.FairnessAudit;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * A named number computed from an audit, such as one group's selection rate or the demographic
 * parity difference between groups: what {@link Bootstrap} puts an interval around.
 *
 * <pre>{@code
 * AuditStatistic dpd = AuditStatistic.of("demographic_parity_difference",
 *         a -> a.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS));
 * }</pre>
 *
 * <p>Immutable; thread-safe if the function is.
 *
 * @param name the statistic's name, used in reports
 * @param function computes the statistic ({@code NaN} when undefined)
 */
public record AuditStatistic(String name, ToDoubleFunction<FairnessAudit> function) {

    /**
     * Validates the parts.
     *
     * @param name the statistic's name
     * @param function computes the statistic
     */
    public AuditStatistic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
    }

    /**
     * Creates a statistic.
     *
     * @param name the statistic's name
     * @param function computes the statistic ({@code NaN} when undefined)
     * @return the statistic
     */
    public static AuditStatistic of(String name, ToDoubleFunction<FairnessAudit> function) {
        return new AuditStatistic(name, function);
    }

    /**
     * Evaluates the statistic.
     *
     * @param audit the audit
     * @return the value
     */
    public double of(FairnessAudit audit) {
        return function.applyAsDouble(audit);
    }
}
