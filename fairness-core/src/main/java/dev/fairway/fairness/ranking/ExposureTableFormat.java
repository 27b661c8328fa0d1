package dev.fairway.fairness.ranking;

import dev.fairway.fairness.StateFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary state format of {@link ExposureTable}, version 1 (documented in
 * {@code docs/state-format.md}). All numbers are big-endian.
 *
 * <pre>
 * magic "FWET" (4 bytes) | version u16 = 1 | flags u8 (bit 0: relevance recorded)
 * list count i64 | group count u32
 * per group, sorted by name: name (u32 length + UTF-8) | lists i64 | items i64
 *   | mean exposure (whole i64, fraction i64) | exposure (whole, fraction) | relevance (whole, fraction)
 * CRC-32C u32 of every byte before it
 * </pre>
 *
 * A fixed-point sum is whole + fraction / 2<sup>62</sup>, with whole &gt;= 0 and fraction in
 * [0, 2<sup>62</sup>). Stateless and thread-safe.
 */
final class ExposureTableFormat {
    /** Format version written by this library. */
    static final int VERSION = 1;
    /** The most bytes of a group name. */
    static final int MAX_NAME_BYTES = 65_536;
    /** The most groups a table may have. */
    static final int MAX_GROUPS = 16_777_216;
    /** What the bytes are, for messages. */
    static final String STATE = "exposure table";

    static final byte[] MAGIC = {'F', 'W', 'E', 'T'};
    /** Names of the words of a group's state, for messages. */
    static final String[] WORDS = {"lists", "items", "mean exposure (whole)", "mean exposure (fraction)",
        "exposure (whole)", "exposure (fraction)", "relevance (whole)", "relevance (fraction)"};

    private ExposureTableFormat() {
    }

    static byte[] write(ExposureTable t) {
        List<String> groups = t.groups();
        if (groups.size() > MAX_GROUPS) {
            throw new IllegalArgumentException("the table has " + groups.size() + " groups; the state format allows "
                    + MAX_GROUPS);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 80 * groups.size());
        ByteBuffer fixed = ByteBuffer.allocate(8 * ExposureTable.STATE_WORDS);
        out.writeBytes(MAGIC);
        out.writeBytes(ByteBuffer.allocate(15).putShort((short) VERSION).put((byte) (t.hasRelevance() ? 1 : 0))
                .putLong(t.lists()).putInt(groups.size()).array());
        for (String g : groups) {
            byte[] name = g.getBytes(StandardCharsets.UTF_8);
            if (name.length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("group name '" + g.substring(0, 40) + "...' takes " + name.length
                        + " bytes; the state format allows " + MAX_NAME_BYTES);
            }
            out.writeBytes(ByteBuffer.allocate(4).putInt(name.length).array());
            out.writeBytes(name);
            fixed.clear();
            for (long w : t.state(g)) {
                fixed.putLong(w);
            }
            out.writeBytes(fixed.array());
        }
        CRC32C crc = new CRC32C();
        byte[] body = out.toByteArray();
        crc.update(body, 0, body.length);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }

    /**
     * Checks one group's state words; returns what is wrong with the word at the returned
     * index, or null when the state is valid. Shared by the binary and the JSON reader.
     */
    static String invalid(long[] s, long totalLists, boolean relevance) {
        if (s[0] < 1 || s[0] > totalLists) {
            return "lists " + s[0] + " must be in 1.." + totalLists + " (the table's list count)";
        }
        if (s[1] < s[0]) {
            return "items " + s[1] + " must be at least the group's lists " + s[0];
        }
        for (int k = 2; k < ExposureTable.STATE_WORDS; k += 2) {
            if (s[k] < 0) {
                return WORDS[k] + " " + s[k] + " is negative";
            }
            if (s[k + 1] < 0 || s[k + 1] >= FixedSum.ONE) {
                return WORDS[k + 1] + " " + s[k + 1] + " is outside 0..2^62-1";
            }
        }
        if (!relevance && (s[6] != 0 || s[7] != 0)) {
            return "relevance is not zero but the table recorded no relevance";
        }
        return null;
    }

    /** Index of the word {@link #invalid} complains about (for offsets), from its message. */
    static int wordOf(String message) {
        for (int k = WORDS.length - 1; k >= 0; k--) {
            if (message.startsWith(WORDS[k])) {
                return k;
            }
        }
        return 6;
    }

    static ExposureTable read(byte[] b) {
        In in = new In(b);
        in.need(4, "the magic number");
        if (!Arrays.equals(b, 0, 4, MAGIC, 0, 4)) {
            throw new StateFormatException(STATE, 0, "not a Fairway exposure table (magic number is not FWET)");
        }
        in.pos = 4;
        int version = in.u16("the format version");
        if (version != VERSION) {
            throw new StateFormatException(STATE, 4, "unsupported format version " + version
                    + "; this reader knows version " + VERSION);
        }
        int flags = in.u8("the flags");
        if ((flags & ~1) != 0) {
            throw new StateFormatException(STATE, 6, "unknown flags 0x" + Integer.toHexString(flags));
        }
        boolean relevance = (flags & 1) != 0;
        long totalLists = in.i64("the list count");
        if (totalLists < 0) {
            throw new StateFormatException(STATE, 7, "negative list count " + totalLists);
        }
        if (relevance && totalLists == 0) {
            throw new StateFormatException(STATE, 6, "relevance is flagged but no list was recorded");
        }
        long at = in.pos;
        long n = in.u32("the group count") & 0xffffffffL;
        if (n > MAX_GROUPS) {
            throw new StateFormatException(STATE, at, "the group count " + n + " exceeds the limit of " + MAX_GROUPS);
        }
        long minBytes = 4 + 8L * ExposureTable.STATE_WORDS;
        if (n * minBytes > b.length - in.pos) {
            throw new StateFormatException(STATE, at, "truncated: the group count " + n + " needs at least "
                    + n * minBytes + " bytes, " + (b.length - in.pos) + " remain");
        }
        if ((n == 0) != (totalLists == 0)) {
            throw new StateFormatException(STATE, at, n + " groups for " + totalLists
                    + " lists; every list has a group and every group a list");
        }
        List<String> names = new ArrayList<>((int) n);
        long[][] states = new long[(int) n][];
        long listSum = 0;
        for (int g = 0; g < n; g++) {
            long nameAt = in.pos;
            String name = in.string("the name of group " + g);
            if (g > 0 && names.get(g - 1).compareTo(name) >= 0) {
                throw new StateFormatException(STATE, nameAt, "group '" + name + "' is not after group '"
                        + names.get(g - 1) + "' in name order");
            }
            long stateAt = in.pos;
            long[] s = new long[ExposureTable.STATE_WORDS];
            for (int k = 0; k < s.length; k++) {
                s[k] = in.i64("the " + WORDS[k] + " of group '" + name + "'");
            }
            String bad = invalid(s, totalLists, relevance);
            if (bad != null) {
                throw new StateFormatException(STATE, stateAt + 8L * wordOf(bad), "group '" + name + "': " + bad);
            }
            listSum = Math.min(Long.MAX_VALUE / 2, listSum + s[0]);
            names.add(name);
            states[g] = s;
        }
        if (listSum < totalLists) {
            throw new StateFormatException(STATE, 7, "the list count " + totalLists
                    + " is more than the groups' lists add up to (" + listSum + ")");
        }
        long crcAt = in.pos;
        int stored = in.u32("the checksum");
        CRC32C crc = new CRC32C();
        crc.update(b, 0, (int) crcAt);
        if (stored != (int) crc.getValue()) {
            throw new StateFormatException(STATE, crcAt, "checksum mismatch: the CRC-32C of bytes 0.." + (crcAt - 1)
                    + " is not the one stored; the bytes are corrupted");
        }
        if (in.pos != b.length) {
            throw new StateFormatException(STATE, in.pos, (b.length - in.pos) + " unexpected bytes after the checksum");
        }
        return ExposureTable.restore(totalLists, relevance, names, states);
    }

    /** A bounds-checked big-endian reader whose errors name the offset. */
    private static final class In {
        final byte[] b;
        int pos;

        In(byte[] b) {
            this.b = b;
        }

        void need(int n, String what) {
            if (b.length - pos < n) {
                throw new StateFormatException(STATE, pos, "truncated: " + what + " needs " + n + " bytes, "
                        + (b.length - pos) + " remain");
            }
        }

        int u8(String what) {
            need(1, what);
            return b[pos++] & 0xff;
        }

        int u16(String what) {
            need(2, what);
            int v = ByteBuffer.wrap(b, pos, 2).getShort() & 0xffff;
            pos += 2;
            return v;
        }

        int u32(String what) {
            need(4, what);
            int v = ByteBuffer.wrap(b, pos, 4).getInt();
            pos += 4;
            return v;
        }

        long i64(String what) {
            need(8, what);
            long v = ByteBuffer.wrap(b, pos, 8).getLong();
            pos += 8;
            return v;
        }

        String string(String what) {
            long at = pos;
            long n = u32(what) & 0xffffffffL;
            if (n > MAX_NAME_BYTES) {
                throw new StateFormatException(STATE, at, what + " has length " + n + ", over the limit of "
                        + MAX_NAME_BYTES);
            }
            need((int) n, what);
            try {
                String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, pos, (int) n))
                        .toString();
                pos += (int) n;
                return s;
            } catch (CharacterCodingException e) {
                throw new StateFormatException(STATE, at, what + " is not valid UTF-8");
            }
        }
    }
}
