/**
 * The compiled, fail-closed feature filter and its audit trail.
 *
 * <p>Start from {@link dev.fairway.consent.filter.FilterPlan#compile}: a catalogue, a
 * {@link dev.fairway.consent.filter.FilterPolicy} and a {@link dev.fairway.consent.filter.Jurisdiction}
 * become bit masks; per request, {@code grantedMask} then {@code apply}. Each decision can be written
 * as a {@link dev.fairway.consent.filter.DecisionRecord} to an {@link dev.fairway.consent.filter.AuditSink}
 * and re-derived offline by {@link dev.fairway.consent.filter.AuditReplayer}.
 */
package dev.fairway.consent.filter;
