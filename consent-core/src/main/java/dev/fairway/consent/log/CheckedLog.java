package dev.fairway.consent.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checked line log (frame version 2) under the consent ledger, the audit sink and the guard's
 * decision log: lines {@code <crc32c> <sequence> <body>\n}, read back in a stream with a
 * {@link RecoveryMode}, appended under a {@link FsyncPolicy}.
 *
 * <p>{@code <crc32c>} is the 8 lower-case hex digits of the CRC-32C (Castagnoli) of everything after
 * the first space up to the newline ({@code <sequence> <body>}); {@code <sequence>} is the record's
 * number in the file, decimal without leading zeros, 1 for the first line and one more for each line
 * after it. The sequence makes a deleted, duplicated or moved whole line visible (its checksum alone
 * would not); a sequence was chosen over a hash chain because each line stays checkable on its own, so
 * {@link RecoveryMode#SALVAGE} can resume after a damaged line and a reader needs no earlier line to
 * check a later one (a CRC chain would be no stronger against deliberate forgery: anyone can recompute
 * it). A version 1 line ({@code <crc32c> <body>}, no sequence, written before Fairway 0.2) is refused
 * with a message saying so.
 *
 * <p>Thread-safety: {@link #write} calls must be serialised by the caller (the owning store's lock);
 * {@link #awaitDurable} may run from many threads at once; that is where group commit happens.
 * {@link #scan} and the static framing methods are stateless.
 */
public final class CheckedLog {
    private static final Logger LOG = LoggerFactory.getLogger(CheckedLog.class);

    /** The longest line read back, in bytes including checksum and newline; a longer one is damaged. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    /** The frame version this class reads and writes. */
    public static final int FRAME_VERSION = 2;
    private static final int CHUNK = 1 << 16;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Checks one line body and takes it in. */
    @FunctionalInterface
    public interface LineHandler {
        /**
         * Checks and takes in one line body.
         *
         * @param bytes    the buffer holding the body
         * @param offset   where the body starts
         * @param length   the body's length in bytes
         * @param line     the 1-based line number in the file
         * @param sequence the line's sequence number (the record's number, 1 for the first)
         * @return what is wrong with the body (nothing is taken in), or null when it was taken in
         */
        String accept(byte[] bytes, int offset, int length, long line, long sequence);
    }

    /**
     * What a scan found. Thread-safety: an immutable record.
     *
     * @param tornTail     the torn last line left out (and cut off when the file was opened for writing)
     * @param skipped      what {@link RecoveryMode#SALVAGE} skipped or repaired, in file order
     * @param end          the offset appends start at: past the last line kept
     * @param lastSequence the highest sequence number of a checksum-valid line, 0 when there is none;
     *                     appends continue with the next one
     */
    public record Scan(Optional<Recovery> tornTail, List<Recovery> skipped, long end, long lastSequence) {
        /**
         * Validates and copies the fields.
         *
         * @throws NullPointerException if a field is null
         */
        public Scan {
            Objects.requireNonNull(tornTail, "tornTail");
            skipped = List.copyOf(skipped);
        }
    }

    private final LogFile file;
    private final String name;
    private final FsyncPolicy fsync;
    private final Object syncLock = new Object();
    private volatile long written;
    private long synced;
    private long next;
    private volatile boolean failed;

    /**
     * Wraps a file that {@link #scan} has read, for appending after the last line kept.
     *
     * @param file  the file, opened for writing
     * @param name  its name for messages
     * @param fsync when appends reach the device
     * @param scan  what the scan found
     */
    public CheckedLog(LogFile file, String name, FsyncPolicy fsync, Scan scan) {
        this.file = Objects.requireNonNull(file, "file");
        this.name = Objects.requireNonNull(name, "name");
        this.fsync = Objects.requireNonNull(fsync, "fsync");
        this.written = scan.end();
        this.synced = scan.end();
        this.next = scan.lastSequence() + 1;
    }

    /**
     * Returns the sequence number the next {@link #write} gives its line.
     *
     * @return the next sequence number, at least 1
     */
    public long nextSequence() {
        return next;
    }

    /**
     * Reads every line of a file in a stream, handing each good body to the handler in order.
     *
     * @param file     the file
     * @param name     the file's name for messages
     * @param what     what the file is, for messages ("ledger file")
     * @param mode     the recovery mode
     * @param writable whether to repair the file's end for appending: cut a torn tail off, and end a
     *                 last line kept without a newline with one
     * @param handler  the line handler
     * @return what was found
     * @throws IllegalStateException if the mode refuses the damage found, or the file is of frame version 1
     * @throws IOException if the file cannot be read or cut
     */
    public static Scan scan(LogFile file, String name, String what, RecoveryMode mode, boolean writable,
            LineHandler handler) throws IOException {
        Objects.requireNonNull(mode, "mode");
        Scanner s = new Scanner(name, what, mode, handler);
        long size = file.size();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(size, 1)));
        byte[] line = new byte[256];
        int lineLength = 0;
        long lineStart = 0;
        long lineNo = 0;
        long position = 0;
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
                s.line(buf, off, lineLength, lineStart, next - lineStart, lineNo);
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
        Recovery torn = null;
        long end = size;
        if (lineStart < size) {
            Tail t = lineLength > MAX_LINE_BYTES
                    ? new Tail(s.torn(new Recovery(lineStart, size - lineStart, lineNo + 1, "no final newline")), -1)
                    : s.tail(line, lineLength, lineStart, size - lineStart, lineNo + 1);
            torn = t.torn();
            if (t.keptBytes() >= 0) {
                // a whole last record without its newline was kept (the newline was lost, or zeroed), or
                // salvage kept a damaged last line: end it with a newline, or the next line would join it
                end = lineStart + t.keptBytes() + 1;
                if (writable) {
                    file.truncate(lineStart + t.keptBytes());
                    file.append(ByteBuffer.wrap(new byte[] {'\n'}));
                    file.force();
                }
            } else if (torn != null) {
                end = torn.offset();
                if (writable) {
                    file.truncate(torn.offset());
                }
            }
        }
        return new Scan(Optional.ofNullable(torn), s.skipped, end, s.maxSequence);
    }

    /**
     * What the bytes after the last newline were: the torn tail left out (or null), and how many of them
     * were kept as a line that needs its newline (or -1).
     */
    private record Tail(Recovery torn, int keptBytes) {
    }

    /** The state of one scan: the next expected sequence number and what was skipped. */
    private static final class Scanner {
        private final String name;
        private final String what;
        private final RecoveryMode mode;
        private final LineHandler handler;
        private final CRC32C crc = new CRC32C();
        private final List<Recovery> skipped = new ArrayList<>();
        private long last;
        private long maxSequence;
        /** Damaged lines skipped (salvage) since the last record taken: they explain that many missing numbers. */
        private long skippedSinceLast;

        Scanner(String name, String what, RecoveryMode mode, LineHandler handler) {
            this.name = name;
            this.what = what;
            this.mode = mode;
            this.handler = handler;
        }

        /** One line that ended in a newline: {@code length} bytes at {@code off}, the newline not included. */
        void line(byte[] b, int off, int length, long start, long span, long lineNo) {
            if (length > MAX_LINE_BYTES) {
                damage(start, span, lineNo, "line longer than " + MAX_LINE_BYTES + " bytes");
                return;
            }
            long seq = frameSequence(b, off, length);
            if (seq > 0 && checksumMatches(b, off, length, crc)) {
                record(b, off, length, seq, start, span, lineNo);
                return;
            }
            if (lineNo == 1) {
                refuseVersion1(b, off, length);
            }
            int split = validPrefix(b, off, length, crc);
            if (split > 0 && split < length - 1) {
                int restOff = off + split + 1;
                int restLength = length - split - 1;
                long seq2 = frameSequence(b, restOff, restLength);
                if (seq2 > 0 && checksumMatches(b, restOff, restLength, crc)) {
                    String reason = "lines run together: the newline after the record ending at byte offset "
                            + (start + split) + " was overwritten";
                    if (mode != RecoveryMode.SALVAGE) {
                        throw refusal(lineNo, start, reason);
                    }
                    LOG.warn("{} {}: line {} at byte offset {}: {}; both records kept in salvage mode", what, name,
                            lineNo, start, reason);
                    skipped.add(new Recovery(start, 0, lineNo, reason + " (both records kept)"));
                    record(b, off, split, frameSequence(b, off, split), start, split + 1, lineNo);
                    record(b, restOff, restLength, seq2, start + split + 1, restLength + 1, lineNo);
                    return;
                }
            }
            damage(start, span, lineNo, seq > 0 ? "checksum mismatch" : "no checksum and sequence number");
        }

        /** A line with a valid frame: checks its sequence number and hands its body over. */
        private void record(byte[] b, int off, int length, long seq, long start, long span, long lineNo) {
            maxSequence = Math.max(maxSequence, seq);
            long expected = last + 1;
            if (seq != expected) {
                String reason = "sequence " + seq + " where " + expected + " was expected: "
                        + (seq > expected ? "records " + expected + (seq - 1 > expected ? " to " + (seq - 1) : "")
                                + " are missing (lines deleted)" : "a line duplicated or moved");
                if (mode != RecoveryMode.SALVAGE || seq < expected) {
                    damage(start, span, lineNo, reason);
                    return;
                }
                if (seq - expected > skippedSinceLast) {
                    // more numbers are missing than damaged lines were skipped: whole lines were deleted
                    LOG.warn("{} {}: line {} at byte offset {}: {}", what, name, lineNo, start, reason);
                    skipped.add(new Recovery(start, 0, lineNo, reason));
                }
            }
            int body = bodyOffset(b, off);
            String problem = handler.accept(b, body, off + length - body, lineNo, seq);
            if (problem != null) {
                damage(start, span, lineNo, problem);
                return;
            }
            last = seq;
            skippedSinceLast = 0;
        }

        private void damage(long start, long span, long lineNo, String reason) {
            if (mode != RecoveryMode.SALVAGE) {
                throw refusal(lineNo, start, reason);
            }
            LOG.warn("{} {}: damaged line {} at byte offset {} ({}) skipped in salvage mode", what, name, lineNo,
                    start, reason);
            skipped.add(new Recovery(start, span, lineNo, reason));
            skippedSinceLast++;
        }

        private IllegalStateException refusal(long lineNo, long start, String reason) {
            return new IllegalStateException(what + " " + name + ": line " + lineNo + " at byte offset " + start
                    + " is damaged (" + reason + "); a crash cannot do this, the line was written whole and changed"
                    + " since; refusing to open (recovery mode " + mode + "; " + RecoveryMode.SALVAGE
                    + " reads what is left)");
        }

        private void refuseVersion1(byte[] b, int off, int length) {
            if (length >= 10 && b[off + 8] == ' ' && b[off + 9] == '{') {
                crc.reset();
                crc.update(b, off + 9, length - 9);
                if (hexMatches(b, off, (int) crc.getValue())) {
                    throw new IllegalStateException(what + " " + name + ": line 1 is a frame version 1 line"
                            + " (<crc32c> <json>, without a sequence number), written before Fairway 0.2; this"
                            + " version reads and writes frame version " + FRAME_VERSION
                            + " (<crc32c> <sequence> <json>) only");
                }
            }
        }

        /**
         * The bytes after the last newline. A whole valid record with the next sequence number (its
         * newline missing or zeroed) is kept: it may have been acknowledged, and dropping it could
         * bring back what it revoked. A prefix of such a record, possibly followed by zero bytes (the
         * size reached the device, the data did not), is a torn tail: left out. Anything else is damage.
         */
        Tail tail(byte[] b, int length, long start, long span, long lineNo) {
            int n = length;
            while (n > 0 && b[n - 1] == 0) {
                n--;
            }
            long expected = last + 1;
            if (n >= 12 && frameSequence(b, 0, n) == expected && checksumMatches(b, 0, n, crc)) {
                record(b, 0, n, expected, start, span, lineNo);
                String reason = n < length ? "the last record's newline was zero bytes" : "the last record had no newline";
                // reported at the file's new length (past the restored newline), as a torn tail is
                return new Tail(torn(new Recovery(start + n + 1, span - n, lineNo, reason + "; the record was kept"
                        + " and the newline restored")), n);
            }
            String problem = notAPrefix(b, n, expected);
            if (problem == null) {
                return new Tail(torn(new Recovery(start, span, lineNo, n < length ? "zero bytes after the last newline"
                        : "no final newline")), -1);
            }
            int split = validPrefix(b, 0, n, crc);
            if (split > 0 && frameSequence(b, 0, split) == expected) {
                String reason = "the newline after the last record was overwritten (" + (n - split)
                        + " bytes follow it)";
                if (mode != RecoveryMode.SALVAGE) {
                    throw refusal(lineNo, start, reason);
                }
                record(b, 0, split, expected, start, split + 1, lineNo);
                skipped.add(new Recovery(start + split, span - split, lineNo, reason + "; the record was kept"));
                return new Tail(null, length);
            }
            damage(start, span, lineNo, problem + " (the last line has no newline and is not a torn write)");
            return new Tail(null, length);
        }

        Recovery torn(Recovery r) {
            if (mode == RecoveryMode.ABSOLUTE_CONSISTENCY) {
                throw new IllegalStateException(what + " " + name + ": last line " + r.line() + " at byte offset "
                        + r.offset() + " is torn (" + r.reason() + "); refusing to open (recovery mode "
                        + RecoveryMode.ABSOLUTE_CONSISTENCY + ")");
            }
            if (LOG.isWarnEnabled()) {
                LOG.warn("{} {}: torn last line {} at byte offset {} ({} bytes, {}) left out", what, name, r.line(),
                        r.offset(), r.length(), r.reason());
            }
            return r;
        }
    }

    /** Null when {@code b[0, n)} is a prefix of a valid line with sequence {@code expected}, else why not. */
    private static String notAPrefix(byte[] b, int n, long expected) {
        for (int i = 0; i < Math.min(8, n); i++) {
            if (hexValue(b[i]) < 0) {
                return "byte " + i + " is not a lower-case hex digit of the checksum";
            }
        }
        if (n > 8 && b[8] != ' ') {
            return "no space after the checksum";
        }
        byte[] seq = (expected + " ").getBytes(StandardCharsets.US_ASCII);
        for (int i = 9, j = 0; i < n && j < seq.length; i++, j++) {
            if (b[i] != seq[j]) {
                return "its sequence number is not " + expected;
            }
        }
        for (int i = 9 + seq.length; i < n; i++) {
            if ((b[i] & 0xFF) < 0x20) {
                return "a control byte in the body";
            }
        }
        if (n > 9 + seq.length) {
            int k = validPrefix(b, 0, n, new CRC32C());
            if (k > 0 && k < n) {
                return "a whole record followed by more bytes";
            }
        }
        return null;
    }

    /**
     * The length of the shortest prefix of {@code b[off, off + length)} that is a whole valid frame (its
     * checksum matches), or -1: where a lost newline ran two lines together.
     */
    private static int validPrefix(byte[] b, int off, int length, CRC32C crc) {
        if (length < 12 || b[off + 8] != ' ') {
            return -1;
        }
        int declared = 0;
        for (int k = 0; k < 8; k++) {
            int v = hexValue(b[off + k]);
            if (v < 0) {
                return -1;
            }
            declared = (declared << 4) | v;
        }
        crc.reset();
        for (int k = 9; k < length; k++) {
            crc.update(b[off + k]);
            if ((int) crc.getValue() == declared && frameSequence(b, off, k + 1) > 0) {
                return k + 1;
            }
        }
        return -1;
    }

    private static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }

    /** The sequence number of a line {@code <crc> <seq> <body>} (syntax only), or -1 when it has none. */
    private static long frameSequence(byte[] b, int off, int length) {
        if (length < 12 || b[off + 8] != ' ') {
            return -1;
        }
        long seq = 0;
        int i = off + 9;
        int end = off + length;
        if (b[i] < '1' || b[i] > '9') {
            return -1;
        }
        for (; i < end && b[i] != ' '; i++) {
            if (b[i] < '0' || b[i] > '9' || i - off - 9 >= 18) {
                return -1;
            }
            seq = seq * 10 + (b[i] - '0');
        }
        return i < end - 1 ? seq : -1;
    }

    /** Where the body starts in a line whose frame is valid. */
    private static int bodyOffset(byte[] b, int off) {
        int i = off + 9;
        while (b[i] != ' ') {
            i++;
        }
        return i + 1;
    }

    private static boolean checksumMatches(byte[] b, int off, int length, CRC32C crc) {
        crc.reset();
        crc.update(b, off + 9, length - 9);
        return hexMatches(b, off, (int) crc.getValue());
    }

    /** Whether the first 8 bytes are exactly the lower-case hex digits of {@code value}. */
    private static boolean hexMatches(byte[] b, int off, int value) {
        for (int k = 0; k < 8; k++) {
            if (b[off + k] != HEX[(value >>> (28 - 4 * k)) & 0xF]) {
                return false;
            }
        }
        return true;
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

    /**
     * Frames a body as one line.
     *
     * @param sequence the line's sequence number, at least 1
     * @param body     the body, without newline (at least one byte)
     * @return {@code <crc32c> <sequence> <body>\n}
     * @throws IllegalArgumentException if the sequence is below 1 or the body is empty
     */
    public static byte[] frame(long sequence, byte[] body) {
        if (sequence < 1 || body.length == 0) {
            throw new IllegalArgumentException("sequence must be >= 1 and the body not empty, got sequence "
                    + sequence + " and " + body.length + " bytes");
        }
        byte[] seq = Long.toString(sequence).getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[9 + seq.length + 1 + body.length + 1];
        System.arraycopy(seq, 0, line, 9, seq.length);
        line[9 + seq.length] = ' ';
        System.arraycopy(body, 0, line, 10 + seq.length, body.length);
        CRC32C crc = new CRC32C();
        crc.update(line, 9, line.length - 10);
        int value = (int) crc.getValue();
        for (int k = 0; k < 8; k++) {
            line[k] = HEX[(value >>> (28 - 4 * k)) & 0xF];
        }
        line[8] = ' ';
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * Splits one framed line (without its newline) and checks its checksum and the syntax of its
     * sequence number (not its place in a file).
     *
     * @param line the line
     * @return the body
     * @throws IllegalArgumentException if the frame is malformed or the checksum is wrong
     */
    public static String unframe(String line) {
        Objects.requireNonNull(line, "line");
        // checked by characters first: a non-ASCII character in the frame is more than one byte in UTF-8,
        // so byte and character positions would disagree (the fuzzer found "12a\uFFFD74 {")
        int space = line.indexOf(' ', 9);
        if (line.length() < 12 || line.charAt(8) != ' ' || space < 10 || space > 27 || space == line.length() - 1) {
            throw new IllegalArgumentException("line must start with 8 hex digits of CRC-32C, a space, a sequence"
                    + " number and a space");
        }
        for (int i = 0; i < space; i++) {
            if (line.charAt(i) >= 0x80) {
                throw new IllegalArgumentException("line must start with 8 hex digits of CRC-32C, a space, a sequence"
                        + " number and a space");
            }
        }
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        if (frameSequence(b, 0, b.length) < 1) {
            throw new IllegalArgumentException("line's sequence number must be a decimal number from 1, without"
                    + " leading zeros");
        }
        if (!checksumMatches(b, 0, b.length, new CRC32C())) {
            throw new IllegalArgumentException("line checksum mismatch");
        }
        return line.substring(space + 1);
    }

    /**
     * Appends one body as a line with the next sequence number; the caller serialises calls. Under
     * {@link FsyncPolicy#EVERY_APPEND} the line is forced before this returns.
     *
     * @param body the body
     * @return the file offset just past the line
     * @throws IllegalStateException if an earlier write or sync failed
     * @throws UncheckedIOException  if the line cannot be written or forced
     */
    public long write(byte[] body) {
        if (failed) {
            throw new IllegalStateException(name + ": an earlier write or sync failed; reopen the file to recover");
        }
        byte[] line = frame(next, body);
        try {
            file.append(ByteBuffer.wrap(line));
            long end = written + line.length;
            written = end;
            next++;
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
     * @throws IllegalStateException if an earlier write or sync failed
     * @throws UncheckedIOException  if the force fails
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

    /**
     * Forces and closes the file, releasing the writer's lock.
     *
     * @throws UncheckedIOException if the force or close fails
     */
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
