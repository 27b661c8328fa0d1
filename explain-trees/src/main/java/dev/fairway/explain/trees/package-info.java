/**
 * Tree ensembles and exact TreeSHAP. Open {@link dev.fairway.explain.trees.XgboostJson} first: it
 * reads a model saved by XGBoost's {@code Booster.save_model("m.json")} into a
 * {@link dev.fairway.explain.trees.TreeEnsemble}, bounded by
 * {@link dev.fairway.explain.trees.TreeLimits}; then explain rows with
 * {@link dev.fairway.explain.trees.TreeShapExplainer#builder(TreeEnsemble)}.
 */
package dev.fairway.explain.trees;
