/**
 * Group fairness metrics from confusion counts: data, then counts, then the audit.
 *
 * <p>Start with {@link dev.fairway.fairness.AuditData}, which holds the columns (labels,
 * predictions, optional sample weights and sensitive features); one pass fills a mergeable
 * {@link dev.fairway.fairness.ConfusionCounts} table; {@link dev.fairway.fairness.FairnessAudit}
 * derives every metric, disparity and named criterion from that table. Reports of an audit (JSON,
 * text, HTML) are in {@link dev.fairway.fairness.report}, starting with
 * {@link dev.fairway.fairness.report.AuditReport}; intervals and tests are in
 * {@link dev.fairway.fairness.stats}, and rules over a report in {@link dev.fairway.fairness.gate}.
 * This package depends on none of them.
 */
package dev.fairway.fairness;
