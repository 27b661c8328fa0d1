package dev.fairway.explain;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The background (reference) rows of the interventional game: the value of a coalition {@code S}
 * is {@code v(S) = Σ_k w_k g(f(x_S, b_k,−S))}: the instance's values for the features in
 * {@code S} and the background row's values elsewhere, the output put on the link scale
 * {@code g}, then averaged with the background weights.
 *
 * <p>Weights are normalised to sum to one; unweighted rows weigh {@code 1/rows} each. The
 * {@link #digest()} (SHA-256 over the shape, values and normalised weights) goes into every
 * result's provenance so that an auditor can check that the same background was used.
 *
 * <p>Thread-safety: immutable (arrays are copied in and out); safe to share.
 */
public final class Background {
    private final double[] rowMajor;
    private final double[] weights;
    private final int rows;
    private final int features;
    private final String digest;

    private Background(double[] rowMajor, int rows, int features, double[] weights) {
        this.rowMajor = rowMajor;
        this.rows = rows;
        this.features = features;
        this.weights = weights;
        this.digest = computeDigest();
    }

    /**
     * Creates an unweighted background.
     *
     * @param rowMajor the rows, packed row-major, exactly {@code rows * features} finite values
     *     (copied)
     * @param rows the number of rows, at least one
     * @param features the number of features per row, at least one
     * @return the background
     * @throws IllegalArgumentException if a size is not positive, the array has the wrong length
     *     or a value is not finite (the message names row and column)
     */
    public static Background of(double[] rowMajor, int rows, int features) {
        double[] w = new double[Math.max(rows, 0)];
        java.util.Arrays.fill(w, 1.0);
        return weighted(rowMajor, rows, features, w);
    }

    /**
     * Creates a weighted background.
     *
     * @param rowMajor the rows, packed row-major, exactly {@code rows * features} finite values
     *     (copied)
     * @param rows the number of rows, at least one
     * @param features the number of features per row, at least one
     * @param weights one non-negative finite weight per row, with a positive sum (copied, then
     *     normalised to sum to one)
     * @return the background
     * @throws IllegalArgumentException if a size is not positive, an array has the wrong length,
     *     a value is not finite, a weight is negative or the weights sum to zero
     */
    public static Background weighted(double[] rowMajor, int rows, int features, double[] weights) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        Objects.requireNonNull(weights, "weights");
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, was " + rows);
        }
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1, was " + features);
        }
        if ((long) rows * features != rowMajor.length) {
            throw new IllegalArgumentException("rowMajor has " + rowMajor.length + " values, expected rows * features = "
                    + ((long) rows * features));
        }
        if (weights.length != rows) {
            throw new IllegalArgumentException("weights has " + weights.length + " values, expected one per row (" + rows + ")");
        }
        for (int i = 0; i < rowMajor.length; i++) {
            if (!Double.isFinite(rowMajor[i])) {
                throw new IllegalArgumentException("background row " + (i / features) + ", column " + (i % features)
                        + " is not finite: " + rowMajor[i]);
            }
        }
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            if (!(weights[r] >= 0) || !Double.isFinite(weights[r])) {
                throw new IllegalArgumentException("weights[" + r + "] must be finite and non-negative, was " + weights[r]);
            }
            sum += weights[r];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights must have a positive sum");
        }
        double[] w = new double[rows];
        for (int r = 0; r < rows; r++) {
            w[r] = weights[r] / sum;
        }
        return new Background(rowMajor.clone(), rows, features, w);
    }

    /**
     * Returns the number of rows.
     *
     * @return the number of background rows
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the number of features per row.
     *
     * @return the number of features
     */
    public int features() {
        return features;
    }

    /**
     * Returns one background value.
     *
     * @param row the row index
     * @param feature the feature index
     * @return the value
     */
    public double value(int row, int feature) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(feature, features);
        return rowMajor[row * features + feature];
    }

    /**
     * Returns a copy of the normalised weights.
     *
     * @return the weights, summing to one
     */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * Returns the weighted mean of every feature.
     *
     * @return {@code E_B[x_j]} for each feature {@code j}
     */
    public double[] means() {
        double[] mean = new double[features];
        for (int r = 0; r < rows; r++) {
            double w = weights[r];
            int off = r * features;
            for (int j = 0; j < features; j++) {
                mean[j] += w * rowMajor[off + j];
            }
        }
        return mean;
    }

    /**
     * Returns the SHA-256 digest of the background as lower-case hex, prefixed {@code sha256:}.
     *
     * @return the digest that provenance records carry
     */
    public String digest() {
        return digest;
    }

    double[] data() {
        return rowMajor;
    }

    double[] weightsInternal() {
        return weights;
    }

    private String computeDigest() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(8 + 8 * (rowMajor.length + weights.length));
        buf.putInt(rows).putInt(features);
        for (double v : rowMajor) {
            buf.putDouble(v);
        }
        for (double v : weights) {
            buf.putDouble(v);
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest(buf.array()));
    }
}
