package dev.fairway.consent.internal;

import dev.fairway.consent.ledger.FsyncPolicy;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import dev.fairway.consent.ledger.RecoveryMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked line log under {@link JsonLinesConsentStore} and
 * {@code dev.fairway.consent.filter.JsonLinesAuditSink}: lines
 * {@code <crc32c> <body>\n}, read back in a stream with a {@link RecoveryMode}, appended under a
 * {@link FsyncPolicy}.
 *
 * <p>Thread-safety: {@link #write} calls must be serialised by the caller (the owning store's lock);
 * {@link #awaitDurable} may run from many threads at once; that is where group commit happens.
 *
 * <p>Internal: public only so that the ledger and filter packages share it; this package is not
 * exported from the module and is no part of Fairway's API.
 */
public final class CheckedLog {
    private static final Logger LOG = LoggerFactory.getLogger(CheckedLog.class);

    /** The longest line read back, in bytes including checksum and newline; a longer one is damaged. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    private static final int CHUNK = 1 << 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Checks one line body and takes it in; returns what is wrong (and takes nothing), or null. */
    public interface LineHandler {
        /**
         * Checks and takes in one line body.
         *
         * @param bytes  the buffer holding the body
         * @param offset where the body starts
         * @param length the body's length in bytes
         * @param line   the 1-based line number
         * @return what is wrong with the body (nothing is taken in), or null when it was taken in
         */
        String accept(byte[] bytes, int offset, int length, long line);
    }

    /**
     * What a scan found.
     *
     * @param tornTail the torn last line, or null
     * @param skipped  the damaged lines skipped in salvage mode
     * @param end      the offset just past the last good line
     */
    public record Scan(JsonLinesConsentStore.Recovery tornTail, List<JsonLinesConsentStore.Recovery> skipped, long end) {
    }

    private final LogFile file;
    private final String name;
    private final FsyncPolicy fsync;
    private final Object syncLock = new Object();
    private volatile long written;
    private long synced;
    private volatile boolean failed;

    /**
     * Wraps a file that {@link #scan} has read, for appending.
     *
     * @param file  the file
     * @param name  its name for messages
     * @param fsync when appends reach the device
     * @param size  the offset appends start at (the scan's end)
     */
    public CheckedLog(LogFile file, String name, FsyncPolicy fsync, long size) {
        this.file = file;
        this.name = name;
        this.fsync = fsync;
        this.written = size;
        this.synced = size;
    }

    /**
     * Reads every line of a file in a stream, handing each good body to the handler.
     *
     * @param file     the file
     * @param name     the file's name for messages
     * @param what     what the file is, for messages ("ledger file")
     * @param mode     the recovery mode
     * @param writable whether to cut a torn tail off the file
     * @param handler  the line handler
     * @return what was found
     * @throws IllegalStateException if the mode refuses the damage found
     * @throws IOException if the file cannot be read or cut
     */
    public static Scan scan(LogFile file, String name, String what, RecoveryMode mode, boolean writable, LineHandler handler)
            throws IOException {
        long size = file.size();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(size, 1)));
        byte[] line = new byte[256];
        int lineLength = 0;
        long lineStart = 0;
        long lineNo = 0;
        long position = 0;
        JsonLinesConsentStore.Recovery torn = null;
        List<JsonLinesConsentStore.Recovery> skipped = new ArrayList<>();
        CRC32C crc = new CRC32C();
        while (position < size) {
            chunk.clear();
            int n = file.read(chunk, position);
            if (n < 0) {
                break;
            }
            byte[] a = chunk.array();
            int from = 0;
            for (int i = indexOfNewline(a, 0, n); i >= 0; i = indexOfNewline(a, from, n)) {
                int piece = i - from;
                byte[] buf;
                int off;
                if (lineLength == 0) {
                    // the whole line is in this chunk: check it where it is, no copy
                    buf = a;
                    off = from;
                    lineLength = piece;
                } else {
                    if (lineLength + piece <= MAX_LINE_BYTES) {
                        line = fit(line, lineLength + piece);
                        System.arraycopy(a, from, line, lineLength, piece);
                    }
                    lineLength += piece;
                    buf = line;
                    off = 0;
                }
                lineNo++;
                long next = position + i + 1;
                String problem = lineLength > MAX_LINE_BYTES ? "line longer than " + MAX_LINE_BYTES + " bytes"
                        : check(buf, off, lineLength, lineNo, handler, crc);
                if (problem != null) {
                    JsonLinesConsentStore.Recovery r = new JsonLinesConsentStore.Recovery(lineStart,
                            next - lineStart, lineNo, problem);
                    if (next >= size) {
                        torn = tail(r, name, what, mode);
                    } else if (mode == RecoveryMode.SALVAGE) {
                        LOG.warn("{} {}: damaged line {} at byte offset {} ({}) skipped in salvage mode", what, name,
                                lineNo, lineStart, problem);
                        skipped.add(r);
                    } else {
                        throw new IllegalStateException(what + " " + name + ": line " + lineNo + " at byte offset "
                                + lineStart + " is corrupted (" + problem + ") and later lines exist; refusing to open"
                                + " (recovery mode " + mode + ")");
                    }
                }
                lineLength = 0;
                lineStart = next;
                from = i + 1;
            }
            int piece = n - from;
            if (lineLength + piece <= MAX_LINE_BYTES) {
                line = fit(line, lineLength + piece);
                System.arraycopy(a, from, line, lineLength, piece);
            }
            lineLength += piece;
            position += n;
        }
        if (lineStart < size) {
            torn = tail(new JsonLinesConsentStore.Recovery(lineStart, size - lineStart, lineNo + 1, "no final newline"),
                    name, what, mode);
        }
        if (torn != null && writable) {
            file.truncate(torn.offset());
        }
        return new Scan(torn, List.copyOf(skipped), torn == null ? size : torn.offset());
    }

    private static JsonLinesConsentStore.Recovery tail(JsonLinesConsentStore.Recovery r, String name, String what,
            RecoveryMode mode) {
        if (mode == RecoveryMode.ABSOLUTE_CONSISTENCY) {
            throw new IllegalStateException(what + " " + name + ": last line " + r.line() + " at byte offset "
                    + r.offset() + " is damaged (" + r.reason() + "); refusing to open (recovery mode "
                    + RecoveryMode.ABSOLUTE_CONSISTENCY + ")");
        }
        if (LOG.isWarnEnabled()) {
            LOG.warn("{} {}: torn last line {} at byte offset {} ({} bytes, {}) left out", what, name, r.line(),
                    r.offset(), r.length(), r.reason());
        }
        return r;
    }

    private static byte[] fit(byte[] line, int length) {
        return length <= line.length ? line : Arrays.copyOf(line, Math.max(length, line.length * 2));
    }

    /** The index of the first {@code '\n'} in {@code a[from, to)}, or -1; eight bytes at a time. */
    static int indexOfNewline(byte[] a, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(a, i) ^ NEWLINES;
            // a set high bit marks a zero byte of x (a newline of a); the lowest one is exact
            long zero = (x - ONES) & ~x & HIGHS;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String check(byte[] line, int off, int length, long lineNo, LineHandler handler, CRC32C crc) {
        if (length < 10 || line[off + 8] != ' ') {
            return "no checksum";
        }
        crc.reset();
        crc.update(line, off + 9, length - 9);
        int value = (int) crc.getValue();
        // the checksum is exactly the 8 lower-case hex digits of the CRC-32C
        for (int k = 0; k < 8; k++) {
            if (line[off + k] != HEX[(value >>> (28 - 4 * k)) & 0xF]) {
                return "checksum mismatch";
            }
        }
        return handler.accept(line, off + 9, length - 9, lineNo);
    }

    /**
     * Frames a body as one line.
     *
     * @param body the body, without newline
     * @return {@code <crc32c> <body>\n}
     */
    public static byte[] frame(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] line = new byte[body.length + 10];
        byte[] hex = HexFormat.of().toHexDigits((int) crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, line, 0, 8);
        line[8] = ' ';
        System.arraycopy(body, 0, line, 9, body.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * Splits a framed line (without its newline) and checks its checksum.
     *
     * @param line the line
     * @return the body
     * @throws IllegalArgumentException if the checksum is missing or wrong
     */
    public static String unframe(String line) {
        // checked by characters: a non-ASCII character among the first nine is more than one byte in
        // UTF-8, so byte and character positions would disagree (the fuzzer found "12a\uFFFD74 {")
        if (line.length() < 10 || line.charAt(8) != ' ') {
            throw new IllegalArgumentException("line must start with 8 hex digits of CRC-32C and a space");
        }
        String body = line.substring(9);
        byte[] framed = frame(body.getBytes(StandardCharsets.UTF_8));
        for (int k = 0; k < 8; k++) {
            if (line.charAt(k) != framed[k]) {
                throw new IllegalArgumentException("line checksum mismatch");
            }
        }
        return body;
    }

    /**
     * Appends one body as a line; the caller serialises calls. Under {@link FsyncPolicy#EVERY_APPEND}
     * the line is forced before this returns.
     *
     * @param body the body
     * @return the file offset just past the line
     */
    public long write(byte[] body) {
        if (failed) {
            throw new IllegalStateException(name + ": an earlier write or sync failed; reopen the file to recover");
        }
        byte[] line = frame(body);
        try {
            file.append(ByteBuffer.wrap(line));
            long end = written + line.length;
            written = end;
            if (fsync == FsyncPolicy.EVERY_APPEND) {
                file.force();
                synced = end;
            }
            return end;
        } catch (IOException e) {
            failed = true;
            throw new UncheckedIOException("cannot append to " + name, e);
        }
    }

    /**
     * Under {@link FsyncPolicy#GROUP_COMMIT} waits until the line ending at {@code end} is on the device:
     * the first waiting thread forces every line written so far, the others find their line covered.
     *
     * @param end the offset {@link #write} returned
     */
    public void awaitDurable(long end) {
        if (fsync != FsyncPolicy.GROUP_COMMIT) {
            return;
        }
        synchronized (syncLock) {
            if (synced >= end) {
                return;
            }
            if (failed) {
                throw new IllegalStateException(name + ": an earlier write or sync failed; reopen the file to recover");
            }
            long target = written;
            try {
                file.force();
            } catch (IOException e) {
                failed = true;
                throw new UncheckedIOException("cannot sync " + name, e);
            }
            synced = target;
        }
    }

    /** Forces and closes the file. */
    public void close() {
        try {
            try {
                if (!failed) {
                    file.force();
                }
            } finally {
                file.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + name, e);
        }
    }
}
