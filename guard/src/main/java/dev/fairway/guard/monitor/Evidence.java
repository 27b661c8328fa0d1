package dev.fairway.guard.monitor;

/**
 * What a {@link FairnessMonitor} rule needs before it trips.
 *
 * <p>Thread-safe (an enum).
 */
public enum Evidence {
    /**
     * The closed window's interval (Wilson score intervals per group at level alpha divided by the
     * number of intervals, combined) lies wholly past the threshold. Each closed window is looked
     * at once; the false-alarm rate is at most alpha per window, so it grows with the number of
     * windows.
     */
    INTERVAL,
    /**
     * An anytime-valid confidence sequence (a normal-mixture boundary for bounded observations,
     * Howard et al. 2021) lies wholly past the threshold. It may be looked at after every decision:
     * window {@code k} since the start or the last resume spends alpha times 6/(pi^2 k^2), so the
     * chance that a rule ever trips on a stream where the threshold holds is at most alpha, however
     * often the monitor checks.
     */
    SEQUENTIAL
}
