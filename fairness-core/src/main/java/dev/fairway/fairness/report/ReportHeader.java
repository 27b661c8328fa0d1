package dev.fairway.fairness.report;

import java.util.Objects;

/**
 * What an HTML report says about where it came from: the data source, the Fairway version and the
 * date. The date is given, not read from a clock, so the same audit and header give the same bytes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source the data source as the reader should see it, such as a file name
 * @param version the Fairway version that made the report
 * @param date the report's date, such as {@code 2026-12-02}
 */
public record ReportHeader(String source, String version, String date) {

    /**
     * Validates the parts.
     *
     * @param source the data source
     * @param version the Fairway version
     * @param date the date
     * @throws NullPointerException if a part is null
     */
    public ReportHeader {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(date, "date");
    }

    /**
     * Creates a header.
     *
     * @param source the data source
     * @param version the Fairway version
     * @param date the date
     * @return the header
     */
    public static ReportHeader of(String source, String version, String date) {
        return new ReportHeader(source, version, date);
    }
}
