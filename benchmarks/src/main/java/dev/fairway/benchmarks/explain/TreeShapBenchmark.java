package dev.fairway.benchmarks.explain;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.trees.TreeEnsemble;
import dev.fairway.explain.trees.TreeShapExplainer;
import dev.fairway.explain.trees.XgboostJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * TreeSHAP and tree evaluation speed on an XGBoost 1.7.4 {@code binary:logistic} model of 150
 * trees of depth 6 over 11 features (resources {@code tree150/}, made by {@code tree_bench.py
 * train}, which also times XGBoost's own {@code pred_contribs} on the same model): one exact
 * path-dependent explanation of a row, one interventional explanation against 100 background
 * rows, and the margin of one row. Each call takes the next of 1,000 rows (5% missing cells), so
 * branch prediction cannot learn one row's path. Single-threaded.
 *
 * <p>Thread-safety: JMH state, one instance per benchmark thread.
 */
@State(Scope.Thread)
@Fork(1)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 8, time = 2)
public class TreeShapBenchmark {
    private static final String DIR = "/dev/fairway/benchmarks/explain/tree150/";

    private TreeEnsemble model;
    private TreeShapExplainer pathDependent;
    private TreeShapExplainer pathDependentPerRow;
    private TreeShapExplainer interventional;
    private double[][] rows;
    private int next;

    /** Loads the model and rows. */
    @Setup(Level.Trial)
    public void setup() {
        model = XgboostJson.read(resource("model.json"), "tree150/model.json");
        String[] lines = new String(resource("rows.csv"), StandardCharsets.UTF_8).split("\n");
        rows = new double[lines.length - 1][];
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            double[] r = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                r[j] = cells[j].isEmpty() ? Double.NaN : Double.parseDouble(cells[j]);
            }
            rows[i - 1] = r;
        }
        int m = model.features();
        int bgRows = 100;
        double[] bg = new double[bgRows * m];
        int k = 0;
        for (int i = 0; k < bgRows && i < rows.length; i++) {
            boolean complete = true;
            for (double v : rows[i]) {
                complete &= !Double.isNaN(v);
            }
            if (complete) {
                System.arraycopy(rows[i], 0, bg, k++ * m, m);
            }
        }
        pathDependent = TreeShapExplainer.builder(model).precompute(true).build();   // the per-model tables
        pathDependentPerRow = TreeShapExplainer.builder(model).precompute(false).build();
        interventional = TreeShapExplainer.builder(model).interventional(Background.of(bg, bgRows, m)).build();
        System.out.println("# trees=" + model.trees() + " depth=" + model.depth() + " features=" + m);
    }

    private static byte[] resource(String name) {
        try (InputStream in = TreeShapBenchmark.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double[] nextRow() {
        double[] r = rows[next];
        next = next + 1 == rows.length ? 0 : next + 1;
        return r;
    }

    /**
     * One exact path-dependent TreeSHAP explanation with the per-model tables ({@code precompute(true)}; target at most 50 µs).
     *
     * @return the attribution
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Attribution pathDependentExplanation() {
        return pathDependent.explain(nextRow());
    }

    /**
     * One exact path-dependent explanation without the per-model tables (the per-row closed form, the default,
     * {@code precompute(false)}), to weigh the tables' memory against their speed.
     *
     * @return the attribution
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Attribution pathDependentPerRowExplanation() {
        return pathDependentPerRow.explain(nextRow());
    }

    /**
     * One exact interventional TreeSHAP explanation against 100 background rows.
     *
     * @return the attribution
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Attribution interventionalExplanation() {
        return interventional.explain(nextRow());
    }

    /**
     * The margin of one row (target at most 2 µs; allocates nothing).
     *
     * @return the margin
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double margin() {
        return model.margin(nextRow());
    }
}
