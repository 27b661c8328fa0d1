package dev.fairway.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The {@code --report-date} option every HTML-writing command takes: the date printed in the report,
 * today in UTC unless given, so that tests can produce identical bytes. Stateless and thread-safe.
 */
public final class ReportDates {
    private ReportDates() {
    }

    /**
     * Checks the option and returns the date to print.
     *
     * @param option the {@code --report-date} value, or {@code null}
     * @return the date as {@code YYYY-MM-DD}: the option's, or today's in UTC
     * @throws BadInputException (exit code 2) when the option is not a date
     */
    public static String resolve(String option) {
        if (option == null) {
            return LocalDate.now(ZoneOffset.UTC).toString();
        }
        try {
            return LocalDate.parse(option).toString();
        } catch (DateTimeParseException e) {
            throw new BadInputException("--report-date must be a date such as 2026-12-02, got '" + option + "'", e);
        }
    }
}
