package dev.fairway.fairness.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.StateFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The live snapshot's state formats ({@code docs/state-format.md}): the committed version 1
 * fixtures read back as the snapshot stated by hand (README in {@code src/test/resources/state}),
 * round trip and merge properties over seeded streams fed to two instances, and bad bytes or JSON
 * rejected naming the offset or field.
 */
class LiveSnapshotStateTest {
    static final GroupIndex SEX = GroupIndex.of(List.of("sex"), List.of(List.of("F"), List.of("M"), List.of("X")));

    /**
     * The fixture stated by hand: decisions F: 2 negative and 1 positive prediction, M: 3 positive,
     * X: none; labelled F: one true negative, M: one false positive and one true positive, X: none.
     * Window [60000, 120000); counters pending 3, evicted by size 4, by age 5, unmatched labels 2,
     * late decisions 1, expired labels 6.
     */
    static LiveSnapshot fixtureByHand() {
        ConfusionCounts decisions = ConfusionCounts.of(SEX, new long[] {2, 1, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0}, null);
        ConfusionCounts labelled = ConfusionCounts.of(SEX, new long[] {1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0}, null);
        return new LiveSnapshot(60_000, 120_000, decisions, labelled, 3, 4, 5, 2, 1, 6);
    }

    private static byte[] fixture(String file) throws IOException {
        Path path = Path.of("src/test/resources/state", file);
        assertTrue(Files.isRegularFile(path), "missing fixture " + path.toAbsolutePath());
        return Files.readAllBytes(path);
    }

    private static String text(String file) throws IOException {
        return new String(fixture(file), StandardCharsets.UTF_8);
    }

    @Test
    void theHandTablesAreWhatLiveCountsCounts() {
        LiveCounts live = LiveCounts.builder(SEX).windowing(Windowing.tumbling(Duration.ofMinutes(1), Duration.ZERO))
                .build();
        int[] group = {0, 0, 0, 1, 1, 1};
        boolean[] prediction = {false, false, true, true, true, true};
        for (int i = 0; i < 6; i++) {
            live.record(i, group[i], prediction[i], 60_000 + i);
        }
        live.label(0, false);
        live.label(3, false);
        live.label(4, true);
        LiveSnapshot s = live.window(1);
        LiveSnapshot hand = fixtureByHand();
        assertEquals(hand.decisions(), s.decisions());
        assertEquals(hand.labelled(), s.labelled());
        assertEquals(hand.start(), s.start());
        assertEquals(hand.end(), s.end());
        assertEquals(hand.pending(), s.pending());
    }

    @Test
    void fixturesReadAsTheHandSnapshot() throws IOException {
        LiveSnapshot expected = fixtureByHand();
        LiveSnapshot binary = LiveSnapshot.fromBytes(fixture("live-v1.bin"));
        assertEquals(expected, binary);
        assertEquals(expected, LiveSnapshot.fromJson(text("live-v1.json")));
        assertEquals(6, binary.decisionCount());
        assertEquals(3, binary.labelled().groups().size());
        // the current writer still writes the fixtures (holds while the version is 1)
        assertArrayEquals(fixture("live-v1.bin"), expected.toBytes());
        assertEquals(text("live-v1.json"), expected.toJson());
    }

    @Test
    void theBinaryLayoutNestsTheCountTableFormat() throws IOException {
        byte[] b = fixture("live-v1.bin");
        ByteBuffer in = ByteBuffer.wrap(b);
        byte[] magic = new byte[4];
        in.get(magic);
        assertArrayEquals(new byte[] {'F', 'W', 'L', 'S'}, magic);
        assertEquals(1, in.getShort());
        long[] fields = new long[8];
        for (int k = 0; k < 8; k++) {
            fields[k] = in.getLong();
        }
        assertArrayEquals(new long[] {60_000, 120_000, 3, 4, 5, 2, 1, 6}, fields);
        byte[] decisions = new byte[in.getInt()];
        in.get(decisions);
        assertEquals(fixtureByHand().decisions(), ConfusionCounts.fromBytes(decisions));
        byte[] labelled = new byte[in.getInt()];
        in.get(labelled);
        assertEquals(fixtureByHand().labelled(), ConfusionCounts.fromBytes(labelled));
        assertEquals(4, in.remaining());
        String json = text("live-v1.json");
        assertTrue(json.contains("\"format\" : \"fairway-counts/v1\""), json);
    }

    // ---- properties: two instances fed the two halves of a seeded stream ----

    static LiveSnapshot[] halves(long seed, Windowing w) {
        LiveCountsPropertiesTest.Events e = LiveCountsPropertiesTest.Events.of(seed, 400);
        LiveCounts a = LiveCountsPropertiesTest.feed(w, e, 0, 400, 2);
        LiveCounts b = LiveCountsPropertiesTest.feed(w, e, 1, 400, 2);
        return new LiveSnapshot[] {a.snapshot(), b.snapshot()};
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("dev.fairway.fairness.live.LiveCountsPropertiesTest#cases")
    void roundTripIsIdentity(long seed, Windowing w) {
        for (LiveSnapshot s : halves(seed, w)) {
            assertEquals(s, LiveSnapshot.fromBytes(s.toBytes()));
            assertEquals(s, LiveSnapshot.fromJson(s.toJson()));
        }
        LiveCountsPropertiesTest.Events e = LiveCountsPropertiesTest.Events.of(seed, 400);
        for (LiveSnapshot s : LiveCountsPropertiesTest.feed(w, e, 0, 400, 3).subWindows()) {
            assertEquals(s, LiveSnapshot.fromBytes(s.toBytes()));
        }
    }

    @ParameterizedTest(name = "seed {0}, {1}")
    @MethodSource("dev.fairway.fairness.live.LiveCountsPropertiesTest#cases")
    void mergeOfReadBackSnapshotsEqualsMergeOfSnapshots(long seed, Windowing w) {
        LiveSnapshot[] s = halves(seed, w);
        LiveSnapshot expected = s[0].merge(s[1]);
        assertEquals(expected, LiveSnapshot.fromBytes(s[0].toBytes()).merge(LiveSnapshot.fromBytes(s[1].toBytes())));
        assertEquals(expected, LiveSnapshot.fromJson(s[0].toJson()).merge(LiveSnapshot.fromJson(s[1].toJson())));
        assertArrayEquals(expected.toBytes(),
                LiveSnapshot.fromBytes(s[0].toBytes()).merge(LiveSnapshot.fromBytes(s[1].toBytes())).toBytes());
    }

    // ---- bad input ----

    private static StateFormatException fails(byte[] bytes) {
        StateFormatException e = assertThrows(StateFormatException.class, () -> LiveSnapshot.fromBytes(bytes));
        assertTrue(e.getMessage().startsWith("bad live snapshot state at offset " + e.offset() + ": "),
                e.getMessage());
        return e;
    }

    private static byte[] withCrc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    @Test
    void everyTruncationFails() throws IOException {
        byte[] b = fixture("live-v1.bin");
        for (int len = 0; len < b.length; len++) {
            StateFormatException e = fails(Arrays.copyOf(b, len));
            assertTrue(e.offset() <= len, "offset " + e.offset() + " for length " + len);
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void everyFlippedByteFails() throws IOException {
        byte[] b = fixture("live-v1.bin");
        for (int i = 0; i < b.length; i++) {
            for (int mask : new int[] {0x01, 0x10, 0x80, 0xff}) {
                byte[] bad = b.clone();
                bad[i] ^= (byte) mask;
                StateFormatException e = fails(bad);
                assertTrue(e.offset() >= 0 && e.offset() <= b.length, e.getMessage());
            }
        }
    }

    @Test
    void wrongMagicVersionAndTrailingBytesFail() throws IOException {
        byte[] b = fixture("live-v1.bin");
        byte[] magic = b.clone();
        magic[3] = 'X';
        StateFormatException e = fails(magic);
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("magic number is not FWLS"), e.getMessage());
        assertEquals(0, fails(fixture("counts-v1-weighted.bin")).offset());

        byte[] version = b.clone();
        version[5] = 2;
        e = fails(withCrc(version));
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("unsupported format version 2; this reader knows version 1"),
                e.getMessage());

        e = fails(Arrays.copyOf(b, b.length + 1));
        assertEquals(b.length, e.offset());
        assertTrue(e.getMessage().contains("1 unexpected bytes after the checksum"), e.getMessage());
    }

    @Test
    void structuralErrorsBehindAValidChecksumNameTheirOffset() throws IOException {
        // layout: magic and version 6, start 6, end 14, counters 22..69, decisions length 70, table 74
        byte[] negative = fixture("live-v1.bin");
        negative[30] = (byte) 0x80; // evicted by size
        StateFormatException e = fails(withCrc(negative));
        assertEquals(30, e.offset());
        assertTrue(e.getMessage().contains("the counter evicted_by_size is negative"), e.getMessage());

        byte[] nested = fixture("live-v1.bin");
        nested[77] = 'X'; // the nested table's magic FWCT
        e = fails(withCrc(nested));
        assertEquals(74, e.offset());
        assertTrue(e.getMessage().contains("in the decisions table at offset 74: bad count table state at offset 0")
                && e.getMessage().contains("magic number is not FWCT"), e.getMessage());

        // labelled table over other groups than the decisions table
        LiveSnapshot hand = fixtureByHand();
        byte[] good = hand.toBytes();
        byte[] other = ConfusionCounts.of(GroupIndex.of(List.of("sex"), List.of(List.of("F"))),
                new long[] {1, 0, 0, 0}, null).toBytes();
        int labelledAt = 74 + hand.decisions().toBytes().length;
        ByteBuffer swapped = ByteBuffer.allocate(labelledAt + 4 + other.length + 4);
        swapped.put(good, 0, labelledAt).putInt(other.length).put(other);
        e = fails(withCrc(swapped.array()));
        assertEquals(labelledAt, e.offset());
        assertTrue(e.getMessage().contains("groups differ"), e.getMessage());

        ByteBuffer longer = ByteBuffer.wrap(fixture("live-v1.bin"));
        longer.putInt(70, 0x7fffffff);
        e = fails(longer.array());
        assertEquals(70, e.offset());
        assertTrue(e.getMessage().contains("truncated: the decisions table's length 2147483647 exceeds"),
                e.getMessage());
    }

    @Test
    void badJsonNamesTheField() throws IOException {
        String good = text("live-v1.json");
        assertEquals(fixtureByHand(), LiveSnapshot.fromJson(good));
        List<String[]> cases = List.of(
                new String[] {good.replace("fairway-live-snapshot/v1", "fairway-live-snapshot/v2"), "field 'format'"},
                new String[] {good.replace("\"pending\" : 3", "\"pending\" : -3"), "'pending' must be at least 0"},
                new String[] {good.replace("\"start\" : 60000", "\"start\" : \"60000\""), "'start' must be an integer"},
                new String[] {good.replaceFirst("fairway-counts/v1", "fairway-counts/v9"),
                    "field 'decisions': count table JSON field 'format'"},
                new String[] {good.replaceFirst("\"tn\" : 2", "\"tn\" : -2"), "field 'decisions'"},
                new String[] {good.replace("\"labelled\" : {", "\"labelled\" : 1, \"x\" : {"),
                    "'labelled' must be an object"},
                new String[] {good.substring(0, 80), "malformed"});
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LiveSnapshot.fromJson(c[0]));
            assertTrue(e.getMessage().contains(c[1]), c[1] + " / " + e.getMessage());
        }
    }
}
