package dev.fairway.consent.filter;

import dev.fairway.consent.ledger.JsonLinesConsentStore;
import dev.fairway.consent.log.CheckedLog;
import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.log.LogFile;
import dev.fairway.consent.log.Recovery;
import dev.fairway.consent.log.RecoveryMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An audit sink that appends one record per line to a file, each line
 * {@code <crc32c> <sequence> <json>\n} like {@link JsonLinesConsentStore}'s ({@link CheckedLog}'s
 * frame), for example
 * {@code 1b2c3d4e 7 {"subject":"…","time":"2026-01-01T00:00:00Z","plan":"…","ledger_sequence":3,"granted":"5","denied":"2","modes":[]}}
 * (masks in hex; the checksum is the CRC-32C of {@code <sequence> <json>}, the sequence number counts
 * the file's records from 1). Use {@link #read(String)} to parse one line back and
 * {@link #forEach(Path, RecoveryMode, Consumer)} to read a file.
 *
 * <p>Opening a file checks every line in a stream and treats damaged lines as the {@link RecoveryMode}
 * says: by default a torn tail (a crash in the middle of a write) is cut off and reported in
 * {@link #recovery()}, and damage (a whole line with a wrong checksum or sequence number) refuses to
 * open. {@link #open} takes the file's exclusive writer's lock ({@link LogFile#open}); a second writer
 * gets an {@link IllegalStateException} naming the file.
 *
 * <p>Thread-safety: thread-safe; each record is written whole under a lock; under
 * {@link FsyncPolicy#GROUP_COMMIT} threads share syncs.
 */
public final class JsonLinesAuditSink implements AuditSink {
    private final Writer out;
    private final CheckedLog log;
    private final Recovery recovery;
    private final List<Recovery> salvaged;
    private boolean closed;
    private long writerSequence;

    /**
     * Opens (creating or appending to) a file with {@link FsyncPolicy#ON_CLOSE} and
     * {@link RecoveryMode#TOLERATE_TORN_TAIL}.
     *
     * @param file the file
     * @return the sink
     * @throws IOException           if it cannot be opened
     * @throws IllegalStateException if a line other than the last is damaged
     */
    public static JsonLinesAuditSink open(Path file) throws IOException {
        return open(file, FsyncPolicy.ON_CLOSE, RecoveryMode.TOLERATE_TORN_TAIL);
    }

    /**
     * Wraps a writer; closing the sink closes the writer. Lines are flushed, never synced; their
     * sequence numbers start at 1.
     *
     * @param out the writer
     * @return the sink
     */
    public static JsonLinesAuditSink of(Writer out) {
        return new JsonLinesAuditSink(Objects.requireNonNull(out, "out"));
    }

    private JsonLinesAuditSink(Writer out) {
        this.out = Objects.requireNonNull(out, "out");
        this.log = null;
        this.recovery = null;
        this.salvaged = List.of();
    }

    private JsonLinesAuditSink(Opened o) {
        this.out = null;
        this.log = o.log();
        this.recovery = o.scan().tornTail().orElse(null);
        this.salvaged = o.scan().skipped();
    }

    private record Opened(CheckedLog log, CheckedLog.Scan scan) {
    }

    /**
     * Opens (creating or appending to) a file.
     *
     * @param file     the file
     * @param fsync    when records are forced to the device
     * @param recovery how damaged lines are treated
     * @return the sink
     * @throws IOException           if it cannot be opened
     * @throws IllegalStateException if the recovery mode refuses the damage found
     */
    public static JsonLinesAuditSink open(Path file, FsyncPolicy fsync, RecoveryMode recovery) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(recovery, "recovery");
        return new JsonLinesAuditSink(opened(LogFile.open(file, true), file.toString(), fsync, recovery));
    }

    /** Opens a sink over any {@code LogFile}; closes the file if opening fails. */
    static JsonLinesAuditSink open(LogFile f, String name, FsyncPolicy fsync, RecoveryMode recovery)
            throws IOException {
        return new JsonLinesAuditSink(opened(f, name, fsync, recovery));
    }

    private static Opened opened(LogFile f, String name, FsyncPolicy fsync, RecoveryMode recovery)
            throws IOException {
        try {
            CheckedLog.Scan scan = CheckedLog.scan(f, name, "audit file", recovery, true, (b, off, len, line, seq) -> null);
            return new Opened(new CheckedLog(f, name, fsync, scan), scan);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /**
     * Returns the torn tail cut off when the file was opened, if any.
     *
     * @return the recovery, or empty if the file was clean (always empty for a writer)
     */
    public Optional<Recovery> recovery() {
        return Optional.ofNullable(recovery);
    }

    /**
     * Returns the damaged lines skipped before the last one when the file was opened in
     * {@link RecoveryMode#SALVAGE}.
     *
     * @return the skipped lines in file order, possibly empty
     */
    public List<Recovery> salvaged() {
        return salvaged;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns once the record is durable under the sink's {@link FsyncPolicy}.
     *
     * @throws UncheckedIOException if the record cannot be written or synced; after that every write
     *                              fails until the file is reopened
     */
    @Override
    public void write(DecisionRecord record) {
        Objects.requireNonNull(record, "record");
        long end;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("audit sink is closed");
            }
            byte[] json = AuditJson.write(record).getBytes(StandardCharsets.UTF_8);
            if (log == null) {
                try {
                    out.write(new String(CheckedLog.frame(++writerSequence, json), StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write audit record", e);
                }
                return;
            }
            end = log.write(json);
        }
        log.awaitDurable(end);
    }

    /**
     * Parses one line written by this sink (without its newline), checking its checksum.
     *
     * @param line the line
     * @return the record
     * @throws IllegalArgumentException if the checksum is missing or wrong or the line is not a valid record
     */
    public static DecisionRecord read(String line) {
        return AuditJson.read(CheckedLog.unframe(Objects.requireNonNull(line, "line")));
    }

    /**
     * Reads a file written by this sink in a stream, without changing it, passing each record to the
     * action in file order. Records are passed as they are read: if the recovery mode refuses damage
     * found later, the exception comes after the records before it.
     *
     * @param file     the file
     * @param recovery how damaged lines are treated
     * @param action   what to do with each record
     * @return the torn tail left out, if any
     * @throws IOException           if the file cannot be read
     * @throws IllegalStateException if the recovery mode refuses the damage found
     */
    public static Optional<Recovery> forEach(Path file, RecoveryMode recovery,
            Consumer<DecisionRecord> action) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(action, "action");
        try (LogFile f = LogFile.open(file, false)) {
            return forEach(f, file.toString(), recovery, action);
        }
    }

    static Optional<Recovery> forEach(LogFile f, String name, RecoveryMode recovery,
            Consumer<DecisionRecord> action) throws IOException {
        CheckedLog.Scan scan = CheckedLog.scan(f, name, "audit file", recovery, false, (b, off, len, line, seq) -> {
            DecisionRecord r;
            try {
                r = AuditJson.read(new String(b, off, len, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return "bad record: " + e.getMessage();
            }
            action.accept(r);
            return null;
        });
        return scan.tornTail();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (log != null) {
            log.close();
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close audit sink", e);
        }
    }
}
