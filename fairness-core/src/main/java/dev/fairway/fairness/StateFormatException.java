package dev.fairway.fairness;

/**
 * Bytes that are not valid serialised state: truncated, corrupted, of an unknown format version,
 * or beyond a reading limit. Thrown by {@link ConfusionCounts#fromBytes(byte[])} and by the
 * readers of the other state formats (the ranking exposure table, live-count snapshots); the
 * message and {@link #offset()} name the byte offset where reading stopped, so a bad file can be
 * located, and no value is ever returned from bad bytes.
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
        this("count table", offset, message);
    }

    /**
     * Creates the exception for a named kind of state.
     *
     * @param state what the bytes should have been, such as {@code "exposure table"}
     * @param offset the byte offset of the problem, 0-based
     * @param message what is wrong there (the state and the offset are prepended)
     */
    public StateFormatException(String state, long offset, String message) {
        super("bad " + state + " state at offset " + offset + ": " + message);
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
