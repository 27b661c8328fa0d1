/**
 * Micrometer metrics of the serving path, with bounded tags: the fairness monitor, live counts and
 * exposure ({@link dev.fairway.guard.micrometer.MonitorMetrics}, tags {@code rule} by rule id and
 * {@code group}), the guard's decisions by route and model version
 * ({@link dev.fairway.guard.micrometer.GuardMetrics}) and consent events by purpose and state
 * ({@link dev.fairway.guard.micrometer.ConsentMetrics}); each takes common tags (such as model and
 * monitor name) so several can be bound to one registry. Optional: needs
 * {@code io.micrometer:micrometer-core} on the class path.
 *
 * <p>Start from {@link dev.fairway.guard.micrometer.MonitorMetrics}.
 */
package dev.fairway.guard.micrometer;
