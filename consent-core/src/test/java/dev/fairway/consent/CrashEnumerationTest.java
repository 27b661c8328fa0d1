package dev.fairway.consent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Crashes the consent store and the audit sink at every write and sync boundary of a 1,000-append
 * history, tearing the un-synced bytes at every byte (and once as zeros), reopens each crash image and
 * checks: every acknowledged record is present exactly once and in order, nothing un-acknowledged is
 * half-loaded (the file is cut at a line boundary), a torn tail is reported and cut off, an
 * acknowledged withdrawal is never lost. Corruption before the tail refuses to open, except in salvage.
 */
class CrashEnumerationTest {
    static final int APPENDS = 1000;
    /**
     * Tear positions: every byte ({@code 1}) in the {@code reliability} profile; in {@code verify} every
     * crash boundary is still visited, with the torn write cut at every 23rd byte and at its last byte.
     */
    static final int STRIDE = Integer.getInteger("fairway.crash.stride", 23);
    /** The fewest scenarios a full enumeration must visit. */
    static final long FLOOR = STRIDE == 1 ? 100_000 : 10_000;
    static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");
    static final String FP = "0123456789abcdef0123456789abcdef";

    /** What a history left: the final bytes, the ordered log of writes, forces and acks, and the line ends. */
    record History(byte[] bytes, int[] kinds, long[] values, long[] lineEnds) {
        static History of(SimulatedLogFile f) {
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
    interface Check {
        void crash(byte[] base, int length, int zeros, long acked, int written) throws IOException;
    }

    /**
     * Walks the history: after each event the device holds the synced prefix plus any prefix of the
     * rest; every such image, and the synced prefix followed by zeros, is one scenario.
     */
    static long enumerate(History h, Check check) throws IOException {
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

    /**
     * Decoding is a pure function of a line's bytes, so the enumeration memoises it by content: every
     * scenario still runs the whole framing, checksum, sequence and recovery path, and each distinct line
     * is decoded for real once (and checked against the event the store returned when it was appended).
     * A line seen before decodes to the very same object, so the checks below compare by identity.
     */
    static final class MemoDecoder implements JsonLinesConsentStore.Decoder {
        private final Map<Long, List<Object[]>> seen = new HashMap<>();
        long decoded;

        /** Decodes each whole line of the history once and checks it against what append returned. */
        void seed(History h, ConsentEvent[] stored) {
            for (int k = 1; k < h.lineEnds().length; k++) {
                int from = (int) h.lineEnds()[k - 1] + 9;
                int to = (int) h.lineEnds()[k] - 1;
                ConsentEvent e = decode(h.bytes(), from, to - from);
                assertEquals(stored[k], e, "line " + k + " decodes to the event append returned");
                replace(h.bytes(), from, to - from, stored[k]);
            }
        }

        private List<Object[]> bucket(byte[] bytes, int offset, int length) {
            CRC32C crc = new CRC32C();
            crc.update(bytes, offset, length);
            return seen.computeIfAbsent(crc.getValue() << 20 ^ length, k -> new ArrayList<>(1));
        }

        private void replace(byte[] bytes, int offset, int length, ConsentEvent e) {
            for (Object[] entry : bucket(bytes, offset, length)) {
                byte[] b = (byte[]) entry[0];
                if (Arrays.equals(b, 0, b.length, bytes, offset, offset + length)) {
                    entry[1] = e;
                }
            }
        }

        @Override
        public ConsentEvent decode(byte[] bytes, int offset, int length) {
            List<Object[]> bucket = bucket(bytes, offset, length);
            for (Object[] entry : bucket) {
                byte[] b = (byte[]) entry[0];
                if (Arrays.equals(b, 0, b.length, bytes, offset, offset + length)) {
                    return (ConsentEvent) entry[1];
                }
            }
            ConsentEvent e = JsonLinesConsentStore.JSON.decode(bytes, offset, length);
            decoded++;
            bucket.add(new Object[] {Arrays.copyOfRange(bytes, offset, offset + length), e});
            return e;
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
        long[] count = {0};
        // the last acknowledged withdrawal up to each sequence
        int[] lastWithdrawal = new int[stored.length];
        for (int s = 1; s < stored.length; s++) {
            lastWithdrawal[s] = stored[s].state() == ConsentState.WITHDRAWN ? s : lastWithdrawal[s - 1];
        }
        long scenarios = enumerate(h, (base, length, zeros, acked, written) -> {
            long n = count[0]++;
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
        assertTrue(memo.decoded >= APPENDS, "every distinct line was decoded for real");
        return scenarios;
    }

    /** The index of the last line end at or before {@code size}. */
    static int lineIndex(long[] ends, long size) {
        int i = Arrays.binarySearch(ends, size);
        return i >= 0 ? i : -i - 2;
    }

    @Test
    void everyCrashPointOfTheLedgerUnderEveryAppend() throws Exception {
        long start = System.nanoTime();
        SimulatedLogFile f = SimulatedLogFile.empty();
        ConsentEvent[] stored = ledgerHistory(f, FsyncPolicy.EVERY_APPEND, 1, 17);
        assertEquals(APPENDS + 1, f.forces(), "one force per append and one on close");
        long scenarios = checkLedger(History.of(f), stored);
        report("ledger, EVERY_APPEND", scenarios, start);
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
        report("ledger, GROUP_COMMIT, 4 threads (" + f.forces() + " forces)", scenarios, start);
        assertTrue(scenarios >= FLOOR, "scenarios " + scenarios);
    }

    static DecisionRecord record(SplittableRandom r, int i) {
        long granted = r.nextLong() & 0xFFFF;
        return new DecisionRecord("pseudonym-" + i, T0.plusSeconds(i), FP, r.nextInt(100_000), granted,
                ~granted & 0xFFFFF, r.nextBoolean() ? Set.of() : EnumSet.of(RequestMode.NON_PROFILING));
    }

    @Test
    void everyCrashPointOfTheAuditSinkUnderEveryAppend() throws Exception {
        long start = System.nanoTime();
        SimulatedLogFile f = SimulatedLogFile.empty();
        SplittableRandom r = new SplittableRandom(29);
        List<DecisionRecord> written = new ArrayList<>();
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(f, "audit", FsyncPolicy.EVERY_APPEND,
                RecoveryMode.TOLERATE_TORN_TAIL)) {
            for (int i = 0; i < APPENDS; i++) {
                DecisionRecord d = record(r, i);
                sink.write(d);
                written.add(d);
                f.ack(i + 1);
            }
        }
        History h = History.of(f);
        long[] count = {0};
        long scenarios = enumerate(h, (base, length, zeros, acked, records) -> {
            long n = count[0]++;
            SimulatedLogFile img = SimulatedLogFile.image(base, length, zeros);
            boolean torn = zeros > 0 || length != h.lineEnds()[lineIndex(h.lineEnds(), length)];
            try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(img, "audit", FsyncPolicy.EVERY_APPEND,
                    RecoveryMode.TOLERATE_TORN_TAIL)) {
                int k = lineIndex(h.lineEnds(), img.size());
                assertEquals(h.lineEnds()[k], img.size(), "the file is cut at the end of the last whole line");
                assertTrue(k >= acked && k <= records, () -> "k " + k + " acked " + acked);
                assertEquals(torn, sink.recovery().isPresent());
                if (n % 53 == 0) {
                    List<DecisionRecord> back = new ArrayList<>();
                    JsonLinesAuditSink.forEach(SimulatedLogFile.image(img.bytes(), (int) img.size(), 0), "audit",
                            RecoveryMode.ABSOLUTE_CONSISTENCY, back::add);
                    assertEquals(written.subList(0, k), back);
                }
            }
        });
        report("audit sink, EVERY_APPEND", scenarios, start);
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
                Set<Integer> lost = newline ? Set.of(j + 1, j + 2) : Set.of(j + 1);
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

    private static void report(String what, long scenarios, long startNanos) {
        System.out.printf("crash enumeration: %s: %,d scenarios in %.1f s%n", what, scenarios,
                (System.nanoTime() - startNanos) / 1e9);
    }
}
