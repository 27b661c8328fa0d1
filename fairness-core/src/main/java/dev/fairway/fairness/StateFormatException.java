package dev.fairway.fairness;

/**
 * Bytes that are not a valid serialised count table: truncated, corrupted, of an unknown format
 * version, or beyond a reading limit. Thrown by {@link ConfusionCounts#fromBytes(byte[])}; the
 * message and {@link #offset()} name the byte offset where reading stopped, so a bad file can be
 * located, and no table is ever returned from bad bytes.
 *
 * <p>Immutable and thread-safe.
 */
public final class StateFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The byte offset of the problem. */
    private final long offset;

    /**
     * Creates the exception.
     *
     * @param offset the byte offset of the problem, 0-based
     * @param message what is wrong there (the offset is prepended)
     */
    public StateFormatException(long offset, String message) {
        super("bad count table state at offset " + offset + ": " + message);
        this.offset = offset;
    }

    /**
     * Returns the byte offset (0-based) where the problem was found.
     *
     * @return the offset
     */
    public long offset() {
        return offset;
    }
}
