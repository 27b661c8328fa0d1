/**
 * The serving path around a model call: the decision log ({@code fairway-decision/v1}) that
 * records every decision and outcome; the fairness monitor lives in
 * {@link dev.fairway.guard.monitor}.
 *
 * <p>Start from {@link dev.fairway.guard.DecisionLog}.
 */
package dev.fairway.guard;
