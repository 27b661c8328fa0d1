package dev.fairway.fairness.stats;

import dev.fairway.fairness.CellMoments;
import java.util.Objects;

/**
 * What intervals (and tests) an {@link dev.fairway.fairness.report.AuditReport} carries:
 * {@code AuditReport.of(audit).withIntervals(AuditIntervals.builder(0.95).build())}.
 *
 * <p>With a closed-form method ({@link IntervalMethod#WILSON}, the default, or
 * {@link IntervalMethod#CLOPPER_PEARSON}) every group rate that is a proportion gets that interval
 * from its counts; balanced accuracy, F1 and every disparity get the BCa bootstrap interval.
 * With a bootstrap method every number gets that method's interval. The report then has a
 * {@code "ci"} map beside each group's {@code "metrics"} (same keys, {@code [lo, hi]}, {@code null}
 * where undefined), a {@code "disparities_ci"} object shaped like {@code "disparities"}, an
 * {@code "intervals"} object (level, methods, replicates, seed, scheme) and, when tests are asked
 * for, a {@code "tests"} object ({@link GroupTests}; Fisher's exact test for two groups of at most
 * 1,000,000 rows in all, z-tests only with a reference group).
 *
 * <p>Immutable and thread-safe.
 */
public final class AuditIntervals {
    private final double level;
    private final IntervalMethod method;
    private final int replicates;
    private final long seed;
    private final Bootstrap.Scheme scheme;
    private final CellMoments moments;
    private final boolean tests;

    private AuditIntervals(Builder b) {
        this.level = b.level;
        this.method = b.method;
        this.replicates = b.replicates;
        this.seed = b.seed;
        this.scheme = b.scheme;
        this.moments = b.moments;
        this.tests = b.tests;
    }

    /**
     * Starts configuring: Wilson for group rates, 2,000 stratified BCa replicates with seed 0 for
     * the rest, no tests.
     *
     * @param level the confidence level, strictly between 0 and 1
     * @return a new builder
     * @throws IllegalArgumentException if the level is out of range
     */
    public static Builder builder(double level) {
        RateIntervals.checkLevel(level);
        return new Builder(level);
    }

    /**
     * Returns the confidence level.
     *
     * @return the level
     */
    public double level() {
        return level;
    }

    /**
     * Returns the method for group rates.
     *
     * @return the method
     */
    public IntervalMethod method() {
        return method;
    }

    /**
     * Returns the method for disparities and for group metrics that are not proportions: the
     * method itself if it resamples, otherwise BCa.
     *
     * @return a bootstrap method
     */
    public IntervalMethod bootstrapMethod() {
        return method.bootstrap() ? method : IntervalMethod.BCA;
    }

    /**
     * Returns the bootstrap configured by this object.
     *
     * @return the bootstrap
     */
    public Bootstrap bootstrap() {
        Bootstrap.Builder b = Bootstrap.builder().replicates(replicates).seed(seed).scheme(scheme);
        if (moments != null) {
            b.weightMoments(moments);
        }
        return b.build();
    }

    /**
     * Returns whether hypothesis tests are added.
     *
     * @return true for tests
     */
    public boolean tests() {
        return tests;
    }

    /**
     * Configures {@link AuditIntervals}.
     *
     * <p>Not thread-safe: use one builder from one thread.
     */
    public static final class Builder {
        private final double level;
        private IntervalMethod method = IntervalMethod.WILSON;
        private int replicates = 2000;
        private long seed;
        private Bootstrap.Scheme scheme = Bootstrap.Scheme.STRATIFIED;
        private CellMoments moments;
        private boolean tests;

        private Builder(double level) {
            this.level = level;
        }

        /**
         * Sets the method for group rates (default Wilson).
         *
         * @param method the method
         * @return this builder
         */
        public Builder method(IntervalMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Sets the number of bootstrap replicates (default 2,000).
         *
         * @param replicates at least 2
         * @return this builder
         * @throws IllegalArgumentException if fewer than 2
         */
        public Builder replicates(int replicates) {
            if (replicates < 2) {
                throw new IllegalArgumentException("replicates must be at least 2, got " + replicates);
            }
            this.replicates = replicates;
            return this;
        }

        /**
         * Sets the bootstrap seed (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the resampling scheme (default stratified).
         *
         * @param scheme the scheme
         * @return this builder
         */
        public Builder scheme(Bootstrap.Scheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * Gives the weight moments a weighted audit's bootstrap needs.
         *
         * @param moments {@link CellMoments#of} the audited data
         * @return this builder
         */
        public Builder weightMoments(CellMoments moments) {
            this.moments = Objects.requireNonNull(moments, "moments");
            return this;
        }

        /**
         * Adds the hypothesis tests (chi-square, G, Fisher for two groups, z-tests against the
         * reference with Holm's correction).
         *
         * @param tests whether to add them
         * @return this builder
         */
        public Builder tests(boolean tests) {
            this.tests = tests;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @return the configuration
         */
        public AuditIntervals build() {
            return new AuditIntervals(this);
        }
    }
}
