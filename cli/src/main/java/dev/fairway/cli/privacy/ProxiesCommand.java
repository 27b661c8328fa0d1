package dev.fairway.cli.privacy;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.OutputOptions;
import dev.fairway.cli.Format;
import dev.fairway.cli.ReportOptions;
import dev.fairway.cli.Fairway;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.fairness.report.ReportHeader;
import dev.fairway.fairness.privacy.ProxyReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway proxies}: which features stand in for a sensitive attribute. A column is
 * numeric when every non-empty value is a finite number and it has more distinct values than
 * {@code --bins}; otherwise categorical. With {@code --catalog}, the features the catalogue lists
 * are the ones the model may see and a sensitive column it does not list is withheld. With
 * {@code --format html} the report is one self-contained page, like the audit's.
 *
 * <p>Not thread-safe: picocli creates and runs one instance per invocation.
 */
@Command(
        name = "proxies",
        mixinStandardHelpOptions = true,
        description = {"Rank features by how strongly they stand in for sensitive attributes.",
            "Cramer's V (plain and bias-corrected), mutual information, chi-square p-value; "
                + "numeric features in quantile bins, with one-feature AUC for a binary attribute."})
public final class ProxiesCommand implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The CSV file: UTF-8, with a header line.")
    Path data;

    @Option(names = "--sensitive", required = true, paramLabel = "COLUMN",
            description = "A sensitive column. Give it once per column.")
    List<String> sensitive;

    @Option(names = "--features", paramLabel = "COLUMNS",
            description = "The feature columns to test, separated by commas. The default is every column that is not "
                    + "sensitive.")
    String features;

    @Option(names = "--threshold", paramLabel = "V", defaultValue = "0.1",
            description = "The bias-corrected Cramer's V at or above which a pair is a proxy. The default is "
                    + "${DEFAULT-VALUE}.")
    double threshold;

    @Option(names = "--auc-threshold", paramLabel = "AUC", defaultValue = "0.6",
            description = "The one-feature AUC at or above which a numeric feature is a proxy. The default is "
                    + "${DEFAULT-VALUE}.")
    double aucThreshold;

    @Option(names = "--bins", paramLabel = "BINS", defaultValue = "10",
            description = "The number of quantile bins of a numeric feature. The default is ${DEFAULT-VALUE}.")
    int bins;

    @Option(names = "--catalog", paramLabel = "FILE",
            description = "A consent feature catalogue: the report then flags proxies the model may see for an attribute "
                    + "it withholds.")
    Path catalog;



    /** {@code --out}. */
    @Mixin
    OutputOptions output = new OutputOptions();

    /** {@code --format} and {@code --report-date}. */
    @Mixin
    ReportOptions reportOptions = new ReportOptions();

    /** Creates the command (picocli fills the options). */
    public ProxiesCommand() {
    }

    /** The features the {@code --catalog} lists, or null without one. */
    private Set<String> visibleFeatures() {
        if (catalog == null) {
            return null;
        }
        try {
            Set<String> visible = new HashSet<>();
            for (Feature f : FeatureCatalogue.fromJson(catalog).features()) {
                visible.add(f.name());
            }
            return visible;
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("--catalog " + OutputFiles.name(catalog) + ": "
                    + MinimiseCommand.ioReason(e), e);
        }
    }

    /** The report as text in the chosen format. */
    private String render(ProxyReport report, Format format) {
        return switch (format) {
            case json -> report.toJson();
            case text -> report.toText();
            case html -> report.toHtml(ReportHeader.of(data.getFileName().toString(), Fairway.version(),
                    reportOptions.date()));
        };
    }

    @Override
    public Integer call() {
        Format format = reportOptions.format(Format.json, Format.text, Format.html);
        if (sensitive.size() != new HashSet<>(sensitive).size()) {
            throw new BadInputException("--sensitive lists a column twice: " + sensitive);
        }
        List<String> featureNames = features == null ? null : TextColumns.names("--features", features);
        if (featureNames != null) {
            for (String f : featureNames) {
                if (sensitive.contains(f)) {
                    throw new BadInputException("--features names the sensitive column '" + f + "'");
                }
            }
        }
        Set<String> visible = visibleFeatures();
        List<String> wanted = null;
        if (featureNames != null) {
            wanted = new ArrayList<>(sensitive);
            wanted.addAll(featureNames);
        }
        TextColumns csv = TextColumns.read(data, wanted);
        if (featureNames == null) {
            featureNames = new ArrayList<>(csv.header);
            featureNames.removeAll(sensitive);
            if (featureNames.isEmpty()) {
                throw new BadInputException(data + " has no column besides the sensitive ones");
            }
        }
        for (String s : sensitive) {
            if (csv.column(s) == null) {
                throw new BadInputException("unknown column '" + s + "' in " + data + "; columns are " + csv.header);
            }
        }
        ProxyReport.Builder b;
        try {
            b = ProxyReport.builder().threshold(threshold).aucThreshold(aucThreshold).bins(bins);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        for (String s : sensitive) {
            b.sensitive(s, csv.column(s).objects(csv.rows));
        }
        for (String f : featureNames) {
            TextColumns.Column c = csv.column(f);
            double[] numbers = c.levels.size() > bins ? c.numbers(csv.rows) : null;
            if (numbers != null) {
                b.numeric(f, numbers);
            } else {
                b.categorical(f, c.objects(csv.rows));
            }
        }
        if (visible != null) {
            Set<String> withheld = new HashSet<>(sensitive);
            withheld.removeAll(visible);
            b.visibleToModel(visible).withheld(withheld);
        }
        output.write(render(b.build(), format));
        return 0;
    }
}
