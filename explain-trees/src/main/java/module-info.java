/**
 * Fairway explain-trees: gradient-boosted tree ensembles read from XGBoost's JSON model format and
 * evaluated in pure Java ({@link dev.fairway.explain.trees.TreeEnsemble}, a
 * {@link dev.fairway.explain.Model}), and explained exactly by path-dependent and interventional
 * TreeSHAP ({@link dev.fairway.explain.trees.TreeShapExplainer}).
 *
 * <p>Start with {@link dev.fairway.explain.trees.XgboostJson#read(byte[], String)}.
 */
module dev.fairway.explain.trees {
    requires transitive dev.fairway.explain;
    requires transitive dev.fairway.io;
    requires tools.jackson.databind;

    exports dev.fairway.explain.trees;
}
