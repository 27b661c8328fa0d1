/**
 * The serving path around a model call: the guarded call ({@link dev.fairway.guard.Guard#decide})
 * and ranked slates ({@link dev.fairway.guard.Guard#rank}, answered as a
 * {@link dev.fairway.guard.RankedSlate}), and the decision log ({@code fairway-decision/v1}) that
 * records every decision and outcome, and its replay through a monitor ({@link dev.fairway.guard.MonitorReplay}, giving
 * a {@link dev.fairway.guard.monitor.MonitorTimeline}); the fairness monitor and the live exposure of slates live in
 * {@link dev.fairway.guard.monitor}.
 *
 * <p>Start from {@link dev.fairway.guard.Guard} and {@link dev.fairway.guard.DecisionLog}.
 */
package dev.fairway.guard;
