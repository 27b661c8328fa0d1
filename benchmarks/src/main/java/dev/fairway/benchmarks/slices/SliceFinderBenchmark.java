package dev.fairway.benchmarks.slices;

import dev.fairway.fairness.slices.SliceFeature;
import dev.fairway.fairness.slices.SliceFinder;
import dev.fairway.fairness.slices.SliceReport;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SliceLine on Adult-sized data (issue 27 target: under 1 s): 32,561 rows, 8 categorical features
 * with the UCI Adult data set's cardinalities (workclass 9, education 16, marital-status 7,
 * occupation 15, relationship 6, race 5, sex 2, native-country 42; skewed, Zipf-like level
 * frequencies), errors at a 15% base rate raised on three planted levels, min support 32, top 10,
 * alpha 0.95, levels 2 and 3. One operation is one whole search.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SliceFinderBenchmark {
    private static final int ROWS = 32_561;
    private static final int[] CARDINALITY = {9, 16, 7, 15, 6, 5, 2, 42};

    /** The most predicates per slice. */
    @Param({"2", "3"})
    public int level;

    private List<SliceFeature> features;
    private boolean[] errors;
    private SliceFinder finder;

    /** Builds the data once. */
    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(27);
        features = new ArrayList<>();
        double[] risk = new double[ROWS];
        for (int f = 0; f < CARDINALITY.length; f++) {
            int k = CARDINALITY[f];
            double[] cdf = new double[k];
            double sum = 0;
            for (int l = 0; l < k; l++) {
                sum += 1.0 / (l + 1);
                cdf[l] = sum;
            }
            Object[] v = new Object[ROWS];
            for (int i = 0; i < ROWS; i++) {
                double u = r.nextDouble() * sum;
                int l = 0;
                while (cdf[l] < u) {
                    l++;
                }
                v[i] = "l" + l;
                if (f < 3 && l == 1) {
                    risk[i] += 0.1;
                }
            }
            features.add(SliceFeature.categorical("f" + f, v));
        }
        errors = new boolean[ROWS];
        for (int i = 0; i < ROWS; i++) {
            errors[i] = r.nextDouble() < 0.15 + risk[i];
        }
        finder = SliceFinder.builder().maxLevel(level).minSupport(32).top(10).alpha(0.95).build();
    }

    /**
     * One exact search.
     *
     * @return the report (so the work is not eliminated)
     */
    @Benchmark
    public SliceReport find() {
        return finder.find(features, errors);
    }
}
