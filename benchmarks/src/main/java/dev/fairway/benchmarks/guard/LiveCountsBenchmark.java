package dev.fairway.benchmarks.guard;

import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Live counting's hot path: one operation records one decision into a shared {@link LiveCounts}
 * with tumbling one-minute event-time windows (four groups). Run with {@code -t 1}, {@code -t 2}
 * and {@code -t 8}: throughput is per thread in JMH's report, so the total is threads times the
 * figure, which must not fall below one thread's.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LiveCountsBenchmark -t 1 -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LiveCountsBenchmark {
    LiveCounts live;

    /** Per-thread decision stream. */
    @State(Scope.Thread)
    public static class Stream {
        int i;
        long time = 1_764_633_600_000L;
    }

    /** Builds the accumulator. */
    @Setup
    public void setup() {
        GroupIndex groups = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b"), List.of("c"), List.of("d")));
        live = LiveCounts.builder(groups).windowing(Windowing.tumbling(Duration.ofMinutes(1), Duration.ofSeconds(10)))
                .build();
    }

    /**
     * Records one decision (group and prediction vary, event time advances 1 ms per decision).
     *
     * @param s the thread's stream
     */
    @Benchmark
    public void record(Stream s) {
        int i = s.i++;
        live.record(i & 3, (i & 4) != 0, s.time++);
    }
}
