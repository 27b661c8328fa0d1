package dev.fairway.cli.audit;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.OutputOptions;
import dev.fairway.cli.ReportDates;
import dev.fairway.fairness.slices.SliceError;
import dev.fairway.fairness.slices.SliceFeature;
import dev.fairway.fairness.slices.SliceFinder;
import dev.fairway.fairness.slices.SliceReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fairway slices}: the worst-off slices of a model's rows (SliceLine) through {@link
 * SliceFinder}. A feature column is numeric, and binned into {@code --bins} quantile bins, when
 * every non-empty cell is a finite number and it has more distinct values than {@code --bins};
 * otherwise each value is a level. An empty cell is in no predicate on its feature.
 *
 * <p>Not thread-safe: picocli creates and runs one instance per invocation.
 */
@Command(
        name = "slices",
        mixinStandardHelpOptions = true,
        description = {"Find the worst-off slices: conjunctions of feature=value predicates whose error is far",
            "above average (SliceLine, Sagadeeva and Boehm, SIGMOD 2021), exactly, with pruning."})
public final class SlicesCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, text, html }

    /** Row errors. */
    enum ErrorKind { misclassification, false_positive, false_negative }

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header line.")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Label column (0/1).")
    String label;

    @Option(names = "--prediction", required = true, paramLabel = "COL", description = "Prediction column (0/1).")
    String prediction;

    @Option(names = "--features", required = true, paramLabel = "A,B,...", split = ",", description = "Feature columns.")
    List<String> features;

    @Option(names = "--error", paramLabel = "KIND", defaultValue = "misclassification",
            description = "misclassification, false_positive or false_negative (default: ${DEFAULT-VALUE}).")
    ErrorKind error;

    @Option(names = "--max-level", paramLabel = "L", defaultValue = "2", description = "Most predicates per slice (default: ${DEFAULT-VALUE}).")
    int maxLevel;

    @Option(names = "--min-support", paramLabel = "N", defaultValue = "32", description = "Fewest rows per slice (default: ${DEFAULT-VALUE}).")
    int minSupport;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Slices to return (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.95", description = "Weight of the error term, in (0, 1] (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--bins", paramLabel = "N", defaultValue = "10", description = "Quantile bins of numeric features (default: ${DEFAULT-VALUE}).")
    int bins;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json, text or html (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--report-date", paramLabel = "YYYY-MM-DD", description = "Date printed in the HTML (default: today, UTC).")
    String reportDate;

    @Mixin
    OutputOptions output = new OutputOptions();

    /** Creates the command (picocli fills the options). */
    public SlicesCommand() {
    }

    @Override
    public Integer call() {
        SliceFinder finder;
        try {
            finder = SliceFinder.builder().alpha(alpha).minSupport(minSupport).maxLevel(maxLevel).top(top).build();
            SliceFeature.numeric("--bins", new double[0], bins);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--" + e.getMessage().replace("minSupport", "min-support")
                    .replace("maxLevel", "max-level"), e);
        }
        String date = ReportDates.resolve(reportDate);
        if (new HashSet<>(features).size() != features.size()) {
            throw new BadInputException("--features lists a column twice: " + features);
        }
        if (features.contains(label) || features.contains(prediction)) {
            throw new BadInputException("--features names the label or prediction column");
        }
        List<String> columns = new ArrayList<>(new LinkedHashSet<>(List.of(label, prediction)));
        columns.addAll(features);
        AuditCsv csv = AuditCsv.read(data, columns);
        boolean[] y = csv.binary(label, null);
        boolean[] p = csv.binary(prediction, null);
        List<SliceFeature> list = new ArrayList<>();
        for (String f : features) {
            list.add(feature(f, csv.text(f)));
        }
        SliceReport report = finder.find(list, SliceError.valueOf(error.name().toUpperCase(java.util.Locale.ROOT)).of(y, p));
        String text = switch (format) {
            case json -> report.toJson();
            case text -> report.toText();
            case html -> report.toHtml(date);
        };
        output.write(text);
        return 0;
    }

    /** A numeric feature when every non-empty cell is a finite number and there are more than --bins values. */
    private SliceFeature feature(String name, String[] cells) {
        double[] numbers = new double[cells.length];
        HashSet<Double> distinct = new HashSet<>();
        boolean numeric = true;
        for (int i = 0; i < cells.length && numeric; i++) {
            if (cells[i].isBlank()) {
                numbers[i] = Double.NaN;
                continue;
            }
            try {
                numbers[i] = Double.parseDouble(cells[i].strip());
                numeric = Double.isFinite(numbers[i]);
                distinct.add(numbers[i]);
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        if (numeric && distinct.size() > bins) {
            return SliceFeature.numeric(name, numbers, bins);
        }
        Object[] values = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = cells[i].isBlank() ? null : cells[i];
        }
        return SliceFeature.categorical(name, values);
    }
}
