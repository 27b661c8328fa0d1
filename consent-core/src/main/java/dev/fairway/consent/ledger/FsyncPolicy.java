package dev.fairway.consent.ledger;

/**
 * When {@link JsonLinesConsentStore} forces appended lines to the storage device.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum FsyncPolicy {
    /** Before {@code append} returns: an acknowledged event survives a power cut. Slowest. */
    EVERY_APPEND,
    /**
     * Only on {@code close} (and when the operating system flushes): a crash of the machine may lose
     * the last acknowledged events, a crash of the process loses nothing.
     */
    ON_CLOSE
}
