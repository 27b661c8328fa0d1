package dev.fairway.cli.audit;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.fairway.cli.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the named columns of a CSV file as text, with each row's line number, for the audit
 * commands ({@code ll144}, {@code slices}, {@code estimate}). Errors name the file, the line (the
 * header is line 1) and the column. Not thread-safe.
 */
final class AuditCsv {
    final Path file;
    final List<String> names;
    final String[][] columns;
    final long[] lines;
    final int rows;

    private AuditCsv(Path file, List<String> names, String[][] columns, long[] lines, int rows) {
        this.file = file;
        this.names = names;
        this.columns = columns;
        this.lines = lines;
        this.rows = rows;
    }

    /** Reads the named columns (each once) of a file. */
    static AuditCsv read(Path file, List<String> names) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("cannot read " + file + (Files.isDirectory(file) ? ": is a directory" : ": no such file"));
        }
        List<List<String>> values = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            values.add(new ArrayList<>());
        }
        List<Long> lineList = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowMissingFields(true)
                .allowExtraFields(true).ofCsvRecord(file)) {
            int[] at = null;
            int width = 0;
            for (CsvRecord record : reader) {
                if (at == null) {
                    Map<String, Integer> header = new LinkedHashMap<>();
                    for (int i = 0; i < record.getFieldCount(); i++) {
                        String name = record.getField(i).strip();
                        header.putIfAbsent(i == 0 && name.startsWith("\uFEFF") ? name.substring(1) : name, i);
                    }
                    width = record.getFieldCount();
                    at = new int[names.size()];
                    for (int k = 0; k < at.length; k++) {
                        Integer i = header.get(names.get(k));
                        if (i == null) {
                            throw new BadInputException("unknown column '" + names.get(k) + "' in " + file
                                    + "; columns are " + header.keySet());
                        }
                        at[k] = i;
                    }
                    continue;
                }
                if (record.getFieldCount() != width) {
                    throw new BadInputException(file + " line " + record.getStartingLineNumber() + " has "
                            + record.getFieldCount() + " fields but the header has " + width);
                }
                for (int k = 0; k < at.length; k++) {
                    values.get(k).add(record.getField(at[k]));
                }
                lineList.add(record.getStartingLineNumber());
            }
            if (at == null) {
                throw new BadInputException(file + " is empty: no header line");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (CsvParseException e) {
            throw new BadInputException(file + ": malformed CSV: " + e.getMessage(), e);
        }
        int rows = lineList.size();
        if (rows == 0) {
            throw new BadInputException(file + " has a header but no rows");
        }
        String[][] columns = new String[names.size()][];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = values.get(k).toArray(new String[0]);
        }
        long[] lines = new long[rows];
        for (int i = 0; i < rows; i++) {
            lines[i] = lineList.get(i);
        }
        return new AuditCsv(file, List.copyOf(names), columns, lines, rows);
    }

    /** The text of a column. */
    String[] text(String name) {
        return columns[names.indexOf(name)];
    }

    /** A column of finite numbers; an empty or non-numeric cell is bad input naming file, line and column. */
    double[] numbers(String name) {
        String[] t = text(name);
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double v;
            try {
                v = Double.parseDouble(t[i].strip());
            } catch (NumberFormatException e) {
                throw new BadInputException(file + " line " + lines[i] + " column '" + name + "': '" + t[i]
                        + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new BadInputException(file + " line " + lines[i] + " column '" + name + "': " + t[i]
                        + " is not a finite number");
            }
            out[i] = v;
        }
        return out;
    }

    /**
     * A binary column: true where the cell equals {@code positive}. With {@code positive} null the
     * column must hold 0 and 1 (or false and true).
     */
    boolean[] binary(String name, String positive) {
        String[] t = text(name);
        boolean[] out = new boolean[rows];
        String other = null;
        for (int i = 0; i < rows; i++) {
            String v = t[i].strip();
            if (positive != null) {
                if (v.isEmpty()) {
                    throw new BadInputException(file + " line " + lines[i] + " column '" + name + "' is empty");
                }
                out[i] = v.equals(positive);
                if (!out[i] && other != null && !other.equals(v)) {
                    throw new BadInputException(file + " line " + lines[i] + " column '" + name + "': '" + v
                            + "' is a third value besides '" + positive + "' and '" + other + "'");
                }
                other = out[i] ? other : v;
            } else if (v.equals("1") || v.equalsIgnoreCase("true")) {
                out[i] = true;
            } else if (!v.equals("0") && !v.equalsIgnoreCase("false")) {
                throw new BadInputException(file + " line " + lines[i] + " column '" + name + "': '" + t[i]
                        + "' is not 0 or 1");
            }
        }
        return out;
    }
}
