package dev.fairway.cli;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The report options of a command, as a picocli {@code @Mixin}: {@code --format} (the one
 * {@link Format} enum; each command accepts its own subset) and {@code --report-date}. A command
 * declares {@code @Mixin ReportOptions report;} beside {@link OutputOptions}, calls
 * {@link #format(Format...)} with the formats it writes, and {@link #date()} for an HTML header.
 * Not thread-safe: one instance per run.
 */
public final class ReportOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "The format of the report: json, text or html, as far as this command writes it (the "
                    + "command's description says which). The default is json.")
    Format format;

    @Option(names = "--report-date", paramLabel = "DATE",
            description = "The date printed in an HTML report, written as 2026-12-02. The default is today in UTC; give "
                    + "it to make two runs write the same bytes.")
    String reportDate;

    /** Creates the options; picocli fills them. */
    public ReportOptions() {
    }

    /**
     * Returns the format after checking that this command writes it, and that {@code --report-date}
     * comes only with HTML.
     *
     * @param allowed the formats the command writes
     * @return the chosen format
     * @throws BadInputException (exit code 2) naming the formats the command writes
     */
    public Format format(Format... allowed) {
        List<Format> ok = Arrays.asList(allowed);
        if (!ok.contains(format)) {
            throw new BadInputException("--format " + format + " is not written by this command; use "
                    + ok.stream().map(Format::name).collect(Collectors.joining(" or ")));
        }
        if (reportDate != null) {
            if (format != Format.html && ok.contains(Format.html)) {
                throw new BadInputException("--report-date takes --format html");
            }
            ReportDates.resolve(reportDate);
        }
        return format;
    }

    /**
     * Returns the date to print in an HTML report.
     *
     * @return the {@code --report-date}, or today in UTC
     */
    public String date() {
        return ReportDates.resolve(reportDate);
    }
}
