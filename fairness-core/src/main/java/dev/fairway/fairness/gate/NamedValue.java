package dev.fairway.fairness.gate;

import java.util.Objects;

/**
 * One named number of a report, as a gate sees it: defined (a finite or infinite value), undefined
 * (with the reason), or not computed at all (with what computing it needs).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the name a {@link Rule} uses
 * @param state whether the value is defined, undefined or not computed
 * @param value the value; {@code NaN} unless defined
 * @param explanation why the value is undefined, or what it needs when not computed; empty when defined
 */
public record NamedValue(String name, State state, double value, String explanation) {

    /** Whether a named value is there. */
    public enum State {
        /** The value was computed and is a number. */
        DEFINED,
        /** The value was computed and is undefined; {@link NamedValue#explanation()} says why. */
        UNDEFINED,
        /** The report did not compute the value; {@link NamedValue#explanation()} says what it needs. */
        NOT_COMPUTED
    }

    /**
     * Validates the parts.
     *
     * @param name the name
     * @param state the state
     * @param value the value
     * @param explanation the reason or need
     * @throws IllegalArgumentException if a defined value is NaN, or an undefined or missing one is not
     */
    public NamedValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(explanation, "explanation");
        if ((state == State.DEFINED) == Double.isNaN(value)) {
            throw new IllegalArgumentException("value of " + name + " must be NaN exactly when it is not defined, got "
                    + value + " (" + state + ")");
        }
    }

    /**
     * A value that was computed, or undefined with a reason when it is NaN.
     *
     * @param name the name
     * @param value the value
     * @param reason why it is undefined, used when the value is NaN
     * @return the named value
     */
    public static NamedValue of(String name, double value, String reason) {
        return Double.isNaN(value) ? new NamedValue(name, State.UNDEFINED, Double.NaN, reason)
                : new NamedValue(name, State.DEFINED, value, "");
    }

    /**
     * A value the report did not compute.
     *
     * @param name the name
     * @param needs what computing it needs, such as the options to give
     * @return the named value
     */
    public static NamedValue notComputed(String name, String needs) {
        return new NamedValue(name, State.NOT_COMPUTED, Double.NaN, needs);
    }
}
