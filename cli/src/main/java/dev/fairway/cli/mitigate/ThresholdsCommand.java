package dev.fairway.cli.mitigate;

import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.BadInputException;
import dev.fairway.fairness.mitigation.FairnessConstraint;
import dev.fairway.fairness.mitigation.ThresholdObjective;
import dev.fairway.fairness.mitigation.ThresholdOptimizer;
import dev.fairway.fairness.mitigation.ThresholdPolicy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway mitigate thresholds}: fits per-group randomised thresholds (Fairlearn's
 * ThresholdOptimizer) and writes the policy JSON ({@code fairway-threshold-policy/v1}).
 *
 * <p>Thread-safety: a command object, used by one thread.
 */
@Command(name = "thresholds", mixinStandardHelpOptions = true,
        description = "Fit per-group (randomised) thresholds on a score under a fairness constraint; write the policy JSON.")
public final class ThresholdsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header line.")
    Path data;

    @Option(names = "--score", required = true, paramLabel = "COL", description = "Score column (numbers).")
    String score;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "True label column (binary).")
    String label;

    @Option(names = "--positive-label", paramLabel = "V", defaultValue = "1",
            description = "Label value of the positive class (default: ${DEFAULT-VALUE}).")
    String positiveLabel;

    @Option(names = "--group", required = true, paramLabel = "COL", description = "Sensitive column.")
    String group;

    @Option(names = "--constraint", paramLabel = "C", defaultValue = "demographic_parity",
            description = "demographic_parity, equalized_odds, true_positive_rate_parity or false_positive_rate_parity "
                    + "(default: ${DEFAULT-VALUE}).")
    String constraint;

    @Option(names = "--objective", paramLabel = "O", defaultValue = "accuracy_score",
            description = "accuracy_score or balanced_accuracy_score (default: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--grid-size", paramLabel = "N", defaultValue = "1000", description = "Grid intervals (default: ${DEFAULT-VALUE}).")
    int gridSize;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the policy here instead of standard output.")
    Path out;

    /** Creates the command; picocli calls this. */
    public ThresholdsCommand() {
    }

    @Override
    public Integer call() {
        FairnessConstraint c = FairnessConstraint.byJsonName(constraint);
        ThresholdObjective o = ThresholdObjective.byJsonName(objective);
        if (gridSize < 1) {
            throw new BadInputException("--grid-size must be at least 1, got " + gridSize);
        }
        MitigateCsv csv = MitigateCsv.read(data);
        ThresholdPolicy policy = ThresholdOptimizer.builder(c, o).gridSize(gridSize).build()
                .fit(csv.doubles(score, false), csv.binary(label, positiveLabel), csv.strings(group));
        String json = policy.toJson();
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(json);
            w.flush();
        } else {
            OutputFiles.write(out, json);
        }
        return 0;
    }
}
