package dev.fairway.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A linear scorer {@code f(x) = b + w·x}. Explainers recognise it and can use the closed form
 * {@code φ_i = w_i (x_i − E_B[x_i])} instead of enumerating coalitions.
 *
 * <p>A non-finite input is an {@link IllegalArgumentException} naming the feature, never a NaN
 * score.
 *
 * <p>Thread-safety: immutable (the coefficients are copied in and out); safe to share.
 */
public final class LinearModel implements Model {
    private final double intercept;
    private final double[] coefficients;
    private final List<String> featureNames;

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
        return new LinearModel(intercept, coefficients, null);
    }

    /**
     * Creates a linear model whose features have names, used in the error for a non-finite input.
     *
     * @param intercept the intercept {@code b}, finite
     * @param coefficients the weights {@code w}, at least one, all finite (copied)
     * @param featureNames one name per coefficient, in column order
     * @return the model
     * @throws IllegalArgumentException as {@link #of(double, double[])}, or if the number of names
     *     differs from the number of coefficients
     */
    public static LinearModel of(double intercept, double[] coefficients, List<String> featureNames) {
        return new LinearModel(intercept, coefficients, List.copyOf(Objects.requireNonNull(featureNames,
                "featureNames")));
    }

    private LinearModel(double intercept, double[] coefficients, List<String> featureNames) {
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
        if (featureNames != null && featureNames.size() != coefficients.length) {
            throw new IllegalArgumentException("featureNames has " + featureNames.size() + " names, the model has "
                    + coefficients.length + " coefficients");
        }
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
        this.featureNames = featureNames;
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
     * @throws IllegalArgumentException if the row has the wrong length or a non-finite value (naming
     *     the feature)
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
        if (!Double.isFinite(s)) {
            // a non-finite input always makes the sum non-finite, so the hot path pays one test per row
            checkFinite(rowMajor, offset);
        }
        return s;
    }

    private void checkFinite(double[] rowMajor, int offset) {
        for (int j = 0; j < coefficients.length; j++) {
            double v = rowMajor[offset + j];
            if (!Double.isFinite(v)) {
                String name = featureNames == null ? "feature " + j : "feature '" + featureNames.get(j) + "' (index "
                        + j + ")";
                throw new IllegalArgumentException(name + " of row " + offset / coefficients.length + " is " + v
                        + ": a model input must be finite (a feature a consent filter withheld must not reach the"
                        + " model as NaN)");
            }
        }
    }

    /**
     * Returns the feature names given to {@link #of(double, double[], List)}.
     *
     * @return the names, or {@code x0, x1, ...} if none were given
     */
    public List<String> featureNames() {
        if (featureNames != null) {
            return featureNames;
        }
        List<String> names = new ArrayList<>(coefficients.length);
        for (int j = 0; j < coefficients.length; j++) {
            names.add("x" + j);
        }
        return List.copyOf(names);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a row holds a non-finite value, naming the feature and row
     */
    @Override
    public void predict(double[] rowMajor, int rows, double[] out) {
        int m = coefficients.length;
        for (int r = 0; r < rows; r++) {
            out[r] = scoreAt(rowMajor, r * m);
        }
    }
}
