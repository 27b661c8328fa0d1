package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Bad bytes never give a table: every truncation, every flipped byte, a wrong magic number or
 * version, trailing bytes, and lengths beyond the limits fail with a {@link StateFormatException}
 * naming the offset. Bad JSON fails naming the field.
 */
class StateFormatBadInputTest {

    private static byte[] fixture(String file) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/state", file));
    }

    private static StateFormatException fails(byte[] bytes) {
        StateFormatException e = assertThrows(StateFormatException.class, () -> ConfusionCounts.fromBytes(bytes));
        assertTrue(e.getMessage().startsWith("bad count table state at offset " + e.offset() + ": "), e.getMessage());
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
    @ValueSource(strings = {"counts-v1-weighted.bin", "counts-v1-unweighted.bin"})
    void everyTruncationFailsAtOrBeforeItsEnd(String file) throws IOException {
        byte[] b = fixture(file);
        for (int len = 0; len < b.length; len++) {
            StateFormatException e = fails(Arrays.copyOf(b, len));
            assertTrue(e.offset() <= len, "offset " + e.offset() + " for length " + len);
            assertTrue(e.getMessage().contains("truncated") || len < 4 && e.getMessage().contains("magic"),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"counts-v1-weighted.bin", "counts-v1-unweighted.bin"})
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
    void wrongMagicNamesOffsetZero() throws IOException {
        byte[] b = fixture("counts-v1-unweighted.bin");
        b[3] = 'X';
        StateFormatException e = fails(b);
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("magic number is not FWCT"), e.getMessage());
        assertEquals(0, fails("{\"format\":1}".getBytes(StandardCharsets.UTF_8)).offset());
    }

    @Test
    void unknownVersionNamesOffsetFour() throws IOException {
        byte[] b = fixture("counts-v1-weighted.bin");
        b[5] = 2;
        StateFormatException e = fails(withCrc(b));
        assertEquals(4, e.offset());
        assertTrue(e.getMessage().contains("unsupported format version 2; this reader knows version 1"),
                e.getMessage());
    }

    @Test
    void unknownFlagsAndTrailingBytesFail() throws IOException {
        byte[] b = fixture("counts-v1-unweighted.bin");
        b[6] = 4;
        assertEquals(6, fails(withCrc(b)).offset());
        byte[] longer = Arrays.copyOf(fixture("counts-v1-unweighted.bin"), b.length + 1);
        StateFormatException e = fails(longer);
        assertEquals(b.length, e.offset());
        assertTrue(e.getMessage().contains("1 unexpected bytes after the checksum"), e.getMessage());
    }

    @Test
    void structuralErrorsBehindAValidChecksumNameTheirOffset() throws IOException {
        // unweighted fixture layout: header and column count 9, column names to 24, levels to 54,
        // group count at 54, level indices 58..89, counts from 90 (see StateFixturesTest)
        byte[] negative = fixture("counts-v1-unweighted.bin");
        Arrays.fill(negative, 90, 98, (byte) 0xff);
        StateFormatException e = fails(withCrc(negative));
        assertEquals(90, e.offset());
        assertTrue(e.getMessage().contains("negative count -1"), e.getMessage());

        byte[] swapped = fixture("counts-v1-unweighted.bin");
        byte[] group0 = Arrays.copyOfRange(swapped, 58, 66);
        System.arraycopy(swapped, 66, swapped, 58, 8);
        System.arraycopy(group0, 0, swapped, 66, 8);
        e = fails(withCrc(swapped));
        assertEquals(66, e.offset());
        assertTrue(e.getMessage().contains("group 1 is not after group 0 in canonical order"), e.getMessage());

        byte[] levels = fixture("counts-v1-unweighted.bin");
        // the levels of column sex (list at 24) are "F" (at 33) then "M" (at 39): make them "M", "M"
        levels[33] = 'M';
        e = fails(withCrc(levels));
        assertEquals(24, e.offset());
        assertTrue(e.getMessage().contains("levels of column 'sex'"), e.getMessage());
    }

    /** A header followed by the given bytes, with no checksum (limits fail before it). */
    private static byte[] header(int columns, byte... rest) {
        ByteBuffer b = ByteBuffer.allocate(9 + rest.length);
        b.put(new byte[] {'F', 'W', 'C', 'T', 0, 1, 0});
        b.putShort((short) columns);
        b.put(rest);
        return b.array();
    }

    @Test
    void limitsStopGarbageBeforeItAllocates() {
        StateFormatException e = fails(header(300));
        assertEquals(7, e.offset());
        assertTrue(e.getMessage().contains("column count 300 is outside 1..256"), e.getMessage());
        assertEquals(7, fails(header(0)).offset());

        e = fails(header(1, (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff));
        assertEquals(9, e.offset());
        assertTrue(e.getMessage().contains("length 2147483647, over the limit of 65536"), e.getMessage());

        // column "a", then a level count of 4 billion: over the group limit
        e = fails(header(1, (byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 'a',
                (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0));
        assertEquals(14, e.offset());
        assertTrue(e.getMessage().contains("exceeds the limit of 16777216"), e.getMessage());

        // ten million levels are under the limit but the input cannot hold them: nothing is allocated
        e = fails(header(1, (byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 'a',
                (byte) 0x00, (byte) 0x98, (byte) 0x96, (byte) 0x80));
        assertEquals(14, e.offset());
        assertTrue(e.getMessage().contains("truncated: the level count of column 'a' 10000000 needs at least"),
                e.getMessage());
    }

    enum Colour { RED }

    @Test
    void valuesOfOtherTypesFailClearlyOnWrite() {
        ConfusionCounts t = ConfusionCounts.of(AuditData.builder().labels("y", new int[] {1})
                .predictions("p", new int[] {1}).sensitive("colour", new Object[] {Colour.RED}).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, t::toBytes);
        assertTrue(e.getMessage().contains("column 'colour'") && e.getMessage().contains("Enum::name")
                && e.getMessage().contains("String, Boolean"), e.getMessage());
        assertThrows(IllegalArgumentException.class, t::toJson);
    }

    @Test
    void badJsonNamesTheField() throws IOException {
        String good = new String(fixture("counts-v1-weighted.json"), StandardCharsets.UTF_8);
        assertEquals(ConfusionCounts.fromJson(good).rows(), 7);
        List<String[]> cases = List.of(
                new String[] {good.replace("fairway-counts/v1", "fairway-counts/v2"), "field 'format'"},
                new String[] {good.replace("\"tp\" : 1", "\"tp\" : -1"), "negative count -1"},
                new String[] {good.replace("\"fn\" : 2", "\"fn\" : 2.5"), "'groups[2].counts.fn' must be an integer"},
                new String[] {good.replace("\"int\" : 2", "\"int\" : 1"), "occurs twice"},
                new String[] {good.replace("\"int\" : 1", "\"integer\" : 1"), "'groups[0].values[1].integer'"},
                new String[] {good.replace("[ 0.7, 0.0 ]", "[ 0.7 ]"), "'groups[3].weights.tn' must be [hi, lo]"},
                new String[] {good.replace("\"weighted\" : true", "\"weighted\" : false"),
                    "'groups[0].weights' is present but the table is not weighted"},
                new String[] {good.substring(0, 100), "malformed"});
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConfusionCounts.fromJson(c[0]));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
