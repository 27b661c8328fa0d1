/**
 * Live fairness counts: decisions counted per group as a service makes them, outcomes joined when
 * they arrive, in tumbling or sliding windows whose tables are {@link dev.fairway.fairness.ConfusionCounts}.
 *
 * <p>Start from {@link dev.fairway.fairness.live.LiveCounts}; {@link dev.fairway.fairness.live.Windowing}
 * chooses the windows and {@link dev.fairway.fairness.live.LiveSnapshot} is what a read returns; a
 * snapshot has a versioned binary and JSON state form ({@code docs/state-format.md}) for shipping
 * windows between instances.
 */
package dev.fairway.fairness.live;
