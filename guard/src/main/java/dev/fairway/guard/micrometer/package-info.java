/**
 * Micrometer metrics of the fairness monitor and the live counts, with bounded tags (rule and
 * group only). Optional: needs {@code io.micrometer:micrometer-core} on the class path.
 *
 * <p>Start from {@link dev.fairway.guard.micrometer.MonitorMetrics}.
 */
package dev.fairway.guard.micrometer;
