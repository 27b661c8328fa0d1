package dev.fairway.consent.log;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An in-memory {@link LogFile} for crash simulation. While a history runs it records, in one ordered
 * log, every append (the file's end after it), every force (the end it covered) and every
 * acknowledgement the test notes (the record index). Afterwards any crash image can be built from the
 * final bytes: the synced prefix plus any prefix of the un-synced bytes (a write torn at any byte),
 * optionally followed by zeros (the size reached the device, the data did not).
 *
 * <p>Thread-safety: every method is synchronized, so concurrent appends and forces are ordered in the log.
 */
public final class SimulatedLogFile implements LogFile {
    public static final int WRITE = 0;
    public static final int FORCE = 1;
    public static final int ACK = 2;

    private byte[] data;
    private int size;
    private int zeros;
    private boolean shared;
    private int durable;
    private int[] kinds = new int[1024];
    private long[] values = new long[1024];
    private int events;
    private int forces;
    private boolean closed;

    private SimulatedLogFile(byte[] data, int size, int zeros, boolean shared) {
        this.data = data;
        this.size = size;
        this.zeros = zeros;
        this.shared = shared;
    }

    /** An empty file that records its history. */
    public static SimulatedLogFile empty() {
        return new SimulatedLogFile(new byte[1 << 16], 0, 0, false);
    }

    /**
     * A crash image: the first {@code length} bytes of {@code base} followed by {@code zeros} zero bytes;
     * {@code base} is shared until the image is written to.
     */
    public static SimulatedLogFile image(byte[] base, int length, int zeros) {
        return new SimulatedLogFile(base, length, zeros, true);
    }

    public synchronized byte[] bytes() {
        byte[] out = Arrays.copyOf(data, size + zeros);
        Arrays.fill(out, size, size + zeros, (byte) 0);
        return out;
    }

    public synchronized int events() {
        return events;
    }

    public synchronized int kind(int i) {
        return kinds[i];
    }

    public synchronized long value(int i) {
        return values[i];
    }

    public synchronized int forces() {
        return forces;
    }

    /** Notes that the store acknowledged record {@code id}. */
    public synchronized void ack(long id) {
        log(ACK, id);
    }

    private void log(int kind, long value) {
        if (events == kinds.length) {
            kinds = Arrays.copyOf(kinds, events * 2);
            values = Arrays.copyOf(values, events * 2);
        }
        kinds[events] = kind;
        values[events++] = value;
    }

    private void materialize(int capacity) {
        if (shared || zeros > 0 || capacity > data.length) {
            byte[] copy = new byte[Math.max(capacity, Math.max(16, (size + zeros) * 2))];
            System.arraycopy(data, 0, copy, 0, size);
            data = copy;
            size += zeros;
            zeros = 0;
            shared = false;
        }
    }

    @Override
    public synchronized long size() {
        return size + zeros;
    }

    @Override
    public synchronized int read(ByteBuffer dst, long position) {
        check();
        long total = size + zeros;
        if (position >= total) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), total - position);
        int fromData = (int) Math.max(0, Math.min(n, size - position));
        if (fromData > 0) {
            dst.put(data, (int) position, fromData);
        }
        for (int i = fromData; i < n; i++) {
            dst.put((byte) 0);
        }
        return n;
    }

    @Override
    public synchronized void append(ByteBuffer src) {
        check();
        int n = src.remaining();
        materialize(size + zeros + n);
        if (size + n > data.length) {
            data = Arrays.copyOf(data, Math.max(size + n, data.length * 2));
        }
        src.get(data, size, n);
        size += n;
        log(WRITE, size);
    }

    @Override
    public synchronized void force() {
        check();
        durable = size + zeros;
        forces++;
        log(FORCE, durable);
    }

    @Override
    public synchronized void truncate(long newSize) {
        check();
        if (newSize <= size) {
            size = (int) newSize;
            zeros = 0;
        } else {
            zeros = (int) (newSize - size);
        }
        durable = Math.min(durable, (int) newSize);
    }

    public int durable() {
        return durable;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void check() {
        if (closed) {
            throw new IllegalStateException("simulated file is closed");
        }
    }
}
