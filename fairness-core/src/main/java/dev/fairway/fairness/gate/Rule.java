package dev.fairway.fairness.gate;

import java.util.Objects;

/**
 * One gate rule: a bound on a named fairness number, such as
 * {@code demographic_parity_difference > 0.1}, {@code equalized_odds_ratio:worst_case >= 0.8},
 * {@code true_positive_rate_ratio@to_reference < 0.8} or {@code fair.passed == false}.
 *
 * <p>Grammar (white space is allowed around the operator and at both ends, nowhere else):
 * <pre>
 * rule        = name [ "@" method ] [ ":" aggregation ] operator value
 * name        = word { "." word }          word = [a-z] { [a-z0-9_] }
 * method      = word                        (between_groups, to_overall, to_reference for audits)
 * aggregation = word                        (worst_case, mean for equalized odds)
 * operator    = "&gt;" | "&gt;=" | "&lt;" | "&lt;=" | "=="
 * value       = a finite decimal number (optional sign, fraction, exponent) | "true" | "false"
 * </pre>
 * {@code true} and {@code false} stand for 1 and 0. The rule only states a condition; what a match
 * means is the caller's: {@code --fail-if} fails the build when the condition holds, an assertion's
 * {@code passes(...)} fails when it does not, and a monitor rule trips when it holds. Which names,
 * methods and aggregations exist is the evaluator's business (see {@link AuditGate}); parsing only
 * checks the form, so a malformed rule is refused before any data is read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the rule as written (trimmed)
 * @param name the figure's name, such as {@code demographic_parity_difference}
 * @param method the method after {@code @}, or {@code null} when none is written
 * @param aggregation the aggregation after {@code :}, or {@code null} when none is written
 * @param operator the comparison
 * @param bound the number on the right (1 for {@code true}, 0 for {@code false})
 */
public record Rule(String text, String name, String method, String aggregation, Operator operator, double bound) {

    /**
     * Validates the parts.
     *
     * @param text the rule as written
     * @param name the figure's name
     * @param method the method, or {@code null}
     * @param aggregation the aggregation, or {@code null}
     * @param operator the comparison
     * @param bound the number on the right
     * @throws IllegalArgumentException if the bound is not finite
     */
    public Rule {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operator, "operator");
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException("rule '" + text + "': the bound must be a finite number, got " + bound);
        }
    }

    /**
     * Parses a rule.
     *
     * @param text the rule, such as {@code demographic_parity_ratio >= 0.8}
     * @return the rule
     * @throws RuleSyntaxException if the text does not follow the grammar, naming the position
     */
    public static Rule parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Parser(text.strip()).rule();
    }

    /**
     * Says whether a value meets the rule's condition. An undefined ({@code NaN}) value never does;
     * callers decide what undefined means for them.
     *
     * @param value the figure's value
     * @return whether {@code value OP bound} holds
     */
    public boolean test(double value) {
        return operator.test(value, bound);
    }

    @Override
    public String toString() {
        return text;
    }

    /** A recursive-descent reader of one rule. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Rule rule() {
            if (s.isEmpty()) {
                throw new RuleSyntaxException(s, 0, "empty rule; expected name[@method][:aggregation] OP number");
            }
            StringBuilder name = new StringBuilder(word("a name such as demographic_parity_difference"));
            while (peek() == '.') {
                i++;
                name.append('.').append(word("a name part after '.'"));
            }
            String method = null;
            if (peek() == '@') {
                i++;
                method = word("a method such as between_groups, to_overall or to_reference after '@'");
            }
            String aggregation = null;
            if (peek() == ':') {
                i++;
                aggregation = word("an aggregation such as worst_case or mean after ':'");
            }
            skipSpaces();
            Operator op = operator();
            skipSpaces();
            double bound = value();
            if (i != s.length()) {
                throw new RuleSyntaxException(s, i, "unexpected '" + s.substring(i) + "' after the number");
            }
            return new Rule(s, name.toString(), method, aggregation, op, bound);
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private String word(String expected) {
            int start = i;
            if (!(peek() >= 'a' && peek() <= 'z')) {
                throw new RuleSyntaxException(s, i, "expected " + expected + " (lower-case letters, digits, '_')");
            }
            while (i < s.length() && (isDigit(peek()) || peek() == '_' || (peek() >= 'a' && peek() <= 'z'))) {
                i++;
            }
            return s.substring(start, i);
        }

        private void skipSpaces() {
            while (i < s.length() && Character.isWhitespace(peek())) {
                i++;
            }
        }

        private Operator operator() {
            char c = peek();
            char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
            Operator op;
            if (c == '>' || c == '<') {
                boolean eq = next == '=';
                op = c == '>' ? (eq ? Operator.GREATER_OR_EQUAL : Operator.GREATER)
                        : (eq ? Operator.LESS_OR_EQUAL : Operator.LESS);
            } else if (c == '=' && next == '=') {
                op = Operator.EQUAL;
            } else {
                throw new RuleSyntaxException(s, i, "expected an operator: > >= < <= ==");
            }
            i += op.symbol().length();
            return op;
        }

        private double value() {
            int start = i;
            if (s.startsWith("true", i) || s.startsWith("false", i)) {
                boolean t = s.startsWith("true", i);
                i += t ? 4 : 5;
                return t ? 1 : 0;
            }
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            int digits = digits();
            if (peek() == '.') {
                i++;
                digits += digits();
            }
            if (digits == 0) {
                throw new RuleSyntaxException(s, start, "expected a number (such as 0.8, -0.1 or 1e-3), true or false");
            }
            if (peek() == 'e' || peek() == 'E') {
                int e = i++;
                if (peek() == '+' || peek() == '-') {
                    i++;
                }
                if (digits() == 0) {
                    throw new RuleSyntaxException(s, e, "expected digits in the exponent");
                }
            }
            double v = Double.parseDouble(s.substring(start, i));
            if (!Double.isFinite(v)) {
                throw new RuleSyntaxException(s, start, "the number is too large");
            }
            return v;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private int digits() {
            int n = 0;
            while (i < s.length() && isDigit(peek())) {
                i++;
                n++;
            }
            return n;
        }
    }
}
