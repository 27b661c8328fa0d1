package dev.fairway.fairness.scores;

/**
 * A calibration curve over uniform bins of the score, with its expected calibration error.
 *
 * <p>Bin edges are {@code e_i = i * (1.0 / bins)} in double ({@code numpy.linspace}); a score goes to
 * the bin whose number equals how many inner edges lie strictly below it, so bins are
 * {@code (e_i, e_{i+1}]} and bin 0 is {@code [0, e_1]} (scikit-learn's {@code calibration_curve},
 * strategy {@code uniform}). Sums are sequential in row order. Arrays list the non-empty bins only,
 * in increasing order. Immutable and thread-safe (arrays are copied on the way out).
 *
 * @param bin the bin numbers of the non-empty bins
 * @param count the (weighted) row count per bin
 * @param meanPredicted the mean score per bin ({@code prob_pred})
 * @param fractionPositive the fraction of positive labels per bin ({@code prob_true})
 * @param expectedCalibrationError {@code sum_b (count_b / n) |meanPredicted_b - fractionPositive_b|},
 *     summed sequentially in increasing bin order
 */
public record CalibrationCurve(int[] bin, double[] count, double[] meanPredicted, double[] fractionPositive,
        double expectedCalibrationError) {

    /**
     * Copies the arrays.
     *
     * @param bin the bin numbers
     * @param count the counts
     * @param meanPredicted the mean scores
     * @param fractionPositive the fractions of positives
     * @param expectedCalibrationError the ECE
     */
    public CalibrationCurve {
        bin = bin.clone();
        count = count.clone();
        meanPredicted = meanPredicted.clone();
        fractionPositive = fractionPositive.clone();
    }

    /**
     * Returns the bin numbers of the non-empty bins.
     *
     * @return a copy
     */
    @Override
    public int[] bin() {
        return bin.clone();
    }

    /**
     * Returns the (weighted) row count per bin.
     *
     * @return a copy
     */
    @Override
    public double[] count() {
        return count.clone();
    }

    /**
     * Returns the mean score per bin.
     *
     * @return a copy
     */
    @Override
    public double[] meanPredicted() {
        return meanPredicted.clone();
    }

    /**
     * Returns the fraction of positive labels per bin.
     *
     * @return a copy
     */
    @Override
    public double[] fractionPositive() {
        return fractionPositive.clone();
    }
}
