package dev.fairway.fairness.report;

import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.stats.AuditIntervals;
import java.util.List;
import java.util.function.Predicate;

/**
 * The intervals and tests of an {@link AuditReport} as a section: {@code "ci"} beside each group's
 * metrics, {@code "disparities_ci"}, {@code "intervals"} and {@code "tests"} in the JSON, and the
 * interval block of the text. (The HTML report draws the same intervals into its charts and tables.)
 * Immutable; the intervals are computed once per rendering.
 */
final class IntervalSection implements ReportSection {
    private final FairnessAudit audit;
    private final Predicate<Group> reference;
    private final AuditIntervals options;
    private final List<Metric> rates;

    IntervalSection(FairnessAudit audit, Predicate<Group> reference, AuditIntervals options, List<Metric> rates) {
        this.audit = audit;
        this.reference = reference;
        this.options = options;
        this.rates = rates;
    }

    @Override
    public void writeJson(JsonObject root) {
        ReportIntervals.writeJson(root.node(), audit, reference, options, rates);
    }

    @Override
    public String text() {
        return ReportIntervals.text(audit, reference, options, rates);
    }
}
