package dev.fairway.fairness.mitigation;

import java.util.Objects;

/**
 * Pre-processing by reweighing (Kamiran and Calders 2012, as AIF360 0.6.1's {@code Reweighing}):
 * each (group, label) cell gets the weight that makes label and group independent in the
 * weighted data while keeping the total weight.
 *
 * <pre>{@code
 * Reweighing r = Reweighing.fit(favorable, privileged, null);
 * double[] newWeights = r.transform(favorable, privileged, null);
 * }</pre>
 *
 * <p>With {@code n..} the sums of the instance weights (1 per row when unweighted):
 * {@code w(p, fav) = (n_fav n_p) / (n n_p,fav)}, and likewise for the other three cells
 * ({@code p} privileged or unprivileged, {@code fav} favourable or unfavourable). A cell with no
 * weight gets weight {@code NaN} (AIF360 divides by zero there) and no row uses it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Reweighing {
    /** Weight sums by cell: [privileged][favorable], 1 = true. */
    private final double[][] sums;
    private final double[][] weights;

    private Reweighing(double[][] sums, double[][] weights) {
        this.sums = sums;
        this.weights = weights;
    }

    /**
     * Computes the four weights.
     *
     * @param favorable whether each row's label is the favourable one
     * @param privileged whether each row is in the privileged group
     * @param instanceWeights instance weights (finite, at least 0), or {@code null} for 1 each
     * @return the reweighing
     * @throws IllegalArgumentException on a length mismatch, a bad weight, or no rows
     */
    public static Reweighing fit(boolean[] favorable, boolean[] privileged, double[] instanceWeights) {
        check(favorable, privileged, instanceWeights);
        double[][] s = new double[2][2];
        for (int i = 0; i < favorable.length; i++) {
            s[privileged[i] ? 1 : 0][favorable[i] ? 1 : 0] += instanceWeights == null ? 1.0 : instanceWeights[i];
        }
        double n = s[0][0] + s[0][1] + s[1][0] + s[1][1];
        double nP = s[1][0] + s[1][1];
        double nUp = s[0][0] + s[0][1];
        double nFav = s[0][1] + s[1][1];
        double nUnfav = s[0][0] + s[1][0];
        double[][] w = new double[2][2];
        w[1][1] = nFav * nP / (n * s[1][1]);
        w[1][0] = nUnfav * nP / (n * s[1][0]);
        w[0][1] = nFav * nUp / (n * s[0][1]);
        w[0][0] = nUnfav * nUp / (n * s[0][0]);
        return new Reweighing(s, w);
    }

    private static void check(boolean[] favorable, boolean[] privileged, double[] instanceWeights) {
        Objects.requireNonNull(favorable, "favorable");
        Objects.requireNonNull(privileged, "privileged");
        if (favorable.length == 0 || privileged.length != favorable.length
                || (instanceWeights != null && instanceWeights.length != favorable.length)) {
            throw new IllegalArgumentException("favorable, privileged and weights need the same positive number of rows");
        }
        if (instanceWeights != null) {
            for (int i = 0; i < instanceWeights.length; i++) {
                if (!(instanceWeights[i] >= 0) || instanceWeights[i] == Double.POSITIVE_INFINITY) {
                    throw new IllegalArgumentException("weight at row " + i + " must be finite and at least 0, got "
                            + instanceWeights[i]);
                }
            }
        }
    }

    /**
     * Returns a cell's weight.
     *
     * @param privileged the group side
     * @param favorable the label side
     * @return the weight ({@code NaN} for an empty cell)
     */
    public double weight(boolean privileged, boolean favorable) {
        return weights[privileged ? 1 : 0][favorable ? 1 : 0];
    }

    /**
     * Returns a cell's sum of instance weights in the fitted data.
     *
     * @param privileged the group side
     * @param favorable the label side
     * @return the sum
     */
    public double cellWeight(boolean privileged, boolean favorable) {
        return sums[privileged ? 1 : 0][favorable ? 1 : 0];
    }

    /**
     * Multiplies each row's instance weight by its cell's weight.
     *
     * @param favorable whether each row's label is favourable
     * @param privileged whether each row is privileged
     * @param instanceWeights the current weights, or {@code null} for 1 each
     * @return the new weights
     * @throws IllegalArgumentException on a length mismatch or bad weight
     */
    public double[] transform(boolean[] favorable, boolean[] privileged, double[] instanceWeights) {
        check(favorable, privileged, instanceWeights);
        double[] out = new double[favorable.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (instanceWeights == null ? 1.0 : instanceWeights[i]) * weight(privileged[i], favorable[i]);
        }
        return out;
    }
}
