package dev.fairway.consent.log;

import java.util.Objects;

/**
 * A damaged or missing stretch of a checked log found when it was opened or read: the torn tail (a
 * crash in the middle of an append), or in {@link RecoveryMode#SALVAGE} a damaged line skipped, two
 * lines run together by a lost newline, or a gap or repeat in the sequence numbers.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param offset the byte offset where the damaged stretch starts (for a torn tail, the file's new length)
 * @param length the number of bytes left out (0 for a gap in the sequence numbers, where nothing is left out)
 * @param line   the 1-based line number of the damaged line
 * @param reason what was wrong with it, in words for a person
 */
public record Recovery(long offset, long length, long line, String reason) {
    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException if the offset or length is negative or the line below 1
     * @throws NullPointerException     if the reason is null
     */
    public Recovery {
        Objects.requireNonNull(reason, "reason");
        if (offset < 0 || length < 0 || line < 1) {
            throw new IllegalArgumentException("offset and length must be >= 0 and line >= 1, got offset " + offset
                    + ", length " + length + ", line " + line);
        }
    }

    /**
     * Makes a recovery record.
     *
     * @param offset the byte offset
     * @param length the bytes left out
     * @param line   the 1-based line number
     * @param reason what was wrong
     * @return the record
     */
    public static Recovery of(long offset, long length, long line, String reason) {
        return new Recovery(offset, length, line, reason);
    }
}
