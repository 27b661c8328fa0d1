package dev.fairway.fairness.report;

import java.util.Locale;

/**
 * What every text report shares: {@link #esc(String)}, which makes text from the data (group values,
 * column names, query and item ids) safe to print on a terminal, so that a newline in a group value
 * cannot forge a row and an ANSI escape sequence cannot recolour or move the cursor.
 *
 * <p>Stateless and thread-safe.
 */
public final class TextKit {
    private TextKit() {
    }

    /**
     * Escapes control characters: a newline, carriage return and tab become {@code \n}, {@code \r}
     * and {@code \t}; every other C0 or C1 control character, DEL and the Unicode line and paragraph
     * separators become {@code \}{@code uXXXX}. Other text is returned unchanged (the same object when
     * nothing needs escaping).
     *
     * @param s the text, or {@code null} (printed as {@code null})
     * @return the printable text
     */
    public static String esc(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !control(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (control(c)) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Escapes the text form of any value, as {@link #esc(String)}.
     *
     * @param value the value
     * @return the printable text
     */
    public static String esc(Object value) {
        return esc(String.valueOf(value));
    }

    private static boolean control(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
