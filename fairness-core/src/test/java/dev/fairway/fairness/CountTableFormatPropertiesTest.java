package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the count table's state formats over random tables from seeded generators:
 * {@code read(write(t)) == t} for the binary and the JSON form, and merging read-back tables
 * equals merging the originals. Group values range over every type the format carries.
 */
class CountTableFormatPropertiesTest {

    /** Value generators, one per type the format carries: level {@code k} of a column. */
    private static final List<IntFunction<Object>> TYPES = List.of(
            k -> "v" + k,
            k -> k,
            k -> (long) k * 1_000_000_007L,
            k -> k == 0 ? Double.NaN : k == 1 ? -0.0 : k * 0.1,
            k -> (float) (k / 3.0),
            k -> k % 2 == 0,
            k -> (short) (k - 2),
            k -> (byte) (k - 1),
            k -> (char) ('a' + k),
            k -> BigInteger.TEN.pow(25).add(BigInteger.valueOf(k)),
            k -> new BigDecimal(k).movePointLeft(2),
            k -> LocalDate.of(2020, 1, 1).plusDays(k * 40L),
            k -> "é😀\u0000" + k);

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 60).mapToObj(s -> Arguments.of(7919L * s + 3));
    }

    /** A random table: 1 to 3 columns of random types, optional weights, some rows. */
    static ConfusionCounts table(long seed, List<String> columns, List<IntFunction<Object>> types) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 1 + r.nextInt(400);
        int[] y = new int[n];
        int[] p = new int[n];
        double[] w = r.nextBoolean() ? new double[n] : null;
        AuditData.Builder b = AuditData.builder();
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            p[i] = r.nextInt(2);
            if (w != null) {
                w[i] = r.nextInt(8) == 0 ? 0.0 : r.nextDouble() * 1e3;
            }
        }
        b.labels("y", y).predictions("p", p);
        if (w != null) {
            b.weights("w", w);
        }
        for (int c = 0; c < columns.size(); c++) {
            int levels = 1 + r.nextInt(5);
            List<Object> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                values.add(types.get(c).apply(r.nextInt(levels)));
            }
            b.sensitive(columns.get(c), values);
        }
        return ConfusionCounts.of(b.build());
    }

    static List<String> columns(long seed) {
        int k = 1 + new SplittableRandom(seed).nextInt(3);
        return List.of("a", "b", "c").subList(0, k);
    }

    static List<IntFunction<Object>> types(long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<IntFunction<Object>> t = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            t.add(TYPES.get(r.nextInt(TYPES.size())));
        }
        return t;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void binaryRoundTripIsIdentity(long seed) {
        ConfusionCounts t = table(seed, columns(seed), types(seed));
        ConfusionCounts back = ConfusionCounts.fromBytes(t.toBytes());
        assertNotSame(t, back);
        assertEquals(t, back);
        assertEquals(t.weighted(), back.weighted());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void jsonRoundTripIsIdentity(long seed) {
        ConfusionCounts t = table(seed, columns(seed), types(seed));
        assertEquals(t, ConfusionCounts.fromJson(t.toJson()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void mergeOfReadBackTablesEqualsMergeOfTables(long seed) {
        List<String> columns = columns(seed);
        List<IntFunction<Object>> types = types(seed);
        ConfusionCounts a = table(seed, columns, types);
        ConfusionCounts b = table(seed * 31 + 17, columns, types);
        ConfusionCounts expected = a.merge(b);
        assertEquals(expected, ConfusionCounts.fromBytes(a.toBytes()).merge(ConfusionCounts.fromBytes(b.toBytes())));
        assertEquals(expected, ConfusionCounts.fromJson(a.toJson()).merge(ConfusionCounts.fromJson(b.toJson())));
        // the merged table itself round-trips too
        assertEquals(expected, ConfusionCounts.fromBytes(expected.toBytes()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void ofGroupsInAnyOrderEqualsTheTable(long seed) {
        ConfusionCounts t = table(seed, columns(seed), types(seed));
        int n = t.groups().size();
        // feed the groups back in reverse order through the public factory
        List<List<Object>> groups = new ArrayList<>();
        long[] counts = new long[4 * n];
        for (int g = n - 1, i = 0; g >= 0; g--, i++) {
            groups.add(t.groups().group(g).values());
            for (Cell cell : Cell.values()) {
                counts[4 * i + cell.ordinal()] = t.count(g, cell);
            }
        }
        double[] hi = t.weighted() ? new double[4 * n] : null;
        double[] lo = t.weighted() ? new double[4 * n] : null;
        if (t.weighted()) {
            for (int g = n - 1, i = 0; g >= 0; g--, i++) {
                for (int k = 0; k < 4; k++) {
                    hi[4 * i + k] = t.hiArray()[4 * g + k];
                    lo[4 * i + k] = t.loArray()[4 * g + k];
                }
            }
        }
        assertEquals(t, ConfusionCounts.ofGroups(t.groups().columns(), groups, counts, hi, lo));
    }

    @Test
    void aDeclaredGroupWithoutRowsRoundTrips() {
        // live-count windows hold declared groups before any decision reaches them
        GroupIndex declared = GroupIndex.of(List.of("g"), List.of(List.of("x"), List.of("y")));
        ConfusionCounts t = ConfusionCounts.of(declared, new long[] {1, 0, 0, 2, 0, 0, 0, 0}, null);
        assertEquals(t, ConfusionCounts.fromBytes(t.toBytes()));
        assertEquals(t, ConfusionCounts.fromJson(t.toJson()));
        assertEquals(2, ConfusionCounts.fromBytes(t.toBytes()).groups().size());
        assertTrue(t.toJson().contains("\"string\" : \"y\""));
    }
}
