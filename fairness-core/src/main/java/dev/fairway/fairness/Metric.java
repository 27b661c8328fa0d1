package dev.fairway.fairness;

/**
 * A group metric computed from one {@link Confusion}. Names are Fairlearn's snake_case names
 * ({@link #jsonName()}).
 *
 * <p>With weights every cell is a weighted sum, so every rate is a ratio of weighted sums; only
 * {@link #COUNT} ignores weights. A metric whose denominator is zero is <em>undefined</em>:
 * {@link #of(Confusion)} returns {@code NaN} and {@link #undefinedReason()} says why; under
 * {@link ZeroDivision#FAIRLEARN} it is 0.0 as in Fairlearn 0.12 / scikit-learn 1.2.
 *
 * <p>Thread-safe (an enum).
 */
public enum Metric {
    /**
     * Number of rows, {@code TP + FP + TN + FN} of the matrix it is given. {@link FairnessAudit}
     * computes it from the unweighted counts (as Fairlearn's {@code count} does, also with
     * weights). Never undefined.
     */
    COUNT("count", null),
    /** Selection rate, {@code (TP + FP) / (TP + FP + TN + FN)}; undefined with no rows (or zero weight). */
    SELECTION_RATE("selection_rate", "no rows"),
    /** Base rate (prevalence), {@code (TP + FN) / (TP + FP + TN + FN)}; undefined with no rows. */
    BASE_RATE("base_rate", "no rows"),
    /** True positive rate (recall, sensitivity), {@code TP / (TP + FN)}; undefined with no actual positives. */
    TRUE_POSITIVE_RATE("true_positive_rate", "no actual positives"),
    /** False positive rate, {@code FP / (FP + TN)}; undefined with no actual negatives. */
    FALSE_POSITIVE_RATE("false_positive_rate", "no actual negatives"),
    /** True negative rate (specificity), {@code TN / (TN + FP)}; undefined with no actual negatives. */
    TRUE_NEGATIVE_RATE("true_negative_rate", "no actual negatives"),
    /** False negative rate (miss rate), {@code FN / (FN + TP)}; undefined with no actual positives. */
    FALSE_NEGATIVE_RATE("false_negative_rate", "no actual positives"),
    /** Precision (positive predictive value), {@code TP / (TP + FP)}; undefined with no predicted positives. */
    PRECISION("precision", "no predicted positives"),
    /** Negative predictive value, {@code TN / (TN + FN)}; undefined with no predicted negatives. */
    NEGATIVE_PREDICTIVE_VALUE("negative_predictive_value", "no predicted negatives"),
    /** False discovery rate, {@code FP / (TP + FP)}; undefined with no predicted positives. */
    FALSE_DISCOVERY_RATE("false_discovery_rate", "no predicted positives"),
    /** False omission rate, {@code FN / (TN + FN)}; undefined with no predicted negatives. */
    FALSE_OMISSION_RATE("false_omission_rate", "no predicted negatives"),
    /** Accuracy, {@code (TP + TN) / (TP + FP + TN + FN)}; undefined with no rows. */
    ACCURACY("accuracy", "no rows"),
    /**
     * Balanced accuracy, {@code (TPR + TNR) / 2}; undefined when either rate is. Under
     * {@link ZeroDivision#FAIRLEARN} it is scikit-learn's: the mean of the recalls that are
     * defined (so the one defined rate when a class is absent), 0.0 if neither is.
     */
    BALANCED_ACCURACY("balanced_accuracy", "no actual positives or no actual negatives"),
    /** Error rate, {@code (FP + FN) / (TP + FP + TN + FN)}; undefined with no rows. */
    ERROR_RATE("error_rate", "no rows"),
    /** F1 score, {@code 2 TP / (2 TP + FP + FN)}; undefined when {@code TP + FP + FN = 0}. */
    F1_SCORE("f1_score", "no actual and no predicted positives");

    private final String jsonName;
    private final String undefinedReason;

    Metric(String jsonName, String undefinedReason) {
        this.jsonName = jsonName;
        this.undefinedReason = undefinedReason;
    }

    /**
     * Returns the snake_case name used in JSON reports (Fairlearn's where Fairlearn has one).
     *
     * @return the name
     */
    public String jsonName() {
        return jsonName;
    }

    /**
     * Finds a metric by its JSON name.
     *
     * @param jsonName a name such as {@code "selection_rate"}
     * @return the metric
     * @throws IllegalArgumentException if no metric has that name
     */
    public static Metric byJsonName(String jsonName) {
        for (Metric m : values()) {
            if (m.jsonName.equals(jsonName)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + jsonName + "'");
    }

    /**
     * Returns why the metric is undefined when its denominator is empty, or {@code null} for
     * {@link #COUNT}, which is always defined.
     *
     * @return the reason, such as {@code "no predicted positives"}
     */
    public String undefinedReason() {
        return undefinedReason;
    }

    /**
     * Computes the metric, {@code NaN} when undefined.
     *
     * @param c the confusion matrix (weighted sums or counts)
     * @return the value
     */
    public double of(Confusion c) {
        return of(c, ZeroDivision.UNDEFINED);
    }

    /**
     * Computes the metric under a zero-division convention.
     *
     * @param c the confusion matrix (weighted sums or counts)
     * @param zeroDivision what an empty denominator gives
     * @return the value
     */
    public double of(Confusion c, ZeroDivision zeroDivision) {
        double tp = c.truePositives();
        double fp = c.falsePositives();
        double tn = c.trueNegatives();
        double fn = c.falseNegatives();
        return switch (this) {
            case COUNT -> c.total();
            case SELECTION_RATE -> rate(tp + fp, c.total(), zeroDivision);
            case BASE_RATE -> rate(tp + fn, c.total(), zeroDivision);
            case TRUE_POSITIVE_RATE -> rate(tp, tp + fn, zeroDivision);
            case FALSE_POSITIVE_RATE -> rate(fp, fp + tn, zeroDivision);
            case TRUE_NEGATIVE_RATE -> rate(tn, tn + fp, zeroDivision);
            case FALSE_NEGATIVE_RATE -> rate(fn, fn + tp, zeroDivision);
            case PRECISION -> rate(tp, tp + fp, zeroDivision);
            case NEGATIVE_PREDICTIVE_VALUE -> rate(tn, tn + fn, zeroDivision);
            case FALSE_DISCOVERY_RATE -> rate(fp, tp + fp, zeroDivision);
            case FALSE_OMISSION_RATE -> rate(fn, tn + fn, zeroDivision);
            case ACCURACY -> rate(tp + tn, c.total(), zeroDivision);
            case ERROR_RATE -> rate(fp + fn, c.total(), zeroDivision);
            case F1_SCORE -> rate(2 * tp, 2 * tp + fp + fn, zeroDivision);
            case BALANCED_ACCURACY -> balancedAccuracy(tp, fp, tn, fn, zeroDivision);
        };
    }

    private static double rate(double numerator, double denominator, ZeroDivision zeroDivision) {
        if (denominator == 0.0) {
            return zeroDivision == ZeroDivision.FAIRLEARN ? 0.0 : Double.NaN;
        }
        return numerator / denominator;
    }

    private static double balancedAccuracy(double tp, double fp, double tn, double fn, ZeroDivision zeroDivision) {
        double tpr = rate(tp, tp + fn, ZeroDivision.UNDEFINED);
        double tnr = rate(tn, tn + fp, ZeroDivision.UNDEFINED);
        if (zeroDivision == ZeroDivision.UNDEFINED || (!Double.isNaN(tpr) && !Double.isNaN(tnr))) {
            return (tpr + tnr) / 2;
        }
        if (!Double.isNaN(tpr)) {
            return tpr;
        }
        return Double.isNaN(tnr) ? 0.0 : tnr;
    }
}
