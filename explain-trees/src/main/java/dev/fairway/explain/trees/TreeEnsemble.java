package dev.fairway.explain.trees;

import dev.fairway.explain.Model;
import java.util.List;
import java.util.Objects;

/**
 * A gradient-boosted tree ensemble, evaluated as XGBoost evaluates it: each feature value is cast
 * to float32 and compared with the node's float32 threshold ({@code x < threshold} goes left), a
 * missing value (NaN) follows the node's default direction, and the leaf values of a row's trees
 * are added to the base margin of their output. Read one with {@link XgboostJson}.
 *
 * <p>As a {@link Model} it outputs what XGBoost's {@code predict()} returns: the probability for
 * {@link Objective#BINARY_LOGISTIC}, one probability per class for
 * {@link Objective#MULTI_SOFTPROB}, {@code exp(margin)} for {@link Objective#COUNT_POISSON} and the
 * margin itself for {@link Objective#SQUARED_ERROR}. {@link #margins} and {@link #marginModel()}
 * give the margin, the scale TreeSHAP explains. Margins are summed in double precision; XGBoost
 * sums in float32, so the two agree to float32 precision (the leaf taken is the same).
 *
 * <p>Unlike explain-core's models, a tree ensemble accepts NaN as a missing value; an infinite
 * value is refused (XGBoost refuses it too).
 *
 * <p>The nodes of all trees live in flat primitive arrays; evaluation allocates nothing.
 *
 * <p>Thread-safety: immutable; safe for concurrent calls.
 */
public final class TreeEnsemble implements Model {
    /** Marks a leaf in {@link #left}. */
    static final int LEAF = -1;

    private final Objective objective;
    private final List<String> featureNames;
    private final int outputs;
    private final float baseScore;
    private final float baseMarginF;
    final double baseMargin;
    /** Per node: the left child's absolute index, or {@link #LEAF}. */
    final int[] left;
    /** Per node: the right child's absolute index. */
    final int[] right;
    /** Per node: the child a missing value goes to. */
    final int[] missing;
    /** Per node: the feature split on. */
    final int[] feature;
    /** Per node: the float32 split threshold. */
    final float[] threshold;
    /** Per node: the leaf value (as float32 widened), 0 for splits. */
    final double[] value;
    /** Per node: the cover (XGBoost's {@code sum_hessian}). */
    final double[] cover;
    /** Per tree: the root's absolute index. */
    final int[] roots;
    /** Per tree: the output (class) it adds to. */
    final int[] group;
    /** Per tree: the cover-weighted mean of its leaf values, the tree's path-dependent base value. */
    final double[] expected;
    /** The deepest leaf's depth over all trees. */
    final int depth;
    private final String digest;

    TreeEnsemble(Objective objective, List<String> featureNames, int outputs, float baseScore, int[] left, int[] right,
            int[] missing, int[] feature, float[] threshold, double[] value, double[] cover, int[] roots, int[] group,
            int depth) {
        this.objective = objective;
        this.featureNames = List.copyOf(featureNames);
        this.outputs = outputs;
        this.baseScore = baseScore;
        this.baseMarginF = objective.baseMargin(baseScore);
        this.baseMargin = baseMarginF;
        this.left = left;
        this.right = right;
        this.missing = missing;
        this.feature = feature;
        this.threshold = threshold;
        this.value = value;
        this.cover = cover;
        this.roots = roots;
        this.group = group;
        this.depth = depth;
        this.expected = new double[roots.length];
        for (int t = 0; t < roots.length; t++) {
            expected[t] = meanValue(roots[t]);
        }
        this.digest = computeDigest();
    }

    private String computeDigest() {
        java.security.MessageDigest md;
        try {
            md = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(8 * 1024);
        md.update(objective.id().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String f : featureNames) {
            md.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        buf.putFloat(baseScore).putInt(outputs);
        for (int t = 0; t < roots.length; t++) {
            flush(md, buf, 8);
            buf.putInt(roots[t]).putInt(group[t]);
        }
        for (int n = 0; n < left.length; n++) {
            flush(md, buf, 36);
            buf.putInt(left[n]).putInt(right[n]).putInt(missing[n]).putInt(feature[n]).putFloat(threshold[n])
                    .putDouble(value[n]).putDouble(cover[n]);
        }
        flush(md, buf, buf.capacity());
        return "sha256:" + java.util.HexFormat.of().formatHex(md.digest());
    }

    private static void flush(java.security.MessageDigest md, java.nio.ByteBuffer buf, int need) {
        if (buf.remaining() < need) {
            md.update(buf.array(), 0, buf.position());
            buf.clear();
        }
    }

    /**
     * Returns the SHA-256 digest of the model as evaluated (objective, feature names, base score,
     * every node's structure, threshold, value and cover), prefixed {@code sha256:}; path-dependent
     * explanations record it in their provenance, since the covers are their background.
     *
     * @return the digest
     */
    public String digest() {
        return digest;
    }

    private double meanValue(int n) {
        if (left[n] == LEAF) {
            return value[n];
        }
        return (cover[left[n]] * meanValue(left[n]) + cover[right[n]] * meanValue(right[n])) / cover[n];
    }

    /**
     * Returns the objective.
     *
     * @return how the margin becomes the output
     */
    public Objective objective() {
        return objective;
    }

    /**
     * Returns the feature names in column order: the model file's, or XGBoost's {@code f0, f1, ...}
     * when it stores none.
     *
     * @return the names, unmodifiable
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the number of trees.
     *
     * @return the number of trees
     */
    public int trees() {
        return roots.length;
    }

    /**
     * Returns the depth of the deepest leaf (a single-leaf tree has depth 0).
     *
     * @return the depth
     */
    public int depth() {
        return depth;
    }

    /**
     * Returns the stored base score ({@code learner_model_param.base_score}), on the output scale.
     *
     * @return the base score
     */
    public float baseScore() {
        return baseScore;
    }

    /**
     * Returns the base margin every output starts from: the base score put on the margin scale
     * ({@link Objective}), in float32 as XGBoost computes it.
     *
     * @return the base margin
     */
    public double baseMargin() {
        return baseMargin;
    }

    @Override
    public int features() {
        return featureNames.size();
    }

    @Override
    public int outputs() {
        return outputs;
    }

    /**
     * Writes each row's margins (one per output) into {@code out}.
     *
     * @param rowMajor the rows, packed row-major, at least {@code rows * features()} long; NaN is missing
     * @param rows the number of rows
     * @param out at least {@code rows * outputs()} long
     * @throws IllegalArgumentException if a value is infinite (the message names feature and row) or an
     *     array is too short
     */
    public void margins(double[] rowMajor, int rows, double[] out) {
        check(rowMajor, rows, out);
        int m = featureNames.size();
        for (int r = 0; r < rows; r++) {
            int off = r * m;
            if (outputs == 1) {
                out[r] = baseMargin + sumLeaves(rowMajor, off);
            } else {
                int o = r * outputs;
                for (int k = 0; k < outputs; k++) {
                    out[o + k] = baseMargin;
                }
                for (int t = 0; t < roots.length; t++) {
                    out[o + group[t]] += value[leaf(roots[t], rowMajor, off)];
                }
            }
        }
    }

    /**
     * Returns one row's margin of a single-output model.
     *
     * @param x the row, one value per feature; NaN is missing
     * @return the margin
     * @throws IllegalArgumentException if the model has several outputs, {@code x} has the wrong
     *     length or a value is infinite
     */
    public double margin(double[] x) {
        Objects.requireNonNull(x, "x");
        if (outputs != 1) {
            throw new IllegalArgumentException("the model has " + outputs + " outputs; use margins(...)");
        }
        if (x.length != featureNames.size()) {
            throw new IllegalArgumentException("x has " + x.length + " values, the model has " + featureNames.size()
                    + " features");
        }
        checkFinite(x, 0, 0);
        return baseMargin + sumLeaves(x, 0);
    }

    @Override
    public void predict(double[] rowMajor, int rows, double[] out) {
        margins(rowMajor, rows, out);
        int n = rows * outputs;
        switch (objective) {
            case SQUARED_ERROR -> { }
            case BINARY_LOGISTIC -> {
                for (int i = 0; i < n; i++) {
                    out[i] = 1.0 / (1.0 + Math.exp(-out[i]));
                }
            }
            case COUNT_POISSON -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Math.exp(out[i]);
                }
            }
            case MULTI_SOFTPROB -> {
                for (int r = 0; r < rows; r++) {
                    int o = r * outputs;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < outputs; k++) {
                        max = Math.max(max, out[o + k]);
                    }
                    double sum = 0;
                    for (int k = 0; k < outputs; k++) {
                        out[o + k] = Math.exp(out[o + k] - max);
                        sum += out[o + k];
                    }
                    for (int k = 0; k < outputs; k++) {
                        out[o + k] /= sum;
                    }
                }
            }
            default -> throw new IllegalStateException("objective " + objective);
        }
    }

    /**
     * Returns this ensemble with its margins as outputs: the model TreeSHAP's values add up on.
     *
     * @return a model over the same features whose outputs are {@link #margins}
     */
    public Model marginModel() {
        TreeEnsemble self = this;
        return new Model() {
            @Override
            public int features() {
                return self.features();
            }

            @Override
            public int outputs() {
                return self.outputs;
            }

            @Override
            public void predict(double[] rowMajor, int rows, double[] out) {
                self.margins(rowMajor, rows, out);
            }
        };
    }

    /**
     * One row's margins accumulated in float32 in tree order, as XGBoost 1.7's CPU predictor does,
     * for the oracle tests that compare bit for bit.
     */
    void marginsFloat32(double[] x, float[] out) {
        for (int k = 0; k < outputs; k++) {
            out[k] = baseMarginF;
        }
        for (int t = 0; t < roots.length; t++) {
            out[group[t]] += (float) value[leaf(roots[t], x, 0)];
        }
    }

    private double sumLeaves(double[] x, int off) {
        double sum = 0;
        for (int t = 0; t < roots.length; t++) {
            sum += value[leaf(roots[t], x, off)];
        }
        return sum;
    }

    /** The leaf a row reaches from node {@code n}. */
    int leaf(int n, double[] x, int off) {
        int[] l = left;
        while (l[n] != LEAF) {
            n = next(n, x[off + feature[n]]);
        }
        return n;
    }

    /** The child a value goes to: missing by default direction, otherwise {@code (float) v < threshold} left. */
    int next(int n, double v) {
        if (v != v) {
            return missing[n];
        }
        return (float) v < threshold[n] ? left[n] : right[n];
    }

    private void check(double[] rowMajor, int rows, double[] out) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        Objects.requireNonNull(out, "out");
        int m = featureNames.size();
        if (rows < 0 || (long) rows * m > rowMajor.length || (long) rows * outputs > out.length) {
            throw new IllegalArgumentException("predict needs rows >= 0, " + rows + " * " + m + " inputs and " + rows + " * "
                    + outputs + " outputs; got rows=" + rows + ", " + rowMajor.length + " inputs and " + out.length
                    + " outputs");
        }
        for (int r = 0; r < rows; r++) {
            checkFinite(rowMajor, r * m, r);
        }
    }

    private void checkFinite(double[] x, int off, int row) {
        for (int j = 0, m = featureNames.size(); j < m; j++) {
            double v = x[off + j];
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("row " + row + ", feature '" + featureNames.get(j) + "' is " + v
                        + "; a tree model takes finite values or NaN for missing");
            }
        }
    }
}
