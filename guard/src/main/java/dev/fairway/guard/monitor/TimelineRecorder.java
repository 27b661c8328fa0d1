package dev.fairway.guard.monitor;

import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.LiveSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Records a monitor's timeline as it happens: a {@link MonitorListener} that keeps every transition
 * (with its event index, see {@link MonitorTimeline}) and every closed window, from which
 * {@link #live(String, FairnessMonitor, LiveCounts, int, long)} makes the live
 * {@link MonitorTimeline}. Give it to the monitor's builder
 * ({@code FairnessMonitor.builder().listener(recorder)}) before the monitor is handed to a guard.
 *
 * <pre>{@code
 * AtomicLong outcomes = new AtomicLong();          // the service adds 1 per guard.outcome(...)
 * TimelineRecorder recorder = TimelineRecorder.of(outcomes::get);
 * FairnessMonitor monitor = FairnessMonitor.builder().rule(rule).listener(recorder).build();
 * // ... serve through a Guard built with monitor(monitor, 1) ...
 * MonitorTimeline live = recorder.live("decisions.jsonl", monitor, counts, 1, decisionsMade);
 * }</pre>
 *
 * <p>Thread-safe: the listener methods and {@link #live} synchronise on the recorder. Keeps every
 * transition and window in memory.
 */
public final class TimelineRecorder implements MonitorListener {
    private final LongSupplier outcomes;
    private final List<MonitorTimeline.Transition> transitions = new ArrayList<>();
    private final List<WindowResult> windows = new ArrayList<>();

    private TimelineRecorder(LongSupplier outcomes) {
        this.outcomes = outcomes;
    }

    /**
     * Makes a recorder.
     *
     * @param outcomes how many outcomes have been counted so far (read at each transition, so that
     *     a transition's event index is its decision index plus the outcomes counted before it; a
     *     service without outcomes passes {@code () -> 0})
     * @return the recorder
     */
    public static TimelineRecorder of(LongSupplier outcomes) {
        return new TimelineRecorder(Objects.requireNonNull(outcomes, "outcomes"));
    }

    @Override
    public synchronized void onTransition(Alert alert) {
        transitions.add(MonitorTimeline.Transition.of(alert, alert.eventIndex() + outcomes.getAsLong()));
    }

    @Override
    public synchronized void onWindow(WindowResult window) {
        windows.add(window);
    }

    /**
     * Returns the transitions recorded so far, in order.
     *
     * @return the transitions
     */
    public synchronized List<MonitorTimeline.Transition> transitions() {
        return List.copyOf(transitions);
    }

    /**
     * Returns the closed windows recorded so far, in order.
     *
     * @return the windows
     */
    public synchronized List<WindowResult> windows() {
        return List.copyOf(windows);
    }

    /**
     * Makes the live timeline of what was recorded so far.
     *
     * @param log the decision log the decisions went to, as it should be named in the timeline
     * @param monitor the monitor this recorder listens to (its rules, evidence, alpha and state)
     * @param counts the live counts the monitor checks (their windowing and label counters)
     * @param checkEvery the check interval the guard was built with
     * @param decisions the decisions made so far
     * @return the timeline
     * @throws IllegalArgumentException if checkEvery is under 1 or decisions is negative
     */
    public MonitorTimeline live(String log, FairnessMonitor monitor, LiveCounts counts, int checkEvery,
            long decisions) {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(counts, "counts");
        long outcomeCount = outcomes.getAsLong();
        LiveSnapshot last = counts.snapshot();
        return new MonitorTimeline(MonitorTimeline.Origin.LIVE, log, decisions + outcomeCount, decisions, outcomeCount,
                monitor.evidence(), monitor.alpha(), counts.windowing(), checkEvery, monitor.rules(), monitor.state(),
                transitions(), windows(), monitor.openWindow(counts), MonitorTimeline.Labels.of(last.pending(), last.unmatchedLabels(), last.lateDecisions(),
                        last.expiredLabels()), Optional.empty());
    }
}
