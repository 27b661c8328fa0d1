package dev.fairway.io;

import java.util.Objects;

/**
 * Where in an input something is wrong: the source (a file name, or a description such as
 * {@code "catalogue"}), the line and column, both 1-based, and the byte offset from the start of the
 * source, 0-based as offsets are. A coordinate that is not known is {@code 0} for line and column and
 * {@code -1} for the byte offset; {@link #toString()} leaves it out.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source     what was read, never blank
 * @param line       the 1-based line (or record, or row), 0 when not known
 * @param column     the 1-based column (character or field), 0 when not known
 * @param byteOffset the 0-based byte offset, -1 when not known
 */
public record InputPosition(String source, long line, long column, long byteOffset) {
    /**
     * Validates the position.
     *
     * @throws IllegalArgumentException if the source is blank, a coordinate is negative, or the byte
     *         offset is below -1
     */
    public InputPosition {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column are 1-based (0 when not known), got line " + line
                    + ", column " + column);
        }
        if (byteOffset < -1) {
            throw new IllegalArgumentException("byteOffset is 0-based (-1 when not known), got " + byteOffset);
        }
    }

    /**
     * A position with all coordinates.
     *
     * @param source     what was read
     * @param line       the 1-based line, 0 when not known
     * @param column     the 1-based column, 0 when not known
     * @param byteOffset the 0-based byte offset, -1 when not known
     * @return the position
     */
    public static InputPosition of(String source, long line, long column, long byteOffset) {
        return new InputPosition(source, line, column, byteOffset);
    }

    /**
     * A position at a line of a source.
     *
     * @param source what was read
     * @param line   the 1-based line
     * @return the position, column and byte offset not known
     */
    public static InputPosition line(String source, long line) {
        return new InputPosition(source, line, 0, -1);
    }

    /**
     * A position that names only the source.
     *
     * @param source what was read
     * @return the position, no coordinate known
     */
    public static InputPosition source(String source) {
        return new InputPosition(source, 0, 0, -1);
    }

    /**
     * Returns the position as a person reads it, for example {@code "loans.csv, line 4, column 2"} or
     * {@code "ledger.jsonl, line 9 (byte 811)"}.
     *
     * @return the words
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(", line ").append(line);
        }
        if (column > 0) {
            sb.append(", column ").append(column);
        }
        if (byteOffset >= 0) {
            sb.append(" (byte ").append(byteOffset).append(')');
        }
        return sb.toString();
    }
}
