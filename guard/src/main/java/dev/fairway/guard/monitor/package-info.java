/**
 * The fairness monitor: rules in the gate grammar over live windowed counts, and
 * {@code exposure_ratio}/{@code exposure_difference} over the windowed exposure of ranked slates
 * ({@link dev.fairway.guard.monitor.LiveExposure}), tripping on interval or anytime-valid evidence,
 * with the playbook states OK, WARN, FALLBACK and PAUSED.
 *
 * <p>Start from {@link dev.fairway.guard.monitor.FairnessMonitor}; rules are
 * {@link dev.fairway.guard.monitor.MonitorRule}s and transitions {@link dev.fairway.guard.monitor.Alert}s.
 * A monitor's timeline ({@code fairway-monitor/v1}, JSON, text and HTML) is a
 * {@link dev.fairway.guard.monitor.MonitorTimeline}: replayed from a decision log by
 * {@link dev.fairway.guard.MonitorReplay}, or recorded live by a
 * {@link dev.fairway.guard.monitor.TimelineRecorder} on the monitor a guard consults; the two agree.
 */
package dev.fairway.guard.monitor;
