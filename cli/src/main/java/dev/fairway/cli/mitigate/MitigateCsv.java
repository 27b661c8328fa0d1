package dev.fairway.cli.mitigate;

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

/** A whole CSV file in memory (header and records), with errors naming file, line and column. Not thread-safe. */
final class MitigateCsv {
    final Path file;
    final List<String> header;
    final List<String[]> rows = new ArrayList<>();
    final List<Long> lines = new ArrayList<>();
    private final Map<String, Integer> index = new LinkedHashMap<>();

    private MitigateCsv(Path file, List<String> header) {
        this.file = file;
        this.header = header;
        for (int i = 0; i < header.size(); i++) {
            if (index.putIfAbsent(header.get(i), i) != null) {
                throw new BadInputException(file + " has two columns named '" + header.get(i) + "'");
            }
        }
    }

    static MitigateCsv read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("cannot read " + file + (Files.isDirectory(file) ? ": is a directory"
                    : ": no such file"));
        }
        MitigateCsv csv = null;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().skipEmptyLines(true).allowMissingFields(true)
                .allowExtraFields(true).ofCsvRecord(file)) {
            for (CsvRecord r : reader) {
                if (csv == null) {
                    List<String> h = new ArrayList<>(r.getFields());
                    if (!h.isEmpty() && h.get(0).startsWith("\uFEFF")) {
                        h.set(0, h.get(0).substring(1));
                    }
                    h.replaceAll(String::strip);
                    csv = new MitigateCsv(file, h);
                    continue;
                }
                if (r.getFieldCount() != csv.header.size()) {
                    throw new BadInputException(file + " line " + r.getStartingLineNumber() + " has " + r.getFieldCount()
                            + " fields but the header has " + csv.header.size());
                }
                csv.rows.add(r.getFields().toArray(new String[0]));
                csv.lines.add(r.getStartingLineNumber());
            }
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (CsvParseException e) {
            throw new BadInputException(file + ": malformed CSV: " + e.getMessage(), e);
        }
        if (csv == null) {
            throw new BadInputException(file + " is empty: no header line");
        }
        if (csv.rows.isEmpty()) {
            throw new BadInputException(file + " has a header but no rows");
        }
        return csv;
    }

    int column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new BadInputException("column '" + name + "' is not in the header of " + file + " " + header);
        }
        return i;
    }

    List<String> strings(String name) {
        int c = column(name);
        List<String> out = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            String v = rows.get(r)[c];
            if (v.isEmpty()) {
                throw new BadInputException(file + " line " + lines.get(r) + " column '" + name + "' is empty");
            }
            out.add(v);
        }
        return out;
    }

    double[] doubles(String name, boolean nonNegative) {
        int c = column(name);
        double[] out = new double[rows.size()];
        for (int r = 0; r < out.length; r++) {
            String v = rows.get(r)[c].strip();
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new BadInputException(file + " line " + lines.get(r) + " column '" + name + "': '" + v
                        + "' is not a number");
            }
            if (!Double.isFinite(d) || (nonNegative && d < 0)) {
                throw new BadInputException(file + " line " + lines.get(r) + " column '" + name + "': " + v
                        + (nonNegative ? " is not a finite number >= 0" : " is not finite"));
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
                throw new BadInputException(file + " line " + lines.get(r) + " column '" + name + "': third value '" + v
                        + "' (binary column, positive value '" + positive + "', other '" + other + "')");
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
            throw new BadInputException("no row of " + file + " has " + name + " = '" + value + "'");
        }
        return out;
    }
}
