package dev.fairway.benchmarks.stats;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The same operations as {@link StatsBenchmark}, timed in CPU time of the calling thread
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}), which a loaded shared machine disturbs far less
 * than wall-clock time: 5 warm-up and 10 measured runs each, median and range printed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.fairway.benchmarks.stats.CpuTiming
 * </pre>
 */
public final class CpuTiming {
    private CpuTiming() {
    }

    /**
     * Times both operations.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        StatsBenchmark b = new StatsBenchmark();
        b.setUp();
        time("bootstrapEveryDisparity (2,000 replicates x 72 statistics, 1e7 rows, 10 groups)", b::bootstrapEveryDisparity);
        time("thresholdOptimizer (equalized odds, 1e6 rows, 4 groups)", b::thresholdOptimizer);
    }

    private static void time(String name, Runnable op) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 5; i++) {
            op.run();
        }
        double[] ms = new double[10];
        for (int i = 0; i < ms.length; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            op.run();
            ms[i] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%s: median %.1f ms CPU (min %.1f, max %.1f)%n", name,
                (ms[4] + ms[5]) / 2, ms[0], ms[9]);
    }
}
