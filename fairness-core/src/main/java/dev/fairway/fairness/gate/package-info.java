/**
 * Gate rules: the one grammar that CI gates ({@code fairway audit --fail-if}), fluent assertions and
 * the live fairness monitor use to state a bound on a fairness number.
 *
 * <p>Start with {@link dev.fairway.fairness.gate.Rule#parse(String)}, which reads
 * {@code name[@method][:aggregation] OP value}; then evaluate a rule against an audit with
 * {@link dev.fairway.fairness.gate.AuditGate}. Other evaluators (ranked lists, live windows) read the
 * same {@code Rule} and resolve its name against their own figures.
 */
package dev.fairway.fairness.gate;
