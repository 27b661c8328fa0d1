package dev.fairway.guard;

import dev.fairway.consent.log.FsyncPolicy;
import static dev.fairway.consent.log.CrashEnumeration.APPENDS;
import static dev.fairway.consent.log.CrashEnumeration.FLOOR;
import static dev.fairway.consent.log.CrashEnumeration.FP;
import static dev.fairway.consent.log.CrashEnumeration.T0;
import static dev.fairway.consent.log.CrashEnumeration.enumerateInParallel;
import static dev.fairway.consent.log.CrashEnumeration.lineIndex;
import static dev.fairway.consent.log.CrashEnumeration.report;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.log.CrashEnumeration.History;
import dev.fairway.consent.log.SimulatedLogFile;
import dev.fairway.consent.log.RecoveryMode;
import dev.fairway.fairness.GroupIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Crashes the decision log at every write and force boundary of a 1,000-append history (decisions and
 * outcomes from 4 threads under {@link FsyncPolicy#GROUP_COMMIT}, each thread flushing at seeded
 * points), using consent-core's crash harness ({@code CrashEnumeration}, {@code SimulatedLogFile}, from
 * its test-jar). Each crash image is reopened and checked: every acknowledged record (its thread's
 * {@code flush()} returned) is present exactly once and in order, the file is cut at the end of the
 * last whole line (nothing half-loaded), a torn tail is reported iff there was one and cut off,
 * {@code ABSOLUTE_CONSISTENCY} refuses exactly the torn images, appends continue after recovery.
 * Corruption before the tail refuses in the two strict modes and loses exactly the damaged line(s) in
 * {@code SALVAGE}. The expected records are the ones the threads appended; line ends are the file's
 * newlines.
 */
class DecisionLogCrashEnumerationTest {
    static final GroupIndex GROUPS = GroupIndex.of(List.of("race", "sex"),
            List.of(List.of("b", "f"), List.of("b", "m"), List.of("w", "f"), List.of("w", "m")));
    static final String[][] WITHHELD = {{}, {"postcode_area"}, {"income", "postcode_area"}};
    static final int THREADS = 4;

    static DecisionLog.Builder builder() {
        return DecisionLog.builder(Path.of("decisions.jsonl"), GROUPS).category("race", "racial_or_ethnic_origin")
                .category("sex", "sex").fsync(FsyncPolicy.GROUP_COMMIT).capacity(64);
    }

    /** What a thread appended: a decision (key 2 id) or its outcome (key 2 id + 1). */
    record Appended(long key, DecisionLogReader.Entry entry) {
    }

    /**
     * Validation is a pure function of a line's bytes and whether it is the first line, so the
     * enumeration memoises it by content: every scenario still runs the whole framing, checksum and
     * recovery path, and each distinct line is validated for real once.
     */
    /** Memoises validation by the line's bytes; thread-safe (the enumeration checks scenarios on every core). */
    static final class Memo implements DecisionLog.Validator {
        private final DecisionLog.Validator real;
        private final ConcurrentHashMap<Long, List<Object[]>> seen = new ConcurrentHashMap<>();
        final AtomicLong validated = new AtomicLong();

        Memo(DecisionLog.Validator real) {
            this.real = real;
        }

        @Override
        public String check(byte[] bytes, int offset, int length, long line) {
            CRC32C crc = new CRC32C();
            crc.update(bytes, offset, length);
            long key = (crc.getValue() << 21 ^ length) << 1 | (line == 1 ? 1 : 0);
            List<Object[]> bucket = seen.computeIfAbsent(key, k -> new ArrayList<>(1));
            synchronized (bucket) {
                for (Object[] e : bucket) {
                    byte[] b = (byte[]) e[0];
                    if (Arrays.equals(b, 0, b.length, bytes, offset, offset + length)) {
                        return (String) e[1];
                    }
                }
                String problem = real.check(bytes, offset, length, line);
                validated.incrementAndGet();
                bucket.add(new Object[] {Arrays.copyOfRange(bytes, offset, offset + length), problem});
                return problem;
            }
        }
    }

    /** Runs the history on f; returns what each key's record is. */
    static Map<Long, DecisionLogReader.Entry> history(SimulatedLogFile f, long seed) throws Exception {
        Map<Long, DecisionLogReader.Entry> appended = new ConcurrentHashMap<>();
        DecisionLog.Builder b = builder();
        try (DecisionLog log = b.open(f, "decisions", DecisionLog.validator(b, "decisions"))) {
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        SplittableRandom r = new SplittableRandom(seed + thread);
                        List<Long> unflushed = new ArrayList<>();
                        List<Long> unlabelled = new ArrayList<>();
                        int flushIn = 1 + r.nextInt(12);
                        for (int i = 0; i < APPENDS / THREADS; i++) {
                            long key;
                            if (!unlabelled.isEmpty() && r.nextInt(8) == 0) {
                                long id = unlabelled.remove(r.nextInt(unlabelled.size()));
                                Instant time = T0.plusSeconds(86_400 + id);
                                boolean label = r.nextBoolean();
                                assertTrue(log.outcome(id, time.toEpochMilli(), label));
                                key = 2 * id + 1;
                                appended.put(key, DecisionLogReader.LoggedOutcome.of(0, id, time, label));
                            } else {
                                long id = thread * 100_000L + i;
                                int g = r.nextInt(GROUPS.size());
                                boolean p = r.nextBoolean();
                                double score = r.nextInt(5) == 0 ? Double.NaN : r.nextDouble();
                                String[] w = WITHHELD[r.nextInt(WITHHELD.length)];
                                DecisionLog.Route route = DecisionLog.Route.values()[r.nextInt(4)];
                                Instant time = T0.plusMillis(id);
                                String model = "credit-v" + r.nextInt(3);
                                assertTrue(log.decision(id, time.toEpochMilli(), g, p, score, model, route,
                                        "personalised", w, FP));
                                List<Object> values = GROUPS.group(g).values();
                                Map<String, Integer> codes = Map.of("race", GROUPS.levels("race").indexOf(values.get(0)),
                                        "sex", GROUPS.levels("sex").indexOf(values.get(1)));
                                key = 2 * id;
                                appended.put(key, DecisionLogReader.LoggedDecision.of(0, id, time, codes, p, score,
                                        model, route, "personalised", List.of(w), FP));
                                unlabelled.add(id);
                            }
                            unflushed.add(key);
                            if (--flushIn == 0 || i == APPENDS / THREADS - 1) {
                                log.flush();
                                for (long k : unflushed) {
                                    f.ack(k);
                                }
                                unflushed.clear();
                                flushIn = 1 + r.nextInt(12);
                            }
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
        return appended;
    }

    /** An entry with line number 0: what the test compares. */
    static DecisionLogReader.Entry plain(DecisionLogReader.Entry e) {
        if (e instanceof DecisionLogReader.LoggedDecision d) {
            return DecisionLogReader.LoggedDecision.of(0, d.id(), d.time(), d.group(), d.prediction(), d.score(), d.model(),
                    d.route(), d.mode(), d.withheld(), d.plan());
        }
        if (e instanceof DecisionLogReader.LoggedOutcome o) {
            return DecisionLogReader.LoggedOutcome.of(0, o.id(), o.time(), o.label());
        }
        DecisionLogReader.Header h = (DecisionLogReader.Header) e;
        return DecisionLogReader.Header.of(0, h.columns(), h.categories());
    }

    static long key(DecisionLogReader.Entry e) {
        return e instanceof DecisionLogReader.LoggedOutcome o ? 2 * o.id() + 1
                : 2 * ((DecisionLogReader.LoggedDecision) e).id();
    }

    static List<DecisionLogReader.Entry> read(byte[] bytes, int length, RecoveryMode mode) throws IOException {
        List<DecisionLogReader.Entry> out = new ArrayList<>();
        DecisionLogReader.forEach(SimulatedLogFile.image(bytes, length, 0), "decisions", mode, out::add);
        return out;
    }

    static long[] newlineEnds(byte[] bytes) {
        List<Long> ends = new ArrayList<>();
        ends.add(0L);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                ends.add(i + 1L);
            }
        }
        return ends.stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void everyCrashPointOfTheDecisionLogUnderEveryBatchFromFourThreads() throws Exception {
        long start = System.nanoTime();
        SimulatedLogFile f = SimulatedLogFile.empty();
        Map<Long, DecisionLogReader.Entry> appended = history(f, 43);
        History recorded = History.of(f);
        byte[] bytes = recorded.bytes();
        long[] ends = newlineEnds(bytes);
        assertEquals(bytes.length, ends[ends.length - 1], "the history ends with a whole line");

        // the final file holds every appended record exactly once, as appended
        List<DecisionLogReader.Entry> all = read(bytes, bytes.length, RecoveryMode.ABSOLUTE_CONSISTENCY);
        assertEquals(APPENDS + 1, all.size());
        assertEquals(DecisionLogReader.Header.of(1, List.of("race", "sex"), List.of("racial_or_ethnic_origin", "sex")),
                all.get(0));
        Map<Long, Integer> lineOf = new HashMap<>();
        for (int k = 1; k < all.size(); k++) {
            DecisionLogReader.Entry e = all.get(k);
            assertEquals(k + 1, e.line());
            assertEquals(appended.get(key(e)), plain(e), "line " + (k + 1));
            assertEquals(null, lineOf.put(key(e), k + 1), "key " + key(e) + " twice");
        }
        assertEquals(appended.keySet(), lineOf.keySet());

        // acks name records; the enumeration wants the line each acked record is on
        long[] values = recorded.values().clone();
        long synced = 0;
        int acks = 0;
        for (int e = 0; e < values.length; e++) {
            if (recorded.kinds()[e] == SimulatedLogFile.FORCE) {
                synced = values[e];
            } else if (recorded.kinds()[e] == SimulatedLogFile.ACK) {
                Integer line = lineOf.get(values[e]);
                assertNotNull(line);
                values[e] = line;
                acks++;
                assertTrue(ends[line] <= synced, "ack of line " + line + " before the force covering it");
            }
        }
        assertEquals(APPENDS, acks);
        History h = new History(bytes, recorded.kinds(), values, ends);

        DecisionLog.Builder b = builder();
        Memo memo = new Memo(DecisionLog.validator(b, "decisions"));
        long scenarios = enumerateInParallel(h, (n, base, length, zeros, acked, written) -> {
            SimulatedLogFile img = SimulatedLogFile.image(base, length, zeros);
            int whole = lineIndex(ends, length);
            boolean torn = zeros > 0 || length != ends[whole];
            // a last record lacking only its newline is whole: it is kept and its newline restored
            int k = zeros == 0 && whole + 1 < ends.length && length == ends[whole + 1] - 1 ? whole + 1 : whole;
            assertTrue(k >= acked, () -> "an acknowledged line was not synced: k " + k + " acked " + acked);
            try (DecisionLog log = b.open(img, "decisions", memo)) {
                assertEquals(torn, log.recovery().isPresent());
                if (torn) {
                    assertEquals(ends[k], log.recovery().orElseThrow().offset());
                }
                // cut at the end of the last whole line; an empty or torn-header file gets its header again
                assertEquals(Math.max(ends[k], ends[1]), img.size());
                if (n % 97 == 0) {
                    assertTrue(log.outcome(999_999, T0.toEpochMilli(), true));
                    log.flush();
                }
            }
            if (n % 97 == 0) {
                List<DecisionLogReader.Entry> back = read(img.bytes(), (int) img.size(),
                        RecoveryMode.ABSOLUTE_CONSISTENCY);
                assertEquals(Math.max(k, 1) + 1, back.size());
                assertEquals(DecisionLogReader.LoggedOutcome.of(back.size(), 999_999, T0, true),
                        back.get(back.size() - 1));
            }
            if (n % 53 == 0) {
                List<DecisionLogReader.Entry> back = read(img.bytes(), (int) Math.min(img.size(), ends[Math.max(k, 1)]),
                        RecoveryMode.ABSOLUTE_CONSISTENCY);
                assertEquals(all.subList(0, Math.max(k, 1)), back, "exactly the whole lines, in order");
            }
            if (n % 31 == 0) {
                SimulatedLogFile again = SimulatedLogFile.image(base, length, zeros);
                DecisionLog.Builder strict = builder().recovery(RecoveryMode.ABSOLUTE_CONSISTENCY);
                if (torn) {
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> strict.open(again, "decisions", memo));
                    assertTrue(e.getMessage().contains("ABSOLUTE_CONSISTENCY"), e.getMessage());
                } else {
                    strict.open(again, "decisions", memo).close();
                }
            }
        });
        report("decision log, GROUP_COMMIT, " + THREADS + " threads (" + f.forces() + " forces, " + bytes.length
                + " bytes)", scenarios, start);
        assertTrue(scenarios >= FLOOR, "scenarios " + scenarios);
        assertTrue(memo.validated.get() >= APPENDS, "every distinct line was validated for real");
    }

    @Test
    void corruptionBeforeTheTailRefusesToOpenExceptInSalvage() throws Exception {
        SimulatedLogFile f = SimulatedLogFile.empty();
        history(f, 47);
        byte[] bytes = f.bytes();
        long[] ends = newlineEnds(bytes);
        List<DecisionLogReader.Entry> all = read(bytes, bytes.length, RecoveryMode.ABSOLUTE_CONSISTENCY);
        SplittableRandom r = new SplittableRandom(53);
        for (int c = 0; c < 300; c++) {
            int k = 4 + r.nextInt(APPENDS - 2); // lines kept
            int j = c % 10 == 0 ? 0 : r.nextInt(k - 2); // the damaged line (0-based), two whole lines after it
            long from = ends[j];
            int p = (int) (from + r.nextInt((int) (ends[j + 1] - from)));
            byte[] bad = Arrays.copyOf(bytes, (int) ends[k]);
            boolean newline = bad[p] == '\n';
            bad[p] ^= (byte) (1 + r.nextInt(255));
            for (RecoveryMode refusing : List.of(RecoveryMode.TOLERATE_TORN_TAIL, RecoveryMode.ABSOLUTE_CONSISTENCY)) {
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> builder().recovery(refusing).open(SimulatedLogFile.image(bad, bad.length, 0), "decisions",
                                DecisionLog.validator(builder(), "decisions")));
                assertTrue(e.getMessage().contains("decisions: line " + (j + 1) + " at byte offset " + from),
                        e.getMessage());
                IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> read(bad, bad.length, refusing));
                assertEquals(e.getMessage(), e2.getMessage());
            }
            // a lost newline runs two whole lines together: salvage keeps both records
            Set<Integer> lost = newline ? Set.of() : Set.of(j);
            List<DecisionLogReader.Entry> expected = new ArrayList<>();
            for (int q = 0; q < k; q++) {
                if (!lost.contains(q)) {
                    expected.add(plain(all.get(q)));
                }
            }
            List<DecisionLogReader.Entry> loaded = new ArrayList<>();
            DecisionLogReader.Result result = DecisionLogReader.forEach(SimulatedLogFile.image(bad, bad.length, 0),
                    "decisions", RecoveryMode.SALVAGE, e -> loaded.add(plain(e)));
            assertEquals(expected, loaded);
            assertEquals(j != 0 || newline, result.header().isPresent());
            assertFalse(result.salvaged().isEmpty());
            assertEquals(j + 1, result.salvaged().get(0).line());
            assertEquals(from, result.salvaged().get(0).offset());
            assertTrue(result.tornTail().isEmpty());
            SimulatedLogFile img = SimulatedLogFile.image(bad, bad.length, 0);
            try (DecisionLog log = builder().recovery(RecoveryMode.SALVAGE).open(img, "decisions",
                    DecisionLog.validator(builder(), "decisions"))) {
                assertEquals(result.salvaged(), log.salvaged());
                assertTrue(log.outcome(5, T0.toEpochMilli(), false));
            }
            // the evidence is not rewritten: the damaged line is still there, the new one after it
            assertArrayEquals(bad, Arrays.copyOf(img.bytes(), bad.length));
            List<DecisionLogReader.Entry> after = new ArrayList<>();
            byte[] now = img.bytes();
            DecisionLogReader.forEach(SimulatedLogFile.image(now, now.length, 0), "decisions", RecoveryMode.SALVAGE,
                    after::add);
            assertEquals(DecisionLogReader.LoggedOutcome.of(0, 5, T0, false), plain(after.get(after.size() - 1)));
        }
    }
}
