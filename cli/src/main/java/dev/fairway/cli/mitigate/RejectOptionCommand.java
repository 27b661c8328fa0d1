package dev.fairway.cli.mitigate;

import dev.fairway.cli.OutputFiles;
import dev.fairway.fairness.mitigation.RejectOptionClassification;
import dev.fairway.fairness.mitigation.RejectOptionPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway mitigate reject-option}: AIF360's reject-option classification grid search;
 * writes the chosen threshold and margin with the metrics they achieve (JSON, written by
 * {@link RejectOptionPolicy#toJson(double, double)}).
 *
 * <p>Thread-safety: a command object, used by one thread.
 */
@Command(name = "reject-option", mixinStandardHelpOptions = true,
        description = "Search a classification threshold and a margin that favours the unprivileged group (AIF360 "
                + "RejectOptionClassification, statistical parity difference); write the result as JSON.")
public final class RejectOptionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header line.")
    Path data;

    @Option(names = "--score", required = true, paramLabel = "COL", description = "Probability of the favourable label.")
    String score;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "True label column (binary).")
    String label;

    @Option(names = "--favorable-label", paramLabel = "V", defaultValue = "1",
            description = "Favourable label value (default: ${DEFAULT-VALUE}).")
    String favorableLabel;

    @Option(names = "--group", required = true, paramLabel = "COL", description = "Sensitive column.")
    String group;

    @Option(names = "--privileged", required = true, paramLabel = "V", description = "Value of --group that is privileged.")
    String privileged;

    @Option(names = "--weight", paramLabel = "COL", description = "Instance weights (finite, >= 0).")
    String weight;

    @Option(names = "--lower", paramLabel = "X", defaultValue = "-0.05", description = "Lowest allowed statistical parity difference.")
    double lower;

    @Option(names = "--upper", paramLabel = "X", defaultValue = "0.05", description = "Highest allowed statistical parity difference.")
    double upper;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON here instead of standard output.")
    Path out;

    /** Creates the command; picocli calls this. */
    public RejectOptionCommand() {
    }

    @Override
    public Integer call() {
        RejectOptionClassification search = RejectOptionClassification.builder().metricBounds(lower, upper).build();
        MitigateCsv csv = MitigateCsv.read(data);
        double[] s = csv.doubles(score, false);
        RejectOptionPolicy p = search.fit(s, csv.binary(label, favorableLabel), csv.equalTo(group, privileged),
                weight == null ? null : csv.doubles(weight, true));
        String json = p.toJson(lower, upper);
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(json);
            o.flush();
        } else {
            OutputFiles.write(out, json);
        }
        return 0;
    }
}
