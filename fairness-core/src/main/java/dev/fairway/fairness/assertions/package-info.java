/**
 * Fluent fairness assertions for test suites: a bound on a fairness number that fails with the
 * per-group table behind it. Failures are plain {@link java.lang.AssertionError}s, so JUnit, TestNG
 * and Spock report them; nothing here depends on a test framework.
 *
 * <p>Start with {@link dev.fairway.fairness.assertions.FairnessAssertions#assertThat}:
 * {@code assertThat(audit).demographicParityRatio().isAtLeast(0.8)}.
 */
package dev.fairway.fairness.assertions;
