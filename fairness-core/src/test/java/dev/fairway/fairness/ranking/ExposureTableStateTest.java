package dev.fairway.fairness.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.StateFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exposure table's state formats ({@code docs/state-format.md}): the committed version 1
 * fixtures read back as the table counted by hand (README in {@code src/test/resources/state}),
 * seeded round-trip and merge properties, and bad bytes or JSON rejected naming the offset or field.
 */
class ExposureTableStateTest {
    private static final long ONE = 1L << 62;

    /** The fixture lists (README): groups by rank, position weights, relevance. */
    static ExposureTable fixtureByRecording(boolean withRelevance) {
        ExposureTable t = ExposureTable.empty();
        int a = t.code("a");
        int b = t.code("b");
        int c = t.code("c");
        t.record(new int[] {a, b, a}, 3, new double[] {1, 0.5, 0.25}, withRelevance ? new double[] {1, 0, 2} : null);
        t.record(new int[] {b, b}, 2, new double[] {1, 0.5}, withRelevance ? new double[] {0.5, 0.5} : null);
        t.record(new int[] {a}, 1, new double[] {1}, withRelevance ? new double[] {0} : null);
        t.record(new int[] {c}, 1, new double[] {0.1}, withRelevance ? new double[] {0.25} : null);
        return t;
    }

    /** The double 0.1 times 2^62 is an integer (its 53-bit significand shifted), computed exactly. */
    private static final long TENTH = new BigDecimal(0.1).multiply(new BigDecimal(ONE)).toBigIntegerExact()
            .longValueExact();

    /**
     * The fixture table stated by hand: per group lists, items, mean exposure, exposure and
     * relevance as (whole, fraction / 2^62) words.
     * a: lists 1 and 3, items 2 + 1; mean exposure (1 + 0.25) / 2 + 1 = 1.625; exposure 2.25; relevance 3.
     * b: lists 1 and 2, items 1 + 2; mean exposure 0.5 + 1.5 / 2 = 1.25; exposure 2; relevance 1.
     * c: list 4, one item at weight 0.1; relevance 0.25.
     */
    static ExposureTable fixtureByHand(boolean withRelevance) {
        long[][] s = {
            {2, 3, 1, 5L << 59, 2, ONE / 4, 3, 0},
            {2, 3, 1, ONE / 4, 2, 0, 1, 0},
            {1, 1, 0, TENTH, 0, TENTH, 0, ONE / 4}};
        if (!withRelevance) {
            for (long[] g : s) {
                g[6] = 0;
                g[7] = 0;
            }
        }
        return ExposureTable.restore(4, withRelevance, List.of("a", "b", "c"), s);
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
    void theHandTableIsWhatRecordingTheListsGives() {
        assertEquals(0x1999999999999aL << 6, TENTH);
        assertEquals(fixtureByHand(true), fixtureByRecording(true));
        assertEquals(fixtureByHand(false), fixtureByRecording(false));
        ExposureTable t = fixtureByHand(true);
        assertEquals(1.625 / 2, t.exposure("a"));
        assertEquals(1.25 / 2, t.exposure("b"));
        assertEquals(2.25 / (2.25 + 2 + 0.1), t.exposureShare("a"));
        assertEquals(0.25 / 4.25, t.relevanceShare("c"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void fixturesReadAsTheHandTable(boolean withRelevance) throws IOException {
        String name = withRelevance ? "exposure-v1-relevance" : "exposure-v1-no-relevance";
        ExposureTable expected = fixtureByHand(withRelevance);
        ExposureTable binary = ExposureTable.fromBytes(fixture(name + ".bin"));
        assertEquals(expected, binary);
        assertEquals(expected, ExposureTable.fromJson(text(name + ".json")));
        assertEquals(withRelevance, binary.hasRelevance());
        assertEquals(List.of("a", "b", "c"), binary.groups());
        assertEquals(3, binary.items("a"));
        // the current writer still writes the fixtures (holds while the version is 1)
        assertArrayEquals(fixture(name + ".bin"), expected.toBytes());
        assertEquals(text(name + ".json"), expected.toJson());
    }

    @Test
    void theBinaryLayoutIsTheDocumentedOne() throws IOException {
        byte[] b = fixture("exposure-v1-relevance.bin");
        // magic, version 1, flags 1 (relevance), 4 lists, 3 groups, name "a", a's lists 2
        byte[] head = {'F', 'W', 'E', 'T', 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 3, 0, 0, 0, 1, 'a',
            0, 0, 0, 0, 0, 0, 0, 2};
        assertArrayEquals(head, Arrays.copyOf(b, head.length));
        // header 19, three groups of (4 + 1) + 8 x 8, CRC 4
        assertEquals(19 + 3 * 69 + 4, b.length);
        assertEquals(0, fixture("exposure-v1-no-relevance.bin")[6]);
    }

    @Test
    void jsonSumsAreExactDecimals() throws IOException {
        String json = text("exposure-v1-relevance.json");
        assertTrue(json.contains("\"mean_exposure\" : \"1.625\""), json);
        // the double nearest 0.1, written out exactly
        assertTrue(json.contains("\"exposure\" : \"" + new BigDecimal(0.1).toPlainString() + "\""), json);
        assertTrue(!text("exposure-v1-no-relevance.json").contains("\"relevance\" : \""));
    }

    // ---- properties ----

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 50).mapToObj(s -> Arguments.of(6151L * s + 5));
    }

    /** A random table: up to 6 groups (some non-ASCII names), lists of 1..12 items, random weights. */
    static ExposureTable random(long seed, boolean relevance) {
        SplittableRandom r = new SplittableRandom(seed);
        ExposureTable t = ExposureTable.empty();
        String[] names = {"a", "b", "é", "😀", "long group name", ""};
        int groups = 1 + r.nextInt(names.length);
        int lists = r.nextInt(60);
        for (int l = 0; l < lists; l++) {
            int n = 1 + r.nextInt(12);
            int[] codes = new int[n];
            double[] w = new double[n];
            double[] rel = relevance ? new double[n] : null;
            for (int i = 0; i < n; i++) {
                codes[i] = t.code(names[r.nextInt(groups)]);
                w[i] = r.nextInt(10) == 0 ? 0 : r.nextDouble() * (r.nextBoolean() ? 1 : 1e6);
                if (relevance) {
                    rel[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 5;
                }
            }
            t.record(codes, n, w, rel);
        }
        return t;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void roundTripIsIdentity(long seed) {
        ExposureTable t = random(seed, seed % 3 != 0);
        ExposureTable back = ExposureTable.fromBytes(t.toBytes());
        assertNotSame(t, back);
        assertEquals(t, back);
        assertEquals(t, ExposureTable.fromJson(t.toJson()));
        for (String g : t.groups()) {
            assertArrayEquals(t.state(g), back.state(g), g);
        }
        assertEquals(t.ratio(), back.ratio());
        assertEquals(t.treatmentRatio(), back.treatmentRatio());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergeOfReadBackTablesEqualsMergeOfTables(long seed) {
        boolean relevance = seed % 3 != 0;
        ExposureTable a = random(seed, relevance);
        ExposureTable b = random(seed * 31 + 17, relevance);
        ExposureTable expected = a.merge(b);
        assertEquals(expected, ExposureTable.fromBytes(a.toBytes()).merge(ExposureTable.fromBytes(b.toBytes())));
        assertEquals(expected, ExposureTable.fromJson(a.toJson()).merge(ExposureTable.fromJson(b.toJson())));
        assertArrayEquals(expected.toBytes(), ExposureTable.fromBytes(a.toBytes()).merge(
                ExposureTable.fromBytes(b.toBytes())).toBytes());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decimalsConvertBackToTheSameWords(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        long whole = r.nextLong(Long.MAX_VALUE);
        long frac = r.nextLong(ONE);
        String d = ExposureTableJson.decimal(whole, frac);
        assertArrayEquals(new long[] {whole, frac}, ExposureTableJson.words(d), d);
        // an independent check of the decimal: whole + frac / 2^62
        BigDecimal exact = new BigDecimal(whole).add(new BigDecimal(frac).divide(new BigDecimal(ONE)));
        assertEquals(0, exact.compareTo(new BigDecimal(d)));
    }

    // ---- bad input ----

    private static StateFormatException fails(byte[] bytes) {
        StateFormatException e = assertThrows(StateFormatException.class, () -> ExposureTable.fromBytes(bytes));
        assertTrue(e.getMessage().startsWith("bad exposure table state at offset " + e.offset() + ": "),
                e.getMessage());
        return e;
    }

    /** Re-computes the trailing CRC so a structural check, not the checksum, must catch the edit. */
    private static byte[] withCrc(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"exposure-v1-relevance.bin", "exposure-v1-no-relevance.bin"})
    void everyTruncationFails(String file) throws IOException {
        byte[] b = fixture(file);
        for (int len = 0; len < b.length; len++) {
            StateFormatException e = fails(Arrays.copyOf(b, len));
            assertTrue(e.offset() <= len, "offset " + e.offset() + " for length " + len);
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"exposure-v1-relevance.bin", "exposure-v1-no-relevance.bin"})
    void everyFlippedByteFails(String file) throws IOException {
        byte[] b = fixture(file);
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
    void wrongMagicVersionFlagsAndTrailingBytesFail() throws IOException {
        byte[] b = fixture("exposure-v1-relevance.bin");
        byte[] magic = b.clone();
        magic[3] = 'X';
        StateFormatException e = fails(magic);
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("magic number is not FWET"), e.getMessage());
        // a count table is not an exposure table
        assertEquals(0, fails(fixture("counts-v1-weighted.bin")).offset());

        byte[] version = b.clone();
        version[5] = 2;
        e = fails(withCrc(version));
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("unsupported format version 2; this reader knows version 1"),
                e.getMessage());

        byte[] flags = b.clone();
        flags[6] = 3;
        assertEquals(6, fails(withCrc(flags)).offset());

        e = fails(Arrays.copyOf(b, b.length + 1));
        assertEquals(b.length, e.offset());
        assertTrue(e.getMessage().contains("1 unexpected bytes after the checksum"), e.getMessage());
    }

    @Test
    void structuralErrorsBehindAValidChecksumNameTheirOffset() throws IOException {
        // layout: header 19; group a: name at 19, lists at 24, items at 32, mean exposure at 40/48,
        // exposure at 56/64, relevance at 72/80; group b's name at 88
        byte[] fraction = fixture("exposure-v1-relevance.bin");
        fraction[48] = 0x40; // a's mean-exposure fraction becomes >= 2^62
        StateFormatException e = fails(withCrc(fraction));
        assertEquals(48, e.offset());
        assertTrue(e.getMessage().contains("group 'a': mean exposure (fraction)"), e.getMessage());

        byte[] order = fixture("exposure-v1-relevance.bin");
        order[92] = 'a'; // group b renamed a
        e = fails(withCrc(order));
        assertEquals(88, e.offset());
        assertTrue(e.getMessage().contains("group 'a' is not after group 'a' in name order"), e.getMessage());

        byte[] items = fixture("exposure-v1-relevance.bin");
        items[39] = 1; // a's items 1, fewer than its 2 lists
        e = fails(withCrc(items));
        assertEquals(32, e.offset());

        byte[] relevance = fixture("exposure-v1-no-relevance.bin");
        relevance[87] = 1; // relevance words in a table without relevance
        e = fails(withCrc(relevance));
        assertEquals(72, e.offset());
        assertTrue(e.getMessage().contains("recorded no relevance"), e.getMessage());
    }

    @Test
    void limitsStopGarbageBeforeItAllocates() {
        ByteBuffer huge = ByteBuffer.allocate(40).put(new byte[] {'F', 'W', 'E', 'T', 0, 1, 0}).putLong(1)
                .putInt(0xffffffff);
        StateFormatException e = fails(huge.array());
        assertEquals(15, e.offset());
        assertTrue(e.getMessage().contains("exceeds the limit of 16777216"), e.getMessage());

        ByteBuffer many = ByteBuffer.allocate(40).put(new byte[] {'F', 'W', 'E', 'T', 0, 1, 0}).putLong(1)
                .putInt(10_000_000);
        e = fails(many.array());
        assertEquals(15, e.offset());
        assertTrue(e.getMessage().contains("truncated: the group count 10000000 needs at least"), e.getMessage());

        ByteBuffer name = ByteBuffer.allocate(40).put(new byte[] {'F', 'W', 'E', 'T', 0, 1, 0}).putLong(1).putInt(0)
                .putInt(0x7fffffff);
        // 0 groups for 1 list is itself wrong; with one group the name length is checked
        assertEquals(15, fails(name.array()).offset());
        ByteBuffer one = ByteBuffer.allocate(100).put(new byte[] {'F', 'W', 'E', 'T', 0, 1, 0}).putLong(1).putInt(1)
                .putInt(0x7fffffff);
        e = fails(one.array());
        assertEquals(19, e.offset());
        assertTrue(e.getMessage().contains("length 2147483647, over the limit of 65536"), e.getMessage());
    }

    @Test
    void badJsonNamesTheField() throws IOException {
        String good = text("exposure-v1-relevance.json");
        assertEquals(fixtureByHand(true), ExposureTable.fromJson(good));
        List<String[]> cases = List.of(
                new String[] {good.replace("fairway-exposure/v1", "fairway-exposure/v2"), "field 'format'"},
                new String[] {good.replace("\"mean_exposure\" : \"1.625\"", "\"mean_exposure\" : 1.625"),
                    "'groups[0].mean_exposure' must be a string"},
                new String[] {good.replace("\"1.625\"", "\"-1.625\""), "'groups[0].mean_exposure' is invalid"},
                new String[] {good.replace("\"1.625\"", "\"1e-30\""), "not a multiple of 2^-62"},
                new String[] {good.replace("\"1.625\"", "\"x\""), "not a decimal number"},
                new String[] {good.replace("\"name\" : \"b\"", "\"name\" : \"a\""), "group 'a' occurs twice"},
                new String[] {good.replace("\"items\" : 1", "\"items\" : 0"), "'groups[2]' is invalid: items 0"},
                new String[] {good.replace("\"relevance\" : true", "\"relevance\" : false"),
                    "'groups[0].relevance' is present but the table recorded no relevance"},
                new String[] {good.replaceFirst("\"lists\" : 4", "\"lists\" : 6"), "does not fit the groups' lists"},
                new String[] {good.substring(0, 60), "malformed"});
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExposureTable.fromJson(c[0]));
            assertTrue(e.getMessage().contains(c[1]), c[1] + " / " + e.getMessage());
        }
        assertEquals(ExposureTable.empty(), ExposureTable.fromJson(ExposureTable.empty().toJson()));
        assertEquals(ExposureTable.empty(), ExposureTable.fromBytes(ExposureTable.empty().toBytes()));
    }
}
