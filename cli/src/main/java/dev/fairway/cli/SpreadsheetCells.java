package dev.fairway.cli;

/**
 * How {@code fairway} writes a CSV cell, and {@code --escape-formulas}: a cell that begins with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return is run as a formula by
 * spreadsheet programs (CSV injection); with the option on, such a cell gets a leading single quote,
 * which a spreadsheet shows as text. The option changes the data (a number {@code -3} becomes
 * {@code '-3}), so it is for CSV a person opens in a spreadsheet, not for CSV a program reads.
 * Stateless and thread-safe.
 */
public final class SpreadsheetCells {
    private SpreadsheetCells() {
    }

    /**
     * Returns whether a cell would be run as a formula by a spreadsheet.
     *
     * @param cell the cell text
     * @return true if it begins with {@code = + - @}, a tab or a carriage return
     */
    public static boolean formula(String cell) {
        if (cell.isEmpty()) {
            return false;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /**
     * Returns a cell escaped for a spreadsheet when asked.
     *
     * @param cell the cell text
     * @param escapeFormulas whether {@code --escape-formulas} is on
     * @return the cell, with a leading {@code '} when it is on and the cell would be a formula
     */
    public static String escape(String cell, boolean escapeFormulas) {
        return escapeFormulas && formula(cell) ? "'" + cell : cell;
    }

    /**
     * Returns a cell as RFC 4180 CSV: quoted when it holds a comma, a quote or a line break, after the
     * formula escape.
     *
     * @param cell the cell text
     * @param escapeFormulas whether {@code --escape-formulas} is on
     * @return the CSV field
     */
    public static String csv(String cell, boolean escapeFormulas) {
        String f = escape(cell, escapeFormulas);
        if (f.indexOf(',') < 0 && f.indexOf('"') < 0 && f.indexOf('\n') < 0 && f.indexOf('\r') < 0) {
            return f;
        }
        return '"' + f.replace("\"", "\"\"") + '"';
    }
}
