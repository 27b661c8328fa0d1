package dev.fairway.fairness.assertions;

import dev.fairway.fairness.FairnessAudit;

/**
 * The entry point of the fairness assertions.
 *
 * <pre>{@code
 * import static dev.fairway.fairness.assertions.FairnessAssertions.assertThat;
 *
 * assertThat(audit).demographicParityDifference().isAtMost(0.1);
 * assertThat(audit).group("sex", "female").truePositiveRate().isAtLeast(0.7);
 * assertThat(audit).equalizedOddsDifference(WORST_CASE).isAtMost(0.05);
 * assertThat(audit).passes("demographic_parity_ratio >= 0.8");
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class FairnessAssertions {
    private FairnessAssertions() {
    }

    /**
     * Starts assertions on an audit: disparities between groups, every group counted, undefined
     * values failing.
     *
     * @param audit the audit
     * @return the assertions
     * @throws NullPointerException if the audit is null
     */
    public static AuditAssert assertThat(FairnessAudit audit) {
        return AuditAssert.of(audit);
    }
}
