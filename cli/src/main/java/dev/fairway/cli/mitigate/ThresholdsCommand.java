package dev.fairway.cli.mitigate;

import dev.fairway.cli.OutputOptions;
import dev.fairway.cli.BadInputException;
import dev.fairway.fairness.mitigation.FairnessConstraint;
import dev.fairway.fairness.mitigation.ThresholdObjective;
import dev.fairway.fairness.mitigation.ThresholdOptimizer;
import dev.fairway.fairness.mitigation.ThresholdPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fairway mitigate thresholds}: fits per-group randomised thresholds (Fairlearn's
 * ThresholdOptimizer) and writes the policy JSON ({@code fairway-threshold-policy/v1}).
 *
 * <p>Thread-safety: a command object, used by one thread.
 */
@Command(name = "thresholds", mixinStandardHelpOptions = true,
        description = {"Fit per-group (randomised) thresholds on a score under a fairness constraint, and write the "
            + "policy as JSON.", "Exit codes: 0 ok, 2 bad input or usage."})
public final class ThresholdsCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The CSV file to fit on: UTF-8, with a header line.")
    Path data;

    @Option(names = "--score", required = true, paramLabel = "COLUMN",
            description = "The column of scores: finite decimal numbers.")
    String score;

    @Option(names = "--label", required = true, paramLabel = "COLUMN",
            description = "The column of true labels: the positive label and one other value.")
    String label;

    @Option(names = "--positive-label", paramLabel = "VALUE", defaultValue = "1",
            description = "The value of the positive label. The default is ${DEFAULT-VALUE}.")
    String positiveLabel;

    @Option(names = "--group", required = true, paramLabel = "COLUMN",
            description = "The column of the protected attribute.")
    String group;

    @Option(names = "--constraint", paramLabel = "CONSTRAINT", defaultValue = "demographic_parity",
            description = "The fairness constraint: demographic_parity, equalized_odds, true_positive_rate_parity or "
                    + "false_positive_rate_parity. The default is ${DEFAULT-VALUE}.")
    String constraint;

    @Option(names = "--objective", paramLabel = "OBJECTIVE", defaultValue = "accuracy_score",
            description = "What the thresholds maximise: accuracy_score or balanced_accuracy_score. The default is "
                    + "${DEFAULT-VALUE}.")
    String objective;

    @Option(names = "--grid-size", paramLabel = "INTERVALS", defaultValue = "1000",
            description = "The number of grid intervals searched. The default is ${DEFAULT-VALUE}.")
    int gridSize;

    /** {@code --out}. */
    @Mixin
    OutputOptions output = new OutputOptions();

    /** Creates the command; picocli calls this. */
    public ThresholdsCommand() {
    }

    @Override
    public Integer call() {
        FairnessConstraint c;
        ThresholdObjective o;
        try {
            c = FairnessConstraint.byJsonName(constraint);
            o = ThresholdObjective.byJsonName(objective);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(dev.fairway.cli.Messages.escape(e.getMessage()), e);
        }
        if (gridSize < 1) {
            throw new BadInputException("--grid-size must be at least 1, got " + gridSize);
        }
        MitigateCsv csv = MitigateCsv.read(data);
        ThresholdPolicy policy = ThresholdOptimizer.builder(c, o).gridSize(gridSize).build()
                .fit(csv.doubles(score, false), csv.binary(label, positiveLabel), csv.strings(group));
        output.write(policy.toJson());
        return 0;
    }
}
