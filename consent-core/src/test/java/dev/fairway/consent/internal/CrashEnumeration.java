package dev.fairway.consent.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
     * Walks the history: after each event the device holds the synced prefix plus any prefix of the
     * rest; every such image, and the synced prefix followed by zeros, is one scenario.
     */
    public static long enumerate(History h, Check check) throws IOException {
        long scenarios = 0;
        int synced = 0;
        int written = 0;
        int records = 0;
        long acked = 0;
        check.crash(h.bytes(), 0, 0, 0, 0);
        scenarios++;
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
                check.crash(h.bytes(), end, 0, acked, records);
                scenarios++;
            }
            if (written > synced) {
                check.crash(h.bytes(), synced, written - synced, acked, records);
                scenarios++;
            }
        }
        return scenarios;
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
