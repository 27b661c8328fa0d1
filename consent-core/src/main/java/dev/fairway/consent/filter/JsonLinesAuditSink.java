package dev.fairway.consent.filter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * An audit sink that appends one JSON object per line to a file, for example
 * {@code {"subject":"…","time":"2026-01-01T00:00:00Z","plan":"…","ledger_sequence":3,"granted":"5","denied":"2","modes":[]}}
 * (masks in hex). Use {@link #read(String)} to parse a line back.
 *
 * <p>Thread-safety: thread-safe; each record is written whole under a lock and flushed.
 */
public final class JsonLinesAuditSink implements AuditSink {
    private final Writer out;
    private boolean closed;

    /**
     * Opens (creating or appending to) a JSON-lines file.
     *
     * @param file the file
     * @throws IOException if it cannot be opened
     */
    public JsonLinesAuditSink(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
    }

    /**
     * Wraps a writer; closing the sink closes the writer.
     *
     * @param out the writer
     */
    public JsonLinesAuditSink(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public synchronized void write(DecisionRecord record) {
        Objects.requireNonNull(record, "record");
        if (closed) {
            throw new IllegalStateException("audit sink is closed");
        }
        try {
            out.write(AuditJson.write(record));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit record", e);
        }
    }

    /**
     * Parses one line written by this sink.
     *
     * @param line the line
     * @return the record
     * @throws IllegalArgumentException if the line is not a valid record
     */
    public static DecisionRecord read(String line) {
        return AuditJson.read(Objects.requireNonNull(line, "line"));
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close audit sink", e);
        }
    }
}
