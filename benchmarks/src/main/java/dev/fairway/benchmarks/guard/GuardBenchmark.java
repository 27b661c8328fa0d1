package dev.fairway.benchmarks.guard;

import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.Jurisdiction;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.Model;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.Decision;
import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.Guard;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The guarded call against the bare model: a 16-feature logistic model, called alone
 * ({@link #bareModel}) and through a {@link Guard} with a cached consent mask (4 of 16 features
 * withheld: dropped, masked), no explanation, the decision logged to a file and counted in
 * one-minute live windows, the monitor looking every 10,000th decision ({@link #guardedCall}).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GuardBenchmark -t 1 -prof gc} (and {@code -t 8}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuardBenchmark {
    static final int FEATURES = 16;

    /** A logistic model: sigmoid of a fixed dot product. */
    static final class Logistic implements Model {
        final double[] w = new double[FEATURES];

        Logistic() {
            SplittableRandom r = new SplittableRandom(7);
            for (int j = 0; j < FEATURES; j++) {
                w[j] = r.nextDouble() - 0.5;
            }
        }

        @Override
        public int features() {
            return FEATURES;
        }

        @Override
        public void predict(double[] rowMajor, int rows, double[] out) {
            for (int r = 0; r < rows; r++) {
                double z = 0;
                for (int j = 0; j < FEATURES; j++) {
                    z += w[j] * rowMajor[r * FEATURES + j];
                }
                out[r] = 1 / (1 + Math.exp(-z));
            }
        }
    }

    Logistic model;
    Guard guard;
    DecisionLog log;
    Path dir;

    /** Per-thread request and answer. */
    @State(Scope.Thread)
    public static class Request {
        final double[] row = new double[FEATURES];
        final double[] out = new double[1];
        final Decision decision = new Decision();
        int i;

        /** Fills the row. */
        @Setup
        public void setup() {
            SplittableRandom r = new SplittableRandom(11);
            for (int j = 0; j < FEATURES; j++) {
                row[j] = r.nextDouble();
            }
        }
    }

    /**
     * Builds the plan, model, counts, monitor, log and guard.
     *
     * @throws IOException if the log cannot be opened
     */
    @Setup(Level.Trial)
    public void setup() throws IOException {
        List<String> purposes = List.of("profile_selection", "profile_building", "measurement", "contextual_selection");
        List<Feature> fs = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            DenialAction a = j % 2 == 0 ? new DenialAction.Drop() : new DenialAction.Mask(0);
            fs.add(new Feature("f" + j, j, List.of(purposes.get(j % 4)), List.of(), a));
        }
        FilterPlan plan = FilterPlan.compile(FeatureCatalogue.of(fs), FilterPolicy.serving(), Jurisdiction.EU);
        GroupIndex groups = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b")));
        LiveCounts live = LiveCounts.builder(groups).windowing(Windowing.tumbling(Duration.ofMinutes(1), Duration.ZERO))
                .build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.9", MonitorState.FALLBACK)).build();
        dir = Files.createTempDirectory("fairway-guard-bench");
        log = DecisionLog.builder(dir.resolve("decisions.jsonl"), groups).capacity(1 << 16).open();
        model = new Logistic();
        Guard.Builder b = Guard.builder(plan, live).model("v1", model).nonPersonalised("default", 0.5)
                .monitor(monitor, 10_000).log(log);
        for (int j = 0; j < FEATURES; j += 2) {
            b.dropDefault("f" + j, 0.5);
        }
        guard = b.build();
        Map<String, ConsentSnapshot.Entry> entries = new HashMap<>();
        for (int k = 0; k < 3; k++) {
            entries.put(purposes.get(k), new ConsentSnapshot.Entry(k == 0 ? ConsentState.REFUSED : ConsentState.GIVEN,
                    true, ConsentSource.DIRECT, k + 1));
        }
        guard.consent("subject-1", new ConsentSnapshot("subject-1", Instant.parse("2026-06-01T00:00:00Z"), 3, entries,
                List.of()), EnumSet.noneOf(RequestMode.class));
    }

    /**
     * Closes the log and removes its file.
     *
     * @throws IOException if closing fails
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        log.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    /**
     * The model alone.
     *
     * @param q the thread's request
     * @return the score
     */
    @Benchmark
    public double bareModel(Request q) {
        model.predict(q.row, 1, q.out);
        return q.out[0];
    }

    /**
     * The same model through the guard.
     *
     * @param q the thread's request
     * @return the score
     */
    @Benchmark
    public double guardedCall(Request q) {
        guard.decide("subject-1", q.row, (q.i++) & 1, q.decision);
        return q.decision.score();
    }
}
