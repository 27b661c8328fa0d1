package dev.fairway.guard.monitor;

/**
 * The states of a {@link FairnessMonitor}, in rising severity: the playbook's steps.
 *
 * <p>Thread-safe (an enum).
 */
public enum MonitorState {
    /** No rule has tripped: the primary model serves. */
    OK,
    /** A rule has tripped: the primary model still serves, and people are told. Clears by itself. */
    WARN,
    /** Route to the registered fallback model. Leaves only by {@link FairnessMonitor#resume(long, long)}. */
    FALLBACK,
    /** Answer with the non-personalised default. Leaves only by {@link FairnessMonitor#resume(long, long)}. */
    PAUSED;

    /**
     * Returns whether only {@link FairnessMonitor#resume(long, long)} leaves this state.
     *
     * @return true for {@link #FALLBACK} and {@link #PAUSED}
     */
    public boolean sticky() {
        return this == FALLBACK || this == PAUSED;
    }
}
