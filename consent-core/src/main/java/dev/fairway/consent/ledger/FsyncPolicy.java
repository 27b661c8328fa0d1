package dev.fairway.consent.ledger;

/**
 * When {@link JsonLinesConsentStore} and {@link dev.fairway.consent.filter.JsonLinesAuditSink} force appended lines to the storage device.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum FsyncPolicy {
    /** Before {@code append} returns: an acknowledged event survives a power cut. Slowest. */
    EVERY_APPEND,
    /**
     * Group commit: each append returns only once its line is on the device, as with {@link #EVERY_APPEND},
     * but appends from many threads that arrive while a sync is running share the next sync. One thread
     * sees the latency of {@link #EVERY_APPEND}; many threads see many appends per sync.
     */
    GROUP_COMMIT,
    /**
     * Only on {@code close} (and when the operating system flushes): a crash of the machine may lose
     * the last acknowledged events, a crash of the process loses nothing.
     */
    ON_CLOSE
}
