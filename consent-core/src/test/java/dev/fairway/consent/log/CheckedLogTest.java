package dev.fairway.consent.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frame's sequence numbers and the three kinds of trouble (torn tail, damage, lost newline), on
 * the scan every log shares. Files are built by {@link TestFrames} (a second implementation of the
 * frame), changed by hand, and the expected outcomes are counted by hand from the change.
 */
class CheckedLogTest {
    static final String[] BODIES = {"{\"r\":1}", "{\"r\":2}", "{\"r\":3}", "{\"r\":4}", "{\"r\":5}"};

    static byte[] lines(long... sequences) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long s : sequences) {
            out.writeBytes(TestFrames.line(s, BODIES[(int) s - 1]));
        }
        return out.toByteArray();
    }

    record Read(List<String> bodies, CheckedLog.Scan scan) {
    }

    static Read read(byte[] file, RecoveryMode mode) throws IOException {
        List<String> bodies = new ArrayList<>();
        CheckedLog.Scan scan = CheckedLog.scan(SimulatedLogFile.image(file, file.length, 0), "t", "test log", mode,
                false, (b, off, len, line, seq) -> {
                    bodies.add(new String(b, off, len, StandardCharsets.UTF_8));
                    return null;
                });
        return new Read(bodies, scan);
    }

    static List<String> bodies(int... records) {
        List<String> out = new ArrayList<>();
        for (int r : records) {
            out.add(BODIES[r - 1]);
        }
        return out;
    }

    @Test
    void whole5LinesReadInEveryMode() throws IOException {
        for (RecoveryMode m : RecoveryMode.values()) {
            Read r = read(lines(1, 2, 3, 4, 5), m);
            assertEquals(bodies(1, 2, 3, 4, 5), r.bodies());
            assertEquals(5, r.scan().lastSequence());
            assertTrue(r.scan().tornTail().isEmpty() && r.scan().skipped().isEmpty());
        }
    }

    @Test
    void deletedDuplicatedOrSwappedLinesAreDetectedInEveryMode() throws IOException {
        // deleted line 3: line 3 carries sequence 4
        assertRefused(lines(1, 2, 4, 5), 3, "sequence 4 where 3 was expected: records 3 are missing");
        Read deleted = read(lines(1, 2, 4, 5), RecoveryMode.SALVAGE);
        assertEquals(bodies(1, 2, 4, 5), deleted.bodies());
        assertEquals(1, deleted.scan().skipped().size());
        assertEquals(3, deleted.scan().skipped().get(0).line());
        // duplicated line 3
        assertRefused(lines(1, 2, 3, 3, 4, 5), 4, "sequence 3 where 4 was expected: a line duplicated or moved");
        Read dup = read(lines(1, 2, 3, 3, 4, 5), RecoveryMode.SALVAGE);
        assertEquals(bodies(1, 2, 3, 4, 5), dup.bodies());
        assertEquals(4, dup.scan().skipped().get(0).line());
        // lines 3 and 4 swapped: line 3 carries 4 (a gap), line 4 carries 3 (going back)
        assertRefused(lines(1, 2, 4, 3, 5), 3, "sequence 4 where 3 was expected");
        Read swapped = read(lines(1, 2, 4, 3, 5), RecoveryMode.SALVAGE);
        assertEquals(bodies(1, 2, 4, 5), swapped.bodies());
        assertEquals(List.of(3L, 4L), swapped.scan().skipped().stream().map(Recovery::line).toList());
        // the last line duplicated: damage too, not a torn tail
        assertRefused(lines(1, 2, 3, 4, 5, 5), 6, "sequence 5 where 6 was expected");
    }

    static void assertRefused(byte[] file, long line, String reason) {
        for (RecoveryMode m : List.of(RecoveryMode.TOLERATE_TORN_TAIL, RecoveryMode.ABSOLUTE_CONSISTENCY)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(file, m));
            assertTrue(e.getMessage().contains("line " + line + " at byte offset") && e.getMessage().contains(reason),
                    e.getMessage());
        }
    }

    @Test
    void aLostNewlineIsNotATornTail() throws IOException {
        byte[] file = lines(1, 2, 3, 4, 5);
        int second = TestFrames.line(1, BODIES[0]).length + TestFrames.line(2, BODIES[1]).length - 1;
        // the newline after line 2 overwritten: lines 2 and 3 run together; the default mode used to cut
        // them off as one torn line when they were last, here they are refused wherever they are
        for (int lastKept : new int[] {3, 5}) {
            byte[] f = java.util.Arrays.copyOf(file, lines(java.util.stream.LongStream.rangeClosed(1, lastKept)
                    .toArray()).length);
            f[second] = 'x';
            for (RecoveryMode m : List.of(RecoveryMode.TOLERATE_TORN_TAIL, RecoveryMode.ABSOLUTE_CONSISTENCY)) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(f, m));
                assertTrue(e.getMessage().contains("line 2 at byte offset") && e.getMessage().contains(
                        "lines run together"), e.getMessage());
            }
            Read salvage = read(f, RecoveryMode.SALVAGE);
            assertEquals(bodies(java.util.stream.IntStream.rangeClosed(1, lastKept).toArray()), salvage.bodies());
            assertEquals(1, salvage.scan().skipped().size());
            assertTrue(salvage.scan().tornTail().isEmpty());
        }
        // the last line's newline overwritten by a printable byte: damage (the record is whole)
        byte[] f = file.clone();
        f[f.length - 1] = 'x';
        assertRefused(f, 5, "the newline after the last record was overwritten");
        assertEquals(bodies(1, 2, 3, 4, 5), read(f, RecoveryMode.SALVAGE).bodies());
        // ... or by a zero byte, or missing: the whole record is kept (it may have been acknowledged)
        f[f.length - 1] = 0;
        Read zeroed = read(f, RecoveryMode.TOLERATE_TORN_TAIL);
        assertEquals(bodies(1, 2, 3, 4, 5), zeroed.bodies());
        assertEquals(f.length, zeroed.scan().end());
        Read missing = read(java.util.Arrays.copyOf(file, file.length - 1), RecoveryMode.TOLERATE_TORN_TAIL);
        assertEquals(bodies(1, 2, 3, 4, 5), missing.bodies());
    }

    @Test
    void aTornTailIsAPrefixOfTheNextLineOrZeros() throws IOException {
        byte[] four = lines(1, 2, 3, 4);
        byte[] fifth = TestFrames.line(5, BODIES[4]);
        // every proper prefix of the fifth line (the newline and the byte before it excluded) is torn
        for (int cut = 1; cut < fifth.length - 1; cut++) {
            byte[] f = java.util.Arrays.copyOf(four, four.length + cut);
            System.arraycopy(fifth, 0, f, four.length, cut);
            Read r = read(f, RecoveryMode.TOLERATE_TORN_TAIL);
            assertEquals(bodies(1, 2, 3, 4), r.bodies(), "cut " + cut);
            assertEquals(four.length, r.scan().tornTail().orElseThrow().offset());
            assertEquals(cut, r.scan().tornTail().orElseThrow().length());
            assertThrows(IllegalStateException.class, () -> read(f, RecoveryMode.ABSOLUTE_CONSISTENCY));
        }
        // zeros after the last newline (the size reached the device, the data did not)
        Read zeros = read(java.util.Arrays.copyOf(four, four.length + 100), RecoveryMode.TOLERATE_TORN_TAIL);
        assertEquals("zero bytes after the last newline", zeros.scan().tornTail().orElseThrow().reason());
        // a prefix of a line with another sequence number is not what a crash leaves
        byte[] wrong = TestFrames.line(7, BODIES[4]);
        byte[] f = java.util.Arrays.copyOf(four, four.length + 15);
        System.arraycopy(wrong, 0, f, four.length, 15);
        assertRefused(f, 5, "its sequence number is not 5");
    }

    @Test
    void aVersion1FileIsRefusedWithAClearMessage() {
        String body = "{\"r\":1}";
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        byte[] v1 = (String.format("%08x ", crc.getValue()) + body + "\n").getBytes(StandardCharsets.UTF_8);
        for (RecoveryMode m : RecoveryMode.values()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(v1, m));
            assertTrue(e.getMessage().contains("frame version 1"), e.getMessage());
        }
    }

    @Test
    void framesAgreeWithTheSecondImplementation() {
        for (long s : new long[] {1, 9, 10, 123_456_789_012L}) {
            assertEquals(new String(TestFrames.line(s, "{\"x\":\"é\"}"), StandardCharsets.UTF_8),
                    new String(CheckedLog.frame(s, "{\"x\":\"é\"}".getBytes(StandardCharsets.UTF_8)),
                            StandardCharsets.UTF_8));
        }
        assertThrows(IllegalArgumentException.class, () -> CheckedLog.frame(0, new byte[] {'{'}));
        String line = new String(CheckedLog.frame(3, BODIES[2].getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertEquals(BODIES[2], CheckedLog.unframe(line.substring(0, line.length() - 1)));
        assertThrows(IllegalArgumentException.class, () -> CheckedLog.unframe(line.substring(0, 9) + "03 "
                + BODIES[2]));
    }
}
