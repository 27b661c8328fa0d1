package dev.fairway.explain;

import java.util.List;
import java.util.Objects;

/**
 * A logistic scorer {@code p(x) = 1 / (1 + exp(−(b + w·x)))}: its output is a probability. Its
 * log-odds are the {@link #linear()} model, so explaining it with {@link Link#LOGIT} has the
 * linear closed form.
 *
 * <p>A non-finite input is an {@link IllegalArgumentException} naming the feature, never a NaN
 * probability.
 *
 * <p>Thread-safety: immutable; safe to share.
 */
public final class LogisticModel implements Model {
    private final LinearModel linear;

    /**
     * Creates a logistic model over the given log-odds.
     *
     * @param linear the log-odds {@code b + w·x}
     * @return the model
     */
    public static LogisticModel of(LinearModel linear) {
        return new LogisticModel(linear);
    }

    private LogisticModel(LinearModel linear) {
        this.linear = Objects.requireNonNull(linear, "linear");
    }

    /**
     * Creates a logistic model from its intercept and coefficients.
     *
     * @param intercept the intercept of the log-odds, finite
     * @param coefficients the weights of the log-odds, finite (copied)
     * @return the model
     * @throws IllegalArgumentException as {@link LinearModel#of(double, double[])}
     */
    public static LogisticModel of(double intercept, double[] coefficients) {
        return new LogisticModel(LinearModel.of(intercept, coefficients));
    }

    /**
     * Creates a logistic model from its intercept, coefficients and feature names (used in the
     * error for a non-finite input).
     *
     * @param intercept the intercept of the log-odds, finite
     * @param coefficients the weights of the log-odds, finite (copied)
     * @param featureNames one name per coefficient, in column order
     * @return the model
     * @throws IllegalArgumentException as {@link LinearModel#of(double, double[], List)}
     */
    public static LogisticModel of(double intercept, double[] coefficients, List<String> featureNames) {
        return new LogisticModel(LinearModel.of(intercept, coefficients, featureNames));
    }

    /**
     * Returns the log-odds model.
     *
     * @return the linear model whose logistic transform this is
     */
    public LinearModel linear() {
        return linear;
    }

    @Override
    public int features() {
        return linear.features();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if a row holds a non-finite value, naming the feature and row
     */
    @Override
    public void predict(double[] rowMajor, int rows, double[] out) {
        int m = linear.features();
        for (int r = 0; r < rows; r++) {
            out[r] = 1.0 / (1.0 + Math.exp(-linear.scoreAt(rowMajor, r * m)));
        }
    }
}
