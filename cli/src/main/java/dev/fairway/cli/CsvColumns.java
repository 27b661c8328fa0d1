package dev.fairway.cli;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a CSV file once and keeps only the columns an audit needs, in primitive form: binary
 * columns as bytes, weights as doubles, group columns dictionary-encoded as ints. The raw text
 * is never held, so memory grows with rows times kept columns, not with the file size. Errors
 * name the file, column and line (the header is line 1). Not thread-safe.
 */
final class CsvColumns {
    /** A binary column: the positive value and the one other value seen. */
    static final class Binary {
        final String name;
        final String positive;
        String other;
        byte[] values = new byte[1024];

        Binary(String name, String positive) {
            this.name = name;
            this.positive = positive;
        }
    }

    /** A dictionary-encoded column. */
    static final class Dictionary {
        final String name;
        final Map<String, Integer> codes = new HashMap<>();
        final List<String> levels = new ArrayList<>();
        int[] values = new int[1024];

        Dictionary(String name) {
            this.name = name;
        }
    }

    /** A column of weights: finite, non-negative numbers (or any finite numbers for a score column). */
    static final class Weights {
        final String name;
        boolean anySign;
        double[] values = new double[1024];

        Weights(String name) {
            this.name = name;
        }
    }

    private final Path file;
    private final List<Binary> binaries = new ArrayList<>();
    private final List<Weights> weightColumns = new ArrayList<>();
    private final List<Dictionary> dictionaries = new ArrayList<>();
    private int rows;
    private int capacity = 1024;
    /** The first line with an empty value in each dictionary column. */
    final Map<String, Long> emptyLines = new HashMap<>();

    /** Reports rows read every {@link Progress#STEP} rows, or null. */
    private Progress progress;

    CsvColumns(Path file) {
        this.file = file;
    }

    /** Reports progress while reading (null for none). */
    void progress(Progress p) {
        progress = p;
    }

    Binary binary(String name, String positive) {
        Binary b = new Binary(name, positive);
        binaries.add(b);
        return b;
    }

    Weights weights(String name) {
        Weights n = new Weights(name);
        weightColumns.add(n);
        return n;
    }

    /** A column of finite numbers of any sign, such as scores. */
    Weights numbers(String name) {
        Weights n = weights(name);
        n.anySign = true;
        return n;
    }

    Dictionary dictionary(String name) {
        Dictionary d = new Dictionary(name);
        dictionaries.add(d);
        return d;
    }

    int rows() {
        return rows;
    }

    /** Reads the file once, filling every registered column. */
    void read() {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("cannot read " + file + (Files.isDirectory(file) ? ": is a directory"
                    : ": no such file"));
        }
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowMissingFields(true).allowExtraFields(true)
                .ofCsvRecord(file)) {
            int[] binaryAt = null;
            int[] weightAt = null;
            int[] dictionaryAt = null;
            int width = 0;
            for (CsvRecord record : reader) {
                long line = record.getStartingLineNumber();
                if (binaryAt == null) {
                    Map<String, Integer> header = header(record);
                    width = record.getFieldCount();
                    binaryAt = binaries.stream().mapToInt(b -> column(header, b.name)).toArray();
                    weightAt = weightColumns.stream().mapToInt(n -> column(header, n.name)).toArray();
                    dictionaryAt = dictionaries.stream().mapToInt(d -> column(header, d.name)).toArray();
                    continue;
                }
                if (record.getFieldCount() != width) {
                    throw new BadInputException(file + " line " + line + " has " + record.getFieldCount()
                            + " fields but the header has " + width);
                }
                grow();
                for (int k = 0; k < binaryAt.length; k++) {
                    readBinary(binaries.get(k), record.getField(binaryAt[k]), line);
                }
                for (int k = 0; k < weightAt.length; k++) {
                    readWeight(weightColumns.get(k), record.getField(weightAt[k]), line);
                }
                for (int k = 0; k < dictionaryAt.length; k++) {
                    Dictionary d = dictionaries.get(k);
                    String v = record.getField(dictionaryAt[k]);
                    d.values[rows] = v.isEmpty() ? -1 : d.codes.computeIfAbsent(v, key -> {
                        d.levels.add(key);
                        return d.levels.size() - 1;
                    });
                    if (v.isEmpty()) {
                        emptyLines.putIfAbsent(d.name, line);
                    }
                }
                rows++;
                if (progress != null && (rows & (Progress.STEP - 1)) == 0) {
                    progress.rows(rows);
                }
            }
            if (binaryAt == null) {
                throw new BadInputException(file + " is empty: no header line");
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot read " + file + ": no such file", e);
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (CsvParseException e) {
            throw new BadInputException(file + ": malformed CSV: " + e.getMessage(), e);
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        resize(rows);
    }

    private Map<String, Integer> header(CsvRecord record) {
        Map<String, Integer> header = new LinkedHashMap<>();
        for (int i = 0; i < record.getFieldCount(); i++) {
            String name = record.getField(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1);
            }
            if (header.putIfAbsent(name, i) != null) {
                throw new BadInputException(file + " has two columns named '" + name + "'");
            }
        }
        return header;
    }

    private int column(Map<String, Integer> header, String name) {
        Integer i = header.get(name);
        if (i == null) {
            throw new BadInputException("unknown column '" + name + "' in " + file + "; columns are " + header.keySet());
        }
        return i;
    }

    private void grow() {
        if (rows < capacity) {
            return;
        }
        int next = (int) Math.min(Integer.MAX_VALUE - 8L, capacity * 2L);
        if (next <= rows) {
            throw new BadInputException(file + " has more than " + rows + " rows, the most one audit can hold");
        }
        resize(next);
    }

    /** Copies every kept column to a new length: larger while reading, the row count at the end. */
    private void resize(int length) {
        for (Binary b : binaries) {
            b.values = Arrays.copyOf(b.values, length);
        }
        for (Weights n : weightColumns) {
            n.values = Arrays.copyOf(n.values, length);
        }
        for (Dictionary d : dictionaries) {
            d.values = Arrays.copyOf(d.values, length);
        }
        capacity = length;
    }

    private void readBinary(Binary b, String v, long line) {
        if (v.equals(b.positive)) {
            b.values[rows] = 1;
            return;
        }
        if (v.isEmpty()) {
            throw new BadInputException("column '" + b.name + "' is empty at line " + line + " of " + file);
        }
        if (b.other == null) {
            b.other = v;
        } else if (!b.other.equals(v)) {
            throw new BadInputException("column '" + b.name + "' is not binary: '" + v + "' at line " + line
                    + " of " + file + " besides '" + b.other + "', and neither is the positive value '" + b.positive + "'");
        }
        b.values[rows] = 0;
    }

    private void readWeight(Weights n, String v, long line) {
        try {
            n.values[rows] = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException("column '" + n.name + "' has '" + v + "' at line " + line + " of " + file
                    + ", not a number");
        }
        double w = n.values[rows];
        if (n.anySign && !Double.isFinite(w)) {
            throw new BadInputException("column '" + n.name + "' has " + v + " at line " + line + " of " + file
                    + "; it must be a finite number");
        }
        if (!n.anySign && (!(w >= 0) || w == Double.POSITIVE_INFINITY)) {
            throw new BadInputException("column '" + n.name + "' has " + v + " at line " + line + " of " + file
                    + "; weights must be finite and non-negative");
        }
    }
}
