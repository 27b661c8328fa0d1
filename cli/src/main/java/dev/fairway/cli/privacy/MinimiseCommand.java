package dev.fairway.cli.privacy;

import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.OutputOptions;
import dev.fairway.cli.Format;
import dev.fairway.cli.ReportOptions;
import dev.fairway.cli.BadInputException;
import dev.fairway.cli.Messages;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.Link;
import dev.fairway.explain.ShapleyMethod;
import dev.fairway.explain.Model;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.json.ModelFile;
import dev.fairway.explain.minimisation.MinimisationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway minimise}: a data-minimisation report of a linear or logistic model (the model
 * file of {@code fairway explain}) against a consent catalogue. The first {@code --rows} rows of
 * the background are explained against the whole background with the closed-form linear Shapley
 * values (log-odds for a logistic model).
 *
 * <p>Not thread-safe: picocli creates and runs one instance per invocation.
 */
@Command(
        name = "minimise",
        mixinStandardHelpOptions = true,
        description = {"Data-minimisation report: features used, their purposes and data categories,",
            "and the features whose mean absolute attribution is below a share (candidates to drop)."})
public final class MinimiseCommand implements Callable<Integer> {
    private static final long MAX_JSON_BYTES = 1 << 20;


    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The model as JSON, as fairway explain reads it: linear or logistic, with one coefficient per "
                    + "feature.")
    Path model;

    @Option(names = "--background", required = true, paramLabel = "FILE",
            description = "The background as CSV, with a column for every feature of the model.")
    Path background;

    @Option(names = "--catalog", required = true, paramLabel = "FILE",
            description = "The consent feature catalogue as JSON.")
    Path catalog;

    @Option(names = "--share", paramLabel = "SHARE", defaultValue = "0.01",
            description = "A feature whose share of the total mean absolute attribution is below this is a candidate to "
                    + "drop. The default is ${DEFAULT-VALUE}.")
    double share;

    @Option(names = "--rows", paramLabel = "ROWS", defaultValue = "1000",
            description = "How many background rows, from the first, are explained. The default is ${DEFAULT-VALUE}.")
    int rows;


    /** {@code --out}. */
    @Mixin
    OutputOptions output = new OutputOptions();

    /** {@code --format} and {@code --report-date}. */
    @Mixin
    ReportOptions reportOptions = new ReportOptions();

    /** Creates the command (picocli fills the options). */
    public MinimiseCommand() {
    }

    @Override
    public Integer call() {
        Format format = reportOptions.format(Format.json, Format.text);
        if (rows < 1) {
            throw new BadInputException("--rows must be >= 1, got " + rows);
        }
        FeatureCatalogue catalogue;
        try {
            catalogue = FeatureCatalogue.fromJson(catalog);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("--catalog " + OutputFiles.name(catalog) + ": " + ioReason(e), e);
        }
        ModelFile modelFile;
        try {
            modelFile = ModelFile.read(model);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("--model " + OutputFiles.name(model) + ": " + ioReason(e), e);
        }
        List<String> names = modelFile.featureNames();
        boolean logistic = modelFile.logistic();
        Model fitted = modelFile.model();
        TextColumns csv = TextColumns.read(background, names);
        double[] rowMajor = rowMajor(csv, names);
        Background bg = Background.of(rowMajor, csv.rows, names.size());
        ShapleyExplainer explainer = ShapleyExplainer.builder(fitted, bg).players(Players.of(names)).method(ShapleyMethod.LINEAR)
                .link(logistic ? Link.LOGIT : Link.IDENTITY).build();
        List<Attribution> attributions = new ArrayList<>();
        for (int i = 0; i < Math.min(rows, csv.rows); i++) {
            double[] x = new double[names.size()];
            System.arraycopy(rowMajor, i * names.size(), x, 0, names.size());
            attributions.add(explainer.explain(x));
        }
        MinimisationReport report;
        try {
            report = MinimisationReport.builder(catalogue).share(share).attributions(attributions).build();
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--share: " + e.getMessage(), e);
        }
        String text = format == Format.json ? report.toJson() : report.toText();
        output.write(text);
        return 0;
    }

    /** The background's model columns, row-major; every value a finite number. */
    private double[] rowMajor(TextColumns csv, List<String> names) {
        double[][] columns = new double[names.size()][];
        for (int j = 0; j < names.size(); j++) {
            TextColumns.Column c = csv.column(names.get(j));
            int bad = c.firstNonNumber();
            if (bad >= 0) {
                throw new BadInputException(OutputFiles.name(background) + ", line " + c.levelLines.get(bad) + ": column "
                        + Messages.quote(names.get(j)) + " has " + Messages.quote(c.levels.get(bad))
                        + ", not a finite decimal number");
            }
            if (c.firstEmptyLine >= 0) {
                // the line counts the file's lines, blank and multi-line records included (was row + 2: wrong after a blank line)
                throw new BadInputException(OutputFiles.name(background) + ", line " + c.firstEmptyLine + ": column "
                        + Messages.quote(names.get(j)) + " is empty");
            }
            columns[j] = c.numbers(csv.rows);
        }
        double[] rowMajor = new double[csv.rows * names.size()];
        for (int i = 0; i < csv.rows; i++) {
            for (int j = 0; j < names.size(); j++) {
                rowMajor[i * names.size() + j] = columns[j][i];
            }
        }
        return rowMajor;
    }

    /** An I/O error in our words, or a library's bad-input message (which names the field). */
    static String ioReason(Exception e) {
        return e instanceof IOException ? OutputFiles.reason(e) : Messages.escape(e.getMessage());
    }
}
