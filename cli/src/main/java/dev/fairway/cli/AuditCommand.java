package dev.fairway.cli;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.report.AuditReport;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Reference;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.report.ReportHeader;
import dev.fairway.fairness.ZeroDivision;
import dev.fairway.fairness.gate.AuditGate;
import dev.fairway.fairness.gate.Rule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * <p>The file is streamed once; only the label, prediction, weight and group columns are kept,
 * in primitive form. On bad input nothing is written to {@code --out}.
 *
 * <p>The run, in order: options and {@code --fail-if} rules are checked ({@link #checkOptions()}),
 * the file is read ({@link #readData()}), counted and audited, the report is built
 * ({@link #report(FairnessAudit)}), the rules are evaluated ({@link #evaluate}), the report is written and
 * violations are printed ({@link #gate}). Options from other concerns come as {@code @Mixin}s implementing
 * {@link AuditExtension}; each takes part at those steps.
 *
 * <p>Exit codes: 0, 2 for bad input or usage, 3 when a {@code --fail-if} rule is violated (after the
 * report is written).
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {"Audit predictions in a CSV file for group fairness.",
            "Several --group flags audit their intersection; the JSON also carries each column's marginal audit.",
            "Exit codes: 0 ok, 2 bad input or usage, 3 a --fail-if rule is violated (after the report is written)."})
final class AuditCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, text, html }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header line.")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Column of true labels (binary).")
    String label;

    @Option(names = "--prediction", paramLabel = "COL",
            description = "Column of predictions (binary); or give --score COL --threshold T.")
    String prediction;

    @Option(names = "--group", required = true, paramLabel = "COL",
            description = "Sensitive column; repeat for an intersectional audit.")
    List<String> groups;

    @Option(names = "--weight", paramLabel = "COL", description = "Column of sample weights (finite, >= 0).")
    String weight;

    @Option(names = "--positive-label", paramLabel = "V", defaultValue = "1",
            description = "Label value of the positive class (default: ${DEFAULT-VALUE}).")
    String positiveLabel;

    @Option(names = "--positive-prediction", paramLabel = "V",
            description = "Prediction value of the positive class (default: the positive label).")
    String positivePrediction;

    @Option(names = "--zero-division", paramLabel = "MODE", defaultValue = "undefined",
            description = "undefined (null with a reason) or fairlearn (0.0 as Fairlearn 0.12). Default: ${DEFAULT-VALUE}.")
    String zeroDivision;

    @Option(names = "--reference", paramLabel = "GROUP",
            description = "Privileged reference group: a value of the only --group column, or col=value[,col=value].")
    String reference;

    @Option(names = "--null-group", paramLabel = "NAME",
            description = "Group name for empty group values (default: empty values are an error).")
    String nullGroup;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json, text or html (one self-contained file; default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--report-date", paramLabel = "YYYY-MM-DD",
            description = "Date printed in the HTML report (default: today, UTC), for reproducible files.")
    String reportDate;

    @Option(names = "--metrics", paramLabel = "M[,M...]", split = ",",
            description = "Metrics of the text and HTML tables, by JSON name (default: selection_rate, "
                    + "true_positive_rate, false_positive_rate, precision, accuracy).")
    List<String> metrics;

    @Option(names = "--min-group-size", paramLabel = "N", defaultValue = "30",
            description = "Flag groups with fewer rows (default: ${DEFAULT-VALUE}).")
    long minGroupSize;

    @Option(names = "--exclude-small-groups",
            description = "Leave groups under --min-group-size out of disparities and --fail-if rules (said in the report).")
    boolean excludeSmallGroups;

    @Option(names = "--fail-if", paramLabel = "RULE",
            description = "Exit 3 after writing the report when RULE holds, e.g. 'demographic_parity_ratio < 0.8' "
                    + "(repeatable; grammar in the README).")
    List<String> failIf = new ArrayList<>();

    @Option(names = "--allow-undefined", description = "An undefined value does not violate a --fail-if rule.")
    boolean allowUndefined;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    /** Differential privacy and small-cell suppression ({@code --dp-epsilon}, {@code --suppress-below}). */
    @Mixin
    dev.fairway.cli.privacy.PrivacyOptions privacy = new dev.fairway.cli.privacy.PrivacyOptions();

    /** Confidence intervals, hypothesis tests and score metrics ({@code --ci}, {@code --tests}, {@code --score}). */
    @Mixin
    IntervalOptions intervals;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the bootstrap (default 0); with --dp-epsilon, reproducible noise for tests only "
                    + "(seeded noise is NOT private, and the report says it is seeded).")
    Long seed;

    /** The score column, the labels and the group columns as read, for the score metrics. */
    private CsvColumns.Weights scores;
    private CsvColumns.Binary labels;
    private List<CsvColumns.Dictionary> groupColumns;

    /** Exit code when a {@code --fail-if} rule is violated. */
    static final int EXIT_GATE = 3;

    /**
     * The {@code @Mixin}s that take part in an audit, in order. Add a mixin field above and list it here.
     *
     * @return the extensions
     */
    List<AuditExtension> extensions() {
        return List.of();
    }

    /** The checked options: what {@link #checkOptions()} derives before any data is read (metrics null: the default). */
    private record Checked(ZeroDivision mode, List<Metric> metrics, List<Rule> rules) {
    }

    @Override
    public Integer call() {
        Checked checked = checkOptions();
        if (privacy.active()) {
            return privateAudit(checked);
        }
        AuditData data = readData();
        ConfusionCounts counts = ConfusionCounts.of(data);
        for (AuditExtension e : extensions()) {
            counts = e.counts(counts, data);
        }
        FairnessAudit audit = FairnessAudit.of(counts, checked.mode());
        AuditReport report = report(audit).withMinGroupSize(minGroupSize);
        if (checked.metrics() != null) {
            report = report.withMetrics(checked.metrics());
        }
        if (excludeSmallGroups) {
            report = report.excludingSmallGroups();
        }
        for (AuditExtension e : extensions()) {
            report = e.report(report, data, audit);
        }
        List<AuditGate.Evaluation> evaluations = evaluate(report, checked.rules());
        report = intervals.apply(report, data);
        report = intervals.addScores(report, scores, labels, groupColumns);
        String text = render(report);
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            OutputFiles.write(out, text);
        }
        return gate(evaluations);
    }

    /**
     * A differentially private or small-cell-suppressed audit: the released table is rendered by the
     * privacy options (JSON or text). Display and gate options that would read the exact table are refused.
     */
    private int privateAudit(Checked checked) {
        if (format == Format.html || !checked.rules().isEmpty() || excludeSmallGroups || checked.metrics() != null) {
            throw new BadInputException("--dp-epsilon and --suppress-below take --format json or text, without "
                    + "--fail-if, --metrics or --exclude-small-groups");
        }
        AuditData audited = readData();
        String text = privacy.render(audited, checked.mode(), reference == null ? null : parseReference(reference, groups),
                format == Format.json);
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            OutputFiles.write(out, text);
        }
        return 0;
    }

    /** Checks every option, parses and checks the rules, and lets each extension check its own. */
    private Checked checkOptions() {
        ZeroDivision mode = switch (zeroDivision.toLowerCase(Locale.ROOT)) {
            case "undefined" -> ZeroDivision.UNDEFINED;
            case "fairlearn" -> ZeroDivision.FAIRLEARN;
            default -> throw new BadInputException("--zero-division must be undefined or fairlearn, got '" + zeroDivision + "'");
        };
        if (groups.size() != groups.stream().distinct().count()) {
            throw new BadInputException("--group lists a column twice: " + groups);
        }
        ReportDates.resolve(reportDate);
        if (minGroupSize < 0) {
            throw new BadInputException("--min-group-size must be >= 0, got " + minGroupSize);
        }
        List<Metric> shown = new ArrayList<>();
        if (metrics == null) {
            shown = null;
        } else {
            for (String name : metrics) {
                Metric m;
                try {
                    m = Metric.byJsonName(name.strip());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--metrics: unknown metric '" + name.strip() + "'; use "
                            + String.join(", ", java.util.Arrays.stream(Metric.values()).filter(x -> x != Metric.COUNT)
                                    .map(Metric::jsonName).toList()));
                }
                if (m == Metric.COUNT || shown.contains(m)) {
                    throw new BadInputException("--metrics: '" + name.strip() + "' is "
                            + (m == Metric.COUNT ? "always shown" : "listed twice"));
                }
                shown.add(m);
            }
        }
        List<Rule> rules = new ArrayList<>();
        for (String text : failIf) {
            Rule rule;
            try {
                rule = Rule.parse(text);
                AuditGate.check(rule);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--fail-if " + e.getMessage(), e);
            }
            if ("to_reference".equals(rule.method()) && reference == null) {
                throw new BadInputException("--fail-if rule '" + rule.text() + "' compares to a reference group; "
                        + "name one with --reference");
            }
            rules.add(rule);
        }
        for (AuditExtension e : extensions()) {
            e.check();
        }
        if (seed != null && intervals.level == null && !privacy.noise()) {
            throw new BadInputException("--seed needs --ci (the bootstrap's seed) or --dp-epsilon (test-only noise)");
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
        return new Checked(mode, shown == null ? null : List.copyOf(shown), List.copyOf(rules));
    }

    /** Reads the CSV file once into audit data. */
    private AuditData readData() {
        CsvColumns csv = new CsvColumns(data);
        CsvColumns.Binary y = csv.binary(label, positiveLabel);
        CsvColumns.Binary p = prediction == null ? null
                : csv.binary(prediction, positivePrediction == null ? positiveLabel : positivePrediction);
        scores = intervals.scoreColumn(csv, prediction);
        labels = y;
        CsvColumns.Weights w = weight == null ? null : csv.weights(weight);
        List<CsvColumns.Dictionary> g = new ArrayList<>();
        groupColumns = g;
        for (String column : groups) {
            g.add(csv.dictionary(column));
        }
        for (AuditExtension e : extensions()) {
            e.register(csv);
        }
        csv.progress(Progress.forTerminal(spec.commandLine().getErr()));
        csv.read();
        if (csv.rows() == 0) {
            throw new BadInputException(data + " has a header but no rows");
        }
        if (nullGroup == null) {
            for (CsvColumns.Dictionary d : g) {
                Long line = csv.emptyLines.get(d.name);
                if (line != null) {
                    throw new BadInputException("group column '" + d.name + "' is empty at line " + line + " of " + data
                            + "; name a group for empty values with --null-group");
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
        for (AuditExtension e : extensions()) {
            e.build(builder);
        }
        return builder.build();
    }

    /** The report of an audit with the reference group, before the display options. */
    AuditReport report(FairnessAudit audit) {
        AuditReport report = AuditReport.of(audit);
        if (reference != null) {
            report = report.withReference(parseReference(reference, groups));
        }
        return report;
    }

    String render(AuditReport report) {
        return switch (format) {
            case json -> report.toJson();
            case text -> report.toText();
            case html -> report.toHtml(ReportHeader.of(data.getFileName().toString(), Fairway.version(),
                    ReportDates.resolve(reportDate)));
        };
    }

    /** Evaluates the rules over the report's compared audit (small groups left out when asked). */
    private List<AuditGate.Evaluation> evaluate(AuditReport report, List<Rule> rules) {
        if (rules.isEmpty()) {
            return List.of();
        }
        AuditGate gate = AuditGate.of(report.comparedAudit());
        if (reference != null && rules.stream().anyMatch(r -> "to_reference".equals(r.method()))) {
            try {
                gate = gate.withReference(parseReference(reference, groups));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--fail-if: with the small groups left out, " + e.getMessage(), e);
            }
        }
        List<AuditGate.Evaluation> evaluations = new ArrayList<>();
        for (Rule rule : rules) {
            evaluations.add(gate.evaluate(rule));
        }
        return evaluations;
    }

    /** Prints one line per violated rule on standard error; exit code 3 if any, 0 otherwise. */
    private int gate(List<AuditGate.Evaluation> evaluations) {
        PrintWriter err = spec.commandLine().getErr();
        int code = 0;
        for (AuditGate.Evaluation e : evaluations) {
            if (e.holds() || (!e.defined() && !allowUndefined)) {
                err.println(violation(e));
                code = EXIT_GATE;
            }
        }
        err.flush();
        return code;
    }

    /** One line: the rule, its value (or why it is undefined) and the groups responsible. */
    static String violation(AuditGate.Evaluation e) {
        StringBuilder sb = new StringBuilder("fairway: --fail-if '").append(e.rule().text()).append("' violated: ");
        if (e.defined()) {
            sb.append("value ").append(String.format(Locale.ROOT, "%.4f", e.value()));
        } else {
            sb.append("value undefined (").append(e.undefinedReason()).append(')');
        }
        if (!e.groups().isEmpty()) {
            sb.append("; ").append("to_reference".equals(e.rule().method()) ? "reference groups: " : "groups: ");
            for (int i = 0; i < e.groups().size(); i++) {
                sb.append(i == 0 ? "" : " | ").append(e.groups().get(i));
            }
        }
        return sb.toString();
    }


    /** Parses {@code value} (one group column) or {@code col=value[,col=value...]} with {@link Reference#parse}. */
    static Map<String, String> parseReference(String spec, List<String> columns) {
        try {
            return Reference.parse(spec, columns).values();
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
