/**
 * Reliability measurements: {@link dev.fairway.benchmarks.reliability.GroupCommitHarness} measures
 * acknowledged appends per second and acknowledgement latency of the durable ledger per fsync policy.
 */
package dev.fairway.benchmarks.reliability;
