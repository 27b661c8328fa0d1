/**
 * Data minimisation: which catalogue features a model really uses, for which purposes and data
 * categories, and which carry so little of its attributions that they are candidates to drop.
 *
 * <p>Start from {@link dev.fairway.explain.minimisation.MinimisationReport}.
 */
package dev.fairway.explain.minimisation;
