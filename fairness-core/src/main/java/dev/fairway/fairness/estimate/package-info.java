/**
 * Fairness before the labels arrive: confidence-based performance estimation per group from
 * calibrated scores. Start from {@link dev.fairway.fairness.estimate.PerformanceEstimate}; scores
 * are calibrated on a labelled reference set by {@link dev.fairway.fairness.estimate.Calibration}.
 */
package dev.fairway.fairness.estimate;
