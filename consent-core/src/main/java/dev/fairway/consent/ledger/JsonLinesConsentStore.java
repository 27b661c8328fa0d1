package dev.fairway.consent.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded durable consent store: an append-only file of one event per line, each line
 * {@code <crc32c> <json>\n}, where {@code <crc32c>} is the 8 hex digits of the CRC-32C of the JSON
 * bytes and the JSON is the event with its sequence number (see {@link ConsentStore}).
 *
 * <p>Opening reads and checks every line. A damaged <em>last</em> line (no final newline, a wrong
 * checksum, bad JSON or the wrong sequence), as a crash in the middle of an append leaves it, is a
 * torn tail: it is never loaded; {@link #open} cuts it off the file, logs a warning and reports it in
 * {@link #recovery()}, while {@link #readOnly} leaves the file alone. A damaged line followed by a good
 * one is corruption that recovery must not hide: opening fails with an {@link IllegalStateException}
 * naming the file, line and byte offset.
 *
 * <p>Thread-safety: thread-safe; appends are serialised, each line written whole.
 */
public final class JsonLinesConsentStore implements ConsentStore {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLinesConsentStore.class);

    /**
     * A torn tail found and left out when the store was opened. Thread-safety: an immutable record.
     *
     * @param offset the byte offset where the torn line starts (the file's new length after recovery)
     * @param length the number of bytes left out
     * @param line   the 1-based line number of the torn line
     * @param reason what was wrong with it
     */
    public record Recovery(long offset, long length, long line, String reason) {
    }

    private final Path file;
    private final FileChannel channel;
    private final FsyncPolicy fsync;
    private final InMemoryConsentStore index;
    private final Recovery recovery;
    private boolean closed;

    private JsonLinesConsentStore(Path file, FileChannel channel, FsyncPolicy fsync, InMemoryConsentStore index,
            Recovery recovery) {
        this.file = file;
        this.index = index;
        this.channel = channel;
        this.fsync = fsync;
        this.recovery = recovery;
    }

    /**
     * Opens a store for appending, creating the file if needed and cutting off a torn tail.
     *
     * @param file  the file
     * @param fsync when appends are forced to the device
     * @return the store
     * @throws IOException           if the file cannot be read or written
     * @throws IllegalStateException if a line other than the last is damaged
     */
    public static JsonLinesConsentStore open(Path file, FsyncPolicy fsync) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(fsync, "fsync");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            byte[] bytes = readAll(ch);
            JsonLinesConsentStore store = load(file, bytes, ch, fsync);
            if (store.recovery != null) {
                ch.truncate(store.recovery.offset());
                ch.force(true);
            }
            ch.position(ch.size());
            return store;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Opens a store for reading only: a torn tail is left out and reported but the file is not changed,
     * and {@link #append} fails.
     *
     * @param file the file, which must exist
     * @return the store
     * @throws IOException           if the file cannot be read
     * @throws IllegalStateException if a line other than the last is damaged
     */
    public static JsonLinesConsentStore readOnly(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        return load(file, Files.readAllBytes(file), null, FsyncPolicy.ON_CLOSE);
    }

    private static byte[] readAll(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("ledger file larger than 2 GiB");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        ch.position(0);
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
            // keep reading
        }
        return buf.array();
    }

    private static JsonLinesConsentStore load(Path file, byte[] bytes, FileChannel ch, FsyncPolicy fsync) {
        InMemoryConsentStore index = new InMemoryConsentStore();
        Recovery recovery = null;
        int start = 0;
        long lineNo = 0;
        while (start < bytes.length) {
            lineNo++;
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            boolean complete = end < bytes.length;
            String problem = complete ? check(bytes, start, end, lineNo, index) : "no final newline";
            boolean last = !complete || end + 1 >= bytes.length;
            if (problem != null) {
                if (!last) {
                    throw new IllegalStateException("ledger file " + file + ": line " + lineNo + " at byte offset "
                            + start + " is corrupted (" + problem + ") and later lines exist; refusing to open");
                }
                recovery = new Recovery(start, bytes.length - start, lineNo, problem);
                LOG.warn("ledger file {}: torn last line {} at byte offset {} ({} bytes, {}) left out", file, lineNo,
                        start, bytes.length - start, problem);
                break;
            }
            start = end + 1;
        }
        return new JsonLinesConsentStore(file, ch, fsync, index, recovery);
    }

    /** Checks one line and loads its event into {@code into}; returns what is wrong, or null. */
    private static String check(byte[] bytes, int start, int end, long lineNo, InMemoryConsentStore into) {
        if (end - start < 10 || bytes[start + 8] != ' ') {
            return "no checksum";
        }
        String hex = new String(bytes, start, 8, StandardCharsets.US_ASCII);
        CRC32C crc = new CRC32C();
        crc.update(bytes, start + 9, end - start - 9);
        if (!hex.equals(crc32Hex(crc.getValue()))) {
            return "checksum mismatch";
        }
        ConsentEvent e;
        try {
            e = ConsentEventJson.read(new String(bytes, start + 9, end - start - 9, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ex) {
            return "bad event: " + ex.getMessage();
        }
        if (e.sequence() != lineNo) {
            return "sequence " + e.sequence() + " where " + lineNo + " was expected";
        }
        into.load(e);
        return null;
    }

    private static String crc32Hex(long value) {
        return HexFormat.of().toHexDigits((int) value);
    }

    /**
     * Returns the torn tail left out when the store was opened, if any.
     *
     * @return the recovery, or empty if the file was clean
     */
    public Optional<Recovery> recovery() {
        return Optional.ofNullable(recovery);
    }

    @Override
    public synchronized ConsentEvent append(ConsentEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            throw new IllegalStateException("store " + file + " is closed");
        }
        if (channel == null) {
            throw new IllegalStateException("store " + file + " is open read-only");
        }
        if (event.sequence() != 0) {
            throw new IllegalArgumentException("event.sequence must be 0 before append, got " + event.sequence());
        }
        ConsentEvent stored = event.stored(event.recordedTime(), index.lastSequence() + 1);
        byte[] json = ConsentEventJson.write(stored).getBytes(StandardCharsets.UTF_8);
        CRC32C crc = new CRC32C();
        crc.update(json);
        ByteBuffer line = ByteBuffer.allocate(json.length + 10);
        line.put(crc32Hex(crc.getValue()).getBytes(StandardCharsets.US_ASCII)).put((byte) ' ').put(json)
                .put((byte) '\n').flip();
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            if (fsync == FsyncPolicy.EVERY_APPEND) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to ledger file " + file, e);
        }
        index.load(stored);
        return stored;
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
        if (channel == null) {
            return;
        }
        try {
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close ledger file " + file, e);
        }
    }
}
