package dev.fairway.cli.mitigate;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.Messages;
import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.OutputOptions;
import dev.fairway.cli.SpreadsheetCells;
import dev.fairway.fairness.mitigation.Reweighing;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code fairway mitigate reweigh}: Kamiran-Calders reweighing (as AIF360); writes the input rows
 * with a weight column appended.
 *
 * <p>Thread-safety: a command object, used by one thread.
 */
@Command(name = "reweigh", mixinStandardHelpOptions = true,
        description = {"Reweigh the rows of a CSV file so that label and group are independent (AIF360 Reweighing), and "
            + "write the rows with a weight column appended, as CSV.",
            "Exit codes: 0 ok, 2 bad input or usage."})
public final class ReweighCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "The CSV file to reweigh: UTF-8, with a header line.")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COLUMN",
            description = "The column of true labels: the positive label and one other value.")
    String label;

    @Option(names = "--positive-label", paramLabel = "VALUE", defaultValue = "1",
            description = "The value of the positive (favourable) label. The default is ${DEFAULT-VALUE}.")
    String positiveLabel;

    @Option(names = "--group", required = true, paramLabel = "COLUMN", description = "The column of the protected attribute.")
    String group;

    @Option(names = "--reference", required = true, paramLabel = "VALUE",
            description = "The value of the group column that is the reference (privileged) group.")
    String reference;

    @Option(names = "--weight", paramLabel = "COLUMN",
            description = "A column of existing instance weights: finite decimal numbers, zero or more.")
    String weight;

    @Option(names = "--weight-column", paramLabel = "NAME", defaultValue = "weight",
            description = "The name of the appended column. The default is ${DEFAULT-VALUE}.")
    String weightColumn;

    @Option(names = "--escape-formulas",
            description = "Prefix with a single quote every cell that begins with =, +, -, @, a tab or a carriage return, so "
                    + "that a spreadsheet shows it as text instead of running it as a formula.")
    boolean escapeFormulas;

    /** {@code --out}. */
    @Mixin
    OutputOptions output = new OutputOptions();

    /** Creates the command; picocli calls this. */
    public ReweighCommand() {
    }

    @Override
    public Integer call() {
        MitigateCsv csv = MitigateCsv.read(data);
        if (csv.header.contains(weightColumn)) {
            throw new BadInputException(OutputFiles.name(data) + " already has a column " + Messages.quote(weightColumn)
                    + "; name the new one with --weight-column");
        }
        boolean[] fav = csv.binary(label, positiveLabel);
        boolean[] priv = csv.equalTo(group, reference);
        double[] w = weight == null ? null : csv.doubles(weight, true);
        double[] nw = Reweighing.fit(fav, priv, w).transform(fav, priv, w);
        StringBuilder sb = new StringBuilder();
        line(sb, csv.header.toArray(new String[0]), weightColumn);
        for (int r = 0; r < csv.rows.size(); r++) {
            line(sb, csv.rows.get(r), Double.toString(nw[r]));
        }
        output.write(sb.toString());
        return 0;
    }

    private void line(StringBuilder sb, String[] fields, String last) {
        for (String f : fields) {
            sb.append(SpreadsheetCells.csv(f, escapeFormulas)).append(',');
        }
        sb.append(SpreadsheetCells.csv(last, escapeFormulas)).append('\n');
    }
}
