package dev.fairway.cli;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.AuditReport;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.ZeroDivision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = {"Audit predictions in a CSV file for group fairness.",
            "Several --group flags audit their intersection; the JSON also carries each column's marginal audit."})
final class AuditCommand implements Callable<Integer> {

    /** Output formats. */
    enum Format { json, text }

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

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json", description = "json or text (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    @Mixin
    IntervalOptions intervals;

    @Override
    public Integer call() {
        ZeroDivision mode = switch (zeroDivision.toLowerCase(Locale.ROOT)) {
            case "undefined" -> ZeroDivision.UNDEFINED;
            case "fairlearn" -> ZeroDivision.FAIRLEARN;
            default -> throw new BadInputException("--zero-division must be undefined or fairlearn, got '" + zeroDivision + "'");
        };
        if (groups.size() != groups.stream().distinct().count()) {
            throw new BadInputException("--group lists a column twice: " + groups);
        }
        CsvColumns csv = new CsvColumns(data);
        CsvColumns.Binary y = csv.binary(label, positiveLabel);
        CsvColumns.Binary p = prediction == null ? null
                : csv.binary(prediction, positivePrediction == null ? positiveLabel : positivePrediction);
        CsvColumns.Weights scores = intervals.scoreColumn(csv, prediction);
        CsvColumns.Weights w = weight == null ? null : csv.weights(weight);
        List<CsvColumns.Dictionary> g = new ArrayList<>();
        for (String column : groups) {
            g.add(csv.dictionary(column));
        }
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
        AuditData auditData = builder.build();
        AuditReport report = AuditReport.of(FairnessAudit.of(auditData, mode));
        if (reference != null) {
            report = report.withReference(parseReference(reference, groups));
        }
        report = intervals.apply(report, auditData);
        String text = format == Format.json ? report.toJson() : report.toText();
        text = intervals.addScores(text, format == Format.json, scores, y, g);
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            write(out, text);
        }
        return 0;
    }

    /** Writes to a temporary file beside the target and renames it, so a failure leaves no partial file. */
    static void write(Path out, String text) {
        Path target = out.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".fairway", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code value} (one group column) or {@code col=value[,col=value...]}. */
    static Map<String, String> parseReference(String spec, List<String> columns) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!spec.contains("=")) {
            if (columns.size() != 1) {
                throw new BadInputException("--reference '" + spec + "' must name columns (col=value,...) when auditing "
                        + columns.size() + " group columns");
            }
            values.put(columns.get(0), spec);
            return values;
        }
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--reference part '" + part + "' is not col=value");
            }
            String column = part.substring(0, eq).strip();
            if (!columns.contains(column)) {
                throw new BadInputException("--reference names column '" + column + "', which is not a --group column " + columns);
            }
            if (values.put(column, part.substring(eq + 1)) != null) {
                throw new BadInputException("--reference names column '" + column + "' twice");
            }
        }
        return values;
    }
}
