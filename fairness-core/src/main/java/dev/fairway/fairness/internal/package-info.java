/**
 * Module-internal helpers shared by Fairway's reports (not exported): start from
 * {@link dev.fairway.fairness.internal.HtmlKit}, the HTML reports' style sheet and escaping.
 */
package dev.fairway.fairness.internal;
