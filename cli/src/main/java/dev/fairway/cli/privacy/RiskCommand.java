package dev.fairway.cli.privacy;

import dev.fairway.cli.ReportDates;
import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.BadInputException;
import dev.fairway.cli.Fairway;
import dev.fairway.fairness.report.ReportHeader;
import dev.fairway.fairness.privacy.ReidentificationRisk;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    /** Output formats. */
    enum Format { json, text, html }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header line.")
    Path data;

    @Option(names = "--quasi", required = true, paramLabel = "a,b,c", description = "Quasi-identifier columns.")
    String quasi;

    @Option(names = "--sensitive", paramLabel = "COL", description = "Sensitive column for l-diversity.")
    String sensitive;

    @Option(names = "--smallest", paramLabel = "N", defaultValue = "5",
            description = "How many of the smallest classes to name (default: ${DEFAULT-VALUE}).")
    int smallest;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json, text or html (one self-contained file; default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--report-date", paramLabel = "YYYY-MM-DD",
            description = "Date printed in the HTML report (default: today, UTC), for reproducible files.")
    String reportDate;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    /** Creates the command (picocli fills the options). */
    public RiskCommand() {
    }

    @Override
    public Integer call() {
        if (reportDate != null) {
            if (format != Format.html) {
                throw new BadInputException("--report-date takes --format html");
            }
            ReportDates.resolve(reportDate);
        }
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
                    ReportDates.resolve(reportDate)));
        };
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            OutputFiles.write(out, text);
        }
        return 0;
    }
}
