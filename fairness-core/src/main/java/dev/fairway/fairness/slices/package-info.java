/**
 * Slice finding: the conjunctions of feature values on which a model errs far more than on average
 * (SliceLine, Sagadeeva and Boehm, SIGMOD 2021), for intersectional breakdowns beyond the groups an
 * auditor thought of. Start from {@link dev.fairway.fairness.slices.SliceFinder}; features are
 * {@link dev.fairway.fairness.slices.SliceFeature}s and row errors come from
 * {@link dev.fairway.fairness.slices.SliceError}.
 */
package dev.fairway.fairness.slices;
