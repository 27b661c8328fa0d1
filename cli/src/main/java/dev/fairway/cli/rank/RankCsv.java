package dev.fairway.cli.rank;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.fairway.cli.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV file of ranked lists into primitive columns: dictionary-encoded strings (query,
 * sample, item, group), integer ranks and optional numbers, with the line of every row kept for
 * error messages (the header is line 1). Not thread-safe.
 */
final class RankCsv {
    /** A dictionary-encoded string column. */
    static final class Codes {
        final String name;
        final Map<String, Integer> codes;
        final List<String> levels;
        int[] values = new int[1024];

        Codes(String name, Map<String, Integer> codes, List<String> levels) {
            this.name = name;
            this.codes = codes;
            this.levels = levels;
        }

        int code(String v) {
            return codes.computeIfAbsent(v, key -> {
                levels.add(key);
                return levels.size() - 1;
            });
        }
    }

    private final Path file;
    private final List<Object> columns = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<Character> kinds = new ArrayList<>();
    int rows;
    long[] lines = new long[1024];

    RankCsv(Path file) {
        this.file = file;
    }

    Codes codes(String name) {
        Codes c = new Codes(name, new HashMap<>(), new ArrayList<>());
        add(name, c, 's');
        return c;
    }

    /** A column whose codes continue those of another file's column (the catalog's items). */
    Codes codes(String name, Codes shared) {
        Codes c = new Codes(name, shared.codes, shared.levels);
        add(name, c, 's');
        return c;
    }

    int[][] integers(String name) {
        int[][] holder = {new int[1024]};
        add(name, holder, 'i');
        return holder;
    }

    double[][] numbers(String name) {
        double[][] holder = {new double[1024]};
        add(name, holder, 'd');
        return holder;
    }

    private void add(String name, Object column, char kind) {
        names.add(name);
        columns.add(column);
        kinds.add(kind);
    }

    String where(int row) {
        return file + " line " + lines[row];
    }

    void read() {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("cannot read " + file + (Files.isDirectory(file) ? ": is a directory"
                    : ": no such file"));
        }
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowMissingFields(true)
                .allowExtraFields(true).ofCsvRecord(file)) {
            int[] at = null;
            int width = 0;
            for (CsvRecord record : reader) {
                long line = record.getStartingLineNumber();
                if (at == null) {
                    Map<String, Integer> header = new LinkedHashMap<>();
                    for (int i = 0; i < record.getFieldCount(); i++) {
                        String h = record.getField(i).strip();
                        if (i == 0 && h.startsWith("\uFEFF")) {
                            h = h.substring(1);
                        }
                        if (header.putIfAbsent(h, i) != null) {
                            throw new BadInputException(file + " has two columns named '" + h + "'");
                        }
                    }
                    width = record.getFieldCount();
                    at = new int[names.size()];
                    for (int c = 0; c < at.length; c++) {
                        Integer i = header.get(names.get(c));
                        if (i == null) {
                            throw new BadInputException(file + ": no column '" + names.get(c) + "' in the header " + header.keySet());
                        }
                        at[c] = i;
                    }
                    continue;
                }
                if (record.getFieldCount() != width) {
                    throw new BadInputException(file + " line " + line + " has " + record.getFieldCount()
                            + " fields but the header has " + width);
                }
                grow();
                lines[rows] = line;
                for (int c = 0; c < at.length; c++) {
                    String v = record.getField(at[c]).strip();
                    String name = names.get(c);
                    if (v.isEmpty()) {
                        throw new BadInputException(file + " line " + line + ": column '" + name + "' is empty");
                    }
                    switch (kinds.get(c)) {
                        case 's' -> {
                            Codes s = (Codes) columns.get(c);
                            s.values[rows] = s.code(v);
                        }
                        case 'i' -> {
                            try {
                                ((int[][]) columns.get(c))[0][rows] = Integer.parseInt(v);
                            } catch (NumberFormatException e) {
                                throw new BadInputException(file + " line " + line + ": column '" + name + "' value '" + v
                                        + "' is not an integer", e);
                            }
                        }
                        default -> {
                            double d;
                            try {
                                d = Double.parseDouble(v);
                            } catch (NumberFormatException e) {
                                throw new BadInputException(file + " line " + line + ": column '" + name + "' value '" + v
                                        + "' is not a number", e);
                            }
                            if (!(d >= 0 && d < Double.POSITIVE_INFINITY)) {
                                throw new BadInputException(file + " line " + line + ": column '" + name + "' value '" + v
                                        + "' must be a finite number >= 0");
                            }
                            ((double[][]) columns.get(c))[0][rows] = d;
                        }
                    }
                }
                rows++;
            }
            if (at == null) {
                throw new BadInputException(file + " is empty: no header line");
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (CsvParseException e) {
            throw new BadInputException(file + ": malformed CSV: " + e.getMessage(), e);
        }
    }

    private void grow() {
        if (rows < lines.length) {
            return;
        }
        int n = lines.length * 2;
        lines = Arrays.copyOf(lines, n);
        for (int c = 0; c < columns.size(); c++) {
            Object col = columns.get(c);
            switch (kinds.get(c)) {
                case 's' -> ((Codes) col).values = Arrays.copyOf(((Codes) col).values, n);
                case 'i' -> ((int[][]) col)[0] = Arrays.copyOf(((int[][]) col)[0], n);
                default -> ((double[][]) col)[0] = Arrays.copyOf(((double[][]) col)[0], n);
            }
        }
    }
}
