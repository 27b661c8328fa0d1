package dev.fairway.cli;

import dev.fairway.io.InputPosition;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one CSV reader of every {@code fairway} command that reads a CSV file, so that every command
 * treats quoting, encodings and errors alike. The grammar is RFC 4180: fields separated by commas,
 * records by LF or CRLF (or CR), a field in double quotes may hold commas, line breaks and doubled
 * quotes. On top of it:
 *
 * <ul>
 *   <li>The file must be UTF-8. A byte-order mark at the start is dropped before anything is parsed
 *       (so a quoted first header works); invalid UTF-8 is refused naming the line and byte offset,
 *       never replaced (two distinct names would otherwise merge into one group).</li>
 *   <li>The first record is the header: names are stripped of surrounding white space and must be
 *       distinct. Every later record must have as many fields as the header. Empty lines are
 *       skipped.</li>
 *   <li>A quote that is never closed, text after a closing quote and a field longer than
 *       {@value #MAX_FIELD_CHARS} characters are malformed CSV.</li>
 *   <li>Numbers follow the one grammar of {@link Decimal}.</li>
 * </ul>
 *
 * <p>Every error is a {@link BadInputException} with the file, the 1-based line (the header is line
 * 1; a record's line is the line it starts on) and, where known, the 1-based column (field) and the
 * 0-based byte offset. The file is streamed: memory holds one record at a time. Not thread-safe.
 */
public final class CsvInput implements Closeable {
    /** The longest field, in characters. */
    public static final int MAX_FIELD_CHARS = 16 << 20;
    /** The most fields of one record. */
    public static final int MAX_FIELDS = 1 << 16;

    private final Path file;
    private final String source;
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    /** Bytes consumed before {@code buf[0]}. */
    private long base;
    /** The byte offset of the character last returned by {@link #read()}. */
    private long charOffset;
    /** The physical line of the next character (1-based). */
    private long physicalLine = 1;
    /** A pending low surrogate of a four-byte sequence, or -1. */
    private int pendingLow = -1;
    /** A character pushed back, or -2. */
    private int pushed = -2;
    private final List<String> header;
    private final Map<String, Integer> index = new LinkedHashMap<>();
    private long recordLine;
    private final StringBuilder field = new StringBuilder();

    private CsvInput(Path file, InputStream in) {
        this.file = file;
        this.source = Messages.escape(file.toString());
        this.in = in;
        int c = read();
        if (c != 0xFEFF) {
            pushed = c;
        }
        List<String> first = record();
        if (first == null) {
            throw error(0, 0, -1, "is empty: no header line");
        }
        List<String> names = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            String name = first.get(i).strip();
            if (index.putIfAbsent(name, i) != null) {
                throw error(1, i + 1, -1, "has two columns named " + Messages.quote(name));
            }
            names.add(name);
        }
        header = Collections.unmodifiableList(names);
    }

    /**
     * Opens a CSV file and reads its header.
     *
     * @param file the file
     * @return the reader, positioned after the header
     * @throws BadInputException (exit code 2) when the file is missing, a directory, unreadable, empty
     *     or its header is malformed
     */
    public static CsvInput open(Path file) {
        String name = Messages.escape(file.toString());
        if (Files.isDirectory(file)) {
            throw new BadInputException("cannot read " + name + ": is a directory");
        }
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("cannot read " + name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new BadInputException("cannot read " + name + ": permission denied", e);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("cannot read " + name + ": " + OutputFiles.reason(e), e);
        }
        try {
            return new CsvInput(file, in);
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the error being reported matters more than a failed close of a read-only stream
        }
    }

    /**
     * Returns the header's column names, in file order.
     *
     * @return the names, unmodifiable
     */
    public List<String> header() {
        return header;
    }

    /**
     * Returns the file.
     *
     * @return the path read
     */
    public Path file() {
        return file;
    }

    /**
     * Returns the index of a column.
     *
     * @param name the column name
     * @return the 0-based field index
     * @throws BadInputException naming the file and the columns it has when there is no such column
     */
    public int column(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new BadInputException("unknown column " + Messages.quote(name) + " in " + source + "; columns are "
                    + Messages.escape(header.toString()));
        }
        return i;
    }

    /**
     * Returns whether the header has a column.
     *
     * @param name the column name
     * @return true if it has
     */
    public boolean has(String name) {
        return index.containsKey(name);
    }

    /**
     * Reads the next record.
     *
     * @return its fields (as many as the header's), or {@code null} at the end of the file
     * @throws BadInputException on malformed CSV, invalid UTF-8 or a record of another width
     */
    public String[] next() {
        List<String> r = record();
        if (r == null) {
            return null;
        }
        if (r.size() != header.size()) {
            throw error(recordLine, 0, -1, "has " + r.size() + " fields but the header has " + header.size());
        }
        return r.toArray(new String[0]);
    }

    /**
     * Returns the line the record last returned by {@link #next()} starts on (the header is line 1).
     *
     * @return the 1-based line
     */
    public long line() {
        return recordLine;
    }

    /**
     * An error at a cell of the record last read.
     *
     * @param column the 0-based field index
     * @param reason why, without the position
     * @return the exception to throw
     */
    public BadInputException cellError(int column, String reason) {
        return error(recordLine, column + 1, -1, "column " + Messages.quote(header.get(column)) + " " + reason);
    }

    /**
     * Parses a cell of the record last read as a finite number of the {@link Decimal} grammar.
     *
     * @param fields the record
     * @param column the 0-based field index
     * @return the number
     * @throws BadInputException naming the file, line and column when it is empty, not a number or not finite
     */
    public double number(String[] fields, int column) {
        String v = fields[column];
        if (v.isBlank()) {
            throw cellError(column, "is empty; it must be a finite decimal number");
        }
        double d = Decimal.parse(v);
        if (Double.isNaN(d)) {
            throw cellError(column, "has " + Messages.quote(v) + ", not a finite decimal number"
                    + (Decimal.matches(v) ? " (too large)" : ""));
        }
        return d;
    }

    private BadInputException error(long line, long column, long byteOffset, String reason) {
        return new BadInputException(InputPosition.of(source, Math.max(0, line), column, byteOffset), reason);
    }

    @Override
    public void close() {
        closeQuietly(in);
    }

    /** One record's fields, or null at the end. */
    private List<String> record() {
        int c = read();
        while (c == '\n' || c == '\r') {
            c = read();
        }
        if (c == -1) {
            return null;
        }
        recordLine = physicalLine - 0;
        List<String> fields = new ArrayList<>();
        while (true) {
            field.setLength(0);
            long fieldStartLine = physicalLine;
            if (c == '"') {
                long quoteOffset = charOffset;
                while (true) {
                    c = read();
                    if (c == -1) {
                        throw error(fieldStartLine, fields.size() + 1, quoteOffset,
                                "malformed CSV: the quote opened here is never closed");
                    }
                    if (c == '"') {
                        c = read();
                        if (c != '"') {
                            break;
                        }
                    }
                    append(c, fields.size());
                }
                if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    throw error(physicalLine, fields.size() + 1, charOffset,
                            "malformed CSV: text after the closing quote of a field");
                }
            } else {
                while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    append(c, fields.size());
                    c = read();
                }
            }
            if (fields.size() == MAX_FIELDS) {
                throw error(recordLine, 0, -1, "malformed CSV: more than " + MAX_FIELDS + " fields");
            }
            fields.add(field.toString());
            if (c == ',') {
                c = read();
                continue;
            }
            if (c == '\r') {
                int d = read();
                if (d != '\n') {
                    pushed = d;
                }
            }
            return fields;
        }
    }

    private void append(int c, int column) {
        if (field.length() == MAX_FIELD_CHARS) {
            throw error(physicalLine, column + 1, -1, "malformed CSV: a field is longer than " + MAX_FIELD_CHARS
                    + " characters");
        }
        field.append((char) c);
    }

    /** The next UTF-16 code unit, or -1 at the end; counts lines. */
    private int read() {
        if (pushed != -2) {
            int c = pushed;
            pushed = -2;
            return c;
        }
        int c = decode();
        if (c == '\n') {
            physicalLine++;
        } else if (c == '\r') {
            // a lone CR ends a line too; CRLF counts once (at the LF)
            int d = peekByte();
            if (d != '\n') {
                physicalLine++;
            }
        }
        return c;
    }

    private int peekByte() {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos] & 0xFF;
    }

    private int nextByte() {
        if (pos == lim && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    private boolean fill() {
        base += lim;
        pos = 0;
        lim = 0;
        try {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            lim = n;
            return true;
        } catch (IOException e) {
            throw new BadInputException("cannot read " + source + ": " + OutputFiles.reason(e), e);
        }
    }

    private int decode() {
        if (pendingLow >= 0) {
            int c = pendingLow;
            pendingLow = -1;
            return c;
        }
        long at = base + pos;
        charOffset = at;
        int b0 = nextByte();
        if (b0 < 0x80) {
            return b0;
        }
        int need;
        int min;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            need = 2;
            min = 0x800;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            need = 3;
            min = 0x10000;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            throw invalid(at);
        }
        int cp = b0 & (0xFF >> (need + 2));
        for (int k = 0; k < need; k++) {
            int b = nextByte();
            if (b < 0 || b < (k == 0 ? lo : 0x80) || b > (k == 0 ? hi : 0xBF)) {
                throw invalid(at);
            }
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < min) {
            throw invalid(at);
        }
        if (cp >= 0x10000) {
            pendingLow = Character.lowSurrogate(cp);
            return Character.highSurrogate(cp);
        }
        return cp;
    }

    private BadInputException invalid(long at) {
        return error(physicalLine, 0, at, "invalid UTF-8 (the file must be UTF-8 text; convert it, for example with"
                + " iconv -t UTF-8)");
    }
}
