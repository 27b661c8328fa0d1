package dev.fairway.fairness.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gate grammar: every part, spacing, and the position named in each syntax error. */
class RuleTest {

    @Test
    void readsEveryPart() {
        Rule r = Rule.parse("  equalized_odds_ratio@to_overall:mean >= 0.8 ");
        assertEquals("equalized_odds_ratio@to_overall:mean >= 0.8", r.text());
        assertEquals("equalized_odds_ratio", r.name());
        assertEquals("to_overall", r.method());
        assertEquals("mean", r.aggregation());
        assertEquals(Operator.GREATER_OR_EQUAL, r.operator());
        assertEquals(0.8, r.bound());
    }

    @Test
    void spacesAroundTheOperatorAreOptional() {
        Rule r = Rule.parse("demographic_parity_difference>0.1");
        assertEquals("demographic_parity_difference", r.name());
        assertNull(r.method());
        assertNull(r.aggregation());
        assertEquals(Operator.GREATER, r.operator());
        assertEquals(0.1, r.bound());
    }

    @Test
    void dottedNamesAndFlags() {
        Rule r = Rule.parse("fair.passed == false");
        assertEquals("fair.passed", r.name());
        assertEquals(Operator.EQUAL, r.operator());
        assertEquals(0.0, r.bound());
        assertTrue(r.test(0));
        assertFalse(r.test(1));
        assertEquals(1.0, Rule.parse("popularity.gini==true").bound());
    }

    @ParameterizedTest
    @CsvSource({"x < -1e-3, -0.001", "x <= +2, 2", "x > .5, 0.5", "x >= 3., 3", "x < 1E2, 100"})
    void numbers(String text, double expected) {
        assertEquals(expected, Rule.parse(text).bound());
    }

    @Test
    void operatorsCompareAndUndefinedNeverHolds() {
        assertTrue(Rule.parse("x > 1").test(1.5));
        assertFalse(Rule.parse("x > 1").test(1));
        assertTrue(Rule.parse("x >= 1").test(1));
        assertTrue(Rule.parse("x < 1").test(0.5));
        assertFalse(Rule.parse("x < 1").test(1));
        assertTrue(Rule.parse("x <= 1").test(1));
        for (String op : new String[] {">", ">=", "<", "<=", "=="}) {
            assertFalse(Rule.parse("x " + op + " 1").test(Double.NaN), op);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|1|empty rule",
        "Demographic > 1|1|expected a name",
        "dpd = 1|5|expected an operator",
        "dpd @x > 1|5|expected an operator",
        "dpd >> 1|6|expected a number",
        "dpd > 0.1x|10|unexpected 'x'",
        "dpd > 1e|8|exponent",
        "dpd > 1e999|7|too large",
        "dpd@ > 1|5|expected a method",
        "dpd: > 1|5|expected an aggregation",
        "a. > 1|3|name part",
        "dpd >|6|expected a number"})
    void syntaxErrorsNameThePosition(String text, int position, String expected) {
        RuleSyntaxException e = assertThrows(RuleSyntaxException.class, () -> Rule.parse(text));
        assertEquals(position, e.position(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("rule '" + text.strip() + "': at position " + position), e.getMessage());
    }
}
