package dev.fairway.cli.privacy;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.CsvInput;
import dev.fairway.cli.Decimal;
import dev.fairway.cli.Messages;
import dev.fairway.cli.OutputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a CSV file once, through {@link CsvInput} (the one CSV reader), and keeps the named columns
 * dictionary-encoded (an empty field is missing, code -1). Errors name the file, line and column. Not
 * thread-safe.
 */
final class TextColumns {
    /** One dictionary-encoded column. */
    static final class Column {
        final String name;
        final List<String> levels = new ArrayList<>();
        final Map<String, Integer> codes = new HashMap<>();
        /** The line (the header is line 1) where each level first appears. */
        final List<Long> levelLines = new ArrayList<>();
        /** The first line with an empty field in this column, or -1. */
        long firstEmptyLine = -1;
        int[] values = new int[1024];

        Column(String name) {
            this.name = name;
        }

        /** The first level (in order of appearance) that is not a finite number, or -1. */
        int firstNonNumber() {
            for (int l = 0; l < levels.size(); l++) {
                if (Double.isNaN(Decimal.parse(levels.get(l)))) {
                    return l;
                }
            }
            return -1;
        }

        /** The values as objects, null where missing. */
        Object[] objects(int rows) {
            Object[] out = new Object[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = values[i] < 0 ? null : levels.get(values[i]);
            }
            return out;
        }

        /** The values as numbers (NaN where missing), or null unless every level is a finite number. */
        double[] numbers(int rows) {
            if (firstNonNumber() >= 0) {
                return null;
            }
            double[] byLevel = new double[levels.size()];
            for (int l = 0; l < byLevel.length; l++) {
                byLevel[l] = Decimal.parse(levels.get(l));
            }
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = values[i] < 0 ? Double.NaN : byLevel[values[i]];
            }
            return out;
        }
    }

    final Path file;
    final List<String> header = new ArrayList<>();
    final Map<String, Column> columns = new LinkedHashMap<>();
    int rows;

    private TextColumns(Path file) {
        this.file = file;
    }

    /**
     * Reads the named columns, or every column when {@code names} is null.
     *
     * @param file the CSV file (header line first)
     * @param names the columns to keep, or null for all
     * @return the columns
     */
    static TextColumns read(Path file, List<String> names) {
        TextColumns t = new TextColumns(file);
        t.load(names);
        return t;
    }

    private void load(List<String> names) {
        try (CsvInput in = CsvInput.open(file)) {
            header.addAll(in.header());
            List<String> wanted = names == null ? header : names;
            int[] at = new int[wanted.size()];
            Column[] kept = new Column[wanted.size()];
            for (int k = 0; k < wanted.size(); k++) {
                at[k] = in.column(wanted.get(k));
                kept[k] = columns.computeIfAbsent(wanted.get(k), Column::new);
            }
            for (String[] record = in.next(); record != null; record = in.next()) {
                long line = in.line();
                if (rows == Integer.MAX_VALUE - 8) {
                    throw new BadInputException(OutputFiles.name(file) + " has more rows than one report can hold");
                }
                for (int k = 0; k < at.length; k++) {
                    Column c = kept[k];
                    if (rows == c.values.length) {
                        c.values = Arrays.copyOf(c.values, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * rows));
                    }
                    String v = record[at[k]];
                    c.values[rows] = v.isEmpty() ? -1 : c.codes.computeIfAbsent(v, key -> {
                        c.levels.add(key);
                        c.levelLines.add(line);
                        return c.levels.size() - 1;
                    });
                    if (v.isEmpty() && c.firstEmptyLine < 0) {
                        c.firstEmptyLine = line;
                    }
                }
                rows++;
            }
        }
        if (rows == 0) {
            throw new BadInputException(OutputFiles.name(file) + " has a header but no rows");
        }
    }

    Column column(String name) {
        return columns.get(name);
    }

    /** Splits a comma-separated option value, rejecting empty names and duplicates. */
    static List<String> names(String option, String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String name = part.strip();
            if (name.isEmpty()) {
                throw new BadInputException(option + " has an empty column name: " + Messages.quote(value));
            }
            if (out.contains(name)) {
                throw new BadInputException(option + " names column " + Messages.quote(name) + " twice");
            }
            out.add(name);
        }
        return out;
    }
}
