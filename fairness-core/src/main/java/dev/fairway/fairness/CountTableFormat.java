package dev.fairway.fairness;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The binary state format of {@link ConfusionCounts}, version 1 (documented in
 * {@code docs/state-format.md}). All numbers are big-endian.
 *
 * <pre>
 * magic "FWCT" (4 bytes) | version u16 = 1 | flags u8 (bit 0: weighted)
 * column count u16 | per column: name (string)
 * per column: level count u32, then each level (tagged value), in the canonical sort order
 * group count u32 | per group, per column: level index u32 (groups in canonical order)
 * per group: 4 counts i64 (TN, FP, FN, TP)
 * if weighted, per group: 4 x (hi f64, lo f64) (TN, FP, FN, TP)
 * CRC-32C u32 of every byte before it
 * string = length u32 + UTF-8 bytes; tagged value = tag u8 + payload (see TAG_*)
 * </pre>
 *
 * Stateless and thread-safe.
 */
final class CountTableFormat {
    /** Format version written by this library. */
    static final int VERSION = 1;
    /** The most columns a table may have when read. */
    static final int MAX_COLUMNS = 256;
    /** The most bytes of one string (a column name, a string value, a number's bytes). */
    static final int MAX_STRING_BYTES = 65_536;
    /** The most groups a table may have when read. */
    static final int MAX_GROUPS = 16_777_216;

    static final byte[] MAGIC = {'F', 'W', 'C', 'T'};

    static final int TAG_STRING = 1;
    static final int TAG_BOOLEAN = 2;
    static final int TAG_BYTE = 3;
    static final int TAG_SHORT = 4;
    static final int TAG_INT = 5;
    static final int TAG_LONG = 6;
    static final int TAG_FLOAT = 7;
    static final int TAG_DOUBLE = 8;
    static final int TAG_CHAR = 9;
    static final int TAG_BIG_INTEGER = 10;
    static final int TAG_BIG_DECIMAL = 11;
    static final int TAG_DATE = 12;

    /** The types the format carries, for messages. */
    static final String SUPPORTED = "String, Boolean, Byte, Short, Integer, Long, Float, Double, Character, BigInteger,"
            + " BigDecimal, LocalDate";

    private CountTableFormat() {
    }

    /** The tag of a group value, or an exception naming the column and the type. */
    static int tag(String column, Object v) {
        if (v instanceof String) {
            return TAG_STRING;
        } else if (v instanceof Boolean) {
            return TAG_BOOLEAN;
        } else if (v instanceof Byte) {
            return TAG_BYTE;
        } else if (v instanceof Short) {
            return TAG_SHORT;
        } else if (v instanceof Integer) {
            return TAG_INT;
        } else if (v instanceof Long) {
            return TAG_LONG;
        } else if (v instanceof Float) {
            return TAG_FLOAT;
        } else if (v instanceof Double) {
            return TAG_DOUBLE;
        } else if (v instanceof Character) {
            return TAG_CHAR;
        } else if (v instanceof BigInteger) {
            return TAG_BIG_INTEGER;
        } else if (v instanceof BigDecimal) {
            return TAG_BIG_DECIMAL;
        } else if (v instanceof LocalDate) {
            return TAG_DATE;
        }
        throw new IllegalArgumentException("group value '" + v + "' of column '" + column + "' is a "
                + v.getClass().getName() + ", which the count table state format does not carry; supported types are "
                + SUPPORTED + " (map enums and records to one of these, e.g. Enum::name)");
    }

    static byte[] write(ConfusionCounts t) {
        GroupIndex index = t.groups();
        List<String> columns = index.columns();
        Out out = new Out();
        out.bytes(MAGIC);
        out.u16(VERSION);
        out.u8(t.weighted() ? 1 : 0);
        out.u16(columns.size());
        for (String c : columns) {
            out.string(c);
        }
        for (int c = 0; c < columns.size(); c++) {
            List<Object> levels = index.levelsAt(c);
            out.u32(levels.size());
            for (Object v : levels) {
                value(out, columns.get(c), v);
            }
        }
        int groups = index.size();
        out.u32(groups);
        for (int g = 0; g < groups; g++) {
            for (int c = 0; c < columns.size(); c++) {
                out.u32(index.levelOf(c, g));
            }
        }
        for (long count : t.countArray()) {
            out.i64(count);
        }
        if (t.weighted()) {
            double[] hi = t.hiArray();
            double[] lo = t.loArray();
            for (int j = 0; j < hi.length; j++) {
                if (!Double.isFinite(hi[j]) || !Double.isFinite(lo[j])) {
                    throw new IllegalArgumentException("group " + index.group(j / 4) + " has a weighted sum that"
                            + " overflowed (" + hi[j] + "); it cannot be written");
                }
                out.i64(Double.doubleToRawLongBits(hi[j]));
                out.i64(Double.doubleToRawLongBits(lo[j]));
            }
        }
        byte[] body = out.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body, 0, body.length);
        out.u32((int) crc.getValue());
        return out.toByteArray();
    }

    private static void value(Out out, String column, Object v) {
        int tag = tag(column, v);
        out.u8(tag);
        switch (tag) {
            case TAG_STRING -> out.string((String) v);
            case TAG_BOOLEAN -> out.u8((Boolean) v ? 1 : 0);
            case TAG_BYTE -> out.u8((Byte) v);
            case TAG_SHORT -> out.u16((Short) v);
            case TAG_INT -> out.u32((Integer) v);
            case TAG_LONG -> out.i64((Long) v);
            case TAG_FLOAT -> out.u32(Float.floatToRawIntBits((Float) v));
            case TAG_DOUBLE -> out.i64(Double.doubleToRawLongBits((Double) v));
            case TAG_CHAR -> out.u16((Character) v);
            case TAG_BIG_INTEGER -> out.blob(((BigInteger) v).toByteArray(), column);
            case TAG_BIG_DECIMAL -> {
                BigDecimal d = (BigDecimal) v;
                out.u32(d.scale());
                out.blob(d.unscaledValue().toByteArray(), column);
            }
            case TAG_DATE -> out.i64(((LocalDate) v).toEpochDay());
            default -> throw new AssertionError(tag);
        }
    }

    static ConfusionCounts read(byte[] bytes) {
        In in = new In(bytes);
        in.need(4, "the magic number");
        if (!Arrays.equals(bytes, 0, 4, MAGIC, 0, 4)) {
            throw new StateFormatException(0, "not a Fairway count table (magic number is not FWCT)");
        }
        in.pos = 4;
        int version = in.u16("the format version");
        if (version != VERSION) {
            throw new StateFormatException(4, "unsupported format version " + version + "; this reader knows version "
                    + VERSION);
        }
        int flags = in.u8("the flags");
        if ((flags & ~1) != 0) {
            throw new StateFormatException(6, "unknown flags 0x" + Integer.toHexString(flags));
        }
        boolean weighted = (flags & 1) != 0;
        long at = in.pos;
        int cols = in.u16("the column count");
        if (cols < 1 || cols > MAX_COLUMNS) {
            throw new StateFormatException(at, "column count " + cols + " is outside 1.." + MAX_COLUMNS);
        }
        List<String> columns = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            at = in.pos;
            String name = in.string("the name of column " + c);
            if (columns.contains(name)) {
                throw new StateFormatException(at, "column '" + name + "' is named twice");
            }
            columns.add(name);
        }
        List<List<Object>> levels = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            long start = in.pos;
            // every level takes at least 2 bytes, so the count cannot ask for more than the input holds
            int k = in.count("the level count of column '" + columns.get(c) + "'", 2, MAX_GROUPS);
            List<Object> lv = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                lv.add(in.value(columns.get(c)));
            }
            List<Object> sorted = new ArrayList<>(lv);
            try {
                Levels.sort(sorted);
                Levels.checkDistinctText(columns.get(c), sorted);
            } catch (RuntimeException e) {
                throw new StateFormatException(start, "levels of column '" + columns.get(c) + "' are invalid: "
                        + e.getMessage());
            }
            if (!sorted.equals(lv) || new HashSet<>(lv).size() != k) {
                throw new StateFormatException(start, "levels of column '" + columns.get(c)
                        + "' are not distinct and in canonical order");
            }
            levels.add(lv);
        }
        int perGroup = 4 * cols + 32 + (weighted ? 64 : 0);
        long groupsAt = in.pos;
        int groups = in.count("the group count", perGroup, MAX_GROUPS);
        int[][] levelOf = new int[cols][groups];
        boolean[][] used = new boolean[cols][];
        for (int c = 0; c < cols; c++) {
            used[c] = new boolean[levels.get(c).size()];
        }
        int[] previous = null;
        int[] tuple = new int[cols];
        for (int g = 0; g < groups; g++) {
            long start = in.pos;
            for (int c = 0; c < cols; c++) {
                long p = in.pos;
                int level = in.u32("a level index");
                if (level < 0 || level >= levels.get(c).size()) {
                    throw new StateFormatException(p, "group " + g + " has level index " + Integer.toUnsignedString(level)
                            + " in column '" + columns.get(c) + "', which has " + levels.get(c).size() + " levels");
                }
                tuple[c] = level;
                levelOf[c][g] = level;
                used[c][level] = true;
            }
            if (previous != null && Arrays.compare(previous, tuple) >= 0) {
                throw new StateFormatException(start, "group " + g + " is not after group " + (g - 1)
                        + " in canonical order");
            }
            previous = tuple.clone();
        }
        for (int c = 0; c < cols; c++) {
            for (int j = 0; j < used[c].length; j++) {
                if (!used[c][j]) {
                    throw new StateFormatException(groupsAt, "level " + j + " of column '" + columns.get(c)
                            + "' belongs to no group");
                }
            }
        }
        GroupIndex index = new GroupIndex(columns, levels, levelOf);
        long[] counts = new long[4 * groups];
        for (int g = 0; g < groups; g++) {
            // a group may have no rows: a declared group not seen yet (live-count windows)
            for (int k = 0; k < 4; k++) {
                long p = in.pos;
                long v = in.i64("a count");
                if (v < 0) {
                    throw new StateFormatException(p, "group " + g + " has a negative count " + v);
                }
                counts[4 * g + k] = v;
            }
        }
        double[] hi = new double[4 * groups];
        double[] lo = new double[4 * groups];
        for (int j = 0; j < hi.length; j++) {
            if (weighted) {
                long p = in.pos;
                hi[j] = Double.longBitsToDouble(in.i64("a weighted sum"));
                lo[j] = Double.longBitsToDouble(in.i64("a weighted sum"));
                if (!Double.isFinite(hi[j]) || !Double.isFinite(lo[j]) || hi[j] < 0 || hi[j] + lo[j] != hi[j]
                        || counts[j] == 0 && (hi[j] != 0 || lo[j] != 0)) {
                    throw new StateFormatException(p, "group " + j / 4 + " has an invalid weighted sum (" + hi[j]
                            + ", " + lo[j] + ") for " + counts[j] + " rows");
                }
            } else {
                hi[j] = counts[j];
            }
        }
        long crcAt = in.pos;
        int stored = in.u32("the checksum");
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, (int) crcAt);
        if (stored != (int) crc.getValue()) {
            throw new StateFormatException(crcAt, "checksum mismatch: the CRC-32C of bytes 0.." + (crcAt - 1)
                    + " is not the one stored; the bytes are corrupted");
        }
        if (in.pos != bytes.length) {
            throw new StateFormatException(in.pos, (bytes.length - in.pos) + " unexpected bytes after the checksum");
        }
        return ConfusionCounts.ofValidated(index, counts, hi, lo, weighted);
    }

    /** A growing big-endian output. */
    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(256);
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            write(v >>> 8);
            write(v);
        }

        void u32(int v) {
            u16(v >>> 16);
            u16(v);
        }

        void i64(long v) {
            u32((int) (v >>> 32));
            u32((int) v);
        }

        void string(String s) {
            blob(s.getBytes(StandardCharsets.UTF_8), s);
        }

        void blob(byte[] b, String what) {
            if (b.length > MAX_STRING_BYTES) {
                throw new IllegalArgumentException("'" + what.substring(0, Math.min(40, what.length())) + "...' takes "
                        + b.length + " bytes; the state format allows " + MAX_STRING_BYTES);
            }
            u32(b.length);
            bytes(b);
        }
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
                throw new StateFormatException(pos, "truncated: " + what + " needs " + n + " bytes, "
                        + (b.length - pos) + " remain");
            }
        }

        int u8(String what) {
            need(1, what);
            return b[pos++] & 0xff;
        }

        int u16(String what) {
            need(2, what);
            int v = (b[pos] & 0xff) << 8 | b[pos + 1] & 0xff;
            pos += 2;
            return v;
        }

        int u32(String what) {
            need(4, what);
            int v = (b[pos] & 0xff) << 24 | (b[pos + 1] & 0xff) << 16 | (b[pos + 2] & 0xff) << 8 | b[pos + 3] & 0xff;
            pos += 4;
            return v;
        }

        long i64(String what) {
            need(8, what);
            long v = (long) u32(what) << 32;
            return v | u32(what) & 0xffffffffL;
        }

        /** A count of items of at least {@code minBytes} each, bounded by the limit and the input left. */
        int count(String what, int minBytes, int limit) {
            long at = pos;
            long n = u32(what) & 0xffffffffL;
            if (n > limit) {
                throw new StateFormatException(at, what + " " + n + " exceeds the limit of " + limit);
            }
            if (n * minBytes > b.length - pos) {
                throw new StateFormatException(at, "truncated: " + what + " " + n + " needs at least " + n * minBytes
                        + " bytes, " + (b.length - pos) + " remain");
            }
            return (int) n;
        }

        byte[] blob(String what) {
            long at = pos;
            long n = u32(what) & 0xffffffffL;
            if (n > MAX_STRING_BYTES) {
                throw new StateFormatException(at, what + " has length " + n + ", over the limit of " + MAX_STRING_BYTES);
            }
            need((int) n, what);
            byte[] out = Arrays.copyOfRange(b, pos, pos + (int) n);
            pos += (int) n;
            return out;
        }

        String string(String what) {
            long at = pos;
            byte[] raw = blob(what);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
            } catch (CharacterCodingException e) {
                throw new StateFormatException(at, what + " is not valid UTF-8");
            }
        }

        Object value(String column) {
            long at = pos;
            int tag = u8("a value tag in column '" + column + "'");
            String what = "a value in column '" + column + "'";
            switch (tag) {
                case TAG_STRING:
                    return string(what);
                case TAG_BOOLEAN: {
                    int v = u8(what);
                    if (v > 1) {
                        throw new StateFormatException(at + 1, "boolean byte " + v + " is neither 0 nor 1");
                    }
                    return v == 1;
                }
                case TAG_BYTE:
                    return (byte) u8(what);
                case TAG_SHORT:
                    return (short) u16(what);
                case TAG_INT:
                    return u32(what);
                case TAG_LONG:
                    return i64(what);
                case TAG_FLOAT:
                    return Float.intBitsToFloat(u32(what));
                case TAG_DOUBLE:
                    return Double.longBitsToDouble(i64(what));
                case TAG_CHAR:
                    return (char) u16(what);
                case TAG_BIG_INTEGER:
                    return bigInteger(what);
                case TAG_BIG_DECIMAL: {
                    int scale = u32(what);
                    return new BigDecimal(bigInteger(what), scale);
                }
                case TAG_DATE: {
                    long p = pos;
                    long day = i64(what);
                    try {
                        return LocalDate.ofEpochDay(day);
                    } catch (DateTimeException e) {
                        throw new StateFormatException(p, "epoch day " + day + " is not a date");
                    }
                }
                default:
                    throw new StateFormatException(at, "unknown value tag " + tag + " in column '" + column + "'");
            }
        }

        private BigInteger bigInteger(String what) {
            long at = pos;
            byte[] raw = blob(what);
            if (raw.length == 0) {
                throw new StateFormatException(at, what + " has an empty integer");
            }
            BigInteger v = new BigInteger(raw);
            if (!Arrays.equals(v.toByteArray(), raw)) {
                throw new StateFormatException(at, what + " has a non-minimal integer encoding");
            }
            return v;
        }
    }
}
