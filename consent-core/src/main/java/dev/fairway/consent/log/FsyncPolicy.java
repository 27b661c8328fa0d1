package dev.fairway.consent.log;

/**
 * When a checked log (the consent ledger's {@code JsonLinesConsentStore}, the audit sink's
 * {@code JsonLinesAuditSink}, the guard's {@code DecisionLog}) forces appended lines to the storage
 * device.
 *
 * <p>The ledger and the audit sink acknowledge a record when {@code append}/{@code write} returns. The
 * decision log acknowledges a record when a {@code flush()} called after its append returns: its one
 * writer thread writes batches, and under {@link #EVERY_APPEND} and {@link #GROUP_COMMIT} alike it forces
 * each batch once before any {@code flush()} waiting for it returns (a group commit with the batch as the
 * group; no decision is acknowledged before that force, so the two policies mean the same there).
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum FsyncPolicy {
    /** Before {@code append} returns: an acknowledged record survives a power cut. Slowest. */
    EVERY_APPEND,
    /**
     * Group commit: each append returns only once its line is on the device, as with {@link #EVERY_APPEND},
     * but appends from many threads that arrive while a sync is running share the next sync. One thread
     * sees the latency of {@link #EVERY_APPEND}; many threads see many appends per sync.
     */
    GROUP_COMMIT,
    /**
     * Only on {@code close} (and when the operating system flushes): a crash of the machine may lose
     * the last acknowledged records, a crash of the process loses nothing.
     */
    ON_CLOSE;

    /**
     * Returns whether this policy forces lines before they are acknowledged.
     *
     * @return true for {@link #EVERY_APPEND} and {@link #GROUP_COMMIT}
     */
    public boolean forcesBeforeAcknowledging() {
        return this != ON_CLOSE;
    }
}
