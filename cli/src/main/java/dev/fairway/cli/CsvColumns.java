package dev.fairway.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams a CSV file once and keeps only the columns an audit needs, in primitive form: binary
 * columns as bytes, weights as doubles, group columns dictionary-encoded as ints. The raw text
 * is never held, so memory grows with rows times kept columns, not with the file size. The file is
 * parsed by {@link CsvInput}, the one CSV reader; errors name the file, line and column (the header
 * is line 1). Not thread-safe.
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
        try (CsvInput in = CsvInput.open(file)) {
            int[] binaryAt = binaries.stream().mapToInt(b -> in.column(b.name)).toArray();
            int[] weightAt = weightColumns.stream().mapToInt(n -> in.column(n.name)).toArray();
            int[] dictionaryAt = dictionaries.stream().mapToInt(d -> in.column(d.name)).toArray();
            for (String[] record = in.next(); record != null; record = in.next()) {
                grow();
                for (int k = 0; k < binaryAt.length; k++) {
                    readBinary(in, binaries.get(k), record, binaryAt[k]);
                }
                for (int k = 0; k < weightAt.length; k++) {
                    readWeight(in, weightColumns.get(k), record, weightAt[k]);
                }
                for (int k = 0; k < dictionaryAt.length; k++) {
                    Dictionary d = dictionaries.get(k);
                    String v = record[dictionaryAt[k]];
                    d.values[rows] = v.isEmpty() ? -1 : d.codes.computeIfAbsent(v, key -> {
                        d.levels.add(key);
                        return d.levels.size() - 1;
                    });
                    if (v.isEmpty()) {
                        emptyLines.putIfAbsent(d.name, in.line());
                    }
                }
                rows++;
                if (progress != null && (rows & (Progress.STEP - 1)) == 0) {
                    progress.rows(rows);
                }
            }
        } finally {
            if (progress != null) {
                progress.done();
            }
        }
        resize(rows);
    }

    private void grow() {
        if (rows < capacity) {
            return;
        }
        int next = (int) Math.min(Integer.MAX_VALUE - 8L, capacity * 2L);
        if (next <= rows) {
            throw new BadInputException(OutputFiles.name(file) + " has more than " + rows + " rows, the most one audit can"
                    + " hold");
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

    private void readBinary(CsvInput in, Binary b, String[] record, int at) {
        String v = record[at];
        if (v.equals(b.positive)) {
            b.values[rows] = 1;
            return;
        }
        if (v.isEmpty()) {
            throw in.cellError(at, "is empty");
        }
        if (b.other == null) {
            b.other = v;
        } else if (!b.other.equals(v)) {
            throw in.cellError(at, "is not binary: " + Messages.quote(v) + " besides " + Messages.quote(b.other)
                    + ", and neither is the positive value " + Messages.quote(b.positive));
        }
        b.values[rows] = 0;
    }

    private void readWeight(CsvInput in, Weights n, String[] record, int at) {
        double w = in.number(record, at);
        if (!n.anySign && w < 0) {
            throw in.cellError(at, "has " + Messages.quote(record[at]) + "; weights must be finite and non-negative");
        }
        n.values[rows] = w;
    }
}
