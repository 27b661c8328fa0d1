package dev.fairway.fairness.stats;

import dev.fairway.fairness.CellMoments;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.GroupIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;

/**
 * The bootstrap from counts: resamples an audit's per-group confusion table instead of its rows,
 * so {@code B} replicates cost {@code O(groups x cells x B)} whatever the number of rows.
 *
 * <pre>{@code
 * BootstrapResult r = Bootstrap.builder().replicates(2000).seed(42).build()
 *         .run(audit, List.of(AuditStatistic.of("dpd", a -> a.demographicParityDifference(BETWEEN_GROUPS))));
 * Interval ci = r.interval(0, IntervalMethod.BCA, 0.95);
 * }</pre>
 *
 * <p><b>Why counts suffice.</b> Every statistic of a {@link FairnessAudit} is a function of the
 * table. Drawing N rows with replacement from N rows puts a multinomial number of rows in each
 * group x cell, with probabilities the observed cell shares; so a multinomial draw over the table
 * is exactly a row bootstrap ({@link Scheme#MULTINOMIAL}). Drawing each group's rows from that
 * group alone is a multinomial over its four cells with the group size fixed
 * ({@link Scheme#STRATIFIED}, the default). Multinomials are drawn as sequential binomials
 * (BTRD), in O(1) expected time each.
 *
 * <p><b>Default scheme.</b> {@link Scheme#STRATIFIED} conditions on the observed group sizes, which
 * carry no information about the rates being compared (they are ancillary), and it never draws a
 * replicate in which a small group vanishes, which the unstratified scheme does with probability
 * about {@code exp(-n_g)} per replicate and which leaves the disparity undefined there.
 *
 * <p><b>Weighted data</b> needs the per-cell sum and sum of squares of the weights
 * ({@link CellMoments}). A replicate first draws how many rows each cell gets (as above), then
 * replaces the sum of those rows' weights by its normal approximation: {@code k} rows drawn from a
 * cell with weight mean {@code m} and variance {@code s^2} sum to {@code k m + sqrt(k) s Z},
 * truncated at 0. This is the central limit theorem for the within-cell sum; it is exact in mean
 * and variance, and {@code BootstrapPropertiesTest} shows it matches a brute-force row bootstrap
 * within Monte Carlo error on small data.
 *
 * <p><b>Reproducible.</b> Replicate {@code b} uses its own generator seeded from the {@code b}-th
 * value of a {@link SplittableRandom} seeded with {@link Builder#seed(long)}, so the same seed gives
 * the same replicates, and the same intervals, on any pool of any size.
 *
 * <p>Immutable and thread-safe.
 */
public final class Bootstrap {
    /** How rows are resampled. */
    public enum Scheme {
        /** Each group's rows are resampled within the group: group sizes stay fixed (default). */
        STRATIFIED,
        /** All rows are resampled together: group sizes vary, as in a plain row bootstrap. */
        MULTINOMIAL;

        /**
         * Returns the snake_case name used in JSON.
         *
         * @return the name
         */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final int replicates;
    private final long seed;
    private final Scheme scheme;
    private final CellMoments moments;
    private final ForkJoinPool pool;

    private Bootstrap(Builder b) {
        this.replicates = b.replicates;
        this.seed = b.seed;
        this.scheme = b.scheme;
        this.moments = b.moments;
        this.pool = b.pool;
    }

    /**
     * Starts configuring a bootstrap: 2,000 replicates, seed 0, stratified, on the calling thread.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of replicates.
     *
     * @return the replicates
     */
    public int replicates() {
        return replicates;
    }

    /**
     * Returns the seed.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the resampling scheme.
     *
     * @return the scheme
     */
    public Scheme scheme() {
        return scheme;
    }

    /**
     * Resamples the audit's table and evaluates every statistic on each replicate (and on the
     * jackknife tables that BCa needs).
     *
     * @param audit the audit (its zero-division mode is kept in every replicate)
     * @param statistics the statistics
     * @return the replicates, from which intervals are read
     * @throws IllegalArgumentException if the audit is weighted and no {@link CellMoments} over
     *     the same groups were given, or the statistics are empty
     */
    public BootstrapResult run(FairnessAudit audit, List<AuditStatistic> statistics) {
        Objects.requireNonNull(audit, "audit");
        List<AuditStatistic> stats = List.copyOf(statistics);
        if (stats.isEmpty()) {
            throw new IllegalArgumentException("no statistics to bootstrap");
        }
        Table t = Table.of(audit, moments);
        int s = stats.size();
        double[] estimates = new double[s];
        for (int i = 0; i < s; i++) {
            estimates[i] = stats.get(i).of(audit);
        }
        long[] seeds = new long[replicates];
        SplittableRandom master = new SplittableRandom(seed);
        for (int b = 0; b < replicates; b++) {
            seeds[b] = master.nextLong();
        }
        double[][] values = new double[s][replicates];
        int tasks = pool == null ? 1 : Math.min(replicates, Math.max(1, pool.getParallelism()));
        if (tasks <= 1) {
            runRange(t, audit, stats, seeds, values, 0, replicates);
        } else {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 1; k < tasks; k++) {
                int from = (int) ((long) replicates * k / tasks);
                int to = (int) ((long) replicates * (k + 1) / tasks);
                futures.add(pool.submit(() -> runRange(t, audit, stats, seeds, values, from, to)));
            }
            runRange(t, audit, stats, seeds, values, 0, replicates / tasks);
            for (Future<?> f : futures) {
                join(f);
            }
        }
        return new BootstrapResult(stats, estimates, values, jackknifeAcceleration(t, audit, stats), seed, scheme,
                audit.counts().weighted());
    }

    private void runRange(Table t, FairnessAudit audit, List<AuditStatistic> stats, long[] seeds, double[][] values,
            int from, int to) {
        int cells = t.counts.length;
        long[] drawn = new long[cells];
        double[] weights = t.weighted ? new double[cells] : null;
        for (int b = from; b < to; b++) {
            SplittableRandom rng = new SplittableRandom(seeds[b]);
            if (scheme == Scheme.STRATIFIED) {
                for (int g = 0; g < cells / 4; g++) {
                    long n = t.counts[4 * g] + t.counts[4 * g + 1] + t.counts[4 * g + 2] + t.counts[4 * g + 3];
                    Binomial.multinomial(rng, n, t.counts, 4 * g, 4, n, drawn);
                }
            } else {
                Binomial.multinomial(rng, t.total, t.counts, 0, cells, t.total, drawn);
            }
            if (weights != null) {
                for (int j = 0; j < cells; j++) {
                    weights[j] = t.weightSum(j, drawn[j], rng);
                }
            }
            FairnessAudit replicate = FairnessAudit.of(ConfusionCounts.of(t.groups, drawn, weights), audit.zeroDivision());
            for (int i = 0; i < stats.size(); i++) {
                values[i][b] = stats.get(i).of(replicate);
            }
        }
    }

    /**
     * Efron's acceleration from the leave-one-row-out jackknife, computed on counts: removing a
     * row of cell j gives the same table for every row of that cell, so each of the (at most
     * {@code 4 x groups}) distinct tables is weighted by its cell's count.
     */
    private static double[] jackknifeAcceleration(Table t, FairnessAudit audit, List<AuditStatistic> stats) {
        int s = stats.size();
        int cells = t.counts.length;
        double[][] theta = new double[s][cells];
        long[] c = t.counts.clone();
        double[] w = t.weighted ? t.weights.clone() : null;
        for (int j = 0; j < cells; j++) {
            if (t.counts[j] == 0) {
                continue;
            }
            c[j]--;
            if (w != null) {
                w[j] = Math.max(0.0, t.weights[j] - t.sums[j] / t.counts[j]);
            }
            FairnessAudit a = FairnessAudit.of(ConfusionCounts.of(t.groups, c, w), audit.zeroDivision());
            for (int i = 0; i < s; i++) {
                theta[i][j] = stats.get(i).of(a);
            }
            c[j]++;
            if (w != null) {
                w[j] = t.weights[j];
            }
        }
        double[] acc = new double[s];
        for (int i = 0; i < s; i++) {
            double mean = 0;
            boolean defined = true;
            for (int j = 0; j < cells; j++) {
                if (t.counts[j] > 0) {
                    defined &= !Double.isNaN(theta[i][j]);
                    mean += t.counts[j] * theta[i][j];
                }
            }
            if (!defined) {
                continue;
            }
            mean /= t.total;
            double num = 0;
            double den = 0;
            for (int j = 0; j < cells; j++) {
                if (t.counts[j] > 0) {
                    double d = mean - theta[i][j];
                    num += t.counts[j] * d * d * d;
                    den += t.counts[j] * d * d;
                }
            }
            acc[i] = den > 0 ? num / (6 * Math.pow(den, 1.5)) : 0.0;
        }
        return acc;
    }

    private static void join(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while bootstrapping", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("bootstrap failed", e.getCause());
        }
    }

    /** The audit's table as flat arrays. */
    private static final class Table {
        final GroupIndex groups;
        final long[] counts;
        final long total;
        final boolean weighted;
        final double[] weights;
        final double[] sums;
        final double[] squares;

        private Table(GroupIndex groups, long[] counts, boolean weighted, double[] weights, double[] sums,
                double[] squares) {
            this.groups = groups;
            this.counts = counts;
            long n = 0;
            for (long x : counts) {
                n += x;
            }
            this.total = n;
            this.weighted = weighted;
            this.weights = weights;
            this.sums = sums;
            this.squares = squares;
        }

        static Table of(FairnessAudit audit, CellMoments moments) {
            ConfusionCounts cc = audit.counts();
            GroupIndex groups = cc.groups();
            int cells = 4 * groups.size();
            long[] counts = new long[cells];
            dev.fairway.fairness.Cell[] all = dev.fairway.fairness.Cell.values();
            for (int j = 0; j < cells; j++) {
                counts[j] = cc.count(j / 4, all[j % 4]);
            }
            if (!cc.weighted()) {
                return new Table(groups, counts, false, null, null, null);
            }
            if (moments == null || !moments.groups().equals(groups)) {
                throw new IllegalArgumentException("a weighted audit needs CellMoments.of(data) over the same groups "
                        + "(Bootstrap.Builder.weightMoments)");
            }
            double[] weights = new double[cells];
            double[] sums = new double[cells];
            double[] squares = new double[cells];
            for (int j = 0; j < cells; j++) {
                weights[j] = cc.weight(j / 4, all[j % 4]);
                sums[j] = moments.sum(j / 4, all[j % 4]);
                squares[j] = moments.sumOfSquares(j / 4, all[j % 4]);
            }
            return new Table(groups, counts, true, weights, sums, squares);
        }

        /** Weight sum of k rows drawn from cell j: normal approximation, truncated at 0. */
        double weightSum(int j, long k, SplittableRandom rng) {
            if (k == 0) {
                return 0.0;
            }
            double n = counts[j];
            double mean = sums[j] / n;
            double var = Math.max(0.0, squares[j] / n - mean * mean);
            double v = k * mean + Math.sqrt(k * var) * gaussian(rng);
            return Math.max(0.0, v);
        }

        private static double gaussian(SplittableRandom rng) {
            // Marsaglia's polar method, one of the pair
            while (true) {
                double u = 2 * rng.nextDouble() - 1;
                double v = 2 * rng.nextDouble() - 1;
                double s = u * u + v * v;
                if (s > 0 && s < 1) {
                    return u * Math.sqrt(-2 * Math.log(s) / s);
                }
            }
        }
    }

    /**
     * Configures a {@link Bootstrap}.
     *
     * <p>Not thread-safe: use one builder from one thread.
     */
    public static final class Builder {
        private int replicates = 2000;
        private long seed;
        private Scheme scheme = Scheme.STRATIFIED;
        private CellMoments moments;
        private ForkJoinPool pool;

        private Builder() {
        }

        /**
         * Sets the number of replicates (default 2,000).
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
         * Sets the seed (default 0).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the resampling scheme (default {@link Scheme#STRATIFIED}).
         *
         * @param scheme the scheme
         * @return this builder
         */
        public Builder scheme(Scheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
            return this;
        }

        /**
         * Gives the weight moments a weighted audit needs.
         *
         * @param moments {@link CellMoments#of} the audited data
         * @return this builder
         */
        public Builder weightMoments(CellMoments moments) {
            this.moments = Objects.requireNonNull(moments, "moments");
            return this;
        }

        /**
         * Runs replicates on a pool as well as the calling thread; the result is identical to a
         * single-threaded run.
         *
         * @param pool the pool
         * @return this builder
         */
        public Builder pool(ForkJoinPool pool) {
            this.pool = Objects.requireNonNull(pool, "pool");
            return this;
        }

        /**
         * Builds the bootstrap.
         *
         * @return the bootstrap
         */
        public Bootstrap build() {
            return new Bootstrap(this);
        }
    }
}
