package dev.fairway.fairness.assertions;

import java.util.function.Supplier;

/**
 * Bounds on one fairness number (a disparity, or one group's rate). Each bound returns this object,
 * so bounds chain: {@code .isAtLeast(0.7).isAtMost(0.9)}. A failed bound throws an
 * {@link AssertionError} whose message shows the number, the bound and the per-group table behind
 * it. An undefined number fails every bound unless the assertion was made with
 * {@link AuditAssert#allowingUndefined()}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ValueAssert {
    private final String description;
    private final double value;
    private final String undefinedReason;
    private final boolean allowUndefined;
    private final Supplier<String> context;

    ValueAssert(String description, double value, String undefinedReason, boolean allowUndefined,
            Supplier<String> context) {
        this.description = description;
        this.value = value;
        this.undefinedReason = undefinedReason;
        this.allowUndefined = allowUndefined;
        this.context = context;
    }

    /**
     * Returns the number under test ({@code NaN} when undefined).
     *
     * @return the value
     */
    public double value() {
        return value;
    }

    /**
     * Asserts {@code value <= bound}.
     *
     * @param bound the largest value allowed
     * @return this
     * @throws AssertionError if the value is larger, or undefined and not allowed to be
     */
    public ValueAssert isAtMost(double bound) {
        return check(value <= bound, "<=", bound);
    }

    /**
     * Asserts {@code value >= bound}.
     *
     * @param bound the smallest value allowed
     * @return this
     * @throws AssertionError if the value is smaller, or undefined and not allowed to be
     */
    public ValueAssert isAtLeast(double bound) {
        return check(value >= bound, ">=", bound);
    }

    /**
     * Asserts {@code value < bound}.
     *
     * @param bound the bound
     * @return this
     * @throws AssertionError if the value is not smaller, or undefined and not allowed to be
     */
    public ValueAssert isLessThan(double bound) {
        return check(value < bound, "<", bound);
    }

    /**
     * Asserts {@code value > bound}.
     *
     * @param bound the bound
     * @return this
     * @throws AssertionError if the value is not larger, or undefined and not allowed to be
     */
    public ValueAssert isGreaterThan(double bound) {
        return check(value > bound, ">", bound);
    }

    private ValueAssert check(boolean holds, String operator, double bound) {
        if (Double.isNaN(bound)) {
            throw new IllegalArgumentException("the bound is NaN");
        }
        if (Double.isNaN(value)) {
            if (allowUndefined) {
                return this;
            }
            throw new AssertionError(description + " is undefined (" + undefinedReason + "), expected " + operator + " "
                    + bound + "; allowingUndefined() accepts an undefined value" + System.lineSeparator()
                    + context.get());
        }
        if (!holds) {
            throw new AssertionError(description + " = " + value + ", expected " + operator + " " + bound
                    + System.lineSeparator() + context.get());
        }
        return this;
    }

    @Override
    public String toString() {
        return description + " = " + value;
    }
}
