package dev.fairway.guard.monitor;

/**
 * Told of what a {@link FairnessMonitor} sees: every state transition, and every closed window's
 * rule values. Called on the thread that runs {@link FairnessMonitor#check}, while the monitor
 * holds its lock; an exception thrown here propagates to that caller after the state has changed.
 *
 * <p>Implementations must be thread-safe if one listener serves several monitors.
 */
public interface MonitorListener {
    /**
     * Called after the monitor changes state.
     *
     * @param alert the transition and its evidence
     */
    void onTransition(Alert alert);

    /**
     * Called once for each closed window the monitor evaluates; does nothing by default.
     *
     * @param window the window and its rule values
     */
    default void onWindow(WindowResult window) {
    }
}
