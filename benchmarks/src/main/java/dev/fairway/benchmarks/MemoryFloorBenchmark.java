package dev.fairway.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor under {@link KernelBenchmark}: the arrays the kernel reads (one cell byte and one
 * group code per row, and a weight when {@code weighted}) are only read and summed, the weights
 * with four independent accumulators. Same
 * parameters; one operation is one full pass.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class MemoryFloorBenchmark {

    @Param({"1000000", "10000000"})
    int rows;

    @Param({"2", "10", "100"})
    int groups;

    @Param({"false", "true"})
    boolean weighted;

    private byte[] cells;
    private int[] groupCodes;
    private double[] weights;

    /** Builds the same arrays the kernel holds for these parameters. */
    @Setup(Level.Trial)
    public void setUp() {
        KernelData d = new KernelData(rows, groups, weighted);
        cells = new byte[rows];
        groupCodes = d.groupValues.clone();
        for (int i = 0; i < rows; i++) {
            cells[i] = (byte) (2 * d.labels[i] + d.predictions[i]);
        }
        weights = d.weights;
    }

    /**
     * Reads and sums every array once.
     *
     * @return the sum, so the reads cannot be removed
     */
    @Benchmark
    public double readAndSum() {
        long s = 0;
        byte[] c = cells;
        int[] g = groupCodes;
        for (int i = 0; i < c.length; i++) {
            s += c[i] + g[i];
        }
        if (weights == null) {
            return s;
        }
        double[] w = weights;
        double w0 = 0;
        double w1 = 0;
        double w2 = 0;
        double w3 = 0;
        int i = 0;
        for (; i + 3 < w.length; i += 4) {
            w0 += w[i];
            w1 += w[i + 1];
            w2 += w[i + 2];
            w3 += w[i + 3];
        }
        for (; i < w.length; i++) {
            w0 += w[i];
        }
        return s + ((w0 + w1) + (w2 + w3));
    }
}
