package dev.fairway.benchmarks.stats;

import dev.fairway.fairness.Aggregation;
import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.mitigation.FairnessConstraint;
import dev.fairway.fairness.mitigation.ThresholdObjective;
import dev.fairway.fairness.mitigation.ThresholdOptimizer;
import dev.fairway.fairness.mitigation.ThresholdPolicy;
import dev.fairway.fairness.stats.AuditStatistic;
import dev.fairway.fairness.stats.Bootstrap;
import dev.fairway.fairness.stats.BootstrapResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Statistics and mitigation costs. {@code bootstrapEveryDisparity}: 2,000 stratified bootstrap
 * replicates of every disparity of an audit (difference and ratio of all 14 rates by both
 * methods, and the named criteria: 72 statistics), 1e7 unweighted rows in 10 groups, after the
 * kernel pass (done in setup), single-threaded, intervals included. {@code thresholdOptimizer}:
 * Fairlearn-style threshold optimisation (equalized odds, accuracy) of 1e6 rows with continuous
 * scores in 4 groups.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class StatsBenchmark {
    private FairnessAudit audit;
    private List<AuditStatistic> disparities;
    private double[] scores;
    private boolean[] labels;
    private List<String> groups;

    /** Counts 1e7 rows once, lists the statistics and makes the scored rows. */
    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rows = new SplittableRandom(7);
        int size = 10_000_000;
        int[] y = new int[size];
        int[] p = new int[size];
        int[] grp = new int[size];
        for (int i = 0; i < size; i++) {
            grp[i] = rows.nextInt(10);
            y[i] = rows.nextDouble() < 0.3 + 0.03 * grp[i] ? 1 : 0;
            p[i] = rows.nextDouble() < (y[i] == 1 ? 0.7 : 0.2) ? 1 : 0;
        }
        AuditData data = AuditData.builder().labels("label", y).predictions("prediction", p).sensitive("group", grp)
                .build();
        audit = FairnessAudit.of(data);
        disparities = new ArrayList<>();
        for (Metric m : Metric.values()) {
            if (m == Metric.COUNT) {
                continue;
            }
            for (DisparityMethod method : DisparityMethod.values()) {
                disparities.add(AuditStatistic.of(m + " difference " + method, a -> a.difference(m, method)));
                disparities.add(AuditStatistic.of(m + " ratio " + method, a -> a.ratio(m, method)));
            }
        }
        for (DisparityMethod method : DisparityMethod.values()) {
            for (Aggregation agg : Aggregation.values()) {
                disparities.add(AuditStatistic.of("eod " + method + agg, a -> a.equalizedOddsDifference(method, agg)));
                disparities.add(AuditStatistic.of("eor " + method + agg, a -> a.equalizedOddsRatio(method, agg)));
            }
            disparities.add(AuditStatistic.of("dpd " + method, a -> a.demographicParityDifference(method)));
            disparities.add(AuditStatistic.of("dpr " + method, a -> a.demographicParityRatio(method)));
            disparities.add(AuditStatistic.of("eqd " + method, a -> a.equalOpportunityDifference(method)));
            disparities.add(AuditStatistic.of("eqr " + method, a -> a.equalOpportunityRatio(method)));
        }
        SplittableRandom r = new SplittableRandom(11);
        int n = 1_000_000;
        scores = new double[n];
        labels = new boolean[n];
        String[] g = new String[n];
        String[] names = {"a", "b", "c", "d"};
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(4);
            g[i] = names[k];
            labels[i] = r.nextDouble() < 0.3 + 0.1 * k;
            scores[i] = (labels[i] ? 0.6 : 0.4) + 0.2 * r.nextGaussian();
        }
        groups = Arrays.asList(g);
        System.out.println("# statistics per replicate: " + disparities.size());
    }

    /**
     * 2,000 replicates of every disparity, with their jackknife and sorted replicates.
     *
     * @return the result
     */
    @Benchmark
    public BootstrapResult bootstrapEveryDisparity() {
        return Bootstrap.builder().replicates(2000).seed(1).build().run(audit, disparities);
    }

    /**
     * Equalized odds with the accuracy objective on 1e6 scored rows.
     *
     * @return the policy
     */
    @Benchmark
    public ThresholdPolicy thresholdOptimizer() {
        return ThresholdOptimizer.builder(FairnessConstraint.EQUALIZED_ODDS, ThresholdObjective.ACCURACY_SCORE).build()
                .fit(scores, labels, groups);
    }
}
