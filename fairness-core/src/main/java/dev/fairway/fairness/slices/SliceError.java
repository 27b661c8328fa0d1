package dev.fairway.fairness.slices;

import java.util.Objects;

/**
 * What counts as an error of a row in a slice search. Every error is 0 or 1 per row, so a slice's
 * error is the share of its rows in error. Stateless and thread-safe.
 */
public enum SliceError {
    /** The label differs from the prediction. */
    MISCLASSIFICATION,
    /** A false positive: predicted positive, labelled negative (its mean is FP over all rows of the slice). */
    FALSE_POSITIVE,
    /** A false negative: predicted negative, labelled positive (its mean is FN over all rows of the slice). */
    FALSE_NEGATIVE;

    /**
     * The error of every row.
     *
     * @param labels the labels
     * @param predictions the predictions, as many as the labels
     * @return one error flag per row
     * @throws IllegalArgumentException if the lengths differ
     */
    public boolean[] of(boolean[] labels, boolean[] predictions) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(predictions, "predictions");
        if (labels.length != predictions.length) {
            throw new IllegalArgumentException("labels has " + labels.length + " rows, predictions " + predictions.length);
        }
        boolean[] e = new boolean[labels.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = switch (this) {
                case MISCLASSIFICATION -> labels[i] != predictions[i];
                case FALSE_POSITIVE -> predictions[i] && !labels[i];
                case FALSE_NEGATIVE -> !predictions[i] && labels[i];
            };
        }
        return e;
    }
}
