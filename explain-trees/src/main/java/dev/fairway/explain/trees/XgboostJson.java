package dev.fairway.explain.trees;

import dev.fairway.io.InputException;
import dev.fairway.io.InputPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads XGBoost's JSON model format, as {@code Booster.save_model("m.json")} writes it (XGBoost
 * 1.6 and later; checked against 1.7.4), into a {@link TreeEnsemble}.
 *
 * <p>Supported: the {@code gbtree} booster with numerical splits and the objectives of
 * {@link Objective}. Refused with an {@link InputException} naming the field: other boosters
 * ({@code dart}, {@code gblinear}), categorical splits, vector leaves, multi-target models, other
 * objectives, and any file past its {@link TreeLimits} (document size and nesting through
 * {@link dev.fairway.io.JsonLimits}, trees, nodes, depth, features). Every tree is checked to be a
 * tree: children in range, every node reached once from the root, a split's feature in range,
 * finite float32 thresholds and leaf values, and a positive cover at every split (TreeSHAP
 * divides by it).
 *
 * <p>Stateless and thread-safe.
 */
public final class XgboostJson {
    private XgboostJson() {
    }

    /**
     * Tells whether a document looks like an XGBoost JSON model: a JSON object whose first key is
     * {@code "learner"}. Reads only the first bytes; a yes is confirmed by {@link #read}.
     *
     * @param bytes the file's bytes
     * @return whether the content is an XGBoost model
     */
    public static boolean looksLike(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8).stripLeading();
        if (!head.startsWith("{")) {
            return false;
        }
        return head.substring(1).stripLeading().startsWith("\"learner\"");
    }

    /**
     * Reads a model file under {@link TreeLimits#DEFAULTS}.
     *
     * @param file the file
     * @return the ensemble
     * @throws IOException if the file cannot be read
     * @throws InputException if it is not a valid model within the limits
     */
    public static TreeEnsemble read(Path file) throws IOException {
        return read(file, TreeLimits.DEFAULTS);
    }

    /**
     * Reads a model file.
     *
     * @param file the file
     * @param limits the bounds the file must stay within
     * @return the ensemble
     * @throws IOException if the file cannot be read
     * @throws InputException if it is not a valid model within the limits
     */
    public static TreeEnsemble read(Path file, TreeLimits limits) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        long size = Files.size(file);
        if (size > limits.json().maxDocumentLength()) {
            throw new InputException(InputPosition.source(file.toString()), "the model file is " + size
                    + " bytes, above the limit of " + limits.json().maxDocumentLength());
        }
        return read(Files.readAllBytes(file), file.toString(), limits);
    }

    /**
     * Reads a model from its bytes under {@link TreeLimits#DEFAULTS}.
     *
     * @param bytes the UTF-8 JSON document
     * @param source what is read, for messages (a file name)
     * @return the ensemble
     * @throws InputException if it is not a valid model within the limits
     */
    public static TreeEnsemble read(byte[] bytes, String source) {
        return read(bytes, source, TreeLimits.DEFAULTS);
    }

    /**
     * Reads a model from its bytes.
     *
     * @param bytes the UTF-8 JSON document
     * @param source what is read, for messages (a file name)
     * @param limits the bounds the document must stay within
     * @return the ensemble
     * @throws InputException if it is not a valid model within the limits
     */
    public static TreeEnsemble read(byte[] bytes, String source, TreeLimits limits) {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(limits, "limits");
        if (bytes.length > limits.json().maxDocumentLength()) {
            throw new InputException(InputPosition.source(source), "the model is " + bytes.length
                    + " bytes, above the limit of " + limits.json().maxDocumentLength());
        }
        JsonNode root = limits.json().read(bytes, source);
        return new Parser(source, limits).parse(root);
    }

    /** One read: the source for messages and the limits. */
    private static final class Parser {
        private final String source;
        private final TreeLimits limits;

        Parser(String source, TreeLimits limits) {
            this.source = source;
            this.limits = limits;
        }

        InputException error(String field, String reason) {
            return new InputException(InputPosition.source(source), "field " + field + ": " + reason);
        }

        JsonNode object(JsonNode parent, String name, String path) {
            JsonNode n = parent.get(name);
            if (n == null || !n.isObject()) {
                throw error(path, n == null ? "missing" : "must be an object");
            }
            return n;
        }

        JsonNode array(JsonNode parent, String name, String path) {
            JsonNode n = parent.get(name);
            if (n == null || !n.isArray()) {
                throw error(path, n == null ? "missing" : "must be an array");
            }
            return n;
        }

        String text(JsonNode parent, String name, String path) {
            JsonNode n = parent.get(name);
            if (n == null || !n.isString()) {
                throw error(path, n == null ? "missing" : "must be a string");
            }
            return n.asString();
        }

        /** XGBoost writes its parameters as strings ({@code "num_class": "3"}). */
        int intParam(JsonNode parent, String name, String path, int min, int max) {
            String s = text(parent, name, path);
            int v;
            try {
                v = Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                throw error(path, "not an integer: '" + s + "'");
            }
            if (v < min || v > max) {
                throw error(path, v + " is outside [" + min + ", " + max + "]");
            }
            return v;
        }

        TreeEnsemble parse(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw error("(root)", "the document must be a JSON object");
            }
            JsonNode learner = object(root, "learner", "learner");
            JsonNode param = object(learner, "learner_model_param", "learner.learner_model_param");
            int numFeature = intParam(param, "num_feature", "learner.learner_model_param.num_feature", 1,
                    limits.maxFeatures());
            int numClass = intParam(param, "num_class", "learner.learner_model_param.num_class", 0, limits.maxTrees());
            if (param.has("num_target")) {
                int targets = intParam(param, "num_target", "learner.learner_model_param.num_target", 1, Integer.MAX_VALUE);
                if (targets != 1) {
                    throw error("learner.learner_model_param.num_target", "multi-target models are not supported (was "
                            + targets + ")");
                }
            }
            String bs = text(param, "base_score", "learner.learner_model_param.base_score");
            float baseScore;
            try {
                baseScore = Float.parseFloat(bs.trim());
            } catch (NumberFormatException e) {
                throw error("learner.learner_model_param.base_score", "not a number: '" + bs + "'");
            }
            String objName = text(object(learner, "objective", "learner.objective"), "name", "learner.objective.name");
            Objective objective = Objective.byId(objName).orElseThrow(() -> error("learner.objective.name",
                    "objective '" + objName + "' is not supported; supported: reg:squarederror, binary:logistic, "
                            + "multi:softprob, count:poisson"));
            if (!objective.validBaseScore(baseScore)) {
                throw error("learner.learner_model_param.base_score", bs + " is outside the domain of " + objName);
            }
            int outputs = 1;
            if (objective == Objective.MULTI_SOFTPROB) {
                if (numClass < 2) {
                    throw error("learner.learner_model_param.num_class", "multi:softprob needs at least 2 classes, was "
                            + numClass);
                }
                outputs = numClass;
            } else if (numClass > 1) {
                throw error("learner.learner_model_param.num_class", objName + " has one output, but num_class is "
                        + numClass);
            }
            List<String> names = featureNames(learner, numFeature);
            JsonNode booster = object(learner, "gradient_booster", "learner.gradient_booster");
            String boosterName = text(booster, "name", "learner.gradient_booster.name");
            if (!boosterName.equals("gbtree")) {
                throw error("learner.gradient_booster.name", "booster '" + boosterName + "' is not supported; only gbtree");
            }
            JsonNode model = object(booster, "model", "learner.gradient_booster.model");
            JsonNode trees = array(model, "trees", "learner.gradient_booster.model.trees");
            JsonNode info = array(model, "tree_info", "learner.gradient_booster.model.tree_info");
            int t = trees.size();
            if (t > limits.maxTrees()) {
                throw error("learner.gradient_booster.model.trees", t + " trees, above the limit of " + limits.maxTrees());
            }
            if (info.size() != t) {
                throw error("learner.gradient_booster.model.tree_info", info.size() + " entries for " + t + " trees");
            }
            long total = 0;
            for (int i = 0; i < t; i++) {
                JsonNode tree = trees.get(i);
                String p = "learner.gradient_booster.model.trees[" + i + "]";
                if (!tree.isObject()) {
                    throw error(p, "must be an object");
                }
                total += intParam(object(tree, "tree_param", p + ".tree_param"), "num_nodes", p + ".tree_param.num_nodes", 1,
                        limits.maxNodesPerTree());
                if (total > limits.maxTotalNodes()) {
                    throw error(p + ".tree_param.num_nodes", "the trees hold more than " + limits.maxTotalNodes()
                            + " nodes, the limit");
                }
            }
            int n = (int) total;
            Builder b = new Builder(n, t);
            for (int i = 0; i < t; i++) {
                JsonNode g = info.get(i);
                if (!g.isIntegralNumber() || g.asLong() < 0 || g.asLong() >= outputs) {
                    throw error("learner.gradient_booster.model.tree_info[" + i + "]", "must be an output in [0, " + outputs
                            + "), was " + g);
                }
                b.group[i] = g.asInt();
                tree(trees.get(i), i, numFeature, b);
            }
            return new TreeEnsemble(objective, names, outputs, baseScore, b.left, b.right, b.missing, b.feature, b.threshold,
                    b.value, b.cover, b.roots, b.group, b.depth);
        }

        List<String> featureNames(JsonNode learner, int numFeature) {
            JsonNode fn = learner.get("feature_names");
            List<String> names = new ArrayList<>();
            if (fn == null || (fn.isArray() && fn.isEmpty())) {
                for (int j = 0; j < numFeature; j++) {
                    names.add("f" + j);
                }
                return names;
            }
            if (!fn.isArray()) {
                throw error("learner.feature_names", "must be an array");
            }
            if (fn.size() != numFeature) {
                throw error("learner.feature_names", fn.size() + " names for num_feature " + numFeature);
            }
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < fn.size(); j++) {
                JsonNode s = fn.get(j);
                if (!s.isString() || s.asString().isBlank()) {
                    throw error("learner.feature_names[" + j + "]", "must be a non-blank string");
                }
                if (!seen.add(s.asString())) {
                    throw error("learner.feature_names[" + j + "]", "'" + s.asString() + "' is repeated");
                }
                names.add(s.asString());
            }
            return names;
        }

        void tree(JsonNode tree, int index, int numFeature, Builder b) {
            String p = "learner.gradient_booster.model.trees[" + index + "]";
            JsonNode tp = tree.get("tree_param");
            int nodes = intParam(tp, "num_nodes", p + ".tree_param.num_nodes", 1, limits.maxNodesPerTree());
            if (tp.has("size_leaf_vector") && intParam(tp, "size_leaf_vector", p + ".tree_param.size_leaf_vector", 0,
                    Integer.MAX_VALUE) > 1) {
                throw error(p + ".tree_param.size_leaf_vector", "vector leaves are not supported");
            }
            JsonNode lc = nodeArray(tree, "left_children", p, nodes);
            JsonNode rc = nodeArray(tree, "right_children", p, nodes);
            JsonNode si = nodeArray(tree, "split_indices", p, nodes);
            JsonNode sc = nodeArray(tree, "split_conditions", p, nodes);
            JsonNode dl = nodeArray(tree, "default_left", p, nodes);
            JsonNode sh = nodeArray(tree, "sum_hessian", p, nodes);
            JsonNode st = tree.get("split_type");
            if (st != null) {
                if (!st.isArray() || st.size() != nodes) {
                    throw error(p + ".split_type", "must be an array of " + nodes + " entries");
                }
                for (int i = 0; i < nodes; i++) {
                    if (st.get(i).asInt(-1) != 0) {
                        throw error(p + ".split_type[" + i + "]", "categorical splits are not supported");
                    }
                }
            }
            int base = b.next;
            b.roots[index] = base;
            // depth-first from the root: every node reached exactly once, children in range
            boolean[] seen = new boolean[nodes];
            int[] stack = new int[nodes];
            int[] depthOf = new int[nodes];
            int top = 0;
            stack[top++] = 0;
            seen[0] = true;
            int reached = 0;
            while (top > 0) {
                int i = stack[--top];
                reached++;
                String np = p + " node " + i;
                int l = integer(lc.get(i), p + ".left_children[" + i + "]");
                int r = integer(rc.get(i), p + ".right_children[" + i + "]");
                double cov = number(sh.get(i), p + ".sum_hessian[" + i + "]");
                if (!(cov >= 0)) {
                    throw error(p + ".sum_hessian[" + i + "]", "must not be negative, was " + cov);
                }
                b.cover[base + i] = cov;
                float cond = float32(sc.get(i), p + ".split_conditions[" + i + "]");
                if (l == -1 || r == -1) {
                    if (l != r) {
                        throw error(p + ".left_children[" + i + "]", np + " has one child; a node has none or two");
                    }
                    b.left[base + i] = TreeEnsemble.LEAF;
                    b.right[base + i] = TreeEnsemble.LEAF;
                    b.missing[base + i] = TreeEnsemble.LEAF;
                    b.value[base + i] = cond;
                    continue;
                }
                for (int side = 0; side < 2; side++) {
                    int c = side == 0 ? l : r;
                    String field = p + (side == 0 ? ".left_children[" : ".right_children[") + i + "]";
                    if (c < 0 || c >= nodes) {
                        throw error(field, np + " has child " + c + " outside [0, " + nodes + ")");
                    }
                    if (seen[c]) {
                        throw error(field, np + " reaches node " + c + " a second time; not a tree");
                    }
                    seen[c] = true;
                    depthOf[c] = depthOf[i] + 1;
                    if (depthOf[c] > limits.maxDepth()) {
                        throw error(p, "deeper than the limit of " + limits.maxDepth());
                    }
                    b.depth = Math.max(b.depth, depthOf[c]);
                    stack[top++] = c;
                }
                int f = integer(si.get(i), p + ".split_indices[" + i + "]");
                if (f < 0 || f >= numFeature) {
                    throw error(p + ".split_indices[" + i + "]", "feature " + f + " outside [0, " + numFeature + ")");
                }
                if (!(cov > 0)) {
                    throw error(p + ".sum_hessian[" + i + "]", "a split needs a positive cover, was " + cov);
                }
                int d = integer(dl.get(i), p + ".default_left[" + i + "]");
                if (d != 0 && d != 1) {
                    throw error(p + ".default_left[" + i + "]", "must be 0 or 1, was " + d);
                }
                b.left[base + i] = base + l;
                b.right[base + i] = base + r;
                b.missing[base + i] = d == 1 ? base + l : base + r;
                b.feature[base + i] = f;
                b.threshold[base + i] = cond;
            }
            if (reached != nodes) {
                // deleted nodes (pruned) are unreachable; they take no part but keep their slot
                for (int i = 0; i < nodes; i++) {
                    if (!seen[i]) {
                        b.left[base + i] = TreeEnsemble.LEAF;
                        b.right[base + i] = TreeEnsemble.LEAF;
                        b.missing[base + i] = TreeEnsemble.LEAF;
                    }
                }
            }
            b.next += nodes;
        }

        JsonNode nodeArray(JsonNode tree, String name, String p, int nodes) {
            JsonNode a = array(tree, name, p + "." + name);
            if (a.size() != nodes) {
                throw error(p + "." + name, a.size() + " entries for num_nodes " + nodes);
            }
            return a;
        }

        int integer(JsonNode n, String path) {
            if (n == null || !n.isIntegralNumber() || !n.canConvertToInt()) {
                throw error(path, "must be an integer, was " + n);
            }
            return n.asInt();
        }

        double number(JsonNode n, String path) {
            if (n == null || !n.isNumber()) {
                throw error(path, "must be a number, was " + n);
            }
            double v = n.asDouble();
            if (!Double.isFinite(v)) {
                throw error(path, "must be finite, was " + v);
            }
            return v;
        }

        /**
         * XGBoost writes each float32 in the fewest digits that read back to it, so the nearest
         * double lies well inside the float's rounding interval and casting it gives the same float
         * a direct decimal-to-float conversion would.
         */
        float float32(JsonNode n, String path) {
            double v = number(n, path);
            float f = (float) v;
            if (Float.isInfinite(f)) {
                throw error(path, v + " is not a float32");
            }
            return f;
        }
    }

    /** The flat arrays under construction. */
    private static final class Builder {
        final int[] left;
        final int[] right;
        final int[] missing;
        final int[] feature;
        final float[] threshold;
        final double[] value;
        final double[] cover;
        final int[] roots;
        final int[] group;
        int next;
        int depth;

        Builder(int nodes, int trees) {
            left = new int[nodes];
            right = new int[nodes];
            missing = new int[nodes];
            feature = new int[nodes];
            threshold = new float[nodes];
            value = new double[nodes];
            cover = new double[nodes];
            roots = new int[trees];
            group = new int[trees];
        }
    }
}
