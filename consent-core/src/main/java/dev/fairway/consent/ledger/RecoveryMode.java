package dev.fairway.consent.ledger;

import dev.fairway.consent.filter.JsonLinesAuditSink;

/**
 * How {@link JsonLinesConsentStore} and {@link JsonLinesAuditSink} treat damaged lines when they open a
 * file, after the recovery modes of RocksDB's write-ahead log. A line is damaged when it has no final
 * newline, no checksum, a wrong CRC-32C, a body that does not parse, or (in the ledger) the wrong
 * sequence number. A crash in the middle of an append can only damage the <em>last</em> line (a torn
 * tail); damage followed by a good line is corruption of data that was once written whole.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum RecoveryMode {
    /**
     * The default: a damaged last line is a torn tail; it is never loaded, it is reported and (when
     * the file is opened for appending) cut off. Damage before the last line refuses to open with an
     * {@link IllegalStateException} naming the file, line and byte offset.
     */
    TOLERATE_TORN_TAIL,
    /**
     * Any damage refuses to open, a torn tail included: for files that must have been closed cleanly
     * (an archived log, a copy received from elsewhere).
     */
    ABSOLUTE_CONSISTENCY,
    /**
     * Every damaged line is skipped and reported, and every good line is loaded: for reading what can
     * be read out of a corrupted file. A torn tail is cut off as in {@link #TOLERATE_TORN_TAIL}; damaged
     * lines before it stay in the file (evidence is never rewritten) and are skipped again on the next
     * salvage open. In the ledger, skipped events leave gaps in the sequence numbers.
     */
    SALVAGE
}
