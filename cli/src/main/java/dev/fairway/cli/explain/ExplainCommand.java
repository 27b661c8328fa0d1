package dev.fairway.cli.explain;

import dev.fairway.cli.CsvInput;
import dev.fairway.cli.Messages;
import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.OutputOptions;
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
import picocli.CommandLine.Mixin;
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

    @Option(names = "--model", required = true, paramLabel = "FILE",
            description = "The model as JSON: a linear or logistic model with an intercept and one coefficient per feature "
                    + "(docs/explain.md shows the format).")
    private Path modelFile;

    @Option(names = "--background", paramLabel = "FILE",
            description = "The background as CSV, with a column for every feature; at most 100,000 rows. It is required "
                    + "for a linear or logistic model and optional for a tree model (interventional TreeSHAP).")
    private Path backgroundFile;

    @Option(names = "--instance", paramLabel = "FILE",
            description = "The decision to explain as JSON, for a linear or logistic model: one number for every feature, "
                    + "by name.")
    private Path instanceFile;

    @Option(names = "--data", paramLabel = "FILE",
            description = "For a tree model (XGBoost JSON): the rows to explain as CSV, with the model's features as the "
                    + "header; an empty cell is a missing value.")
    private Path dataFile;

    @Spec
    private CommandSpec spec;

    @Option(names = "--method", defaultValue = "exact", paramLabel = "METHOD",
            description = "How attributions are computed: exact, linear, permutation, kernel or lime. The default is "
                    + "${DEFAULT-VALUE}.")
    private String method;

    @Option(names = "--link", paramLabel = "LINK",
            description = "The scale of the explanation: identity or logit. A logistic model is explained as a probability "
                    + "unless logit is given.")
    private String link;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "SEED",
            description = "The seed of the sampling methods. The default is ${DEFAULT-VALUE}.")
    private long seed;

    @Option(names = "--max-coalitions", defaultValue = "50000",
            paramLabel = "COALITIONS",
            description = "The most coalitions the sampling methods evaluate. The default is ${DEFAULT-VALUE}.")
    private long maxCoalitions;

    @Option(names = "--target-se", defaultValue = "0.01",
            paramLabel = "ERROR",
            description = "The permutation method stops when every standard error is below this. The default is "
                    + "${DEFAULT-VALUE}.")
    private double targetSe;

    @Option(names = "--samples", defaultValue = "1000", paramLabel = "SAMPLES",
            description = "The number of samples LIME draws. The default is ${DEFAULT-VALUE}.")
    private int samples;

    @Option(names = "--max-players", defaultValue = "16",
            paramLabel = "PLAYERS",
            description = "The most players the exact method takes; with more the command stops with exit 2. The default "
                    + "is ${DEFAULT-VALUE}.")
    private int maxPlayers;

    @Option(names = "--weight-column", paramLabel = "COLUMN", description = "A background column of row weights.")
    private String weightColumn;

    @Option(names = "--player-group", paramLabel = "NAME=FEATURES",
            description = "Treat several features as one player, written as name=feature,feature. Give it once per group.")
    private Map<String, String> playerGroups = new LinkedHashMap<>();

    /** {@code --out}. */
    @Mixin
    private OutputOptions output = new OutputOptions();

    @Option(names = "--reasons", paramLabel = "FILE", description = "A reason catalogue as JSON; the explanation then cites reasons and carries a notice.")
    private Path reasonsFile;

    @Option(names = "--locale", defaultValue = "en", paramLabel = "LANGUAGE",
            description = "The language of the notice: en or de. The default is ${DEFAULT-VALUE}.")
    private String locale;

    @Option(names = "--reference", defaultValue = "the background cohort",
            paramLabel = "TEXT",
            description = "How the notice names the reference cohort. The default is ${DEFAULT-VALUE}.")
    private String reference;

    @Option(names = "--top-k", defaultValue = "4", paramLabel = "REASONS",
            description = "The most reasons cited. The default is ${DEFAULT-VALUE}.")
    private int topK;

    @Option(names = "--min-impact", defaultValue = "0", paramLabel = "IMPACT",
            description = "The smallest impact a cited reason has. The default is ${DEFAULT-VALUE}.")
    private double minImpact;

    @Option(names = "--risk-score", description = "Read a higher score as adverse; by default a higher score is favourable.")
    private boolean riskScore;

    @Option(names = "--protected", split = ",", paramLabel = "NAME", description = "Protected features, separated by commas; they are never cited.")
    private List<String> protectedNames = new ArrayList<>();

    @Option(names = "--withheld", split = ",", paramLabel = "NAME", description = "Features the person withheld consent for, separated by commas; they are never cited.")
    private List<String> withheldNames = new ArrayList<>();

    @Option(names = "--recourse", paramLabel = "FILE",
            description = "The recourse actions as JSON: the threshold to reach, the cost, and what each feature may do "
                    + "(docs/explain.md shows the format).")
    private Path recourseFile;

    @Option(names = "--view", defaultValue = "auditor", paramLabel = "VIEW",
            description = "Who reads the document: person or auditor. The default is ${DEFAULT-VALUE}.")
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
            default -> throw new IllegalArgumentException("--view must be person or auditor, was " + Messages.quote(view));
        };
        Locale loc = reasonsFile == null ? null : locale();
        ModelFile ms = library(() -> ModelFile.read(modelFile), "--model", modelFile);
        Link l = parseLink(link, ms);
        List<String> features = ms.featureNames();
        checkNames("--protected", protectedNames, features);
        checkNames("--withheld", withheldNames, features);
        Background bg = readBackground(backgroundFile, features, weightColumn);
        double[] x = library(() -> ms.readInstance(instanceFile), "--instance", instanceFile);
        Players players = players(features);
        Attribution a;
        ExplanationJson doc;
        if (lime) {
            LimeExplanation le = LimeExplainer.builder(ms.model(), bg).players(players).link(l).seed(seed).samples(samples)
                    .build().explain(x);
            a = le.attribution();
            doc = ExplanationJson.of(le);
        } else {
            a = shapley(ms, bg, players, m, l).explain(x);
            doc = ExplanationJson.of(a);
        }
        Set<String> hidden = new HashSet<>(protectedNames);
        hidden.addAll(withheldNames);
        doc.hidden(hidden);
        if (reasonsFile != null) {
            ReasonPolicy policy = reasonPolicy(loc);
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
        output.write(doc.write(audience) + System.lineSeparator());
        return 0;
    }

    /** The players: one per feature, or the {@code --player-group} groups. */
    private Players players(List<String> features) {
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : playerGroups.entrySet()) {
            List<String> members = Arrays.asList(e.getValue().split(","));
            checkNames("--player-group " + e.getKey(), members, features);
            g.put(e.getKey(), members);
        }
        try {
            return Players.grouped(features, g);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--player-group: " + Messages.escape(e.getMessage()), e);
        }
    }

    private ShapleyExplainer shapley(ModelFile ms, Background bg, Players players, ShapleyMethod m, Link l) {
        try {
            return ShapleyExplainer.builder(ms.model(), bg).players(players).method(m).link(l).seed(seed)
                    .maxCoalitions(maxCoalitions).targetStandardError(targetSe).maxPlayers(maxPlayers).build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--method " + method + ": " + Messages.escape(e.getMessage()), e);
        }
    }

    /** The {@code --locale}: one of the shipped notice languages. */
    private Locale locale() {
        Locale loc = Locale.forLanguageTag(locale);
        if (loc.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("--locale " + Messages.quote(locale) + " is not a language tag");
        }
        boolean shipped = NoticeRenderer.SHIPPED_LOCALES.stream().anyMatch(s -> s.getLanguage().equals(loc.getLanguage()));
        if (!shipped) {
            throw new IllegalArgumentException("--locale " + Messages.quote(locale) + " has no notice texts; use one of "
                    + NoticeRenderer.SHIPPED_LOCALES.stream().map(Locale::toLanguageTag).toList());
        }
        return loc;
    }

    /** Every name given by the user must be a feature of the model (exactly, case included). */
    static void checkNames(String option, List<String> names, List<String> features) {
        for (String n : names) {
            if (!features.contains(n)) {
                String hint = features.stream().filter(f -> f.equalsIgnoreCase(n)).findFirst()
                        .map(f -> "; did you mean " + Messages.quote(f) + "?").orElse("");
                throw new IllegalArgumentException(option + " names " + Messages.quote(n) + ", which is not a feature of"
                        + " the model" + hint + " (features: " + Messages.escape(features.toString()) + ")");
            }
        }
    }

    /** The reason policy of {@code --reasons}, its message keys checked in the locale. */
    private ReasonPolicy reasonPolicy(Locale loc) {
        ReasonCatalogue catalogue;
        String reasonsText = readText(reasonsFile, "--reasons");
        try {
            catalogue = ExplanationJson.readCatalogue(reasonsText);
        } catch (IllegalArgumentException e) {
            // named the field but not the file before (found by BadInputCatalogueTest's reasons rows)
            throw new IllegalArgumentException("--reasons " + OutputFiles.name(reasonsFile) + ": "
                    + Messages.escape(e.getMessage()), e);
        }
        for (dev.fairway.explain.reasons.ReasonCode code : catalogue.reasons()) {
            try {
                NoticeRenderer.standard().message(code.messageKey(), loc);
            } catch (IllegalStateException e) {
                // a catalogue naming a message key no bundle has is bad input, not a failure
                throw new IllegalArgumentException("--reasons " + OutputFiles.name(reasonsFile) + ": reason "
                        + Messages.escape(code.code()) + ": " + Messages.escape(e.getMessage()), e);
            }
        }
        return ReasonPolicy.builder(catalogue, reference).topK(topK).minimumImpact(minImpact)
                .higherIsFavourable(!riskScore).protectedPlayers(Set.copyOf(protectedNames))
                .withheldPlayers(Set.copyOf(withheldNames)).notices(NoticeRenderer.standard(), loc).build();
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
            throw new IllegalArgumentException("--" + Messages.escape(e.getMessage()), e);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + OutputFiles.name(file) + " ("
                    + OutputFiles.reason(e instanceof UncheckedIOException u ? u.getCause() : e) + ")", e);
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
            throw new IllegalArgumentException(option + ": cannot read " + OutputFiles.name(file) + " ("
                    + OutputFiles.reason(e) + ")", e);
        }
    }

    static Background readBackground(Path file, List<String> features, String weightColumn) {
        List<double[]> rows = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        try (CsvInput csv = CsvInput.open(file)) {
            int[] at = new int[features.size()];
            for (int j = 0; j < at.length; j++) {
                if (!csv.has(features.get(j))) {
                    throw new IllegalArgumentException("--background " + OutputFiles.name(file) + " has no column "
                            + Messages.quote(features.get(j)));
                }
                at[j] = csv.column(features.get(j));
            }
            if (weightColumn != null && !csv.has(weightColumn)) {
                throw new IllegalArgumentException("--background " + OutputFiles.name(file) + " has no weight column "
                        + Messages.quote(weightColumn));
            }
            int w = weightColumn == null ? -1 : csv.column(weightColumn);
            for (String[] rec = csv.next(); rec != null; rec = csv.next()) {
                if (rows.size() == MAX_BACKGROUND_ROWS) {
                    throw new IllegalArgumentException("--background " + OutputFiles.name(file) + " has more than "
                            + MAX_BACKGROUND_ROWS + " rows; summarise it (for example by k-means centres with weights)");
                }
                double[] row = new double[at.length];
                for (int j = 0; j < row.length; j++) {
                    row[j] = csv.number(rec, at[j]);
                }
                rows.add(row);
                if (w >= 0) {
                    weights.add(csv.number(rec, w));
                }
            }
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

}
