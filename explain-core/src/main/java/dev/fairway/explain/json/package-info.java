/**
 * The JSON files of explanations: the {@code fairway-explanation/v1} document, and the reason
 * catalogue files an explanation reads.
 *
 * <p>Start from {@link dev.fairway.explain.json.ExplanationJson}.
 */
package dev.fairway.explain.json;
