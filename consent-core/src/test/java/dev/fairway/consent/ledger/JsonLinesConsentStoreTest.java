package dev.fairway.consent.ledger;

import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.log.Recovery;
import dev.fairway.consent.log.RecoveryMode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.LawfulBasis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesConsentStoreTest {
    static final Instant T0 = Instant.parse("2026-04-01T08:00:00Z");

    @TempDir
    Path dir;

    static ConsentEvent event(String subject, int i) {
        return new ConsentEvent(subject, i % 2 == 0 ? "measurement" : "profile_selection",
                i % 3 == 0 ? ConsentState.WITHDRAWN : ConsentState.GIVEN, LawfulBasis.CONSENT, false,
                T0.plusSeconds(i), T0.plusSeconds(i), i % 3 == 0 ? null : T0.plusSeconds(i + 3600), "v" + i,
                ConsentSource.DIRECT, "EU", null, 0);
    }

    @Test
    void eventsSurviveAReopen() throws IOException {
        Path f = dir.resolve("ledger.jsonl");
        List<ConsentEvent> written = new ArrayList<>();
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.EVERY_APPEND)) {
            for (int i = 0; i < 10; i++) {
                written.add(s.append(event(i % 2 == 0 ? "a" : "b", i)));
            }
            ConsentEvent withEvidence = new ConsentEvent("a", "sale_sharing", ConsentState.OPTED_OUT,
                    LawfulBasis.CONSENT, false, T0, T0, null, null, ConsentSource.GPC, "US-CA",
                    "b1329067e28978e3ee88fe64ffd189b394d4bf55f7dbbb41f81af67942516ca6", 0);
            written.add(s.append(withEvidence));
        }
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE)) {
            assertTrue(s.recovery().isEmpty());
            assertEquals(11, s.lastSequence());
            List<ConsentEvent> read = new ArrayList<>();
            s.forEach(read::add);
            assertEquals(written, read);
            assertEquals(6, s.events("a").size());
        }
        // every line is "<8 hex> <sequence> <json>", the sequence counting lines from 1
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).matches("[0-9a-f]{8} " + (i + 1) + " \\{.*\\}"), lines.get(i));
        }
    }

    @Test
    void aTornTailIsCutOffReportedAndNeverLoaded() throws IOException {
        Path f = dir.resolve("ledger.jsonl");
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE)) {
            for (int i = 0; i < 3; i++) {
                s.append(event("a", i));
            }
        }
        long good = Files.size(f);
        // a crash in the middle of the fourth append: the first 30 bytes of the fourth line, no newline
        Path copy = dir.resolve("copy.jsonl");
        Files.copy(f, copy);
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(copy, FsyncPolicy.ON_CLOSE)) {
            s.append(event("a", 3));
        }
        String fourth = Files.readAllLines(copy).get(3);
        Files.write(f, fourth.substring(0, 30).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE)) {
            Recovery r = s.recovery().orElseThrow();
            assertEquals(good, r.offset());
            assertEquals(30, r.length());
            assertEquals(4, r.line());
            assertEquals("no final newline", r.reason());
            assertEquals(3, s.lastSequence());
            assertEquals(good, Files.size(f));
            assertEquals(4, s.append(event("a", 4)).sequence());
        }
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE)) {
            assertTrue(s.recovery().isEmpty());
            assertEquals(4, s.lastSequence());
        }
    }

    @Test
    void aCompleteLastLineWithABadChecksumIsDamageNotATornTail() throws IOException {
        Path f = dir.resolve("ledger.jsonl");
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE)) {
            s.append(event("a", 1));
            s.append(event("a", 2));
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(1, lines.get(1).replace("\"a\"", "\"z\""));
        Files.write(f, lines);
        byte[] before = Files.readAllBytes(f);
        int offset = lines.get(0).length() + 1;
        for (RecoveryMode refusing : List.of(RecoveryMode.TOLERATE_TORN_TAIL, RecoveryMode.ABSOLUTE_CONSISTENCY)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE, refusing));
            assertTrue(e.getMessage().contains("line 2 at byte offset " + offset + " is damaged (checksum mismatch)"),
                    e.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> JsonLinesConsentStore.readOnly(f));
        try (JsonLinesConsentStore s = JsonLinesConsentStore.readOnly(f, RecoveryMode.SALVAGE)) {
            assertTrue(s.recovery().isEmpty());
            assertEquals(2, s.salvaged().get(0).line());
            assertEquals(1, s.lastSequence());
        }
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test
    void aCorruptedMiddleIsRefused() throws IOException {
        Path f = dir.resolve("ledger.jsonl");
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE)) {
            for (int i = 0; i < 3; i++) {
                s.append(event("a", i));
            }
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        int offset = lines.get(0).length() + 1;
        lines.set(1, lines.get(1).replace("measurement", "measurementX").replace("profile_selection", "profile_selectioX"));
        Files.write(f, lines);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE));
        assertTrue(e.getMessage().contains("line 2 at byte offset " + offset + " is damaged (checksum mismatch)"),
                e.getMessage());
        // a line out of sequence in the middle is corruption too
        Path g = dir.resolve("dup.jsonl");
        List<String> good = new ArrayList<>();
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(g, FsyncPolicy.ON_CLOSE)) {
            s.append(event("a", 1));
            s.append(event("a", 2));
        }
        good.addAll(Files.readAllLines(g));
        Files.write(g, List.of(good.get(0), good.get(0), good.get(1)));
        e = assertThrows(IllegalStateException.class, () -> JsonLinesConsentStore.readOnly(g));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("sequence 1 where 2"), e.getMessage());
    }

    @Test
    void concurrentAppendsLoseNothing() throws Exception {
        Path f = dir.resolve("ledger.jsonl");
        int threads = 8;
        int perThread = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String subject = "thread-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        s.append(event(subject, i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> fu : futures) {
                fu.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }
        try (JsonLinesConsentStore s = JsonLinesConsentStore.open(f, FsyncPolicy.ON_CLOSE)) {
            assertTrue(s.recovery().isEmpty());
            assertEquals((long) threads * perThread, s.lastSequence());
            Map<String, Integer> perSubject = new HashMap<>();
            long[] expected = {1};
            s.forEach(e -> {
                assertEquals(expected[0]++, e.sequence());
                perSubject.merge(e.subject(), 1, Integer::sum);
            });
            assertEquals(threads, perSubject.size());
            perSubject.values().forEach(n -> assertEquals(perThread, n));
            // each thread's own events kept their order
            List<ConsentEvent> mine = s.events("thread-3");
            for (int i = 0; i < perThread; i++) {
                assertEquals(T0.plusSeconds(i), mine.get(i).eventTime());
            }
        }
        assertEquals(threads * perThread, Files.readAllLines(f).size());
    }
}
