package dev.fairway.cli.explain;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.LimeExplainer;
import dev.fairway.explain.LimeExplanation;
import dev.fairway.explain.Link;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.ShapleyMethod;
import dev.fairway.explain.json.ExplanationJson;
import dev.fairway.explain.json.ModelFile;
import dev.fairway.explain.json.RecourseFile;
import dev.fairway.explain.reasons.Audience;
import dev.fairway.explain.reasons.NoticeRenderer;
import dev.fairway.explain.reasons.ReasonCatalogue;
import dev.fairway.explain.reasons.ReasonPolicy;
import dev.fairway.explain.reasons.ReasonResult;
import dev.fairway.explain.recourse.RecourseResult;
import dev.fairway.explain.recourse.RecourseSearch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway explain}: explains one decision of a linear or logistic model against a
 * background, optionally with reason codes rendered in a language, and prints a
 * {@code fairway-explanation/v1} JSON document.
 *
 * <p>Bad input (a missing file, a missing feature or column, a malformed number) ends with exit
 * code 2 and one line on standard error, as every {@code fairway} command does. Limits: JSON files
 * of at most 1 MiB, backgrounds of at most 100,000 rows.
 *
 * <p>Thread-safety: a picocli command object, created and run once per invocation; not for
 * sharing between threads.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain one decision: Shapley attributions, reason codes and provenance as JSON.")
public final class ExplainCommand implements Callable<Integer> {
    /** The largest JSON input file read, in bytes. */
    static final long MAX_JSON_BYTES = 1 << 20;
    /** The most background rows read; exact Shapley scores every coalition against each of them. */
    static final int MAX_BACKGROUND_ROWS = 100_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "Model JSON: {\"type\": \"linear\"|\"logistic\", \"intercept\": b, \"coefficients\": {\"name\": w}}.")
    private Path modelFile;

    @Option(names = "--background", paramLabel = "FILE",
            description = "Background CSV with a header naming every feature (at most 100000 rows); required for a "
                    + "linear or logistic model, optional for a tree model (interventional TreeSHAP).")
    private Path backgroundFile;

    @Option(names = "--instance", paramLabel = "FILE",
            description = "Instance JSON: {\"name\": value} for every feature (linear or logistic model).")
    private Path instanceFile;

    @Option(names = "--data", paramLabel = "FILE",
            description = "Tree model (XGBoost JSON): CSV of rows to explain, header = the model's features, empty = missing.")
    private Path dataFile;

    @Option(names = "--method", defaultValue = "exact", paramLabel = "METHOD",
            description = "exact, linear, permutation, kernel or lime (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--link", paramLabel = "LINK",
            description = "identity or logit; a logistic model is explained as a probability unless logit.")
    private String link;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sampling methods (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--max-coalitions", defaultValue = "50000",
            description = "Coalition budget of the sampling methods (default: ${DEFAULT-VALUE}).")
    private long maxCoalitions;

    @Option(names = "--target-se", defaultValue = "0.01",
            description = "Permutation stop rule: largest standard error (default: ${DEFAULT-VALUE}).")
    private double targetSe;

    @Option(names = "--samples", defaultValue = "1000", description = "LIME samples (default: ${DEFAULT-VALUE}).")
    private int samples;

    @Option(names = "--max-players", defaultValue = "16",
            description = "Cap of the exact method (default: ${DEFAULT-VALUE}); above it the command fails.")
    private int maxPlayers;

    @Option(names = "--weight-column", paramLabel = "COLUMN", description = "Background column holding row weights.")
    private String weightColumn;

    @Option(names = "--group", paramLabel = "NAME=F1,F2", description = "Treat features as one player (repeatable).")
    private Map<String, String> groups = new LinkedHashMap<>();

    @Option(names = "--reasons", paramLabel = "FILE", description = "Reason catalogue JSON; adds reasons and a notice.")
    private Path reasonsFile;

    @Option(names = "--locale", defaultValue = "en", description = "Language of the notice: en or de (default: ${DEFAULT-VALUE}).")
    private String locale;

    @Option(names = "--reference", defaultValue = "the background cohort",
            description = "Description of the reference cohort (default: ${DEFAULT-VALUE}).")
    private String reference;

    @Option(names = "--top-k", defaultValue = "4", description = "Reasons cited at most (default: ${DEFAULT-VALUE}).")
    private int topK;

    @Option(names = "--min-impact", defaultValue = "0", description = "Smallest impact a reason needs (default: ${DEFAULT-VALUE}).")
    private double minImpact;

    @Option(names = "--risk-score", description = "A higher score is adverse (default: a higher score is favourable).")
    private boolean riskScore;

    @Option(names = "--protected", split = ",", paramLabel = "NAME", description = "Protected attributes, never cited.")
    private List<String> protectedNames = new ArrayList<>();

    @Option(names = "--withheld", split = ",", paramLabel = "NAME", description = "Consent-withheld features, never cited.")
    private List<String> withheldNames = new ArrayList<>();

    @Option(names = "--recourse", paramLabel = "FILE",
            description = "Recourse actions JSON: {\"threshold\": t, \"cost\": \"mad_l1\"|\"percentile_shift\", \"k\": 3, "
                    + "\"actions\": [{\"feature\": f, \"direction\": \"increase\", \"lower\": a, \"upper\": b, \"step\": s} "
                    + "or {\"feature\": f, \"transitions\": {\"0\": [1, 2]}} or {\"feature\": f, \"mutable\": false}]}.")
    private Path recourseFile;

    @Option(names = "--view", defaultValue = "auditor", description = "person or auditor (default: ${DEFAULT-VALUE}).")
    private String view;

    /** Creates the command; picocli fills the options. */
    public ExplainCommand() {
    }

    /**
     * Runs the command.
     *
     * @return the exit code, 0 on success
     * @throws IllegalArgumentException on bad input (exit code 2)
     */
    @Override
    public Integer call() {
        if (TreeExplain.recognises(modelFile)) {
            return TreeExplain.run(modelFile, dataFile, backgroundFile, withheldNames, spec.commandLine().getOut());
        }
        if (backgroundFile == null || instanceFile == null || dataFile != null) {
            throw new IllegalArgumentException("a linear or logistic model needs --background and --instance (--data is for "
                    + "tree models)");
        }
        boolean lime = "lime".equals(method);
        ShapleyMethod m = lime ? null : parseMethod(method);
        Audience audience = switch (view) {
            case "person" -> Audience.PERSON;
            case "auditor" -> Audience.AUDITOR;
            default -> throw new IllegalArgumentException("--view must be person or auditor, was '" + view + "'");
        };
        ModelFile ms = library(() -> ModelFile.read(modelFile), "--model", modelFile);
        Link l = parseLink(link, ms);
        List<String> features = ms.featureNames();
        Background bg = readBackground(backgroundFile, features, weightColumn);
        double[] x = library(() -> ms.readInstance(instanceFile), "--instance", instanceFile);
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : groups.entrySet()) {
            g.put(e.getKey(), Arrays.asList(e.getValue().split(",")));
        }
        Players players = Players.grouped(features, g);
        Attribution a;
        ExplanationJson doc;
        if (lime) {
            LimeExplanation le = LimeExplainer.builder(ms.model(), bg).players(players).link(l).seed(seed).samples(samples)
                    .build().explain(x);
            a = le.attribution();
            doc = ExplanationJson.of(le);
        } else {
            ShapleyExplainer explainer;
            try {
                explainer = ShapleyExplainer.builder(ms.model(), bg).players(players).method(m).link(l).seed(seed)
                        .maxCoalitions(maxCoalitions).targetStandardError(targetSe).maxPlayers(maxPlayers).build();
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("--method " + method + ": " + e.getMessage(), e);
            }
            a = explainer.explain(x);
            doc = ExplanationJson.of(a);
        }
        Set<String> hidden = new HashSet<>(protectedNames);
        hidden.addAll(withheldNames);
        doc.hidden(hidden);
        if (reasonsFile != null) {
            ReasonCatalogue catalogue;
            String reasonsText = readText(reasonsFile, "--reasons");
            try {
                catalogue = ExplanationJson.readCatalogue(reasonsText);
            } catch (IllegalArgumentException e) {
                // named the field but not the file before (found by BadInputCatalogueTest's reasons rows)
                throw new IllegalArgumentException("--reasons " + reasonsFile + ": " + e.getMessage(), e);
            }
            Locale loc = Locale.forLanguageTag(locale);
            if (loc.getLanguage().isEmpty()) {
                throw new IllegalArgumentException("--locale '" + locale + "' is not a language tag");
            }
            for (dev.fairway.explain.reasons.ReasonCode code : catalogue.reasons()) {
                try {
                    NoticeRenderer.standard().message(code.messageKey(), loc);
                } catch (IllegalStateException e) {
                    // a catalogue naming a message key no bundle has is bad input, not a failure
                    throw new IllegalArgumentException("--reasons " + reasonsFile + ": reason " + code.code() + ": "
                            + e.getMessage(), e);
                }
            }
            ReasonPolicy policy = ReasonPolicy.builder(catalogue, reference).topK(topK).minimumImpact(minImpact)
                    .higherIsFavourable(!riskScore).protectedPlayers(Set.copyOf(protectedNames))
                    .withheldPlayers(Set.copyOf(withheldNames)).notices(NoticeRenderer.standard(), loc).build();
            ReasonResult r = policy.select(a, ReasonPolicy.deviations(players, x, bg));
            doc.reasons(r, NoticeRenderer.standard(), loc);
        }
        if (recourseFile != null) {
            RecourseFile rs = library(() -> RecourseFile.read(recourseFile, features), "--recourse",
                    recourseFile);
            RecourseResult rr = RecourseSearch.builder(ms.model(), bg).featureNames(features).actions(rs.actions())
                    .withheld(Set.copyOf(withheldNames)).cost(rs.cost()).threshold(rs.threshold()).k(rs.k()).seed(seed)
                    .build().find(x);
            doc.recourse(rr, rs.cost(), rs.threshold());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(doc.write(audience));
        out.flush();
        return 0;
    }

    static ShapleyMethod parseMethod(String s) {
        return switch (s) {
            case "exact" -> ShapleyMethod.EXACT;
            case "linear" -> ShapleyMethod.LINEAR;
            case "permutation" -> ShapleyMethod.PERMUTATION;
            case "kernel" -> ShapleyMethod.KERNEL;
            default -> throw new IllegalArgumentException("--method must be exact, linear, permutation, kernel or lime, was '"
                    + s + "'");
        };
    }

    static Link parseLink(String s, ModelFile ms) {
        if (s == null || s.equals("identity")) {
            return Link.IDENTITY;
        }
        if (s.equals("logit")) {
            if (!ms.logistic()) {
                throw new IllegalArgumentException("--link logit needs a logistic model");
            }
            return Link.LOGIT;
        }
        throw new IllegalArgumentException("--link must be identity or logit, was '" + s + "'");
    }

    /** A reader of explain-core that may fail on I/O. */
    private interface Reader<T> {
        T read() throws IOException;
    }

    /**
     * Calls one of explain-core's file readers. Their messages start with the file's role
     * ({@code model file ...}, {@code instance needs ...}), so two dashes make them name the
     * option, as every CLI message does.
     */
    private static <T> T library(Reader<T> reader, String option, Path file) {
        try {
            return reader.read();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    static String readText(Path file, String option) {
        try {
            long size = Files.size(file);
            if (size > MAX_JSON_BYTES) {
                throw new IllegalArgumentException(option + " file " + file + " is " + size + " bytes, above the limit of "
                        + MAX_JSON_BYTES);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    static Background readBackground(Path file, List<String> features, String weightColumn) {
        List<double[]> rows = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file, StandardCharsets.UTF_8)) {
            for (NamedCsvRecord rec : csv) {
                long line = rec.getStartingLineNumber();
                if (rows.size() == MAX_BACKGROUND_ROWS) {
                    throw new IllegalArgumentException("--background " + file + " has more than " + MAX_BACKGROUND_ROWS
                            + " rows; summarise it (for example by k-means centres with weights)");
                }
                double[] row = new double[features.size()];
                for (int j = 0; j < row.length; j++) {
                    String name = features.get(j);
                    String cell = rec.findField(name).orElseThrow(() -> new IllegalArgumentException(
                            "--background " + file + " has no column '" + name + "'"));
                    row[j] = number(cell, file, line, name);
                }
                rows.add(row);
                if (weightColumn != null) {
                    String cell = rec.findField(weightColumn).orElseThrow(() -> new IllegalArgumentException(
                            "--background " + file + " has no weight column '" + weightColumn + "'"));
                    weights.add(number(cell, file, line, weightColumn));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("--background: cannot read " + file + " (" + e.getMessage() + ")", e);
        } catch (CsvParseException e) {
            throw new IllegalArgumentException("--background " + file + " is not valid CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--background " + file + " has no data rows");
        }
        int m = features.size();
        double[] data = new double[rows.size() * m];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * m, m);
        }
        if (weightColumn == null) {
            return Background.of(data, rows.size(), m);
        }
        double[] w = new double[weights.size()];
        for (int r = 0; r < w.length; r++) {
            w[r] = weights.get(r);
        }
        return Background.weighted(data, rows.size(), m, w);
    }

    private static double number(String cell, Path file, long line, String column) {
        try {
            double v = Double.parseDouble(cell.trim());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException("not finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--background " + file + " line " + line + ", column '" + column
                    + "': not a finite number: '" + cell + "'", e);
        }
    }
}
