package dev.fairway.guard;

/**
 * Where a {@link Guard} sends each decision and each later outcome: the file
 * {@link DecisionLog} is one implementation; a service may plug in another (a message broker, a
 * database) with {@link Guard.Builder#sink(DecisionSink)}.
 *
 * <p><b>Contract.</b> {@link #decision} and {@link #outcome} are called on the deciding thread,
 * inside the guarded call: they must not block for long and should not allocate per call. They
 * read the {@link Decision} holder before returning (it is reused by the caller afterwards) and
 * may keep its strings and its withheld array by reference (both are immutable). They return
 * {@code false} for a record the sink dropped; a sink that drops must count every dropped record
 * and say so (the file log counts them in {@link DecisionLog#dropped()} and logs a warning), never
 * lose one silently. A sink that cannot take a record at all (closed, failed) throws
 * {@link IllegalStateException}; the guard passes that to its caller after the decision is
 * counted.
 *
 * <p><b>Acknowledgement</b> is defined by each implementation and must be stated in its
 * documentation: what a record returned from {@code decision} means, and what {@link #flush()}
 * returning means (for {@link DecisionLog}: in its ring on return; written, and under
 * {@link dev.fairway.consent.log.FsyncPolicy#GROUP_COMMIT} forced to the device, when a later {@code flush()}
 * returns).
 *
 * <p>Thread-safety: implementations must be safe for concurrent use by every deciding thread.
 */
public interface DecisionSink {
    /**
     * Takes one decision.
     *
     * @param decision the decision as the guard made it (read before returning)
     * @return false if the record was dropped (and counted)
     * @throws IllegalStateException if the sink is closed or failed
     */
    boolean decision(Decision decision);

    /**
     * Takes the outcome of an earlier decision.
     *
     * @param id the decision's id
     * @param time when the outcome arrived, milliseconds since the epoch
     * @param label the outcome
     * @return false if the record was dropped (and counted)
     * @throws IllegalStateException if the sink is closed or failed
     */
    boolean outcome(long id, long time, boolean label);

    /**
     * Waits until every record taken before this call is acknowledged as the implementation
     * defines.
     *
     * @throws java.io.UncheckedIOException if the records cannot be acknowledged
     */
    void flush();
}
