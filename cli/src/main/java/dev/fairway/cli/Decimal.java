package dev.fairway.cli;

/**
 * The one number grammar of every {@code fairway} CSV reader: a decimal number, optionally signed,
 * with an optional fraction and exponent, surrounded by optional spaces or tabs.
 *
 * <pre>
 * number   = [ "+" | "-" ] ( digits [ "." [ digits ] ] | "." digits ) [ ( "e" | "E" ) [ "+" | "-" ] digits ]
 * digits   = one or more of 0-9
 * </pre>
 *
 * <p>Nothing else is a number: not {@code NaN}, {@code Infinity}, hexadecimal ({@code 0x1p3}), Java
 * suffixes ({@code 1d}, {@code 2f}), a trailing NUL or a thousands separator. A number whose magnitude
 * does not fit a double ({@code 1e400}) is refused as not finite. Stateless and thread-safe.
 */
public final class Decimal {
    private Decimal() {
    }

    /**
     * Returns whether a text is a number of the grammar.
     *
     * @param text the text
     * @return true if it matches the grammar (its value may still overflow)
     */
    public static boolean matches(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        while (n > i && (text.charAt(n - 1) == ' ' || text.charAt(n - 1) == '\t')) {
            n--;
        }
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int whole = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            whole++;
        }
        int fraction = 0;
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                fraction++;
            }
        }
        if (whole == 0 && fraction == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponent = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponent++;
            }
            if (exponent == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Parses a finite number of the grammar.
     *
     * @param text the text
     * @return the value, or {@code NaN} when the text is not a number of the grammar or not finite
     *     (the caller names the column and line)
     */
    public static double parse(String text) {
        if (!matches(text)) {
            return Double.NaN;
        }
        double v = Double.parseDouble(text.strip());
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
