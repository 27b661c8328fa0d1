package dev.fairway.consent.filter;

/**
 * Where decision records go: implement this for your own log pipeline.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use.
 */
public interface AuditSink extends AutoCloseable {

    /**
     * Writes one record.
     *
     * @param record the record
     * @throws java.io.UncheckedIOException if the record cannot be written
     */
    void write(DecisionRecord record);

    /** Flushes and releases resources. */
    @Override
    void close();
}
