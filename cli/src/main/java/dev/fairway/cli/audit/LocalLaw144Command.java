package dev.fairway.cli.audit;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.OutputOptions;
import dev.fairway.cli.ReportDates;
import dev.fairway.fairness.report.LocalLaw144;
import dev.fairway.fairness.report.LocalLaw144Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway ll144}: the NYC Local Law 144 bias-audit tables (6 RCNY §5-301) of a selection or
 * scoring tool by sex, race/ethnicity and their intersection, from a CSV file, through {@link
 * LocalLaw144}.
 *
 * <p>Not thread-safe: picocli creates and runs one instance per invocation.
 */
@Command(
        name = "ll144",
        mixinStandardHelpOptions = true,
        description = {"NYC Local Law 144 bias-audit tables: selection or scoring rates and impact ratios",
            "by sex, race/ethnicity and their intersection (6 RCNY 5-301)."})
public final class LocalLaw144Command implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, csv, html }

    /** The tool: a selection column or a score column. */
    static final class Tool {
        @Option(names = "--selected", paramLabel = "COL", required = true,
                description = "Selection tool: the column saying whether an applicant was selected.")
        String selected;

        @Option(names = "--score", paramLabel = "COL", required = true,
                description = "Scoring tool: the score column (rate = share scoring strictly above the sample's median).")
        String score;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header line.")
    Path data;

    @Option(names = "--sex-column", required = true, paramLabel = "COL", description = "The applicants' sex.")
    String sexColumn;

    @Option(names = "--race-column", required = true, paramLabel = "COL", description = "The applicants' race/ethnicity.")
    String raceColumn;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Tool tool;

    @Option(names = "--selected-value", paramLabel = "V", defaultValue = "1",
            description = "The value of --selected that means selected (default: ${DEFAULT-VALUE}).")
    String selectedValue;

    @Option(names = "--unknown", paramLabel = "VALUE",
            description = "A category value meaning unknown (an empty cell always is). Repeatable.")
    List<String> unknown = new ArrayList<>();

    @Option(names = "--min-share", paramLabel = "S", defaultValue = "0",
            description = "Categories with under this share of their table's applicants get no impact ratio (default: none).")
    double minShare;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json, csv or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--data-source", paramLabel = "TEXT", description = "Source of the data printed in the HTML (default: the file name).")
    String dataSource;

    @Option(names = "--report-date", paramLabel = "YYYY-MM-DD", description = "Date of the audit in the HTML (default: today, UTC).")
    String reportDate;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** Creates the command (picocli fills the options). */
    public LocalLaw144Command() {
    }

    @Override
    public Integer call() {
        if (sexColumn.equals(raceColumn)) {
            throw new BadInputException("--sex-column and --race-column are both '" + sexColumn + "'");
        }
        if (!(minShare >= 0 && minShare < 1)) {
            throw new BadInputException("--min-share must be at least 0 and below 1, got " + minShare);
        }
        if (tool.selected == null && spec.commandLine().getParseResult().hasMatchedOption("--selected-value")) {
            throw new BadInputException("--selected-value takes --selected");
        }
        String date = ReportDates.resolve(reportDate);
        String toolColumn = tool.selected != null ? tool.selected : tool.score;
        if (toolColumn.equals(sexColumn) || toolColumn.equals(raceColumn)) {
            throw new BadInputException("the tool column '" + toolColumn + "' is also a category column");
        }
        AuditCsv csv = AuditCsv.read(data, List.of(sexColumn, raceColumn, toolColumn));
        LocalLaw144.Builder b = LocalLaw144.builder(sexColumn, raceColumn).minShare(minShare);
        unknown.forEach(b::unknown);
        LocalLaw144 law = b.build();
        Object[] sex = categories(csv.text(sexColumn));
        Object[] race = categories(csv.text(raceColumn));
        LocalLaw144Report report = tool.selected != null
                ? law.selection(csv.binary(tool.selected, selectedValue), sex, race)
                : law.scoring(csv.numbers(tool.score), sex, race);
        String text = switch (format) {
            case json -> report.toJson();
            case csv -> report.toCsv();
            case html -> report.toHtml(date, dataSource != null ? dataSource : String.valueOf(data.getFileName()));
        };
        output.write(text);
        return 0;
    }

    /** Category cells: an empty (or blank) cell is unknown, others are kept as written. */
    private static Object[] categories(String[] cells) {
        Object[] out = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            out[i] = cells[i].isBlank() ? null : cells[i];
        }
        return out;
    }
}
