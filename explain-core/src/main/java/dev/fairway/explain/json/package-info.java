/**
 * The JSON files of explanations: the {@code fairway-explanation/v1} document, and the files an
 * explanation reads (reason catalogues, model files, instance files, recourse-action files), each
 * read under stated size and nesting limits.
 *
 * <p>Start from {@link dev.fairway.explain.json.ExplanationJson}; a service loads the files the CLI
 * reads with {@link dev.fairway.explain.json.ModelFile} and {@link dev.fairway.explain.json.RecourseFile}.
 */
package dev.fairway.explain.json;
