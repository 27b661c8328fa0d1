package dev.fairway.fairness;

/**
 * The four cells of a binary confusion matrix.
 *
 * <p>The declaration order is not a layout contract: count arrays exchanged through the public API
 * (for example {@link ConfusionCounts#of(GroupIndex, long[], double[])}) state their own order.
 */
public enum Cell {
    /** Actual negative, predicted negative. */
    TRUE_NEGATIVE,
    /** Actual negative, predicted positive. */
    FALSE_POSITIVE,
    /** Actual positive, predicted negative. */
    FALSE_NEGATIVE,
    /** Actual positive, predicted positive. */
    TRUE_POSITIVE;

    private static final Cell[] VALUES = values();

    /**
     * Returns the cell of a row.
     *
     * @param label whether the row's label is the positive class
     * @param prediction whether the row's prediction is the positive class
     * @return the cell
     */
    public static Cell of(boolean label, boolean prediction) {
        return VALUES[(label ? 2 : 0) + (prediction ? 1 : 0)];
    }
}
