package dev.fairway.fairness.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates {@link Rule}s over any report that exposes named values ({@link NamedValues}). A rule
 * fails when its condition holds, when its value is undefined (unless undefined values are allowed)
 * and when its value was not computed; the first failing rule's {@link Evaluation#message()} is what
 * {@code --fail-if} prints.
 *
 * <pre>{@code
 * List<ValueGate.Evaluation> results = ValueGate.evaluate(List.of(Rule.parse("exposure_ratio < 0.8")), report, false);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ValueGate {
    private ValueGate() {
    }

    /** How a rule came out. */
    public enum Verdict {
        /** The value is defined and the condition does not hold. */
        PASSED,
        /** The value is defined and the condition holds. */
        VIOLATED,
        /** The value is undefined (passes only when undefined values are allowed). */
        UNDEFINED,
        /** The report did not compute the value. */
        NOT_COMPUTED
    }

    /**
     * One rule's outcome.
     *
     * @param rule the rule
     * @param value the named value it was judged on
     * @param verdict the outcome
     * @param failed whether the rule fails the gate
     */
    public record Evaluation(Rule rule, NamedValue value, Verdict verdict, boolean failed) {

        /**
         * Validates the parts.
         *
         * @param rule the rule
         * @param value the value
         * @param verdict the outcome
         * @param failed whether it fails
         */
        public Evaluation {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(verdict, "verdict");
        }

        /**
         * Says what happened, in the words {@code --fail-if} prints after {@code fairway: }.
         *
         * @return one line
         */
        public String message() {
            String rule = "--fail-if '" + this.rule.text() + "'";
            return switch (verdict) {
                case NOT_COMPUTED -> rule + ": " + value.name() + " was not computed (it needs " + value.explanation() + ")";
                case UNDEFINED -> rule + ": " + value.name() + " is undefined (" + value.explanation() + ")";
                case VIOLATED -> rule + " holds: " + value.name() + " = " + value.value();
                case PASSED -> rule + " does not hold: " + value.name() + " = " + value.value();
            };
        }
    }

    /**
     * Checks that every rule names one of the report's values and takes no method or aggregation,
     * before any data is read.
     *
     * @param rules the rules
     * @param names the names the report can hold ({@link NamedValues#names()})
     * @param kind what the values are called in a message, such as {@code rank-audit figures}
     * @throws IllegalArgumentException naming the first bad rule and the known names
     */
    public static void check(List<Rule> rules, Set<String> names, String kind) {
        for (Rule r : rules) {
            if (!names.contains(r.name())) {
                throw new IllegalArgumentException("--fail-if '" + r.text() + "': unknown figure '" + r.name()
                        + "'; known: " + new TreeSet<>(names));
            }
            if (r.method() != null || r.aggregation() != null) {
                throw new IllegalArgumentException("--fail-if '" + r.text() + "': " + kind + " take no @method or :aggregation");
            }
        }
    }

    /**
     * Evaluates every rule, in order.
     *
     * @param rules the rules
     * @param values the report
     * @param allowUndefined whether an undefined value passes instead of failing
     * @return one evaluation per rule
     * @throws IllegalArgumentException if a rule names a value the report cannot hold
     */
    public static List<Evaluation> evaluate(List<Rule> rules, NamedValues values, boolean allowUndefined) {
        Objects.requireNonNull(values, "values");
        List<Evaluation> out = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            NamedValue v = values.value(rule.name());
            Evaluation e = switch (v.state()) {
                case NOT_COMPUTED -> new Evaluation(rule, v, Verdict.NOT_COMPUTED, true);
                case UNDEFINED -> new Evaluation(rule, v, Verdict.UNDEFINED, !allowUndefined);
                case DEFINED -> rule.test(v.value()) ? new Evaluation(rule, v, Verdict.VIOLATED, true)
                        : new Evaluation(rule, v, Verdict.PASSED, false);
            };
            out.add(e);
        }
        return out;
    }
}
