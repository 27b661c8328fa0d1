package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed state fixtures of format version 1 ({@code src/test/resources/state}, README
 * there) read back as the table counted by hand from their seven rows.
 */
class StateFixturesTest {
    private static final List<String> COLUMNS = List.of("sex", "band");
    private static final List<List<Object>> GROUPS = List.of(List.of("F", 1), List.of("F", 2), List.of("M", 1),
            List.of("M", 2));
    /** TN, FP, FN, TP per group, counted by hand from the README's rows. */
    private static final long[] COUNTS = {
        0, 1, 0, 1,
        1, 0, 0, 0,
        0, 0, 2, 0,
        1, 0, 0, 1};
    /** Weighted sums by hand; M/1's FN is 0.1 + 0.2 as a double-double (checked exactly below). */
    private static final double[] HI = {
        0, 1.25, 0, 0.5,
        2.0, 0, 0, 0,
        0, 0, 0.30000000000000004, 0,
        0.7, 0, 0, 3.0};
    private static final double[] LO = {
        0, 0, 0, 0,
        0, 0, 0, 0,
        0, 0, -0x1p-55, 0,
        0, 0, 0, 0};

    private static byte[] bytes(String file) throws IOException {
        Path path = Path.of("src/test/resources/state", file);
        assertTrue(Files.isRegularFile(path), "missing fixture " + path.toAbsolutePath());
        return Files.readAllBytes(path);
    }

    @Test
    void theHandWeightedSumIsExact() {
        BigDecimal exact = new BigDecimal(0.1).add(new BigDecimal(0.2));
        assertEquals(0, exact.compareTo(new BigDecimal(HI[10]).add(new BigDecimal(LO[10]))));
    }

    @Test
    void weightedFixturesReadAsTheHandTable() throws IOException {
        ConfusionCounts expected = ConfusionCounts.ofGroups(COLUMNS, GROUPS, COUNTS, HI, LO);
        ConfusionCounts binary = ConfusionCounts.fromBytes(bytes("counts-v1-weighted.bin"));
        ConfusionCounts json = ConfusionCounts.fromJson(new String(bytes("counts-v1-weighted.json"), StandardCharsets.UTF_8));
        assertEquals(expected, binary);
        assertEquals(expected, json);
        assertTrue(binary.weighted());
        assertEquals(7, binary.rows());
        assertEquals(List.of("F", 1), binary.groups().group(0).values());
        assertEquals(Integer.class, binary.groups().group(0).values().get(1).getClass());
        assertEquals(0.30000000000000004 - 0x1p-55, binary.weight(2, Cell.FALSE_NEGATIVE));
    }

    @Test
    void unweightedFixturesReadAsTheHandTable() throws IOException {
        ConfusionCounts expected = ConfusionCounts.ofGroups(COLUMNS, GROUPS, COUNTS, null, null);
        assertEquals(expected, ConfusionCounts.fromBytes(bytes("counts-v1-unweighted.bin")));
        assertEquals(expected, ConfusionCounts.fromJson(new String(bytes("counts-v1-unweighted.json"),
                StandardCharsets.UTF_8)));
        assertEquals(2.0, expected.weight(2, Cell.FALSE_NEGATIVE));
    }

    @Test
    void theBinaryHeaderIsTheDocumentedOne() throws IOException {
        byte[] b = bytes("counts-v1-unweighted.bin");
        // magic FWCT, version 1, flags 0 (unweighted), 2 columns, "sex" (length 3)
        byte[] header = {'F', 'W', 'C', 'T', 0, 1, 0, 0, 2, 0, 0, 0, 3, 's', 'e', 'x'};
        assertArrayEquals(header, java.util.Arrays.copyOf(b, header.length));
        assertEquals(1, bytes("counts-v1-weighted.bin")[6]);
        // 7 + column count 2 + column names (4+3, 4+4) + levels (4 + 2 x (1+4+1), 4 + 2 x (1+4))
        // + group count 4 + 4 groups x 2 x 4 + 4 groups x 4 counts x 8 + CRC 4
        assertEquals(7 + 2 + 15 + 16 + 14 + 4 + 32 + 128 + 4, b.length);
        assertEquals(b.length + 4 * 4 * 16, bytes("counts-v1-weighted.bin").length);
    }

    @Test
    void theCurrentWriterStillWritesTheFixtures() throws IOException {
        // Holds while the writer's version is 1; a new version keeps the reading tests above.
        ConfusionCounts weighted = ConfusionCounts.ofGroups(COLUMNS, GROUPS, COUNTS, HI, LO);
        assertArrayEquals(bytes("counts-v1-weighted.bin"), weighted.toBytes());
        assertArrayEquals(bytes("counts-v1-unweighted.bin"),
                ConfusionCounts.ofGroups(COLUMNS, GROUPS, COUNTS, null, null).toBytes());
    }
}
