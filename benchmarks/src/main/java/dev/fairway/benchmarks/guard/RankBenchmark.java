package dev.fairway.benchmarks.guard;

import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.Jurisdiction;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.FairMode;
import dev.fairway.fairness.ranking.FairTable;
import dev.fairway.guard.Guard;
import dev.fairway.guard.RankedSlate;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.LiveExposure;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ranked slates through the guard against the bare model: 100 candidates of the 16-feature logistic
 * model of {@link GuardBenchmark}, scored alone in one batch ({@link #bareModel}), and through
 * {@link Guard#rank} with a cached consent mask (4 of 16 features withheld), a slate of 10, log2
 * exposure recorded in windows of 100,000 slates and the monitor looking every 1,000th slate, with
 * ({@link #rankFair}, adjusted FA*IR table k = 10, p = 0.5, alpha = 0.1, built once) and without
 * ({@link #rank}) the re-rank. One protected candidate in five, so the table forces moves.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RankBenchmark -t 1 -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RankBenchmark {
    static final int FEATURES = GuardBenchmark.FEATURES;
    static final int CANDIDATES = 100;

    GuardBenchmark.Logistic model;
    Guard plain;
    Guard fair;

    /** Per-thread candidates and model output. */
    @State(Scope.Thread)
    public static class Request {
        final double[] rows = new double[CANDIDATES * FEATURES];
        final int[] groups = new int[CANDIDATES];
        final double[] out = new double[CANDIDATES];

        /** Fills the rows and groups. */
        @Setup
        public void setup() {
            SplittableRandom r = new SplittableRandom(11);
            for (int i = 0; i < rows.length; i++) {
                rows[i] = r.nextDouble();
            }
            for (int c = 0; c < CANDIDATES; c++) {
                groups[c] = r.nextInt(5) == 0 ? 1 : 0;
            }
        }
    }

    /** Builds the plan, model, exposure, monitors and the two guards. */
    @Setup(Level.Trial)
    public void setup() {
        List<String> purposes = List.of("profile_selection", "profile_building", "measurement", "contextual_selection");
        List<Feature> fs = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            DenialAction a = j % 2 == 0 ? new DenialAction.Drop() : new DenialAction.Mask(0);
            fs.add(new Feature("f" + j, j, List.of(purposes.get(j % 4)), List.of(), a));
        }
        FilterPlan plan = FilterPlan.compile(FeatureCatalogue.of(fs), FilterPolicy.serving(), Jurisdiction.EU);
        GroupIndex groups = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b")));
        model = new GuardBenchmark.Logistic();
        FairTable table = FairTable.adjusted(10, 0.5, 0.1, FairMode.CORRECT);
        plain = guard(plan, groups, null);
        fair = guard(plan, groups, table);
    }

    private Guard guard(FilterPlan plan, GroupIndex groups, FairTable table) {
        LiveExposure exposure = LiveExposure.builder(List.of("major", "independent"))
                .windowing(Windowing.tumblingCount(100_000)).build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("exposure_ratio < 0.01", MonitorState.FALLBACK)).build();
        Guard.Builder b = Guard.builder(plan, LiveCounts.builder(groups).build()).model("v1", model)
                .nonPersonalised("default", 0.5).monitor(monitor, 1_000).ranking(exposure, BrowsingModel.log2())
                .slateLength(10);
        if (table != null) {
            b.fairRanking(table, "independent");
        }
        for (int j = 0; j < FEATURES; j += 2) {
            b.dropDefault("f" + j, 0.5);
        }
        Guard g = b.build();
        Map<String, ConsentSnapshot.Entry> entries = new HashMap<>();
        for (int k = 0; k < 3; k++) {
            entries.put(purposes().get(k), new ConsentSnapshot.Entry(k == 0 ? ConsentState.REFUSED : ConsentState.GIVEN,
                    true, ConsentSource.DIRECT, k + 1));
        }
        g.consent("subject-1", new ConsentSnapshot("subject-1", Instant.parse("2026-06-01T00:00:00Z"), 3, entries,
                List.of()), EnumSet.noneOf(RequestMode.class));
        return g;
    }

    private static List<String> purposes() {
        return List.of("profile_selection", "profile_building", "measurement", "contextual_selection");
    }

    /**
     * The model alone on the 100 candidates, one batch call.
     *
     * @param q the thread's request
     * @return a score
     */
    @Benchmark
    public double bareModel(Request q) {
        model.predict(q.rows, CANDIDATES, q.out);
        return q.out[0];
    }

    /**
     * The guard's slate of 10 from 100 candidates, without FA*IR.
     *
     * @param q the thread's request
     * @return the slate
     */
    @Benchmark
    public RankedSlate rank(Request q) {
        return plain.rank("subject-1", q.rows, q.groups, CANDIDATES);
    }

    /**
     * The same with the FA*IR re-rank.
     *
     * @param q the thread's request
     * @return the slate
     */
    @Benchmark
    public RankedSlate rankFair(Request q) {
        return fair.rank("subject-1", q.rows, q.groups, CANDIDATES);
    }
}
