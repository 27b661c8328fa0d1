package dev.fairway.cli.demo;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.Fairway;
import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.PathRoles;
import dev.fairway.cli.ReportDates;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway demo}: writes the synthetic loan applications of {@link DemoData}, audits them by
 * age band with {@code 30_to_59} as the reference, prints the text report and writes the HTML report.
 * Everything but the HTML report's date is the same on every run.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {"Write a synthetic loan data set, audit it, print the text report and write the HTML report.",
            "12,000 applications in three age bands of different sizes; the model's true and false positive rates",
            "differ by band by stated amounts (see docs/reports.md)."})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "fairway-demo-report.html",
            description = "The HTML report. The default is ${DEFAULT-VALUE} in the working directory.")
    Path out;

    @Option(names = "--data-out", paramLabel = "FILE",
            description = "The data set as CSV. The default is fairway-demo-loans.csv beside the HTML report.")
    Path dataOut;

    @Option(names = "--report-date", paramLabel = "DATE",
            description = "The date printed in the HTML report, written as 2026-12-02. The default is today in UTC.")
    String reportDate;

    @Option(names = "--monitor", description = {"Instead: run the seeded simulated service of docs/guard.md, whose",
        "model turns unfair at decision 30,000, print the monitor's transitions, write its live timeline and",
        "replay its decision log."})
    boolean monitor;

    @Option(names = "--log-out", paramLabel = "FILE.jsonl", defaultValue = "fairway-demo-decisions.jsonl",
            description = "With --monitor: the decision log (default: ${DEFAULT-VALUE}).")
    Path logOut;

    @Option(names = "--timeline-out", paramLabel = "FILE.json",
            description = "With --monitor: the guard's live timeline, fairway-monitor/v1 (default: "
                    + "fairway-demo-timeline.json beside the decision log).")
    Path timelineOut;

    @Override
    public Integer call() {
        if (monitor) {
            OutputFiles.checkTarget(logOut);
            PrintWriter o = spec.commandLine().getOut();
            return Fairway.run(o, spec.commandLine().getErr(),
                    dev.fairway.cli.monitor.MonitorDemoCommand.simulate(o, logOut.toAbsolutePath(),
                            timelineOut != null ? timelineOut.toAbsolutePath()
                                    : logOut.toAbsolutePath().resolveSibling("fairway-demo-timeline.json")));
        }
        Path html = out.toAbsolutePath();
        // check what can be checked before anything is written (was: the data set was written, then exit 2)
        if (reportDate != null) {
            ReportDates.resolve(reportDate);
        }
        if (Files.isDirectory(html)) {
            throw new BadInputException("cannot write " + OutputFiles.name(out) + ": is a directory");
        }
        Path csv = dataOut != null ? dataOut.toAbsolutePath() : html.resolveSibling("fairway-demo-loans.csv");
        if (PathRoles.same(csv, html)) {
            throw new BadInputException("--out " + OutputFiles.name(out) + " is the same file as the data set "
                    + OutputFiles.name(csv) + "; give each output its own file (nothing was written)");
        }
        OutputFiles.write(csv, DemoData.csv());
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        String[] audit = {"audit", "--data", csv.toString(), "--label", "repaid", "--prediction", "approved",
            "--group", "age_band", "--reference", "30_to_59"};
        int code = Fairway.run(o, e, concat(audit, "--format", "text"));
        if (code != 0) {
            return code;
        }
        String[] htmlArgs = concat(audit, "--format", "html", "--out", html.toString());
        if (reportDate != null) {
            htmlArgs = concat(htmlArgs, "--report-date", reportDate);
        }
        code = Fairway.run(o, e, htmlArgs);
        if (code != 0) {
            return code;
        }
        o.println();
        o.println("Wrote " + csv + " (" + DemoData.ROWS + " synthetic loan applications) and " + html + ".");
        o.println("Gate it in CI, for example:");
        o.println("  java -jar cli/target/fairway.jar audit --data " + csv.getFileName() + " --label repaid "
                + "--prediction approved --group age_band --format text --fail-if 'equal_opportunity_difference > 0.1'");
        o.flush();
        return 0;
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
