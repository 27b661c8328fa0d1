package dev.fairway.guard;

import dev.fairway.consent.internal.CheckedLog;
import dev.fairway.consent.internal.LogFile;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import dev.fairway.consent.ledger.RecoveryMode;
import dev.fairway.fairness.GroupIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * The decision log, schema {@code fairway-decision/v1}: checked JSON lines appended to a file by one
 * background thread, one object per decision and one per later outcome.
 *
 * <p>Every line is framed like the consent ledger's and the audit sink's,
 * {@code <crc32c> <json>\n}: the first 8 characters are the lower-case hex CRC-32C (Castagnoli) of
 * the JSON bytes, then a space. The first line of a new file is a header (framed and checked too),
 * {@code {"schema":"fairway-decision/v1","group_columns":[{"column":"race","category":"racial_or_ethnic_origin"}]}},
 * naming the sensitive columns and their data categories (never their values). Then:
 * <pre>
 * {"id":17,"time":"2026-12-02T01:30:00.123Z","group":{"race":1},"prediction":1,"score":0.82,
 *  "model":"credit-v3","route":"primary","mode":"personalised","withheld":["zip"],"plan":"9f2c..."}
 * {"id":17,"time":"2026-12-03T09:00:00Z","label":0}
 * </pre>
 * (each prefixed with its checksum). {@code group} holds each sensitive column's level code (the
 * value's position in the sorted levels of the declared groups), never the value; {@code score} is
 * absent when the model gave none (or a non-finite one); {@code route} says which model answered
 * ({@code primary}, {@code fallback}, {@code paused}, {@code rollback}, {@code non_personalised});
 * {@code withheld} lists the features the consent plan kept from the model, and {@code plan} is the
 * plan's fingerprint; {@code "personal":0} marks a decision that used no personal feature, and with a
 * {@link SubjectPseudonym} {@code subject} holds the subject's keyed pseudonym (HMAC-SHA256, hex,
 * never the raw id) and {@code subject_key} its key id. Read a log back with
 * {@link DecisionLogReader}.
 *
 * <p>A shutdown hook (on by default, {@link Builder#shutdownHook(boolean)}) drains the ring, forces
 * and closes the file when the JVM exits without {@link #close()}; every dropped record is counted
 * and said at WARN.
 *
 * <p>Appends copy their fields into a ring of preallocated slots (no allocation per decision;
 * strings are kept by reference) and return; the writer thread formats, frames and writes them in
 * batches. When the ring is full an append blocks until there is room ({@link Overflow#BLOCK},
 * the default) or is dropped and counted ({@link Overflow#DROP}, see {@link #dropped()}).
 *
 * <p><b>Acknowledgement.</b> An append returning means the record is in the ring, nothing more. A
 * record is <em>acknowledged</em> when a {@link #flush()} called after its append returns normally:
 * under {@link Fsync#EVERY_BATCH} that is after the force ({@code fdatasync}) covering its line, so an
 * acknowledged record survives a machine crash; under {@link Fsync#ON_CLOSE} after its line is
 * written to the operating system (it survives a process crash, not a machine crash). The writer's
 * batching is a group commit: records appended by any number of threads while the writer is busy
 * go into the next batch (at most 1,024 records), which is written and then forced once, and every
 * {@code flush()} waiting for a record of that batch returns after that one force.
 *
 * <p><b>Recovery.</b> Opening an existing file checks every line in a stream (no whole-file read)
 * and treats damaged lines as the {@link RecoveryMode} says (see {@link Builder#recovery}): by
 * default a torn last line (a crash in the middle of a write) is cut off and reported in
 * {@link #recovery()}, and damage before the last line refuses to open with an
 * {@link IllegalStateException} naming the file, line and byte offset. Appends continue after the
 * last good line. A file whose header declares other group columns or categories than the builder
 * refuses to open in every mode. A write or force that fails poisons the log: every later append
 * throws {@link IllegalStateException} and {@code flush()} throws {@link UncheckedIOException} until
 * the file is reopened.
 *
 * <p>Thread-safe: any thread may append; {@link #flush()} and {@link #close()} wait for the writer.
 */
public final class DecisionLog implements AutoCloseable, DecisionSink {
    /** The schema name written in the header. */
    public static final String SCHEMA = "fairway-decision/v1";

    private static final System.Logger LOG = System.getLogger(DecisionLog.class.getName());

    /** What an append does when the ring is full. */
    public enum Overflow {
        /** Wait for room: nothing is lost, and a slow disk slows callers. */
        BLOCK,
        /** Drop the record and count it in {@link DecisionLog#dropped()}. */
        DROP
    }

    /** When written lines are forced to the storage device. */
    public enum Fsync {
        /**
         * After every batch the writer thread writes, before the batch's slots are freed and before a
         * {@link DecisionLog#flush()} waiting for it returns (a group commit: one force per batch). A
         * machine crash loses at most records no {@code flush()} has acknowledged.
         */
        EVERY_BATCH,
        /** Only on {@link DecisionLog#close()} (and when the operating system flushes). */
        ON_CLOSE
    }

    /**
     * The most characters an appended decision's strings ({@code model}, {@code mode}, {@code plan} and
     * the {@code withheld} names, each name counted 3 more) may have together, and the most the
     * header's column and category names (each column counted 16 more) may have, so that every line
     * stays below the reader's {@link DecisionLogReader#MAX_LINE_BYTES} even with every character
     * escaped.
     */
    public static final int MAX_RECORD_CHARS = 65_536;

    /** Checks one line body on reopening; returns what is wrong, or null (the tests memoise it). */
    interface Validator {
        String check(byte[] bytes, int offset, int length, long line);
    }

    /** The routes a decision can take, as written in {@code route}. */
    public enum Route {
        /** The primary (current) model answered. */
        PRIMARY("primary"),
        /** The registered fallback model answered. */
        FALLBACK("fallback"),
        /** Personalisation was paused: the non-personalised default answered. */
        PAUSED("paused"),
        /** The previous registered model version answered after a rollback. */
        ROLLBACK("rollback"),
        /**
         * No personal feature could be used (the subject's consent withholds every feature, or there
         * is no consent at all) and the guard was built to send such requests to the
         * non-personalised answer: no model was called.
         */
        NON_PERSONALISED("non_personalised");

        private final String jsonName;

        Route(String jsonName) {
            this.jsonName = jsonName;
        }

        /**
         * Returns the name written in the log.
         *
         * @return the name
         */
        public String jsonName() {
            return jsonName;
        }
    }

    private static final class Slot {
        boolean outcome;
        long id;
        long time;
        int group;
        boolean positive;
        double score;
        String model;
        Route route;
        String mode;
        String[] withheld;
        String plan;
        boolean personal;
        String subject;
        String subjectKey;
    }

    private final LogFile file;
    private final String name;
    private final JsonLinesConsentStore.Recovery recovery;
    private final List<JsonLinesConsentStore.Recovery> salvaged;
    private final Fsync fsync;
    private final Overflow overflow;
    private final String[] columns;
    private final int[][] levelCodes;
    private final Slot[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private final Thread hook;
    private long head;
    private long tail;
    private long written;
    private boolean closing;
    private boolean writerWaiting;
    private int producersWaiting;
    private IOException failure;
    private final StringBuilder text = new StringBuilder(512);
    private final CRC32C crc = new CRC32C();
    private char[] chars = new char[1 << 12];
    private byte[] raw = new byte[1 << 17];
    private ByteBuffer bytes = ByteBuffer.wrap(raw);
    private int rawLength;

    private DecisionLog(Builder b, LogFile file, String name, CheckedLog.Scan scan) throws IOException {
        this.file = file;
        this.name = name;
        this.recovery = scan.tornTail();
        this.salvaged = scan.skipped();
        this.fsync = b.fsync;
        this.overflow = b.overflow;
        GroupIndex groups = b.groups;
        this.columns = groups.columns().toArray(new String[0]);
        this.levelCodes = new int[groups.size()][columns.length];
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < columns.length; c++) {
                levelCodes[g][c] = groups.levels(columns[c]).indexOf(groups.group(g).values().get(c));
            }
        }
        this.ring = new Slot[b.capacity];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Slot();
        }
        if (scan.end() == 0) {
            header(b);
            frameText();
            writeRaw();
            if (fsync == Fsync.EVERY_BATCH) {
                file.force();
            }
        }
        this.writer = new Thread(this::run, "fairway-decision-log");
        writer.setDaemon(true);
        writer.start();
        this.hook = b.shutdownHook ? new Thread(this::closeAtExit, "fairway-decision-log-exit") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** The shutdown hook: drains the ring, forces and closes, so that an exit without close() loses nothing. */
    private void closeAtExit() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "decision log " + name + ": closing at JVM exit failed: " + e.getMessage(), e);
        }
    }

    private void header(Builder b) {
        text.append("{\"schema\":\"").append(SCHEMA).append("\",\"group_columns\":[");
        for (int c = 0; c < columns.length; c++) {
            text.append(c == 0 ? "{\"column\":" : ",{\"column\":");
            string(columns[c]);
            text.append(",\"category\":");
            string(b.categories.get(columns[c]));
            text.append('}');
        }
        text.append("]}");
    }

    /**
     * Opens a log over any {@code LogFile}: scans it under the builder's recovery mode (cutting a torn
     * tail), checks the header against the builder, and starts the writer. Closes the file if opening
     * fails. Package-private: the crash tests put a simulated file here.
     */
    static DecisionLog open(Builder b, LogFile f, String name, Validator validator) throws IOException {
        try {
            CheckedLog.Scan scan = CheckedLog.scan(f, name, "decision log", b.recovery, true,
                    (bytes, off, len, line) -> validator.check(bytes, off, len, line));
            return new DecisionLog(b, f, name, scan);
        } catch (IOException | RuntimeException e) {
            f.close();
            throw e;
        }
    }

    /**
     * The validator a builder's log uses on reopening: the first line must be the header this builder
     * writes (a checksum-valid header of other columns or another schema refuses in every mode), every
     * other line a decision or outcome over the builder's columns.
     */
    static Validator validator(Builder b, String name) {
        DecisionLogReader.Header expected = b.header();
        return (bytes, off, len, line) -> {
            try {
                if (line == 1) {
                    DecisionLogReader.Header h = DecisionLogReader.header(bytes, off, len, name);
                    if (!h.columns().equals(expected.columns()) || !h.categories().equals(expected.categories())) {
                        throw new IllegalStateException("decision log " + name + ": its header declares group columns "
                                + h.columns() + " with categories " + h.categories() + ", this log writes "
                                + expected.columns() + " with categories " + expected.categories());
                    }
                } else {
                    DecisionLogReader.parse(bytes, off, len, line, expected);
                }
                return null;
            } catch (DecisionLogReader.BadLine bad) {
                return bad.getMessage();
            }
        };
    }

    /**
     * Returns the torn tail cut off when the file was opened, if any.
     *
     * @return the recovery, or empty if the file ended with a whole line
     */
    public Optional<JsonLinesConsentStore.Recovery> recovery() {
        return Optional.ofNullable(recovery);
    }

    /**
     * Returns the damaged lines skipped before the last one when the file was opened in
     * {@link RecoveryMode#SALVAGE} (they stay in the file).
     *
     * @return the skipped lines in file order, possibly empty
     */
    public List<JsonLinesConsentStore.Recovery> salvaged() {
        return salvaged;
    }

    /**
     * Starts a builder.
     *
     * @param file the log file (appended to after recovery; created with a header if new or empty)
     * @param groups the groups whose codes decisions carry
     * @return the builder
     */
    public static Builder builder(Path file, GroupIndex groups) {
        return new Builder(Objects.requireNonNull(file, "file"), Objects.requireNonNull(groups, "groups"));
    }

    /**
     * Appends a decision as the guard made it: its id, time, group code, prediction, score, model
     * version, route, request mode, withheld features (kept by reference) and plan fingerprint, and
     * the subject's pseudonym when the guard sets one.
     *
     * @param d the decision (read now; the holder may be reused when this returns)
     * @return false if the record was dropped ({@link Overflow#DROP} and the ring full, counted in
     *     {@link #dropped()})
     * @throws IllegalArgumentException if the group code is not one of the log's groups, the time
     *         lies outside the years 0000 to 9999, or the strings have more than
     *         {@link #MAX_RECORD_CHARS} characters together
     * @throws IllegalStateException if the log is closed or its writer failed
     */
    @Override
    public boolean decision(Decision d) {
        Objects.requireNonNull(d, "d");
        return decision(d.id, d.time, d.group, d.prediction, d.score, d.model, d.route, d.mode, d.withheld, d.plan,
                d.personal, d.subject, d.subjectKey);
    }

    /** The fields of {@link #decision(Decision)} one by one (package-private: the log's own tests use it). */
    boolean decision(long id, long time, int group, boolean prediction, double score, String model,
            Route route, String mode, String[] withheld, String plan) {
        return decision(id, time, group, prediction, score, model, route, mode, withheld, plan, true, null, null);
    }

    private boolean decision(long id, long time, int group, boolean prediction, double score, String model,
            Route route, String mode, String[] withheld, String plan, boolean personal, String subject,
            String subjectKey) {
        if (group < 0 || group >= levelCodes.length) {
            throw new IllegalArgumentException("group code " + group + " is unknown: the log declares "
                    + levelCodes.length + " groups");
        }
        Objects.requireNonNull(route, "route");
        checkTime(time);
        long chars = length(model) + length(mode) + length(plan) + length(subject) + length(subjectKey);
        if (withheld != null) {
            for (String w : withheld) {
                chars += length(w) + 3;
            }
        }
        if (chars > MAX_RECORD_CHARS) {
            throw new IllegalArgumentException("a decision's model, mode, plan and withheld names have " + chars
                    + " characters, more than " + MAX_RECORD_CHARS);
        }
        lock.lock();
        try {
            Slot s = claim();
            if (s == null) {
                return false;
            }
            s.outcome = false;
            s.id = id;
            s.time = time;
            s.group = group;
            s.positive = prediction;
            s.score = score;
            s.model = model;
            s.route = route;
            s.mode = mode;
            s.withheld = withheld;
            s.plan = plan;
            s.personal = personal;
            s.subject = subject;
            s.subjectKey = subjectKey;
            tail++;
            if (writerWaiting) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Appends an outcome.
     *
     * @param id the decision's id
     * @param time the time the outcome arrived, milliseconds since the epoch
     * @param label the outcome (true for 1)
     * @return false if the record was dropped
     * @throws IllegalArgumentException if the time lies outside the years 0000 to 9999
     * @throws IllegalStateException if the log is closed or its writer failed
     */
    public boolean outcome(long id, long time, boolean label) {
        checkTime(time);
        lock.lock();
        try {
            Slot s = claim();
            if (s == null) {
                return false;
            }
            s.outcome = true;
            s.id = id;
            s.time = time;
            s.positive = label;
            s.model = null;
            s.mode = null;
            s.withheld = null;
            s.plan = null;
            s.subject = null;
            s.subjectKey = null;
            tail++;
            if (writerWaiting) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static void checkTime(long time) {
        if (time < DecisionLogReader.MIN_TIME || time > DecisionLogReader.MAX_TIME) {
            throw new IllegalArgumentException("time " + time + " ms lies outside the years 0000 to 9999");
        }
    }

    /** Under the lock: a free slot, or null when dropping. */
    private Slot claim() {
        check();
        while (tail - head == ring.length) {
            if (overflow == Overflow.DROP) {
                long n = dropped.incrementAndGet();
                if ((n & (n - 1)) == 0) { // the 1st, 2nd, 4th, 8th ... drop: every loss is said, the log is not flooded
                    LOG.log(System.Logger.Level.WARNING, "decision log " + name + ": the ring of " + ring.length
                            + " records is full; " + n + " record(s) dropped so far (Overflow.DROP)");
                }
                return null;
            }
            producersWaiting++;
            try {
                notFull.awaitUninterruptibly();
            } finally {
                producersWaiting--;
            }
            check();
        }
        return ring[(int) (tail % ring.length)];
    }

    private void check() {
        if (closing) {
            throw new IllegalStateException("the decision log is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("the decision log's writer failed: " + failure.getMessage(), failure);
        }
    }

    /**
     * Returns the number of records dropped because the ring was full.
     *
     * @return the count (always 0 with {@link Overflow#BLOCK})
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Waits until every record appended (by any thread) before this call is written, and under
     * {@link Fsync#EVERY_BATCH} forced to the device: when it returns, those records are acknowledged
     * (see the class description). Calls from many threads share the writer's forces.
     *
     * @throws UncheckedIOException if the writer failed; then no record it was waiting for is
     *         acknowledged
     */
    public void flush() {
        lock.lock();
        try {
            long target = tail;
            while (written < target && failure == null) {
                drained.awaitUninterruptibly();
            }
            if (failure != null) {
                throw new UncheckedIOException(failure);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes what is left, forces it to the device and closes the file.
     *
     * @throws IOException if writing or closing fails
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs and finds the log closed
            }
        }
        if (dropped.get() > 0) {
            LOG.log(System.Logger.Level.WARNING, "decision log " + name + ": " + dropped.get()
                    + " record(s) were dropped because the ring was full (Overflow.DROP)");
        }
        try {
            writer.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (failure == null) {
                file.force();
            }
        } finally {
            file.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void run() {
        while (true) {
            long from;
            long to;
            lock.lock();
            try {
                while (head == tail && !closing) {
                    writerWaiting = true;
                    try {
                        notEmpty.awaitUninterruptibly();
                    } finally {
                        writerWaiting = false;
                    }
                }
                if (head == tail) {
                    return;
                }
                from = head;
                // free slots in small batches so callers and the writer overlap
                to = Math.min(tail, head + 1_024);
            } finally {
                lock.unlock();
            }
            try {
                for (long i = from; i < to; i++) {
                    format(ring[(int) (i % ring.length)]);
                    frameText();
                    if (rawLength > 96_000) {
                        writeRaw();
                    }
                }
                writeRaw();
                if (fsync == Fsync.EVERY_BATCH) {
                    file.force();
                }
            } catch (IOException | RuntimeException e) {
                lock.lock();
                try {
                    failure = e instanceof IOException io ? io : new IOException(e);
                    notFull.signalAll();
                    drained.signalAll();
                } finally {
                    lock.unlock();
                }
                return;
            }
            lock.lock();
            try {
                head = to;
                written = to;
                if (producersWaiting > 0) {
                    notFull.signalAll();
                }
                drained.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void format(Slot s) {
        text.append("{\"id\":").append(s.id).append(",\"time\":\"");
        Iso.append(text, s.time);
        text.append('"');
        if (s.outcome) {
            text.append(",\"label\":").append(s.positive ? 1 : 0).append('}');
            return;
        }
        text.append(",\"group\":{");
        for (int c = 0; c < columns.length; c++) {
            if (c > 0) {
                text.append(',');
            }
            string(columns[c]);
            text.append(':').append(levelCodes[s.group][c]);
        }
        text.append("},\"prediction\":").append(s.positive ? 1 : 0);
        if (Double.isFinite(s.score)) {
            text.append(",\"score\":").append(s.score);
        }
        text.append(",\"model\":");
        string(s.model);
        text.append(",\"route\":\"").append(s.route.jsonName()).append('"');
        text.append(",\"mode\":");
        string(s.mode);
        text.append(",\"withheld\":[");
        if (s.withheld != null) {
            for (int i = 0; i < s.withheld.length; i++) {
                if (i > 0) {
                    text.append(',');
                }
                string(s.withheld[i]);
            }
        }
        text.append("],\"plan\":");
        string(s.plan);
        if (!s.personal) {
            text.append(",\"personal\":0");
        }
        if (s.subject != null) {
            text.append(",\"subject\":");
            string(s.subject);
            text.append(",\"subject_key\":");
            string(s.subjectKey);
        }
        text.append('}');
    }

    private void string(String v) {
        if (v == null) {
            text.append("null");
            return;
        }
        text.append('"');
        for (int i = 0; i < v.length(); i++) {
            char ch = v.charAt(i);
            if (ch == '"' || ch == '\\') {
                text.append('\\').append(ch);
            } else if (ch < 0x20) {
                text.append("\\u00");
                text.append(Character.forDigit(ch >> 4, 16)).append(Character.forDigit(ch & 15, 16));
            } else if (Character.isSurrogate(ch)) {
                // a pair is kept; a lone surrogate (not encodable in UTF-8) becomes U+FFFD
                if (Character.isHighSurrogate(ch) && i + 1 < v.length() && Character.isLowSurrogate(v.charAt(i + 1))) {
                    text.append(ch).append(v.charAt(++i));
                } else {
                    text.append('\uFFFD');
                }
            } else {
                text.append(ch);
            }
        }
        text.append('"');
    }

    /**
     * Encodes the text (one line body, free of lone surrogates) as UTF-8 into the batch buffer, framed
     * {@code <crc32c> <body>\n}, and clears the text.
     */
    private void frameText() {
        int len = text.length();
        if (chars.length < len) {
            chars = new char[Math.max(len, chars.length * 2)];
        }
        if (raw.length < rawLength + 10 + 3 * len) {
            raw = java.util.Arrays.copyOf(raw, Math.max(rawLength + 10 + 3 * len, raw.length * 2));
            bytes = ByteBuffer.wrap(raw);
        }
        text.getChars(0, len, chars, 0);
        byte[] r = raw;
        int start = rawLength;
        int n = start + 9;
        for (int i = 0; i < len; i++) {
            char ch = chars[i];
            if (ch < 0x80) {
                r[n++] = (byte) ch;
            } else if (ch < 0x800) {
                r[n++] = (byte) (0xC0 | (ch >> 6));
                r[n++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch) && i + 1 < len) {
                int cp = Character.toCodePoint(ch, chars[++i]);
                r[n++] = (byte) (0xF0 | (cp >> 18));
                r[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                r[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                r[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                r[n++] = (byte) (0xE0 | (ch >> 12));
                r[n++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                r[n++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        crc.reset();
        crc.update(r, start + 9, n - start - 9);
        int value = (int) crc.getValue();
        for (int k = 0; k < 8; k++) {
            r[start + k] = (byte) Character.forDigit((value >>> (28 - 4 * k)) & 0xF, 16);
        }
        r[start + 8] = ' ';
        r[n++] = '\n';
        rawLength = n;
        text.setLength(0);
    }

    /** Appends the batch buffer to the file. */
    private void writeRaw() throws IOException {
        if (rawLength > 0) {
            bytes.clear();
            bytes.limit(rawLength);
            file.append(bytes);
            rawLength = 0;
        }
    }

    /**
     * Builds a {@link DecisionLog}. Defaults: 8,192 slots, {@link Overflow#BLOCK},
     * {@link Fsync#ON_CLOSE}, {@link RecoveryMode#TOLERATE_TORN_TAIL}, category
     * {@code "unspecified"} for each column.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final Path file;
        private final GroupIndex groups;
        private final Map<String, String> categories = new LinkedHashMap<>();
        private int capacity = 8_192;
        private Overflow overflow = Overflow.BLOCK;
        private Fsync fsync = Fsync.ON_CLOSE;
        private RecoveryMode recovery = RecoveryMode.TOLERATE_TORN_TAIL;
        private boolean shutdownHook = true;

        private Builder(Path file, GroupIndex groups) {
            this.file = file;
            this.groups = groups;
            for (String c : groups.columns()) {
                categories.put(c, "unspecified");
            }
        }

        /**
         * Sets the data category written in the header for a sensitive column (such as the
         * consent catalogue's {@code racial_or_ethnic_origin}).
         *
         * @param column a sensitive column
         * @param category the category's name
         * @return this builder
         * @throws IllegalArgumentException if the column is not one of the groups' columns
         */
        public Builder category(String column, String category) {
            if (!categories.containsKey(column)) {
                throw new IllegalArgumentException("unknown sensitive column '" + column + "'; columns are "
                        + List.copyOf(categories.keySet()));
            }
            categories.put(column, Objects.requireNonNull(category, "category"));
            return this;
        }

        /**
         * Sets the number of slots in the ring (the bound on memory).
         *
         * @param capacity 1 .. 2^24
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder capacity(int capacity) {
            if (capacity < 1 || capacity > (1 << 24)) {
                throw new IllegalArgumentException("capacity must be in 1 .. 2^24, got " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * Sets what an append does when the ring is full.
         *
         * @param overflow the policy
         * @return this builder
         */
        public Builder overflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /**
         * Sets when lines are forced to the device.
         *
         * @param fsync the policy
         * @return this builder
         */
        public Builder fsync(Fsync fsync) {
            this.fsync = Objects.requireNonNull(fsync, "fsync");
            return this;
        }

        /**
         * Sets how damaged lines of an existing file are treated when it is opened (as the consent
         * ledger's and the audit sink's): {@link RecoveryMode#TOLERATE_TORN_TAIL} (the default) cuts a
         * torn last line off and refuses damage before it, {@link RecoveryMode#ABSOLUTE_CONSISTENCY}
         * refuses any damage, {@link RecoveryMode#SALVAGE} skips and reports damaged lines (leaving them
         * in the file) and appends after the last line.
         *
         * @param recovery the mode
         * @return this builder
         */
        public Builder recovery(RecoveryMode recovery) {
            this.recovery = Objects.requireNonNull(recovery, "recovery");
            return this;
        }

        /**
         * Sets whether the log registers a JVM shutdown hook that drains the ring, forces the file
         * and closes it when the JVM exits without {@link DecisionLog#close()} (default: on). A
         * service that closes the log itself in its own orderly shutdown may turn it off; a
         * {@code kill -9} or a halt runs no hook either way.
         *
         * @param on whether to register the hook
         * @return this builder
         */
        public Builder shutdownHook(boolean on) {
            this.shutdownHook = on;
            return this;
        }

        /** The header this builder's log writes. */
        DecisionLogReader.Header header() {
            List<String> cs = new ArrayList<>(categories.keySet());
            return DecisionLogReader.Header.of(1, cs, new ArrayList<>(categories.values()));
        }

        /**
         * Opens (creating, or recovering and appending to) the file and starts the writer thread.
         *
         * @return the log
         * @throws IOException if the file cannot be opened or the header written
         * @throws IllegalArgumentException if the column and category names are longer than
         *         {@link #MAX_RECORD_CHARS} together
         * @throws IllegalStateException if the recovery mode refuses damage found in an existing file, or
         *         its header declares other group columns or categories
         */
        public DecisionLog open() throws IOException {
            checkHeaderSize();
            String name = file.toString();
            return DecisionLog.open(this, LogFile.open(file, true), name, validator(this, name));
        }

        /** Opens the log over any {@code LogFile} (the crash tests' simulated file). */
        DecisionLog open(LogFile f, String name, Validator validator) throws IOException {
            checkHeaderSize();
            return DecisionLog.open(this, f, name, validator);
        }

        private void checkHeaderSize() {
            long chars = 0;
            for (Map.Entry<String, String> e : categories.entrySet()) {
                chars += e.getKey().length() + e.getValue().length() + 16;
            }
            if (chars > MAX_RECORD_CHARS) {
                throw new IllegalArgumentException("the group columns' and categories' names have " + chars
                        + " characters (each column counted 16 more), more than " + MAX_RECORD_CHARS);
            }
        }
    }
}
