package dev.fairway.explain;

import java.util.Objects;

/**
 * A linear scorer {@code f(x) = b + w·x}. Explainers recognise it and can use the closed form
 * {@code φ_i = w_i (x_i − E_B[x_i])} instead of enumerating coalitions.
 *
 * <p>Thread-safety: immutable (the coefficients are copied in and out); safe to share.
 */
public final class LinearModel implements Model {
    private final double intercept;
    private final double[] coefficients;

    /**
     * Creates a linear model.
     *
     * @param intercept the intercept {@code b}, finite
     * @param coefficients the weights {@code w}, at least one, all finite (copied)
     * @return the model
     * @throws IllegalArgumentException if the intercept or a coefficient is not finite, or there
     *     are no coefficients
     */
    public static LinearModel of(double intercept, double[] coefficients) {
        return new LinearModel(intercept, coefficients);
    }

    private LinearModel(double intercept, double[] coefficients) {
        Objects.requireNonNull(coefficients, "coefficients");
        if (!Double.isFinite(intercept)) {
            throw new IllegalArgumentException("intercept must be finite, was " + intercept);
        }
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("coefficients must not be empty");
        }
        for (int j = 0; j < coefficients.length; j++) {
            if (!Double.isFinite(coefficients[j])) {
                throw new IllegalArgumentException(
                        "coefficients[" + j + "] must be finite, was " + coefficients[j]);
            }
        }
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
    }

    /**
     * Returns the intercept.
     *
     * @return the intercept {@code b}
     */
    public double intercept() {
        return intercept;
    }

    /**
     * Returns a copy of the coefficients.
     *
     * @return the weights {@code w}
     */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * Returns one coefficient without copying the array.
     *
     * @param j the feature index
     * @return the weight {@code w_j}
     * @throws ArrayIndexOutOfBoundsException if {@code j} is out of range
     */
    public double coefficient(int j) {
        return coefficients[j];
    }

    @Override
    public int features() {
        return coefficients.length;
    }

    /**
     * Computes the linear score of a single row.
     *
     * @param row the row, {@code features()} long
     * @return {@code b + w·row}
     * @throws IllegalArgumentException if the row has the wrong length
     */
    public double score(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length != coefficients.length) {
            throw new IllegalArgumentException(
                    "row has " + row.length + " values, the model has " + coefficients.length + " features");
        }
        return scoreAt(row, 0);
    }

    double scoreAt(double[] rowMajor, int offset) {
        double s = intercept;
        for (int j = 0; j < coefficients.length; j++) {
            s += coefficients[j] * rowMajor[offset + j];
        }
        return s;
    }

    @Override
    public void predict(double[] rowMajor, int rows, double[] out) {
        int m = coefficients.length;
        for (int r = 0; r < rows; r++) {
            out[r] = scoreAt(rowMajor, r * m);
        }
    }
}
