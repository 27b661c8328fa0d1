package dev.fairway.fairness.gate;

import java.util.Set;

/**
 * A report that exposes named numbers a gate can judge, such as a rank audit's
 * {@code exposure_ratio} or {@code fair.passed}. {@link ValueGate} evaluates rules over it.
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface NamedValues {

    /**
     * The names this kind of report can hold, computed or not; a rule naming anything else is refused.
     *
     * @return the names
     */
    Set<String> names();

    /**
     * Looks up a named value.
     *
     * @param name one of {@link #names()}
     * @return the value: defined, undefined with a reason, or not computed with what it needs
     * @throws IllegalArgumentException if the name is not one of {@link #names()}
     */
    NamedValue value(String name);
}
