package dev.fairway.benchmarks;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.ConfusionCounts;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One operation is one full pass of the fairness kernel over {@code rows} rows: per-group
 * unweighted counts and (when {@code weighted}) double-double weighted sums of the four cells.
 * Compare with {@link MemoryFloorBenchmark}, which only reads and sums the same arrays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class KernelBenchmark {

    @Param({"1000000", "10000000"})
    int rows;

    @Param({"2", "10", "100"})
    int groups;

    @Param({"false", "true"})
    boolean weighted;

    private AuditData data;
    private ForkJoinPool pool;

    /** Builds the data once per trial and a pool with one thread per core. */
    @Setup(Level.Trial)
    public void setUp() {
        KernelData d = new KernelData(rows, groups, weighted);
        AuditData.Builder b = AuditData.builder()
                .labels("label", d.labels)
                .predictions("prediction", d.predictions)
                .sensitive("group", d.groupValues);
        if (weighted) {
            b.weights("weight", d.weights);
        }
        data = b.build();
        pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    }

    /** Shuts the pool down. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
    }

    /**
     * Counts on the calling thread.
     *
     * @return the table
     */
    @Benchmark
    public ConfusionCounts count() {
        return ConfusionCounts.of(data);
    }

    /**
     * Counts on a pool with one thread per core.
     *
     * @return the table
     */
    @Benchmark
    public ConfusionCounts countParallel() {
        return ConfusionCounts.ofParallel(data, pool);
    }
}
