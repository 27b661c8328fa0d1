package dev.fairway.fairness.live;

import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.StateFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The binary state format of {@link LiveSnapshot}, version 1 (documented in
 * {@code docs/state-format.md}). All numbers are big-endian. The two tables are nested count-table
 * states ({@link ConfusionCounts#toBytes()}, magic {@code FWCT}), each with its own version and CRC.
 *
 * <pre>
 * magic "FWLS" (4 bytes) | version u16 = 1
 * start i64 | end i64 | pending i64 | evicted by size i64 | evicted by age i64
 *   | unmatched labels i64 | late decisions i64 | expired labels i64
 * decisions: length u32 + count-table bytes | labelled: length u32 + count-table bytes
 * CRC-32C u32 of every byte before it
 * </pre>
 *
 * Stateless and thread-safe.
 */
final class LiveSnapshotFormat {
    /** Format version written by this library. */
    static final int VERSION = 1;
    /** What the bytes are, for messages. */
    static final String STATE = "live snapshot";
    static final byte[] MAGIC = {'F', 'W', 'L', 'S'};
    /** Names of the counters in the order written, for messages. */
    static final String[] COUNTERS = {"pending", "evicted_by_size", "evicted_by_age", "unmatched_labels",
        "late_decisions", "expired_labels"};

    private LiveSnapshotFormat() {
    }

    static long[] counters(LiveSnapshot s) {
        return new long[] {s.pending(), s.evictedBySize(), s.evictedByAge(), s.unmatchedLabels(), s.lateDecisions(),
            s.expiredLabels()};
    }

    static byte[] write(LiveSnapshot s) {
        byte[] decisions = s.decisions().toBytes();
        byte[] labelled = s.labelled().toBytes();
        ByteBuffer b = ByteBuffer.allocate(6 + 8 * 8 + 8 + decisions.length + labelled.length);
        b.put(MAGIC).putShort((short) VERSION).putLong(s.start()).putLong(s.end());
        for (long c : counters(s)) {
            b.putLong(c);
        }
        b.putInt(decisions.length).put(decisions).putInt(labelled.length).put(labelled);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.capacity() + 4);
        out.writeBytes(b.array());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.capacity());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    static LiveSnapshot read(byte[] b) {
        if (b.length < 4 || !Arrays.equals(b, 0, 4, MAGIC, 0, 4)) {
            throw new StateFormatException(STATE, 0, b.length < 4
                    ? "truncated: the magic number needs 4 bytes, " + b.length + " remain"
                    : "not a Fairway live snapshot (magic number is not FWLS)");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        in.position(4);
        need(in, 2, "the format version");
        int version = in.getShort() & 0xffff;
        if (version != VERSION) {
            throw new StateFormatException(STATE, 4, "unsupported format version " + version
                    + "; this reader knows version " + VERSION);
        }
        need(in, 16, "the window bounds");
        long start = in.getLong();
        long end = in.getLong();
        long[] counters = new long[COUNTERS.length];
        for (int k = 0; k < counters.length; k++) {
            need(in, 8, "the counter " + COUNTERS[k]);
            int at = in.position();
            counters[k] = in.getLong();
            if (counters[k] < 0) {
                throw new StateFormatException(STATE, at, "the counter " + COUNTERS[k] + " is negative: "
                        + counters[k]);
            }
        }
        ConfusionCounts decisions = table(in, "decisions");
        int labelledAt = in.position();
        ConfusionCounts labelled = table(in, "labelled");
        if (!decisions.groups().equals(labelled.groups())) {
            throw new StateFormatException(STATE, labelledAt, "the labelled table's groups differ from the"
                    + " decisions table's");
        }
        int crcAt = in.position();
        need(in, 4, "the checksum");
        int stored = in.getInt();
        CRC32C crc = new CRC32C();
        crc.update(b, 0, crcAt);
        if (stored != (int) crc.getValue()) {
            throw new StateFormatException(STATE, crcAt, "checksum mismatch: the CRC-32C of bytes 0.." + (crcAt - 1)
                    + " is not the one stored; the bytes are corrupted");
        }
        if (in.hasRemaining()) {
            throw new StateFormatException(STATE, in.position(), in.remaining() + " unexpected bytes after the checksum");
        }
        return new LiveSnapshot(start, end, decisions, labelled, counters[0], counters[1], counters[2], counters[3],
                counters[4], counters[5]);
    }

    private static void need(ByteBuffer in, int n, String what) {
        if (in.remaining() < n) {
            throw new StateFormatException(STATE, in.position(), "truncated: " + what + " needs " + n + " bytes, "
                    + in.remaining() + " remain");
        }
    }

    /** A nested count table; its errors are re-thrown at their offset in these bytes. */
    private static ConfusionCounts table(ByteBuffer in, String name) {
        int at = in.position();
        need(in, 4, "the length of the " + name + " table");
        long n = in.getInt() & 0xffffffffL;
        if (n > in.remaining()) {
            throw new StateFormatException(STATE, at, "truncated: the " + name + " table's length " + n + " exceeds the "
                    + in.remaining() + " bytes that remain");
        }
        int from = in.position();
        byte[] nested = Arrays.copyOfRange(in.array(), from, from + (int) n);
        in.position(from + (int) n);
        try {
            return ConfusionCounts.fromBytes(nested);
        } catch (StateFormatException e) {
            throw new StateFormatException(STATE, from + e.offset(), "in the " + name + " table at offset " + from
                    + ": " + e.getMessage());
        }
    }
}
