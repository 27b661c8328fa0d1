package dev.fairway.cli.mitigate;

import dev.fairway.cli.OutputFiles;
import dev.fairway.fairness.mitigation.Reweighing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway mitigate reweigh}: Kamiran-Calders reweighing (as AIF360); writes the input rows
 * with a weight column appended.
 *
 * <p>Thread-safety: a command object, used by one thread.
 */
@Command(name = "reweigh", mixinStandardHelpOptions = true,
        description = "Reweigh rows so that label and group are independent (AIF360 Reweighing); write the CSV with a weight column.")
public final class ReweighCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file with a header line.")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "True label column (binary).")
    String label;

    @Option(names = "--favorable-label", paramLabel = "V", defaultValue = "1",
            description = "Favourable label value (default: ${DEFAULT-VALUE}).")
    String favorableLabel;

    @Option(names = "--group", required = true, paramLabel = "COL", description = "Sensitive column.")
    String group;

    @Option(names = "--privileged", required = true, paramLabel = "V", description = "Value of --group that is privileged.")
    String privileged;

    @Option(names = "--weight", paramLabel = "COL", description = "Existing instance weights (finite, >= 0).")
    String weight;

    @Option(names = "--weight-column", paramLabel = "NAME", defaultValue = "weight",
            description = "Name of the appended column (default: ${DEFAULT-VALUE}).")
    String weightColumn;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here instead of standard output.")
    Path out;

    /** Creates the command; picocli calls this. */
    public ReweighCommand() {
    }

    @Override
    public Integer call() {
        MitigateCsv csv = MitigateCsv.read(data);
        if (csv.header.contains(weightColumn)) {
            throw new dev.fairway.cli.BadInputException(data + " already has a column '" + weightColumn
                    + "'; name the new one with --weight-column");
        }
        boolean[] fav = csv.binary(label, favorableLabel);
        boolean[] priv = csv.equalTo(group, privileged);
        double[] w = weight == null ? null : csv.doubles(weight, true);
        double[] nw = Reweighing.fit(fav, priv, w).transform(fav, priv, w);
        StringBuilder sb = new StringBuilder();
        line(sb, csv.header.toArray(new String[0]), weightColumn);
        for (int r = 0; r < csv.rows.size(); r++) {
            line(sb, csv.rows.get(r), Double.toString(nw[r]));
        }
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(sb);
            o.flush();
        } else {
            OutputFiles.write(out, sb.toString());
        }
        return 0;
    }

    private static void line(StringBuilder sb, String[] fields, String last) {
        for (String f : fields) {
            sb.append(quote(f)).append(',');
        }
        sb.append(quote(last)).append('\n');
    }

    private static String quote(String f) {
        if (f.indexOf(',') < 0 && f.indexOf('"') < 0 && f.indexOf('\n') < 0 && f.indexOf('\r') < 0) {
            return f;
        }
        return '"' + f.replace("\"", "\"\"") + '"';
    }
}
