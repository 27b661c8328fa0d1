package dev.fairway.consent.log;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The crash enumeration shared by the ledger's and the audit sink's crash tests: a history recorded by a
 * {@link SimulatedLogFile}, and the walk over every crash point of it. After each event the device holds
 * the synced prefix plus any prefix of the rest; every such image, and the synced prefix followed by
 * zeros, is one scenario.
 */
public final class CrashEnumeration {
    private CrashEnumeration() {
    }
    public static final int APPENDS = 1000;
    /**
     * Tear positions: every byte ({@code 1}) in the {@code reliability} profile; in {@code verify} every
     * crash boundary is still visited, with the torn write cut at every 23rd byte and at its last byte.
     */
    public static final int STRIDE = Integer.getInteger("fairway.crash.stride", 23);
    /** The fewest scenarios a full enumeration must visit. */
    public static final long FLOOR = STRIDE == 1 ? 100_000 : 10_000;
    public static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    public static final String FP = "0123456789abcdef0123456789abcdef";

    /** What a history left: the final bytes, the ordered log of writes, forces and acks, and the line ends. */
    public record History(byte[] bytes, int[] kinds, long[] values, long[] lineEnds) {
        public static History of(SimulatedLogFile f) {
            int n = f.events();
            int[] kinds = new int[n];
            long[] values = new long[n];
            List<Long> ends = new ArrayList<>();
            ends.add(0L);
            for (int i = 0; i < n; i++) {
                kinds[i] = f.kind(i);
                values[i] = f.value(i);
                if (kinds[i] == SimulatedLogFile.WRITE) {
                    ends.add(values[i]);
                }
            }
            return new History(f.bytes(), kinds, values, ends.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** Checks one crash image. */
    public interface Check {
        /**
         * Checks one crash image.
         *
         * @param base    the history's final bytes
         * @param length  how many of them reached the device
         * @param zeros   how many zero bytes follow them
         * @param acked   the highest record acknowledged before the crash
         * @param written the records written before the crash
         * @throws IOException if the image cannot be read
         */
        void crash(byte[] base, int length, int zeros, long acked, int written) throws IOException;
    }

    /**
     * Checks one crash image, knowing its place in the enumeration, so that checks made on a sample of the
     * scenarios pick the same ones whatever thread runs them.
     */
    public interface IndexedCheck {
        /**
         * Checks one crash image.
         *
         * @param scenario the scenario's 0-based index in the enumeration order of {@link #enumerate}
         * @param base     the history's final bytes
         * @param length   how many of them reached the device
         * @param zeros    how many zero bytes follow them
         * @param acked    the highest record acknowledged before the crash
         * @param written  the records written before the crash
         * @throws IOException if the image cannot be read
         */
        void crash(long scenario, byte[] base, int length, int zeros, long acked, int written) throws IOException;
    }

    /**
     * How many threads {@link #enumerateInParallel} uses: the system property {@code fairway.crash.threads},
     * by default the number of processors.
     */
    public static final int THREADS = Math.max(1, Integer.getInteger("fairway.crash.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final int BATCH = 256;

    /**
     * Lists every scenario of a history in enumeration order: after each event the device holds the
     * synced prefix plus any prefix of the rest (every {@link #STRIDE}-th byte and the last), and the synced
     * prefix followed by zeros.
     *
     * @return four rows, one column per scenario: length, zeros, acked, written (see {@link Check})
     */
    private static long[][] scenarios(History h) {
        long[][] rows = new long[4][1024];
        int count = 0;
        int synced = 0;
        int written = 0;
        int records = 0;
        long acked = 0;
        count = add(rows, count, 0, 0, 0, 0);
        for (int e = 0; e < h.kinds().length; e++) {
            switch (h.kinds()[e]) {
                case SimulatedLogFile.WRITE -> {
                    written = (int) h.values()[e];
                    records++;
                }
                case SimulatedLogFile.FORCE -> synced = (int) h.values()[e];
                default -> acked = Math.max(acked, h.values()[e]);
            }
            for (int end = synced; end <= written; end += end + STRIDE < written || end == written ? STRIDE
                    : written - end) {
                count = add(rows, count, end, 0, acked, records);
            }
            if (written > synced) {
                count = add(rows, count, synced, written - synced, acked, records);
            }
        }
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOf(rows[r], count);
        }
        return rows;
    }

    private static int add(long[][] rows, int count, long length, long zeros, long acked, long written) {
        if (count == rows[0].length) {
            for (int r = 0; r < rows.length; r++) {
                rows[r] = Arrays.copyOf(rows[r], count * 2);
            }
        }
        rows[0][count] = length;
        rows[1][count] = zeros;
        rows[2][count] = acked;
        rows[3][count] = written;
        return count + 1;
    }

    /**
     * Walks the history in one thread: after each event the device holds the synced prefix plus any
     * prefix of the rest; every such image, and the synced prefix followed by zeros, is one scenario.
     *
     * @return the number of scenarios checked
     */
    public static long enumerate(History h, Check check) throws IOException {
        long[][] rows = scenarios(h);
        for (int i = 0; i < rows[0].length; i++) {
            check.crash(h.bytes(), (int) rows[0][i], (int) rows[1][i], rows[2][i], (int) rows[3][i]);
        }
        return rows[0].length;
    }

    /**
     * Checks the same scenarios as {@link #enumerate}, on {@link #THREADS} threads; the check must be safe
     * to call from several threads at once. Scenarios are handed out in order in batches; if any fail, the
     * failure of the lowest-numbered failing scenario is thrown (every scenario before it was checked), so
     * the outcome does not depend on the interleaving.
     *
     * @return the number of scenarios checked
     * @throws AssertionError naming the first failing scenario, with its failure as the cause
     */
    public static long enumerateInParallel(History h, IndexedCheck check) throws IOException {
        long[][] rows = scenarios(h);
        int count = rows[0].length;
        AtomicInteger next = new AtomicInteger();
        AtomicLong firstFailure = new AtomicLong(Long.MAX_VALUE);
        ConcurrentHashMap<Long, Throwable> failures = new ConcurrentHashMap<>();
        Runnable worker = () -> {
            while (true) {
                int from = next.getAndAdd(BATCH);
                if (from >= count || from > firstFailure.get()) {
                    return;
                }
                for (int i = from; i < Math.min(count, from + BATCH); i++) {
                    try {
                        check.crash(i, h.bytes(), (int) rows[0][i], (int) rows[1][i], rows[2][i], (int) rows[3][i]);
                    } catch (Throwable t) {
                        failures.put((long) i, t);
                        firstFailure.accumulateAndGet(i, Math::min);
                        break;
                    }
                }
            }
        };
        Thread[] threads = new Thread[THREADS];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(worker, "crash-enumeration-" + t);
            threads[t].start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (!failures.isEmpty()) {
            long i = firstFailure.get();
            Throwable t = failures.get(i);
            if (t instanceof IOException io) {
                throw io;
            }
            throw new AssertionError("crash scenario " + i + " (" + rows[0][(int) i] + " bytes reached the device, then "
                    + rows[1][(int) i] + " zeros; record " + rows[2][(int) i] + " acknowledged, " + rows[3][(int) i]
                    + " written): " + t, t);
        }
        return count;
    }

    /** The index of the last line end at or before {@code size}. */
    public static int lineIndex(long[] ends, long size) {
        int i = Arrays.binarySearch(ends, size);
        return i >= 0 ? i : -i - 2;
    }

    public static void report(String what, long scenarios, long startNanos) {
        System.out.printf("crash enumeration: %s: %,d scenarios in %.1f s%n", what, scenarios,
                (System.nanoTime() - startNanos) / 1e9);
    }
}
