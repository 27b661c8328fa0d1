package dev.fairway.cli;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.report.AuditReport;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;

/**
 * Options that a picocli {@code @Mixin} adds to {@code fairway audit} (confidence intervals,
 * differential privacy, ...), and the points where they take part in an audit. To add one: write
 * the mixin in its own file implementing this interface, declare it as a {@code @Mixin} field of
 * {@link AuditCommand} and list that field in {@link AuditCommand#extensions()}. Every method has a
 * do-nothing default; they are called in this order, each extension in list order.
 *
 * <p>An implementation throws {@link BadInputException} (exit code 2, one line on standard error) for
 * bad options or input. Implementations are used by one command run on one thread.
 */
interface AuditExtension {

    /** Checks the options before any data is read. */
    default void check() {
    }

    /**
     * Registers extra columns to read from the CSV (the one pass reads them with the others).
     *
     * @param csv the file's column reader, before {@code read()}
     */
    default void register(CsvColumns csv) {
    }

    /**
     * Adds to the audit data after the file is read.
     *
     * @param builder the data builder with labels, predictions, weights and groups set
     */
    default void build(AuditData.Builder builder) {
    }

    /**
     * Replaces the count table before it is audited (for instance with noisy counts).
     *
     * @param counts the table counted from the data
     * @param data the audit data
     * @return the table to audit
     */
    default ConfusionCounts counts(ConfusionCounts counts, AuditData data) {
        return counts;
    }

    /**
     * Adds to the report before it is rendered and gated.
     *
     * @param report the report so far
     * @param data the audit data
     * @param audit the audit
     * @return the report to render
     */
    default AuditReport report(AuditReport report, AuditData data, FairnessAudit audit) {
        return report;
    }
}
