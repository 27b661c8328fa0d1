package dev.fairway.fairness;

/**
 * The four cells of one binary confusion matrix, as weighted sums or as plain counts.
 *
 * <p>Every metric in {@link Metric} is a function of one {@code Confusion}. Instances are
 * immutable and thread-safe.
 *
 * @param truePositives actual positive, predicted positive
 * @param falsePositives actual negative, predicted positive
 * @param trueNegatives actual negative, predicted negative
 * @param falseNegatives actual positive, predicted negative
 */
public record Confusion(double truePositives, double falsePositives, double trueNegatives, double falseNegatives) {

    /**
     * Validates the cells.
     *
     * @param truePositives actual positive, predicted positive
     * @param falsePositives actual negative, predicted positive
     * @param trueNegatives actual negative, predicted negative
     * @param falseNegatives actual positive, predicted negative
     * @throws IllegalArgumentException if a cell is negative, NaN or infinite
     */
    public Confusion {
        check("truePositives", truePositives);
        check("falsePositives", falsePositives);
        check("trueNegatives", trueNegatives);
        check("falseNegatives", falseNegatives);
    }

    private static void check(String name, double v) {
        if (!(v >= 0.0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(name + " must be a finite non-negative number, got " + v);
        }
    }

    /**
     * Returns the cell's value.
     *
     * @param cell the cell
     * @return its weighted sum or count
     */
    public double get(Cell cell) {
        return switch (cell) {
            case TRUE_POSITIVE -> truePositives;
            case FALSE_POSITIVE -> falsePositives;
            case TRUE_NEGATIVE -> trueNegatives;
            case FALSE_NEGATIVE -> falseNegatives;
        };
    }

    /**
     * Returns the total, {@code TP + FP + TN + FN}.
     *
     * @return the total
     */
    public double total() {
        return (truePositives + falsePositives) + (trueNegatives + falseNegatives);
    }

    /**
     * Returns the actual positives, {@code TP + FN}.
     *
     * @return the actual positives
     */
    public double actualPositives() {
        return truePositives + falseNegatives;
    }

    /**
     * Returns the actual negatives, {@code TN + FP}.
     *
     * @return the actual negatives
     */
    public double actualNegatives() {
        return trueNegatives + falsePositives;
    }

    /**
     * Returns the predicted positives, {@code TP + FP}.
     *
     * @return the predicted positives
     */
    public double predictedPositives() {
        return truePositives + falsePositives;
    }

    /**
     * Returns the predicted negatives, {@code TN + FN}.
     *
     * @return the predicted negatives
     */
    public double predictedNegatives() {
        return trueNegatives + falseNegatives;
    }

    /**
     * Returns the same matrix seen with the negative class as the class of interest: true
     * positives and true negatives swap, and so do false positives and false negatives. This is
     * how AIF360 reads a favourable label of 0.
     *
     * @return the flipped matrix
     */
    public Confusion flipped() {
        return new Confusion(trueNegatives, falseNegatives, truePositives, falsePositives);
    }
}
