package dev.fairway.consent.ledger;

import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.log.RecoveryMode;
import static dev.fairway.consent.log.CrashEnumeration.APPENDS;
import static dev.fairway.consent.log.CrashEnumeration.FLOOR;
import static dev.fairway.consent.log.CrashEnumeration.T0;
import static dev.fairway.consent.log.CrashEnumeration.THREADS;
import static dev.fairway.consent.log.CrashEnumeration.enumerateInParallel;
import static dev.fairway.consent.log.CrashEnumeration.lineIndex;
import static dev.fairway.consent.log.CrashEnumeration.report;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.log.CrashEnumeration.History;
import dev.fairway.consent.log.LogFile;
import dev.fairway.consent.log.SimulatedLogFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Crashes the consent store at every write and sync boundary of a 1,000-append
 * history, tearing the un-synced bytes at every byte (and once as zeros), reopens each crash image and
 * checks: every acknowledged record is present exactly once and in order, nothing un-acknowledged is
 * half-loaded (the file is cut at a line boundary), a torn tail is reported and cut off, an
 * acknowledged withdrawal is never lost. Corruption before the tail refuses to open, except in salvage.
 */
class CrashEnumerationTest {
    /**
     * Decoding is a pure function of a line's bytes, so the enumeration memoises it by content: every
     * scenario still runs the whole framing, checksum, sequence and recovery path, and each distinct line
     * is decoded for real once (and checked against the event the store returned when it was appended).
     * A line seen before decodes to the very same object, so the checks below compare by identity.
     *
     * <p>The memo is filled by {@link #seed} before the enumeration starts and only read afterwards (a line
     * not in it is decoded for real every time), so it is safe to share between the enumeration's threads.
     * Lines are looked up by a cheap hash of their length and a few 8-byte words (the end of a line holds its
     * sequence number) and confirmed by comparing every byte.
     */
    static final class MemoDecoder implements JsonLinesConsentStore.Decoder {
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
                ByteOrder.LITTLE_ENDIAN);
        private final int mask = (1 << 13) - 1;
        private final byte[][] lines = new byte[mask + 1][];
        private final ConsentEvent[] events = new ConsentEvent[mask + 1];
        private final AtomicLong decoded = new AtomicLong();

        /** Decodes each whole line of the history once and checks it against what append returned. */
        void seed(History h, ConsentEvent[] stored) {
            for (int k = 1; k < h.lineEnds().length; k++) {
                int from = (int) h.lineEnds()[k - 1] + 10 + Long.toString(k).length(); // past "<crc32c> <k> "
                int to = (int) h.lineEnds()[k] - 1;
                ConsentEvent e = decode(h.bytes(), from, to - from);
                assertEquals(stored[k], e, "line " + k + " decodes to the event append returned");
                int slot = slot(h.bytes(), from, to - from);
                if (lines[slot] == null) {
                    lines[slot] = Arrays.copyOfRange(h.bytes(), from, to);
                }
                events[slot] = stored[k];
            }
        }

        long decoded() {
            return decoded.get();
        }

        private static int hash(byte[] b, int offset, int length) {
            long h = length * 0x9E3779B97F4A7C15L;
            if (length < Long.BYTES) {
                for (int i = 0; i < length; i++) {
                    h = (h ^ b[offset + i]) * 0x100000001B3L;
                }
            } else {
                h ^= (long) LONGS.get(b, offset + length - Long.BYTES);
                h *= 0x9E3779B97F4A7C15L;
                h ^= (long) LONGS.get(b, offset + (length - Long.BYTES) / 2);
                h *= 0x9E3779B97F4A7C15L;
                h ^= (long) LONGS.get(b, offset);
                h *= 0x9E3779B97F4A7C15L;
            }
            return (int) (h ^ h >>> 32);
        }

        /** The slot holding these bytes, or the empty slot where they would go. */
        private int slot(byte[] b, int offset, int length) {
            for (int i = hash(b, offset, length) & mask; ; i = (i + 1) & mask) {
                byte[] line = lines[i];
                if (line == null || Arrays.equals(line, 0, line.length, b, offset, offset + length)) {
                    return i;
                }
            }
        }

        @Override
        public ConsentEvent decode(byte[] bytes, int offset, int length) {
            int slot = slot(bytes, offset, length);
            if (lines[slot] != null && events[slot] != null) {
                return events[slot];
            }
            decoded.incrementAndGet();
            return JsonLinesConsentStore.JSON.decode(bytes, offset, length);
        }
    }

    static ConsentEvent event(SplittableRandom r, int i) {
        ConsentState state = r.nextInt(4) == 0 ? ConsentState.WITHDRAWN : ConsentState.GIVEN;
        return new ConsentEvent("user-" + r.nextInt(40), r.nextBoolean() ? "measurement" : "profile_selection", state,
                LawfulBasis.CONSENT, false, T0.plusSeconds(i), T0.plusSeconds(i),
                state == ConsentState.GIVEN && r.nextBoolean() ? T0.plusSeconds(i + 86_400) : null,
                "notice-" + r.nextInt(1000), ConsentSource.DIRECT, r.nextBoolean() ? "EU" : null, null, 0);
    }

    /** Runs a ledger history; returns the stored events by sequence (index 0 unused). */
    static ConsentEvent[] ledgerHistory(SimulatedLogFile f, FsyncPolicy fsync, int threads, long seed)
            throws Exception {
        ConsentEvent[] stored = new ConsentEvent[APPENDS + 1];
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, "ledger", fsync, RecoveryMode.TOLERATE_TORN_TAIL,
                true, JsonLinesConsentStore.JSON)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    SplittableRandom r = new SplittableRandom(seed + t);
                    int first = t * (APPENDS / threads);
                    futures.add(pool.submit(() -> {
                        for (int i = first; i < first + APPENDS / threads; i++) {
                            ConsentEvent e = s.append(event(r, i));
                            f.ack(e.sequence());
                            stored[(int) e.sequence()] = e;
                        }
                        return null;
                    }));
                }
                for (Future<?> fu : futures) {
                    fu.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdown();
            }
        }
        return stored;
    }

    static long checkLedger(History h, ConsentEvent[] stored) throws IOException {
        MemoDecoder memo = new MemoDecoder();
        memo.seed(h, stored);
        // the last acknowledged withdrawal up to each sequence
        int[] lastWithdrawal = new int[stored.length];
        for (int s = 1; s < stored.length; s++) {
            lastWithdrawal[s] = stored[s].state() == ConsentState.WITHDRAWN ? s : lastWithdrawal[s - 1];
        }
        long scenarios = enumerateInParallel(h, (n, base, length, zeros, acked, written) -> {
            SimulatedLogFile img = SimulatedLogFile.image(base, length, zeros);
            boolean torn = zeros > 0 || length != h.lineEnds()[lineIndex(h.lineEnds(), length)];
            try (JsonLinesConsentStore s = JsonLinesConsentStore.open(img, "ledger", FsyncPolicy.EVERY_APPEND,
                    RecoveryMode.TOLERATE_TORN_TAIL, true, memo)) {
                int k = (int) s.lastSequence();
                assertTrue(k >= acked && k <= written, () -> "k " + k + " acked " + acked + " written " + written);
                assertEquals(h.lineEnds()[k], img.size(), "the file is cut at the end of the last whole line");
                assertEquals(torn, s.recovery().isPresent());
                if (torn) {
                    assertEquals(h.lineEnds()[k], s.recovery().orElseThrow().offset());
                }
                int[] i = {1};
                s.forEach(e -> {
                    if (e != stored[i[0]++]) {
                        assertEquals(stored[i[0] - 1], e);
                    }
                });
                assertEquals(k + 1, i[0]);
                int w = lastWithdrawal[(int) acked];
                if (w > 0) {
                    assertTrue(s.events(stored[w].subject()).contains(stored[w]), "acknowledged withdrawal " + w);
                }
                if (n % 97 == 0) {
                    ConsentEvent more = s.append(event(new SplittableRandom(n), 5000));
                    assertEquals(k + 1, more.sequence());
                }
            }
            if (n % 31 == 0) {
                SimulatedLogFile again = SimulatedLogFile.image(base, length, zeros);
                if (torn) {
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> JsonLinesConsentStore.open(again, "ledger", FsyncPolicy.EVERY_APPEND,
                                    RecoveryMode.ABSOLUTE_CONSISTENCY, true, memo));
                    assertTrue(e.getMessage().contains("ABSOLUTE_CONSISTENCY"), e.getMessage());
                } else {
                    JsonLinesConsentStore.open(again, "ledger", FsyncPolicy.EVERY_APPEND,
                            RecoveryMode.ABSOLUTE_CONSISTENCY, true, memo).close();
                }
            }
        });
        assertTrue(memo.decoded() >= APPENDS, "every distinct line was decoded for real");
        return scenarios;
    }

    @Test
    void everyCrashPointOfTheLedgerUnderEveryAppend() throws Exception {
        long start = System.nanoTime();
        SimulatedLogFile f = SimulatedLogFile.empty();
        ConsentEvent[] stored = ledgerHistory(f, FsyncPolicy.EVERY_APPEND, 1, 17);
        assertEquals(APPENDS + 1, f.forces(), "one force per append and one on close");
        long scenarios = checkLedger(History.of(f), stored);
        report("ledger, EVERY_APPEND, " + THREADS + " checking threads", scenarios, start);
        assertTrue(scenarios >= FLOOR, "scenarios " + scenarios);
    }

    @Test
    void everyCrashPointOfTheLedgerUnderGroupCommitFromFourThreads() throws Exception {
        long start = System.nanoTime();
        SimulatedLogFile f = SimulatedLogFile.empty();
        ConsentEvent[] stored = ledgerHistory(f, FsyncPolicy.GROUP_COMMIT, 4, 23);
        History h = History.of(f);
        // an ack never comes before a force that covers its line
        long synced = 0;
        for (int e = 0; e < h.kinds().length; e++) {
            if (h.kinds()[e] == SimulatedLogFile.FORCE) {
                synced = h.values()[e];
            } else if (h.kinds()[e] == SimulatedLogFile.ACK) {
                assertTrue(h.lineEnds()[(int) h.values()[e]] <= synced, "ack of " + h.values()[e] + " before its sync");
            }
        }
        long scenarios = checkLedger(h, stored);
        report("ledger, GROUP_COMMIT, 4 threads (" + f.forces() + " forces), " + THREADS + " checking threads", scenarios, start);
        assertTrue(scenarios >= FLOOR, "scenarios " + scenarios);
    }

    @Test
    void corruptionBeforeTheTailRefusesToOpenExceptInSalvage() throws Exception {
        SimulatedLogFile f = SimulatedLogFile.empty();
        ConsentEvent[] stored = ledgerHistory(f, FsyncPolicy.EVERY_APPEND, 1, 31);
        History h = History.of(f);
        SplittableRandom r = new SplittableRandom(37);
        MemoDecoder memo = new MemoDecoder();
        for (int c = 0; c < 300; c++) {
            int k = 4 + r.nextInt(APPENDS - 3);
            int j = r.nextInt(k - 2); // a line (0-based) with at least two whole lines after it
            long from = h.lineEnds()[j];
            int p = (int) (from + r.nextInt((int) (h.lineEnds()[j + 1] - from)));
            byte[] bad = Arrays.copyOf(h.bytes(), (int) h.lineEnds()[k]);
            boolean newline = bad[p] == '\n';
            bad[p] ^= (byte) (1 + r.nextInt(255));
            for (RecoveryMode refusing : List.of(RecoveryMode.TOLERATE_TORN_TAIL, RecoveryMode.ABSOLUTE_CONSISTENCY)) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> JsonLinesConsentStore.open(SimulatedLogFile.image(bad, bad.length, 0), "ledger",
                                FsyncPolicy.EVERY_APPEND, refusing, true, memo));
                assertTrue(e.getMessage().contains("line " + (j + 1) + " at byte offset " + from), e.getMessage());
            }
            SimulatedLogFile img = SimulatedLogFile.image(bad, bad.length, 0);
            try (JsonLinesConsentStore s = JsonLinesConsentStore.open(img, "ledger", FsyncPolicy.EVERY_APPEND,
                    RecoveryMode.SALVAGE, true, memo)) {
                // a lost newline runs two whole lines together: salvage keeps both records
                Set<Integer> lost = newline ? Set.of() : Set.of(j + 1);
                List<ConsentEvent> expected = new ArrayList<>();
                for (int q = 1; q <= k; q++) {
                    if (!lost.contains(q)) {
                        expected.add(stored[q]);
                    }
                }
                List<ConsentEvent> loaded = new ArrayList<>();
                s.forEach(loaded::add);
                assertEquals(expected, loaded);
                assertFalse(s.salvaged().isEmpty());
                assertEquals(j + 1, s.salvaged().get(0).line());
                assertTrue(s.recovery().isEmpty());
                assertEquals(k, s.lastSequence());
                assertEquals(k + 1, s.append(event(r, 9999)).sequence());
            }
            // the evidence is not rewritten: the damaged line is still there
            assertArrayEquals(bad, Arrays.copyOf(img.bytes(), bad.length));
        }
    }

    @Test
    void aFailedSyncIsNeverAcknowledgedAndPoisonsTheLog() throws IOException {
        SimulatedLogFile inner = SimulatedLogFile.empty();
        boolean[] fail = {false};
        LogFile failing = new LogFile() {
            @Override
            public long size() {
                return inner.size();
            }

            @Override
            public int read(java.nio.ByteBuffer dst, long position) {
                return inner.read(dst, position);
            }

            @Override
            public void append(java.nio.ByteBuffer src) {
                inner.append(src);
            }

            @Override
            public void force() throws IOException {
                if (fail[0]) {
                    throw new IOException("EIO");
                }
                inner.force();
            }

            @Override
            public void truncate(long size) {
                inner.truncate(size);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
        JsonLinesConsentStore s = JsonLinesConsentStore.open(failing, "ledger", FsyncPolicy.EVERY_APPEND,
                RecoveryMode.TOLERATE_TORN_TAIL, true, JsonLinesConsentStore.JSON);
        SplittableRandom r = new SplittableRandom(41);
        s.append(event(r, 1));
        fail[0] = true;
        assertThrows(UncheckedIOException.class, () -> s.append(event(r, 2)));
        fail[0] = false;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.append(event(r, 3)));
        assertTrue(e.getMessage().contains("reopen"), e.getMessage());
        s.close();
    }
}
