/**
 * {@code fairway explain}: Shapley or LIME attributions of one decision, reason codes, a notice and
 * recourse, as a {@code fairway-explanation/v1} JSON document.
 *
 * <p>Start from {@link dev.fairway.cli.explain.ExplainCommand}.
 */
package dev.fairway.cli.explain;
