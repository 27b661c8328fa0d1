package dev.fairway.cli.privacy;

import dev.fairway.cli.BadInputException;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.LinearModel;
import dev.fairway.explain.Link;
import dev.fairway.explain.LogisticModel;
import dev.fairway.explain.Method;
import dev.fairway.explain.Model;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.minimisation.MinimisationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long MAX_JSON_BYTES = 1 << 20;

    /** Output formats. */
    enum Format { json, text }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "Model JSON: {\"type\": \"linear\"|\"logistic\", \"intercept\": b, \"coefficients\": {\"name\": w}}.")
    Path model;

    @Option(names = "--background", required = true, paramLabel = "FILE.csv",
            description = "Background CSV with a header naming every model feature.")
    Path background;

    @Option(names = "--catalog", required = true, paramLabel = "FILE.json", description = "Consent feature catalogue.")
    Path catalog;

    @Option(names = "--share", paramLabel = "S", defaultValue = "0.01",
            description = "Share of the total mean |attribution| below which a feature is a drop candidate (default: ${DEFAULT-VALUE}).")
    double share;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "1000",
            description = "Explain the first N background rows (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json or text (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    /** Creates the command (picocli fills the options). */
    public MinimiseCommand() {
    }

    @Override
    public Integer call() {
        if (rows < 1) {
            throw new BadInputException("--rows must be >= 1, got " + rows);
        }
        FeatureCatalogue catalogue;
        try {
            catalogue = FeatureCatalogue.fromJson(catalog);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("cannot read catalogue " + catalog + ": " + e.getMessage(), e);
        }
        JsonNode m = readModel();
        boolean logistic = switch (m.path("type").asString("")) {
            case "linear" -> false;
            case "logistic" -> true;
            default -> throw new BadInputException("--model " + model + ": field 'type' must be \"linear\" or \"logistic\"");
        };
        JsonNode cs = m.get("coefficients");
        if (cs == null || !cs.isObject() || cs.isEmpty()) {
            throw new BadInputException("--model " + model + ": field 'coefficients' must be a non-empty object of name: weight");
        }
        List<String> names = new ArrayList<>();
        double[] w = new double[cs.size()];
        for (Map.Entry<String, JsonNode> e : cs.properties()) {
            if (!e.getValue().isNumber()) {
                throw new BadInputException("--model " + model + ": coefficient '" + e.getKey() + "' must be a number");
            }
            w[names.size()] = e.getValue().doubleValue();
            names.add(e.getKey());
        }
        JsonNode b = m.get("intercept");
        if (b != null && !b.isNumber()) {
            throw new BadInputException("--model " + model + ": field 'intercept' must be a number");
        }
        LinearModel linear = new LinearModel(b == null ? 0 : b.doubleValue(), w);
        Model fitted = logistic ? new LogisticModel(linear) : linear;
        TextColumns csv = TextColumns.read(background, names);
        double[][] columns = new double[names.size()][];
        for (int j = 0; j < names.size(); j++) {
            TextColumns.Column c = csv.column(names.get(j));
            columns[j] = c.numbers(csv.rows);
            if (columns[j] == null) {
                throw new BadInputException("column '" + names.get(j) + "' of " + background + " is not numeric");
            }
            for (int i = 0; i < csv.rows; i++) {
                if (Double.isNaN(columns[j][i])) {
                    throw new BadInputException("column '" + names.get(j) + "' of " + background + " is empty at line " + (i + 2));
                }
            }
        }
        double[] rowMajor = new double[csv.rows * names.size()];
        for (int i = 0; i < csv.rows; i++) {
            for (int j = 0; j < names.size(); j++) {
                rowMajor[i * names.size() + j] = columns[j][i];
            }
        }
        Background bg = Background.of(rowMajor, csv.rows, names.size());
        ShapleyExplainer explainer = ShapleyExplainer.builder(fitted, bg).players(Players.of(names)).method(Method.LINEAR)
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
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            TextColumns.write(out, text);
        }
        return 0;
    }

    private JsonNode readModel() {
        try {
            if (!Files.isRegularFile(model)) {
                throw new BadInputException("cannot read " + model + ": no such file");
            }
            if (Files.size(model) > MAX_JSON_BYTES) {
                throw new BadInputException("--model " + model + " is larger than " + MAX_JSON_BYTES + " bytes");
            }
            JsonNode n = JSON.readTree(Files.readString(model));
            if (n == null || !n.isObject()) {
                throw new BadInputException("--model " + model + " is not a JSON object");
            }
            return n;
        } catch (IOException | JacksonException e) {
            throw new BadInputException("cannot read --model " + model + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }
}
