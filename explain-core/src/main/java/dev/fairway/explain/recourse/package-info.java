/**
 * Recourse: what a person could change to get the other decision, within declared
 * {@link dev.fairway.explain.recourse.FeatureAction}s and at the least cost.
 *
 * <p>Start from {@link dev.fairway.explain.recourse.RecourseSearch#builder}; it answers with a
 * {@link dev.fairway.explain.recourse.RecourseResult} of sparse, diverse counterfactuals, or "no
 * feasible recourse".
 */
package dev.fairway.explain.recourse;
