package dev.fairway.benchmarks.explain;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.LogisticModel;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.ShapleyMethod;
import dev.fairway.explain.reasons.AdverseDirection;
import dev.fairway.explain.reasons.Audience;
import dev.fairway.explain.reasons.NoticeRenderer;
import dev.fairway.explain.reasons.ReasonCatalogue;
import dev.fairway.explain.reasons.ReasonCode;
import dev.fairway.explain.reasons.ReasonPolicy;
import dev.fairway.explain.reasons.ReasonResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
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
 * Explanation speed: exact Shapley and permutation sampling (to a 0.01 standard error) of a
 * logistic model with 100 background rows, single-threaded, and rendering of German
 * adverse-action notices. Model evaluations per explanation are printed at setup.
 *
 * <p>Thread-safety: JMH state, one instance per benchmark thread.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ExplainBenchmark {
    /** The number of features, each its own player; every one differs from the background. */
    @Param({"10", "12"})
    public int features;

    private ShapleyExplainer exact;
    private ShapleyExplainer permutation;
    private double[] instance;
    private ReasonResult reasons;
    private final NoticeRenderer renderer = NoticeRenderer.standard();

    /** Builds a seeded logistic model, background and instance. */
    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(20261123L);
        double[] w = new double[features];
        for (int j = 0; j < features; j++) {
            w[j] = rnd.nextDouble(-1, 1);
        }
        LogisticModel model = LogisticModel.of(-0.2, w);
        int rows = 100;
        double[] bg = new double[rows * features];
        for (int i = 0; i < bg.length; i++) {
            bg[i] = rnd.nextGaussian();
        }
        Background background = Background.of(bg, rows, features);
        instance = new double[features];
        for (int j = 0; j < features; j++) {
            instance[j] = rnd.nextGaussian() + 0.5;
        }
        exact = ShapleyExplainer.builder(model, background).method(ShapleyMethod.EXACT).build();
        permutation = ShapleyExplainer.builder(model, background).method(ShapleyMethod.PERMUTATION).seed(7)
                .targetStandardError(0.01).maxCoalitions(10_000_000).build();
        Attribution a = exact.explain(instance);
        Attribution p = permutation.explain(instance);
        System.out.println("# evaluations per explanation (features=" + features + "): exact="
                + a.provenance().evaluations() + " permutation=" + p.provenance().evaluations()
                + " (max standard error " + p.provenance().maxStandardError() + ")");
        List<ReasonCode> codes = new ArrayList<>();
        String[] keys = {"reason.income.insufficient", "reason.obligations.excessive", "reason.history.insufficient",
            "reason.inquiries", "reason.delinquency", "reason.utilisation.high"};
        for (int j = 0; j < Math.min(keys.length, features); j++) {
            codes.add(ReasonCode.of("R0" + j, keys[j], List.of(a.players().get(j)), AdverseDirection.ANY, Set.of()));
        }
        ReasonCatalogue catalogue = ReasonCatalogue.of("credit", "bench", codes);
        double[] phi = new double[features];
        for (int j = 0; j < features; j++) {
            phi[j] = -0.1 * (j + 1);
        }
        Attribution adverse = new Attribution(a.players(), phi, new double[features], 0, -1, a.provenance());
        reasons = ReasonPolicy.builder(catalogue, "approved applicants").build().select(adverse, new int[features]);
    }

    /**
     * Exact Shapley values of one instance.
     *
     * @return the attribution
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Attribution exactShapley() {
        return exact.explain(instance);
    }

    /**
     * Antithetic permutation sampling until every standard error is at most 0.01.
     *
     * @return the attribution
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Attribution permutationToSe001() {
        return permutation.explain(instance);
    }

    /**
     * Renders a four-reason German adverse-action notice for the person.
     *
     * @return the text
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public String renderGermanNotice() {
        return renderer.render(reasons, Locale.GERMAN, Audience.PERSON);
    }
}
