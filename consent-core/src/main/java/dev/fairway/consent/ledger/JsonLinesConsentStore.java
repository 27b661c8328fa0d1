package dev.fairway.consent.ledger;

import dev.fairway.consent.internal.CheckedLog;
import dev.fairway.consent.internal.LogFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded durable consent store: an append-only file of one event per line, each line
 * {@code <crc32c> <json>\n}, where {@code <crc32c>} is the 8 hex digits of the CRC-32C of the JSON
 * bytes and the JSON is the event with its sequence number (see {@link ConsentStore}).
 *
 * <p>Opening reads and checks every line in a stream (lines up to 1 MiB; memory holds the events, not
 * the file). A damaged <em>last</em> line (no final newline, a wrong checksum, bad JSON or the wrong
 * sequence), as a crash in the middle of an append leaves it, is a torn tail: it is never loaded;
 * {@link #open} cuts it off the file, logs a warning and reports it in {@link #recovery()}, while
 * {@link #readOnly} leaves the file alone. A damaged line followed by a good one is corruption that
 * recovery must not hide: opening fails with an {@link IllegalStateException} naming the file, line
 * and byte offset, unless the caller chose {@link RecoveryMode#SALVAGE}. See {@link RecoveryMode}.
 *
 * <p>Thread-safety: thread-safe; appends are serialised, each line written whole; under
 * {@link FsyncPolicy#GROUP_COMMIT} threads share syncs.
 */
public final class JsonLinesConsentStore implements ConsentStore {
    private final Listeners listeners = new Listeners();
    /**
     * A damaged line found and left out when a log was opened: the torn tail of this store or of a
     * {@link dev.fairway.consent.filter.JsonLinesAuditSink}, or a line skipped in {@link RecoveryMode#SALVAGE}. Thread-safety: an
     * immutable record.
     *
     * @param offset the byte offset where the damaged line starts (for a torn tail, the file's new length)
     * @param length the number of bytes left out
     * @param line   the 1-based line number of the damaged line
     * @param reason what was wrong with it
     */
    public record Recovery(long offset, long length, long line, String reason) {
    }

    /** Decodes one line body into an event; the default parses it with {@link ConsentEventJson}. */
    interface Decoder {
        ConsentEvent decode(byte[] bytes, int offset, int length);
    }

    static final Decoder JSON = (b, off, len) -> ConsentEventJson.read(new String(b, off, len, StandardCharsets.UTF_8));

    private final String file;
    private final CheckedLog log;
    private final InMemoryConsentStore index;
    private final Recovery recovery;
    private final List<Recovery> salvaged;
    private boolean closed;

    private JsonLinesConsentStore(String file, CheckedLog log, InMemoryConsentStore index, CheckedLog.Scan scan) {
        this.file = file;
        this.index = index;
        this.log = log;
        this.recovery = scan.tornTail();
        this.salvaged = scan.skipped();
    }

    /**
     * Opens a store for appending in recovery mode {@link RecoveryMode#TOLERATE_TORN_TAIL}, creating the
     * file if needed and cutting off a torn tail.
     *
     * @param file  the file
     * @param fsync when appends are forced to the device
     * @return the store
     * @throws IOException           if the file cannot be read or written
     * @throws IllegalStateException if a line other than the last is damaged
     */
    public static JsonLinesConsentStore open(Path file, FsyncPolicy fsync) throws IOException {
        return open(file, fsync, RecoveryMode.TOLERATE_TORN_TAIL);
    }

    /**
     * Opens a store for appending, creating the file if needed; damaged lines are treated as the
     * recovery mode says (a torn tail is cut off unless the mode refuses it).
     *
     * @param file     the file
     * @param fsync    when appends are forced to the device
     * @param recovery how damaged lines are treated
     * @return the store
     * @throws IOException           if the file cannot be read or written
     * @throws IllegalStateException if the recovery mode refuses the damage found
     */
    public static JsonLinesConsentStore open(Path file, FsyncPolicy fsync, RecoveryMode recovery) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(recovery, "recovery");
        return open(LogFile.open(file, true), file.toString(), fsync, recovery, true, JSON);
    }

    /**
     * Opens a store for reading only in recovery mode {@link RecoveryMode#TOLERATE_TORN_TAIL}: a torn
     * tail is left out and reported but the file is not changed, and {@link #append} fails.
     *
     * @param file the file, which must exist
     * @return the store
     * @throws IOException           if the file cannot be read
     * @throws IllegalStateException if a line other than the last is damaged
     */
    public static JsonLinesConsentStore readOnly(Path file) throws IOException {
        return readOnly(file, RecoveryMode.TOLERATE_TORN_TAIL);
    }

    /**
     * Opens a store for reading only: damaged lines are treated as the recovery mode says, the file is
     * not changed, and {@link #append} fails.
     *
     * @param file     the file, which must exist
     * @param recovery how damaged lines are treated
     * @return the store
     * @throws IOException           if the file cannot be read
     * @throws IllegalStateException if the recovery mode refuses the damage found
     */
    public static JsonLinesConsentStore readOnly(Path file, RecoveryMode recovery) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(recovery, "recovery");
        return open(LogFile.open(file, false), file.toString(), FsyncPolicy.ON_CLOSE, recovery, false, JSON);
    }

    /** Opens a store over any {@code LogFile}; closes the file if opening fails. */
    static JsonLinesConsentStore open(LogFile f, String name, FsyncPolicy fsync, RecoveryMode mode, boolean writable,
            Decoder decoder) throws IOException {
        try {
            InMemoryConsentStore index = InMemoryConsentStore.empty();
            CheckedLog.Scan scan = CheckedLog.scan(f, name, "ledger file", mode, writable,
                    (b, off, len, lineNo) -> load(b, off, len, decoder, mode, index));
            CheckedLog log = null;
            if (writable) {
                log = new CheckedLog(f, name, fsync, scan.end());
            } else {
                f.close();
            }
            return new JsonLinesConsentStore(name, log, index, scan);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /** Decodes one line and loads its event into {@code into}; returns what is wrong, or null. */
    private static String load(byte[] bytes, int offset, int length, Decoder decoder, RecoveryMode mode,
            InMemoryConsentStore into) {
        ConsentEvent e;
        try {
            e = decoder.decode(bytes, offset, length);
        } catch (IllegalArgumentException ex) {
            return "bad event: " + ex.getMessage();
        }
        return into.loadNext(e, mode == RecoveryMode.SALVAGE);
    }

    /**
     * Returns the torn tail left out when the store was opened, if any.
     *
     * @return the recovery, or empty if the file was clean
     */
    public Optional<Recovery> recovery() {
        return Optional.ofNullable(recovery);
    }

    /**
     * Returns the damaged lines skipped before the last one when the store was opened in
     * {@link RecoveryMode#SALVAGE}.
     *
     * @return the skipped lines in file order, empty in the other modes or when nothing was damaged
     */
    public List<Recovery> salvaged() {
        return salvaged;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The event is visible to readers once written; this returns once it is durable under the store's
     * {@link FsyncPolicy}.
     *
     * @throws java.io.UncheckedIOException if the line cannot be written or synced; after that every
     *                                      append fails until the file is reopened
     */
    @Override
    public ConsentEvent append(ConsentEvent event) {
        Objects.requireNonNull(event, "event");
        ConsentEvent stored;
        long end;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("store " + file + " is closed");
            }
            if (log == null) {
                throw new IllegalStateException("store " + file + " is open read-only");
            }
            if (event.sequence() != 0) {
                throw new IllegalArgumentException("event.sequence must be 0 before append, got " + event.sequence());
            }
            stored = event.stored(event.recordedTime(), index.lastSequence() + 1);
            end = log.write(ConsentEventJson.write(stored).getBytes(StandardCharsets.UTF_8));
            index.load(stored);
        }
        log.awaitDurable(end);
        listeners.deliver(stored);
        return stored;
    }

    /**
     * Subscribes a listener to every event appended from now on; it is told after the event is
     * durable under the store's {@link FsyncPolicy}, on the appending thread, before {@link #append}
     * returns. Events read back when the file is opened are not delivered. A listener's exception
     * reaches the appending caller after every other listener was told; the event stays stored.
     *
     * @param listener the listener
     * @return the subscription
     */
    @Override
    public ConsentSubscription subscribe(ConsentListener listener) {
        return listeners.subscribe(listener);
    }

    @Override
    public List<ConsentEvent> events(String subject) {
        return index.events(subject);
    }

    @Override
    public void forEach(Consumer<ConsentEvent> action) {
        index.forEach(action);
    }

    @Override
    public long lastSequence() {
        return index.lastSequence();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (log != null) {
            log.close();
        }
    }
}
