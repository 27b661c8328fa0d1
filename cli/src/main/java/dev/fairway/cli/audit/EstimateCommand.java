package dev.fairway.cli.audit;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.OutputOptions;
import dev.fairway.fairness.estimate.EstimateReport;
import dev.fairway.fairness.estimate.PerformanceEstimate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fairway estimate}: per-group true and false positive rates estimated from calibrated
 * scores before the labels arrive (CBPE), with delta-method intervals, through {@link
 * PerformanceEstimate}.
 *
 * <p>Not thread-safe: picocli creates and runs one instance per invocation.
 */
@Command(
        name = "estimate",
        mixinStandardHelpOptions = true,
        description = {"Estimate per-group true and false positive rates before labels arrive, from calibrated",
            "scores (confidence-based performance estimation), with intervals and the estimated",
            "equal-opportunity and equalized-odds differences."})
public final class EstimateCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, text }

    /** The decision: a column or a threshold on the score. */
    static final class Decision {
        @Option(names = "--prediction", required = true, paramLabel = "COL", description = "Decision column (0/1).")
        String prediction;

        @Option(names = "--threshold", required = true, paramLabel = "T", description = "Decide 1 where score >= T.")
        Double threshold;
    }

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Decisions awaiting labels (CSV with a header).")
    Path data;

    @Option(names = "--score", required = true, paramLabel = "COL", description = "Score column (a probability unless --reference calibrates it).")
    String score;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Decision decision;

    @Option(names = "--group", required = true, paramLabel = "COL", description = "Group column.")
    String group;

    @Option(names = "--ci", paramLabel = "LEVEL", defaultValue = "0.95", description = "Confidence level of the intervals (default: ${DEFAULT-VALUE}).")
    double ci;

    @Option(names = "--reference", paramLabel = "FILE.csv", description = "Labelled reference set (same --score column, and --label) to calibrate on (isotonic).")
    Path reference;

    @Option(names = "--label", paramLabel = "COL", description = "Label column (0/1) of --reference.")
    String label;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json or text (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** Creates the command (picocli fills the options). */
    public EstimateCommand() {
    }

    @Override
    public Integer call() {
        if ((reference == null) != (label == null)) {
            throw new BadInputException("--reference and --label go together");
        }
        PerformanceEstimate.Builder b = PerformanceEstimate.builder();
        try {
            b.confidence(ci);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--ci must be between 0 and 1, got " + ci, e);
        }
        if (reference != null) {
            AuditCsv ref = AuditCsv.read(reference, List.of(score, label));
            b.reference(ref.numbers(score), ref.binary(label, null));
        }
        List<String> columns = new ArrayList<>(List.of(score, group));
        if (decision.prediction != null) {
            columns.add(decision.prediction);
        }
        AuditCsv csv = AuditCsv.read(data, columns.stream().distinct().toList());
        double[] s = csv.numbers(score);
        String[] g = csv.text(group);
        for (int i = 0; i < csv.rows; i++) {
            if (g[i].isBlank()) {
                throw new BadInputException(data + " line " + csv.lines[i] + " column '" + group + "' is empty");
            }
            if (reference == null && !(s[i] >= 0 && s[i] <= 1)) {
                throw new BadInputException(data + " line " + csv.lines[i] + " column '" + score + "': " + s[i]
                        + " is not a probability in [0, 1]; give --reference and --label to calibrate");
            }
        }
        boolean[] d = new boolean[csv.rows];
        if (decision.prediction != null) {
            d = csv.binary(decision.prediction, null);
        } else {
            for (int i = 0; i < d.length; i++) {
                d[i] = s[i] >= decision.threshold;
            }
        }
        EstimateReport report = b.build().estimate(group, s, d, g);
        String text = format == Format.json ? report.toJson() : report.toText();
        output.write(text);
        return 0;
    }
}
