package dev.fairway.consent.log;

/**
 * How a checked log treats damaged lines when it is opened or read, after the recovery modes of
 * RocksDB's write-ahead log. Each line is {@code <crc32c> <sequence> <body>\n} (see
 * {@link CheckedLog}).
 *
 * <p>Three kinds of trouble are told apart:
 * <ul>
 *   <li>a <b>torn tail</b>: the bytes after the last newline are a prefix of a valid line with the next
 *       sequence number, possibly followed by zero bytes: what a crash in the middle of an append leaves.
 *       Such a line was never acknowledged;</li>
 *   <li><b>damage</b>: a whole line (ending in a newline) with a wrong checksum, a body that does not
 *       parse, a sequence number other than the next one (a line deleted, duplicated or moved), or a
 *       tail that is not a prefix of a valid line (its newline was overwritten). A crash cannot make
 *       these: the bytes were once written whole and were changed since;</li>
 *   <li>a <b>lost newline</b>: damage where two valid lines run together because the byte between them
 *       was changed; named as such in the message.</li>
 * </ul>
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum RecoveryMode {
    /**
     * The default: a torn tail is never loaded; it is reported and (when the file is opened for
     * appending) cut off. Any damage, on the last line too, refuses to open with an
     * {@link IllegalStateException} naming the file, line and byte offset: a damaged acknowledged record
     * (a withdrawal of consent, say) fails closed instead of disappearing.
     */
    TOLERATE_TORN_TAIL,
    /**
     * Any trouble refuses to open, a torn tail included: for files that must have been closed cleanly
     * (an archived log, a copy received from elsewhere).
     */
    ABSOLUTE_CONSISTENCY,
    /**
     * Every damaged line is skipped and reported, and every good line is loaded: for reading what can
     * be read out of a damaged file. Two lines run together by a lost newline are both loaded; a gap in
     * the sequence numbers is reported and the lines after it are loaded; a line whose sequence number
     * repeats or goes back is skipped. A torn tail is cut off as in {@link #TOLERATE_TORN_TAIL}; damaged
     * lines before it stay in the file (evidence is never rewritten) and are skipped again on the next
     * salvage open.
     */
    SALVAGE
}
