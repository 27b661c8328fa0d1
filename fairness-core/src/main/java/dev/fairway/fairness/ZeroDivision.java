package dev.fairway.fairness;

/**
 * What a metric is when its denominator is empty (zero rows, or zero total weight).
 *
 * <p>Thread-safe (an enum).
 */
public enum ZeroDivision {
    /**
     * The default: the metric is undefined, {@code NaN} in numbers, with a reason in reports; a
     * disparity over an undefined group value is undefined too.
     */
    UNDEFINED,
    /**
     * Compatibility with Fairlearn 0.12 and scikit-learn 1.2 for people migrating: a rate whose
     * denominator is empty is 0.0 (scikit-learn's {@code zero_division=0}); balanced accuracy
     * averages only the recalls that are defined; disparities skip {@code NaN} group values as
     * pandas does. A ratio of 0.0 to 0.0 remains {@code NaN}, as it is in Fairlearn.
     */
    FAIRLEARN
}
