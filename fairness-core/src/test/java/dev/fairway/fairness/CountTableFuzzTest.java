package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.live.LiveSnapshot;
import dev.fairway.fairness.ranking.ExposureTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the serialised count tables (the state formats of {@link ConfusionCounts},
 * {@link ExposureTable} and {@link LiveSnapshot}, binary and JSON) with {@link SeededMutator} over the
 * committed state fixtures ({@code src/test/resources/state}, README there) as seed corpus: 10,000
 * cases per target in {@code verify}, 1,000,000 with {@code -Preliability}. Only the documented
 * exception may come out ({@link StateFormatException} from {@code fromBytes},
 * {@link IllegalArgumentException} from {@code fromJson}); no case may take longer than
 * {@link SeededMutator#CASE_BOUND_NANOS}, and each target is bounded by a preemptive timeout. Two
 * thirds of the binary cases get their trailing CRC-32C recomputed (big- or little-endian), so the
 * mutation reaches the checks behind the checksum too.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CountTableFuzzTest {
    static final int N = SeededMutator.CASES;

    static byte[] fixture(String file) throws IOException {
        return Files.readAllBytes(Path.of("src/test/resources/state", file));
    }

    static List<byte[]> corpus(String... files) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String f : files) {
            out.add(fixture(f));
        }
        return out;
    }

    /** In two cases of three, recomputes the last four bytes as the CRC-32C of the rest. */
    static byte[] rechecksum(byte[] b, long seed) {
        int way = (int) Math.floorMod(seed * 0x9E3779B97F4A7C15L >>> 33, 3L);
        if (way == 0 || b.length < 4) {
            return b;
        }
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length - 4);
        int v = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            b[b.length - 4 + i] = (byte) (way == 1 ? v >>> (24 - 8 * i) : v >>> (8 * i));
        }
        return b;
    }

    /** Runs a binary target, checksum-fixing two cases in three. */
    static long binary(String name, List<byte[]> corpus, long seed, SeededMutator.Target target) {
        long[] n = {0};
        return SeededMutator.run(name, corpus, seed, N, b -> target.accept(rechecksum(b, n[0]++)),
                StateFormatException.class);
    }

    static long text(String name, List<byte[]> corpus, long seed, SeededMutator.Target target) {
        return SeededMutator.run(name, corpus, seed, N, target, IllegalArgumentException.class);
    }

    static void report(String target, long accepted) {
        System.out.printf("fuzz: %s: %,d cases, %,d accepted%n", target, (long) N, accepted);
    }

    @Test
    void confusionCounts() throws IOException {
        List<byte[]> bin = corpus("counts-v1-unweighted.bin", "counts-v1-weighted.bin");
        long ok = binary("count table bytes", bin, 61, ConfusionCounts::fromBytes);
        long jsonOk = text("count table JSON", corpus("counts-v1-unweighted.json", "counts-v1-weighted.json"), 62,
                b -> ConfusionCounts.fromJson(new String(b, StandardCharsets.UTF_8)));
        report("count table bytes", ok);
        report("count table JSON", jsonOk);
        assertTrue(jsonOk > 0, "some mutated JSON still reads (whitespace, a changed count)");
    }

    @Test
    void exposureTables() throws IOException {
        long ok = binary("exposure table bytes", corpus("exposure-v1-no-relevance.bin", "exposure-v1-relevance.bin"), 63,
                ExposureTable::fromBytes);
        long jsonOk = text("exposure table JSON", corpus("exposure-v1-no-relevance.json", "exposure-v1-relevance.json"),
                64, b -> ExposureTable.fromJson(new String(b, StandardCharsets.UTF_8)));
        report("exposure table bytes", ok);
        report("exposure table JSON", jsonOk);
    }

    @Test
    void liveSnapshots() throws IOException {
        long ok = binary("live snapshot bytes", corpus("live-v1.bin"), 65, LiveSnapshot::fromBytes);
        long jsonOk = text("live snapshot JSON", corpus("live-v1.json"), 66,
                b -> LiveSnapshot.fromJson(new String(b, StandardCharsets.UTF_8)));
        report("live snapshot bytes", ok);
        report("live snapshot JSON", jsonOk);
    }

    @Test
    void theChecksumFixUpReachesPastTheChecksum() throws IOException {
        // a fixture's own CRC recomputed over its own bytes is unchanged: the fix-up writes the format's CRC
        byte[] b = fixture("counts-v1-weighted.bin");
        int accepted = 0;
        for (long seed = 0; seed < 30; seed++) {
            try {
                ConfusionCounts.fromBytes(rechecksum(b.clone(), seed));
                accepted++;
            } catch (StateFormatException e) {
                assertTrue(e.getMessage().contains("checksum"), e.getMessage());
            }
        }
        assertTrue(accepted > 0 && accepted < 30, "one byte order is the format's, the other is not: " + accepted);
    }
}
