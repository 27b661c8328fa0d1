package dev.fairway.explain;

/**
 * A batch model: it scores many rows in one call, which is what lets the explainers amortise the
 * cost of a call over a whole block of coalitions.
 *
 * <p>Rows are packed row-major: row {@code r}, feature {@code j} is at
 * {@code rowMajor[r * features() + j]}. Outputs are packed the same way: row {@code r}, output
 * {@code k} is written to {@code out[r * outputs() + k]}.
 *
 * <p>Thread-safety: an explainer calls {@link #predict} from the thread that asked for the
 * explanation. An implementation shared by explainers on several threads must be safe for
 * concurrent calls; the models shipped here ({@link LinearModel}, {@link LogisticModel}) are
 * immutable and safe.
 */
public interface Model {

    /**
     * Returns the number of input features of one row.
     *
     * @return the number of features, at least one
     */
    int features();

    /**
     * Returns the number of outputs per row; one unless the model is multi-output.
     *
     * @return the number of outputs, at least one
     */
    default int outputs() {
        return 1;
    }

    /**
     * Scores {@code rows} rows and writes {@code rows * outputs()} values into {@code out}.
     *
     * @param rowMajor the rows, packed row-major, at least {@code rows * features()} long
     * @param rows the number of rows to score, not negative
     * @param out where the outputs go, at least {@code rows * outputs()} long
     * @throws IllegalArgumentException if an input value is not finite: an implementation must name
     *     the feature and row rather than return a NaN decision (the shipped models do)
     */
    void predict(double[] rowMajor, int rows, double[] out);
}
