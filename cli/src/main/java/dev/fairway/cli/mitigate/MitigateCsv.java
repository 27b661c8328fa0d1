package dev.fairway.cli.mitigate;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.CsvInput;
import dev.fairway.cli.Messages;
import dev.fairway.cli.OutputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole CSV file in memory (header and records), read by {@link CsvInput}, the one CSV reader; errors
 * name the file, line and column. Not thread-safe.
 */
final class MitigateCsv {
    final Path file;
    final List<String> header;
    final List<String[]> rows = new ArrayList<>();
    final List<Long> lines = new ArrayList<>();
    private final CsvInput input;

    private MitigateCsv(CsvInput input) {
        this.input = input;
        this.file = input.file();
        this.header = input.header();
    }

    static MitigateCsv read(Path file) {
        MitigateCsv csv;
        try (CsvInput in = CsvInput.open(file)) {
            csv = new MitigateCsv(in);
            for (String[] r = in.next(); r != null; r = in.next()) {
                csv.rows.add(r);
                csv.lines.add(in.line());
            }
        }
        if (csv.rows.isEmpty()) {
            throw new BadInputException(OutputFiles.name(file) + " has a header but no rows");
        }
        return csv;
    }

    int column(String name) {
        return input.column(name);
    }

    private BadInputException error(int row, String name, String reason) {
        return new BadInputException(dev.fairway.io.InputPosition.of(OutputFiles.name(file), lines.get(row),
                column(name) + 1, -1), "column " + Messages.quote(name) + " " + reason);
    }

    List<String> strings(String name) {
        int c = column(name);
        List<String> out = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            String v = rows.get(r)[c];
            if (v.isEmpty()) {
                throw error(r, name, "is empty");
            }
            out.add(v);
        }
        return out;
    }

    double[] doubles(String name, boolean nonNegative) {
        int c = column(name);
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            String v = rows.get(r)[c];
            double d = dev.fairway.cli.Decimal.parse(v);
            if (Double.isNaN(d) || (nonNegative && d < 0)) {
                throw error(r, name, "has " + Messages.quote(v) + ", not a finite decimal number"
                        + (nonNegative ? " of 0 or more" : ""));
            }
            out[r] = d;
        }
        return out;
    }

    /** True where the column equals {@code positive}; the column must hold exactly that and one other value. */
    boolean[] binary(String name, String positive) {
        int c = column(name);
        boolean[] out = new boolean[rows.size()];
        String other = null;
        for (int r = 0; r < out.length; r++) {
            String v = rows.get(r)[c].strip();
            if (v.equals(positive)) {
                out[r] = true;
            } else if (other == null) {
                other = v;
            } else if (!other.equals(v)) {
                throw error(r, name, "has a third value " + Messages.quote(v) + " (a binary column: the positive value "
                        + Messages.quote(positive) + " and one other, here " + Messages.quote(other) + ")");
            }
        }
        return out;
    }

    boolean[] equalTo(String name, String value) {
        List<String> v = strings(name);
        boolean[] out = new boolean[v.size()];
        boolean any = false;
        for (int r = 0; r < out.length; r++) {
            out[r] = v.get(r).equals(value);
            any |= out[r];
        }
        if (!any) {
            throw new BadInputException("no row of " + OutputFiles.name(file) + " has " + Messages.escape(name) + " = "
                    + Messages.quote(value));
        }
        return out;
    }
}
