/**
 * Reports: the audit reports Fairway renders as JSON, text and HTML, composed from sections, and
 * what every HTML report shares.
 *
 * <p>Start from {@link dev.fairway.fairness.report.AuditReport}, the report of a
 * {@link dev.fairway.fairness.FairnessAudit}. A report is the audit's own content followed by its
 * {@link dev.fairway.fairness.report.ReportSection}s in order (its intervals, a privacy release's,
 * a score column's), each of which contributes to the JSON, the text and the HTML alike through
 * {@link dev.fairway.fairness.report.JsonObject}; nothing is rendered twice or re-parsed.
 * {@link dev.fairway.fairness.report.HtmlKit} is the one style sheet and escaping every HTML page uses.
 */
package dev.fairway.fairness.report;
