package dev.fairway.spark;

import dev.fairway.fairness.Reference;
import dev.fairway.fairness.report.AuditReport;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.ZeroDivision;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class dev.fairway.spark.AuditJob}: {@code fairway audit} on Spark. It takes
 * the same flags ({@code --data} a CSV file with a header line, or Parquet, {@code --label},
 * {@code --prediction}, {@code --group}..., {@code --weight}, {@code --positive-label},
 * {@code --positive-prediction}, {@code --zero-division}, {@code --reference},
 * {@code --null-group}, {@code --format}, {@code --out}) and writes the same
 * {@code fairway-audit/v1} JSON. The master and every other Spark setting come from Spark's usual
 * configuration ({@code spark-submit --master}, or {@code -Dspark.master=local[2]} with plain
 * {@code java}).
 *
 * <p>Exit codes as the CLI's: 0 on success, 2 on bad input (one line on standard error, nothing
 * written to {@code --out}), 1 on an unexpected failure.
 */
@Command(
        name = "fairway-spark-audit",
        mixinStandardHelpOptions = true,
        description = {"Audit predictions in a CSV or Parquet table on Spark for group fairness.",
            "Several --group flags audit their intersection; the JSON also carries each column's marginal audit."})
public final class AuditJob implements Callable<Integer> {

    /** Exit code for bad input or usage. */
    static final int EXIT_BAD_INPUT = 2;

    /** Output formats. */
    enum Format { json, text }

    /** Input formats. */
    enum DataFormat { auto, csv, parquet }

    private final SparkSession spark;
    private final PrintWriter out;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "CSV file (or directory) with a header line, or Parquet; any path Spark reads.")
    String data;

    @Option(names = "--data-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "csv, parquet, or auto: parquet when the path ends in .parquet, else csv (default: ${DEFAULT-VALUE}).")
    DataFormat dataFormat;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "Column of true labels (binary).")
    String label;

    @Option(names = "--prediction", required = true, paramLabel = "COL", description = "Column of predictions (binary).")
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

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here (on the driver) instead of standard output.")
    Path outFile;

    private AuditJob(SparkSession spark, PrintWriter out) {
        this.spark = spark;
        this.out = out;
    }

    /**
     * Runs the job on the session Spark's configuration describes, and exits with its code.
     *
     * @param args the flags
     */
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("fairway-audit").getOrCreate();
        int code;
        try {
            code = run(spark, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        } finally {
            spark.stop();
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job on a session, for tests and embedding. */
    static int run(SparkSession spark, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AuditJob(spark, out));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, argv) -> {
            ex.getCommandLine().getErr().println("fairway: " + ex.getMessage());
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("fairway: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        ZeroDivision mode = switch (zeroDivision.toLowerCase(Locale.ROOT)) {
            case "undefined" -> ZeroDivision.UNDEFINED;
            case "fairlearn" -> ZeroDivision.FAIRLEARN;
            default -> throw new IllegalArgumentException("--zero-division must be undefined or fairlearn, got '"
                    + zeroDivision + "'");
        };
        if (groups.size() != groups.stream().distinct().count()) {
            throw new IllegalArgumentException("--group lists a column twice: " + groups);
        }
        AuditSpec.Builder b = AuditSpec.builder().label(label).prediction(prediction).positiveLabel(positiveLabel)
                .zeroDivision(mode);
        groups.forEach(b::group);
        if (weight != null) {
            b.weight(weight);
        }
        if (positivePrediction != null) {
            b.positivePrediction(positivePrediction);
        }
        if (nullGroup != null) {
            b.nullGroup(nullGroup);
        }
        AuditSpec spec;
        try {
            spec = b.build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        FairnessAudit audit = FairnessAudit.of(FairwaySpark.counts(read(), spec, data), mode);
        AuditReport report = AuditReport.of(audit);
        if (reference != null) {
            report = report.withReference(parseReference(reference, groups));
        }
        String text = format == Format.json ? report.toJson() : report.toText();
        if (outFile == null) {
            out.print(text);
            out.flush();
        } else {
            write(outFile, text);
        }
        return 0;
    }

    private Dataset<Row> read() {
        boolean parquet = dataFormat == DataFormat.parquet
                || dataFormat == DataFormat.auto && data.toLowerCase(Locale.ROOT).endsWith(".parquet");
        try {
            if (parquet) {
                return spark.read().parquet(data);
            }
            // every column as text, as fairway audit reads a CSV file; empty fields are null
            return spark.read().option("header", "true").option("inferSchema", "false").csv(data);
        } catch (Exception e) {
            // Spark's AnalysisException is checked in Java terms but undeclared
            String message = String.valueOf(e.getMessage());
            if (message.contains("PATH_NOT_FOUND")) {
                throw new IllegalArgumentException("cannot read " + data + ": no such file", e);
            }
            if (e.getClass().getSimpleName().equals("AnalysisException")) {
                throw new IllegalArgumentException("cannot read " + data + ": " + message.lines().findFirst().orElse(""),
                        e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot read " + data + ": " + message, e);
        }
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
            throw new IllegalArgumentException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code value} (one group column) or {@code col=value[,col=value...]}: {@link Reference#parse}, as {@code fairway audit}. */
    static Map<String, String> parseReference(String spec, List<String> columns) {
        return Reference.parse(spec, columns).values();
    }
}
