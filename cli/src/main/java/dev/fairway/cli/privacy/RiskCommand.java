package dev.fairway.cli.privacy;

import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.OutputOptions;
import dev.fairway.cli.Format;
import dev.fairway.cli.ReportOptions;
import dev.fairway.cli.BadInputException;
import dev.fairway.cli.Fairway;
import dev.fairway.fairness.report.ReportHeader;
import dev.fairway.fairness.privacy.ReidentificationRisk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway risk}: sample uniqueness, k-anonymity and l-diversity over quasi-identifiers,
 * with the smallest classes named. An empty field is a value of its own (missing). With
 * {@code --format html} the report is one self-contained page, like the audit's.
 *
 * <p>Not thread-safe: picocli creates and runs one instance per invocation.
 */
@Command(
        name = "risk",
        mixinStandardHelpOptions = true,
        description = {"Re-identification risk of a CSV file over its quasi-identifiers:",
            "sample uniqueness, k-anonymity, l-diversity of a sensitive column, and the smallest classes."})
public final class RiskCommand implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The CSV file: UTF-8, with a header line.")
    Path data;

    @Option(names = "--quasi", required = true, paramLabel = "COLUMNS",
            description = "The quasi-identifier columns, separated by commas.")
    String quasi;

    @Option(names = "--sensitive", paramLabel = "COLUMN",
            description = "The sensitive column whose l-diversity is measured.")
    String sensitive;

    @Option(names = "--smallest", paramLabel = "CLASSES", defaultValue = "5",
            description = "How many of the smallest classes the report names. The default is ${DEFAULT-VALUE}.")
    int smallest;



    /** {@code --out}. */
    @Mixin
    OutputOptions output = new OutputOptions();

    /** {@code --format} and {@code --report-date}. */
    @Mixin
    ReportOptions reportOptions = new ReportOptions();

    /** Creates the command (picocli fills the options). */
    public RiskCommand() {
    }

    @Override
    public Integer call() {
        Format format = reportOptions.format(Format.json, Format.text, Format.html);
        List<String> names = TextColumns.names("--quasi", quasi);
        if (sensitive != null && names.contains(sensitive)) {
            throw new BadInputException("--sensitive column '" + sensitive + "' is also a --quasi column");
        }
        if (smallest < 0) {
            throw new BadInputException("--smallest must be >= 0, got " + smallest);
        }
        List<String> wanted = new ArrayList<>(names);
        if (sensitive != null) {
            wanted.add(sensitive);
        }
        TextColumns csv = TextColumns.read(data, wanted);
        ReidentificationRisk.Builder b = ReidentificationRisk.builder().smallest(smallest);
        for (String q : names) {
            b.quasi(q, csv.column(q).objects(csv.rows));
        }
        if (sensitive != null) {
            b.sensitive(sensitive, csv.column(sensitive).objects(csv.rows));
        }
        ReidentificationRisk risk = b.build();
        String text = switch (format) {
            case json -> risk.toJson();
            case text -> risk.toText();
            case html -> risk.toHtml(ReportHeader.of(data.getFileName().toString(), Fairway.version(),
                    reportOptions.date()));
        };
        output.write(text);
        return 0;
    }
}
