package dev.fairway.fairness.gate;

/**
 * A gate rule that does not follow the grammar of {@link Rule#parse(String)}; the message names the
 * rule, the 1-based character position and what was expected there.
 *
 * <p>Immutable and thread-safe.
 */
public final class RuleSyntaxException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The rule text. */
    private final String rule;
    /** The 1-based position of the first character that does not fit. */
    private final int position;

    RuleSyntaxException(String rule, int index, String expected) {
        super("rule '" + rule + "': at position " + (index + 1) + ": " + expected);
        this.rule = rule;
        this.position = index + 1;
    }

    /**
     * Returns the rule as written.
     *
     * @return the rule text
     */
    public String rule() {
        return rule;
    }

    /**
     * Returns where the rule stops following the grammar.
     *
     * @return the 1-based character position
     */
    public int position() {
        return position;
    }
}
