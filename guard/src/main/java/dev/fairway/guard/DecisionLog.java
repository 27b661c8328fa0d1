package dev.fairway.guard;

import dev.fairway.fairness.GroupIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The decision log, schema {@code fairway-decision/v1}: JSON lines appended to a file by one
 * background thread, one object per decision and one per later outcome.
 *
 * <p>The first line of a new file is a header,
 * {@code {"schema":"fairway-decision/v1","group_columns":[{"column":"race","category":"racial_or_ethnic_origin"}]}},
 * naming the sensitive columns and their data categories (never their values). Then:
 * <pre>
 * {"id":17,"time":"2026-12-02T01:30:00.123Z","group":{"race":1},"prediction":1,"score":0.82,
 *  "model":"credit-v3","route":"primary","mode":"personalised","withheld":["zip"],"plan":"9f2c..."}
 * {"id":17,"time":"2026-12-03T09:00:00Z","label":0}
 * </pre>
 * {@code group} holds each sensitive column's level code (the value's position in the sorted
 * levels of the declared groups), never the value; {@code score} is absent when the model gave
 * none; {@code route} says which model answered ({@code primary}, {@code fallback},
 * {@code paused}, {@code rollback}); {@code withheld} lists the features the consent plan kept
 * from the model, and {@code plan} is the plan's fingerprint.
 *
 * <p>Appends copy their fields into a ring of preallocated slots (no allocation per decision;
 * strings are kept by reference) and return; the writer thread formats and writes them in
 * batches. When the ring is full an append blocks until there is room ({@link Overflow#BLOCK},
 * the default) or is dropped and counted ({@link Overflow#DROP}, see {@link #dropped()}). With
 * {@link Fsync#EVERY_BATCH} each written batch is forced to the device before its slots are freed.
 *
 * <p>Thread-safe: any thread may append; {@link #flush()} and {@link #close()} wait for the writer.
 */
public final class DecisionLog implements AutoCloseable {
    /** The schema name written in the header. */
    public static final String SCHEMA = "fairway-decision/v1";

    /** What an append does when the ring is full. */
    public enum Overflow {
        /** Wait for room: nothing is lost, and a slow disk slows callers. */
        BLOCK,
        /** Drop the record and count it in {@link DecisionLog#dropped()}. */
        DROP
    }

    /** When written lines are forced to the storage device. */
    public enum Fsync {
        /** After every batch the writer thread writes: a machine crash loses at most the records in the ring. */
        EVERY_BATCH,
        /** Only on {@link DecisionLog#close()} (and when the operating system flushes). */
        ON_CLOSE
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
        ROLLBACK("rollback");

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
    }

    private final FileChannel channel;
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
    private long head;
    private long tail;
    private long written;
    private boolean closing;
    private boolean writerWaiting;
    private int producersWaiting;
    private IOException failure;
    private final StringBuilder text = new StringBuilder(512);
    private char[] chars = new char[1 << 16];
    private byte[] raw = new byte[3 << 16];
    private ByteBuffer bytes = ByteBuffer.wrap(raw);

    private DecisionLog(Builder b) throws IOException {
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
        this.channel = FileChannel.open(b.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (channel.size() == 0) {
            text.append("{\"schema\":\"").append(SCHEMA).append("\",\"group_columns\":[");
            for (int c = 0; c < columns.length; c++) {
                text.append(c == 0 ? "{\"column\":" : ",{\"column\":");
                string(columns[c]);
                text.append(",\"category\":");
                string(b.categories.get(columns[c]));
                text.append('}');
            }
            text.append("]}\n");
            writeText();
        }
        this.writer = new Thread(this::run, "fairway-decision-log");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Starts a builder.
     *
     * @param file the log file (appended to; created with a header if new or empty)
     * @param groups the groups whose codes decisions carry
     * @return the builder
     */
    public static Builder builder(Path file, GroupIndex groups) {
        return new Builder(Objects.requireNonNull(file, "file"), Objects.requireNonNull(groups, "groups"));
    }

    /**
     * Appends a decision.
     *
     * @param id the decision id (outcomes name it)
     * @param time the decision time, milliseconds since the epoch
     * @param group the group code
     * @param prediction the decision (true for 1)
     * @param score the model's score, or {@code NaN} for none
     * @param model the model version that answered
     * @param route which model answered
     * @param mode the request mode
     * @param withheld the features withheld from the model (kept by reference: do not change it)
     * @param plan the consent plan's fingerprint
     * @return false if the record was dropped ({@link Overflow#DROP} and the ring full)
     * @throws IllegalStateException if the log is closed or its writer failed
     */
    public boolean decision(long id, long time, int group, boolean prediction, double score, String model,
            Route route, String mode, String[] withheld, String plan) {
        Objects.checkIndex(group, levelCodes.length);
        Objects.requireNonNull(route, "route");
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
     * @throws IllegalStateException if the log is closed or its writer failed
     */
    public boolean outcome(long id, long time, boolean label) {
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
            tail++;
            if (writerWaiting) {
                notEmpty.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: a free slot, or null when dropping. */
    private Slot claim() {
        check();
        while (tail - head == ring.length) {
            if (overflow == Overflow.DROP) {
                dropped.incrementAndGet();
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
     * Waits until every record appended before this call is written (and forced, with
     * {@link Fsync#EVERY_BATCH}).
     *
     * @throws UncheckedIOException if the writer failed
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
        try {
            writer.join(TimeUnit.MINUTES.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (failure == null) {
                channel.force(true);
            }
        } finally {
            channel.close();
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
                    if (text.length() > 32_000) {
                        writeText();
                    }
                }
                writeText();
                if (fsync == Fsync.EVERY_BATCH) {
                    channel.force(false);
                }
            } catch (IOException e) {
                lock.lock();
                try {
                    failure = e;
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
            text.append(",\"label\":").append(s.positive ? 1 : 0).append("}\n");
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
        if (!Double.isNaN(s.score)) {
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
        text.append("}\n");
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
            } else {
                text.append(ch);
            }
        }
        text.append('"');
    }

    /** Encodes the text as UTF-8 into the reused buffers (a bulk copy of the characters, then bytes) and writes it. */
    private void writeText() throws IOException {
        int len = text.length();
        if (chars.length < len) {
            chars = new char[len];
        }
        if (raw.length < 3 * len) {
            raw = new byte[3 * len];
            bytes = ByteBuffer.wrap(raw);
        }
        text.getChars(0, len, chars, 0);
        byte[] r = raw;
        int n = 0;
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
        bytes.clear();
        bytes.limit(n);
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        text.setLength(0);
    }

    /**
     * Builds a {@link DecisionLog}. Defaults: 8,192 slots, {@link Overflow#BLOCK},
     * {@link Fsync#ON_CLOSE}, category {@code "unspecified"} for each column.
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
         * Opens the file and starts the writer thread.
         *
         * @return the log
         * @throws IOException if the file cannot be opened or the header written
         */
        public DecisionLog open() throws IOException {
            return new DecisionLog(this);
        }
    }
}
