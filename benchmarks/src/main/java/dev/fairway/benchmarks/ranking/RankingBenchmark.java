package dev.fairway.benchmarks.ranking;

import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.ExposureTable;
import dev.fairway.fairness.ranking.FairMode;
import dev.fairway.fairness.ranking.FairRanking;
import dev.fairway.fairness.ranking.FairTable;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ranked-list fairness: recording lists into an {@link ExposureTable} (one operation = one
 * position, lists of 100 items in 4 groups, log2 weights), the FA*IR re-ranker at k = 1000 with a
 * cached table, and adjusted FA*IR tables.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RankingBenchmark {
    private static final int LIST = 100;
    private static final int LISTS = 1000;

    private int[][] codes;
    private double[] weights;
    private ExposureTable table;
    private boolean[] flags;
    private FairTable fair;

    /** Builds the inputs once. */
    @Setup
    public void setUp() {
        SplittableRandom r = new SplittableRandom(1);
        table = ExposureTable.empty();
        for (int g = 0; g < 4; g++) {
            table.code("g" + g);
        }
        codes = new int[LISTS][LIST];
        for (int[] list : codes) {
            for (int i = 0; i < LIST; i++) {
                list[i] = r.nextInt(4);
            }
        }
        weights = new double[LIST];
        BrowsingModel.log2().weights(LIST, null, weights);
        flags = new boolean[1000];
        for (int i = 0; i < flags.length; i++) {
            flags[i] = r.nextDouble() < 0.2;
        }
        fair = FairTable.adjusted(1000, 0.5, 0.1, FairMode.CORRECT);
    }

    /**
     * Records 1000 lists of 100 positions; the score is per position.
     *
     * @return the table (kept alive)
     */
    @Benchmark
    @OperationsPerInvocation(LIST * LISTS)
    public ExposureTable exposure() {
        for (int[] list : codes) {
            table.record(list, LIST, weights, null);
        }
        return table;
    }

    /**
     * FA*IR re-ranking of 1000 candidates with 20 % protected against a cached adjusted table.
     *
     * @return the new order
     */
    @Benchmark
    public int[] fairRerank() {
        return FairRanking.rerank(flags, flags.length, fair);
    }

    /** The m-table size. */
    @State(Scope.Benchmark)
    public static class Size {
        /** k of the adjusted table. */
        @Param({"1000", "10000"})
        public int k;
    }

    /**
     * An adjusted FA*IR table (p = 0.5, alpha = 0.1).
     *
     * @param size the table length
     * @return the table
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public FairTable mtable(Size size) {
        return FairTable.adjusted(size.k, 0.5, 0.1, FairMode.CORRECT);
    }
}
