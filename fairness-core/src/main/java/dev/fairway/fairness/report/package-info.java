/**
 * Reports: the audit reports Fairway renders as JSON, text and HTML, composed from sections, and
 * what every HTML report shares. Start from {@link dev.fairway.fairness.report.HtmlKit}, the one
 * style sheet and escaping every HTML page uses.
 */
package dev.fairway.fairness.report;
