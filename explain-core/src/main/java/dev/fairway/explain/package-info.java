/**
 * Models and attributions: the {@link dev.fairway.explain.Model} contract (with
 * {@link dev.fairway.explain.LinearModel} and {@link dev.fairway.explain.LogisticModel}), the
 * {@link dev.fairway.explain.Background} absent features draw from, {@link dev.fairway.explain.Players},
 * and the explainers that attribute one prediction to them.
 *
 * <p>Start from {@link dev.fairway.explain.ShapleyExplainer#builder}; it returns an
 * {@link dev.fairway.explain.Attribution} with its {@link dev.fairway.explain.Provenance}.
 * {@link dev.fairway.explain.LimeExplainer} is there for parity, and
 * {@link dev.fairway.explain.ConsentFeatures} takes players and withheld features from consent-core.
 */
package dev.fairway.explain;
