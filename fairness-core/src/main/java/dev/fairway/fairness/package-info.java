/**
 * Group fairness metrics from confusion counts.
 *
 * <p>AuditData holds the columns (labels, predictions, optional
 * sample weights and sensitive features); one pass fills a mergeable
 * ConfusionCounts table; FairnessAudit
 * derives every metric, disparity and named criterion from that table.
 */
package dev.fairway.fairness;
