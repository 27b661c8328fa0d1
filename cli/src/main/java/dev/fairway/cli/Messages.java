package dev.fairway.cli;

/**
 * Makes text from the input safe to print on standard error or in a message: control characters
 * (a line break, an ANSI escape, NUL, any C0 or C1 control, the Unicode line and paragraph separators)
 * become visible escapes such as {@code \n}, {@code \u001b} and {@code \u0000}, so that input can
 * neither forge a second {@code fairway:} line nor recolour a terminal. Stateless and thread-safe.
 */
public final class Messages {
    /** The most characters of one input value a message quotes; longer values are cut with an ellipsis. */
    public static final int MAX_QUOTED = 60;

    private Messages() {
    }

    /**
     * Escapes every control character of a text.
     *
     * @param text the text, or {@code null}
     * @return the text with control characters escaped ({@code "null"} for {@code null})
     */
    public static String escape(String text) {
        String s = String.valueOf(text);
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> c < 0x20 || (c >= 0x7F && c < 0xA0) || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
                        ? String.format("\\u%04x", (int) c) : null;
            };
            if (rep != null && sb == null) {
                sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (sb != null) {
                if (rep != null) {
                    sb.append(rep);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * Quotes one value read from the input for a message: escaped, cut to {@value #MAX_QUOTED}
     * characters, in single quotes.
     *
     * @param value the value
     * @return the quoted value
     */
    public static String quote(String value) {
        String s = String.valueOf(value);
        if (s.length() > MAX_QUOTED) {
            s = s.substring(0, MAX_QUOTED) + "... (" + s.length() + " characters)";
        }
        return "'" + escape(s) + "'";
    }
}
