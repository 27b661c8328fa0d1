package dev.fairway.cli;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.report.AuditReport;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.report.ReportHeader;
import dev.fairway.fairness.ZeroDivision;
import dev.fairway.fairness.gate.AuditGate;
import dev.fairway.fairness.gate.Rule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway audit}: group fairness metrics of a CSV file's predictions.
 *
 * <p>The file is streamed once by {@link CsvColumns}; only the label, prediction, weight and group
 * columns are kept, in primitive form. On bad input nothing is written to {@code --out}.
 *
 * <p>The run, in order: options and {@code --fail-if} rules are checked ({@link #checkOptions()}),
 * the file is read ({@link #readData()}), counted and audited, the report is built, the rules are
 * evaluated by {@code gate}, the report is written and violations are printed.
 *
 * <p>Exit codes: 0, 2 for bad input or usage, 3 when a {@code --fail-if} rule is violated (after the
 * report is written).
 *
 * <p>Thread-safety: a command object, used by one thread.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {"Audit the predictions in a CSV file for group fairness, as json, text or html.",
            "Several --group options audit their intersection; the JSON report also carries each column's own audit.",
            "Exit codes: 0 ok, 2 bad input or usage, 3 a --fail-if rule is violated (after the report is written)."})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The CSV file to audit: UTF-8, with a header line (docs/cli.md gives the grammar).")
    Path data;

    /** The label, prediction and group columns, the positive label and the reference group. */
    @Mixin
    AuditColumns columns = new AuditColumns();

    /** {@code --format} and {@code --report-date}. */
    @Mixin
    ReportOptions report = new ReportOptions();

    /** {@code --out}. */
    @Mixin
    OutputOptions output = new OutputOptions();

    /** {@code --fail-if} and {@code --allow-undefined}. */
    @Mixin
    GateOptions gate = new GateOptions();

    @Option(names = "--weight", paramLabel = "COLUMN",
            description = "A column of sample weights: finite decimal numbers, zero or more.")
    String weight;

    @Option(names = "--positive-prediction", paramLabel = "VALUE",
            description = "The value of the positive class in the prediction column, when it differs from the positive "
                    + "label.")
    String positivePrediction;

    @Option(names = "--zero-division", paramLabel = "MODE", defaultValue = "undefined",
            description = "What a rate over zero rows is: undefined (null, with a reason) or fairlearn (0.0, as Fairlearn "
                    + "0.12 gives). The default is ${DEFAULT-VALUE}.")
    String zeroDivision;

    @Option(names = "--null-group", paramLabel = "NAME",
            description = "The group name of an empty group value. Without it an empty group value is an error.")
    String nullGroup;

    @Option(names = "--metrics", paramLabel = "METRIC", split = ",",
            description = "The metrics of the text and HTML tables, by JSON name and separated by commas. The default is "
                    + "selection_rate, true_positive_rate, false_positive_rate, precision and accuracy.")
    List<String> metrics;

    @Option(names = "--min-group-size", paramLabel = "ROWS", defaultValue = "30",
            description = "Flag groups with fewer rows than this. The default is ${DEFAULT-VALUE}.")
    long minGroupSize;

    @Option(names = "--exclude-small-groups",
            description = "Leave the groups under --min-group-size out of the disparities and the --fail-if rules; the "
                    + "report says so.")
    boolean excludeSmallGroups;

    /** Differential privacy and small-cell suppression ({@code --dp-epsilon}, {@code --suppress-below}). */
    @Mixin
    PrivacyOptions privacy = new PrivacyOptions();

    /** Confidence intervals, hypothesis tests and score metrics ({@code --ci}, {@code --tests}, {@code --score}). */
    @Mixin
    IntervalOptions intervals;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "The seed of the bootstrap (0 by default). With --dp-epsilon it makes the noise reproducible, "
                    + "for tests only: seeded noise is not private, and the report says it is seeded.")
    Long seed;

    /** The most bootstrap replicates. */
    static final int MAX_BOOTSTRAP = 100_000;

    /** The score column, the labels and the group columns as read, for the score metrics. */
    private CsvColumns.Weights scores;
    private CsvColumns.Binary labels;
    private List<CsvColumns.Dictionary> groupColumns;

    /** Creates the command; picocli fills the options. */
    public AuditCommand() {
    }

    /** The checked options: what {@link #checkOptions()} derives before any data is read (metrics null: the default). */
    private record Checked(ZeroDivision mode, List<Metric> metrics, List<Rule> rules, Format format) {
    }

    @Override
    public Integer call() {
        Checked checked = checkOptions();
        if (privacy.active()) {
            return privateAudit(checked);
        }
        AuditData data = readData();
        FairnessAudit audit = FairnessAudit.of(ConfusionCounts.of(data), checked.mode());
        AuditReport r = AuditReport.of(audit);
        Map<String, String> reference = columns.reference();
        if (reference != null) {
            r = r.withReference(reference);
        }
        r = r.withMinGroupSize(minGroupSize);
        if (checked.metrics() != null) {
            r = r.withMetrics(checked.metrics());
        }
        if (excludeSmallGroups) {
            r = r.excludingSmallGroups();
        }
        List<AuditGate.Evaluation> evaluations = evaluate(r, checked.rules(), reference);
        r = intervals.apply(r, data);
        r = intervals.addScores(r, scores, labels, groupColumns);
        output.write(render(r, checked.format()));
        return gate.exit(evaluations, spec.commandLine().getErr());
    }

    /**
     * A differentially private or small-cell-suppressed audit: the released table is rendered by the
     * privacy options (JSON or text). Display and gate options that would read the exact table are refused.
     */
    private int privateAudit(Checked checked) {
        if (checked.format() == Format.html || gate.any() || excludeSmallGroups || checked.metrics() != null) {
            throw new BadInputException("--dp-epsilon and --suppress-below take --format json or text, without "
                    + "--fail-if, --metrics or --exclude-small-groups");
        }
        privacy.check();
        AuditData audited = readData();
        output.write(privacy.render(audited, checked.mode(), columns.reference(), checked.format() == Format.json));
        return 0;
    }

    /** Checks every option and parses the rules, before any data is read. */
    private Checked checkOptions() {
        ZeroDivision mode = switch (zeroDivision.toLowerCase(Locale.ROOT)) {
            case "undefined" -> ZeroDivision.UNDEFINED;
            case "fairlearn" -> ZeroDivision.FAIRLEARN;
            default -> throw new BadInputException("--zero-division must be undefined or fairlearn, got "
                    + Messages.quote(zeroDivision));
        };
        columns.groups();
        Format format = report.format(Format.json, Format.text, Format.html);
        if (minGroupSize < 0) {
            throw new BadInputException("--min-group-size must be 0 or more, got " + minGroupSize);
        }
        List<Rule> rules = gate.rules();
        for (Rule rule : rules) {
            if ("to_reference".equals(rule.method()) && !columns.hasReference()) {
                throw new BadInputException("--fail-if rule '" + rule.text() + "' compares to a reference group; "
                        + "name one with --reference");
            }
        }
        columns.reference();
        checkStatistics(format);
        return new Checked(mode, shownMetrics(), rules, format);
    }

    /** Checks the options of the statistics and privacy mixins against each other. */
    private void checkStatistics(Format format) {
        if (seed != null && intervals.level == null && !privacy.noise()) {
            throw new BadInputException("--seed needs --ci (the bootstrap's seed) or --dp-epsilon (test-only noise)");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--bootstrap")) {
            if (intervals.level == null) {
                throw new BadInputException("--bootstrap sets the replicates of the --ci intervals; give --ci LEVEL too");
            }
            if (intervals.replicates < 2 || intervals.replicates > MAX_BOOTSTRAP) {
                throw new BadInputException("--bootstrap must be between 2 and " + MAX_BOOTSTRAP + " replicates, got "
                        + intervals.replicates);
            }
        }
        intervals.seed = seed == null ? 0 : seed;
        privacy.seed(seed);
        if (intervals.active() && (privacy.active() || excludeSmallGroups)) {
            throw new BadInputException("--ci, --tests and --score do not combine with "
                    + (privacy.active() ? "--dp-epsilon or --suppress-below" : "--exclude-small-groups"));
        }
        if (format == Format.html && (intervals.tests || intervals.score != null || intervals.threshold != null)) {
            throw new BadInputException("--tests, --score and --threshold take --format json or text (--ci works with html)");
        }
    }

    /** The {@code --metrics}, checked; null for the default. */
    private List<Metric> shownMetrics() {
        if (metrics == null) {
            return null;
        }
        List<Metric> shown = new ArrayList<>();
        for (String name : metrics) {
            Metric m;
            try {
                m = Metric.byJsonName(name.strip());
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--metrics: unknown metric " + Messages.quote(name.strip()) + "; use "
                        + String.join(", ", Arrays.stream(Metric.values()).filter(x -> x != Metric.COUNT)
                                .map(Metric::jsonName).toList()));
            }
            if (m == Metric.COUNT || shown.contains(m)) {
                throw new BadInputException("--metrics: " + Messages.quote(name.strip()) + " is "
                        + (m == Metric.COUNT ? "always shown" : "listed twice"));
            }
            shown.add(m);
        }
        return List.copyOf(shown);
    }

    /** Reads the CSV file once into audit data. */
    private AuditData readData() {
        CsvColumns csv = new CsvColumns(data);
        String label = columns.label();
        String prediction = columns.prediction();
        CsvColumns.Binary y = csv.binary(label, columns.positiveLabel());
        CsvColumns.Binary p = prediction == null ? null
                : csv.binary(prediction, positivePrediction == null ? columns.positiveLabel() : positivePrediction);
        scores = intervals.scoreColumn(csv, prediction);
        labels = y;
        CsvColumns.Weights w = weight == null ? null : csv.weights(weight);
        List<CsvColumns.Dictionary> g = new ArrayList<>();
        groupColumns = g;
        for (String column : columns.groups()) {
            g.add(csv.dictionary(column));
        }
        csv.progress(Progress.forTerminal(spec.commandLine().getErr()));
        csv.read();
        if (csv.rows() == 0) {
            throw new BadInputException(OutputFiles.name(data) + " has a header but no rows");
        }
        if (nullGroup == null) {
            for (CsvColumns.Dictionary d : g) {
                Long line = csv.emptyLines.get(d.name);
                if (line != null) {
                    throw new BadInputException("group column " + Messages.quote(d.name) + " is empty at line " + line
                            + " of " + OutputFiles.name(data) + "; name a group for empty values with --null-group");
                }
            }
        }
        AuditData.Builder builder = AuditData.builder()
                .labels(label, y.values)
                .predictions(p == null ? intervals.thresholdedName() : prediction,
                        p == null ? intervals.thresholded(scores) : p.values);
        if (w != null) {
            builder.weights(weight, w.values);
        }
        for (CsvColumns.Dictionary d : g) {
            builder.sensitiveCodes(d.name, d.values, d.levels);
        }
        if (nullGroup != null) {
            builder.nullGroup(nullGroup);
        }
        return builder.build();
    }

    private String render(AuditReport r, Format format) {
        return switch (format) {
            case json -> r.toJson();
            case text -> r.toText();
            case html -> r.toHtml(ReportHeader.of(data.getFileName().toString(), Fairway.version(), report.date()));
        };
    }

    /** Evaluates the rules over the report's compared audit (small groups left out when asked). */
    private List<AuditGate.Evaluation> evaluate(AuditReport r, List<Rule> rules, Map<String, String> reference) {
        if (rules.isEmpty()) {
            return List.of();
        }
        AuditGate g = AuditGate.of(r.comparedAudit());
        if (reference != null && rules.stream().anyMatch(x -> "to_reference".equals(x.method()))) {
            try {
                g = g.withReference(reference);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--fail-if: with the small groups left out, " + e.getMessage(), e);
            }
        }
        List<AuditGate.Evaluation> evaluations = new ArrayList<>();
        for (Rule rule : rules) {
            evaluations.add(g.evaluate(rule));
        }
        return evaluations;
    }
}
