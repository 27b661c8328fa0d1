package dev.fairway.fairness.gate;

/**
 * The comparison of a {@link Rule}: the value on the left, the rule's number on the right.
 *
 * <p>Thread-safe (an enum).
 */
public enum Operator {
    /** {@code >}: strictly greater. */
    GREATER(">"),
    /** {@code >=}: greater or equal. */
    GREATER_OR_EQUAL(">="),
    /** {@code <}: strictly less. */
    LESS("<"),
    /** {@code <=}: less or equal. */
    LESS_OR_EQUAL("<="),
    /** {@code ==}: equal (for counts and flags such as {@code fair.passed == false}). */
    EQUAL("==");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /**
     * Returns the operator as written in a rule.
     *
     * @return the symbol, such as {@code >=}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * Compares a value with a bound. A {@code NaN} value never holds.
     *
     * @param value the value (left side)
     * @param bound the rule's number (right side)
     * @return whether {@code value OP bound} holds
     */
    public boolean test(double value, double bound) {
        return switch (this) {
            case GREATER -> value > bound;
            case GREATER_OR_EQUAL -> value >= bound;
            case LESS -> value < bound;
            case LESS_OR_EQUAL -> value <= bound;
            case EQUAL -> value == bound;
        };
    }
}
