package dev.fairway.explain;

import java.util.ArrayList;
import java.util.List;

/** Small models for tests, defined by a per-row function. */
public final class TestModels {
    private TestModels() {
    }

    /** A row function: reads {@code features} values at {@code row[off..]}, writes outputs at {@code out[outOff..]}. */
    public interface RowFunction {
        void apply(double[] row, int off, double[] out, int outOff);
    }

    public static Model of(int features, int outputs, RowFunction fn) {
        return new Model() {
            @Override
            public int features() {
                return features;
            }

            @Override
            public int outputs() {
                return outputs;
            }

            @Override
            public void predict(double[] rowMajor, int rows, double[] out) {
                for (int r = 0; r < rows; r++) {
                    fn.apply(rowMajor, r * features, out, r * outputs);
                }
            }
        };
    }

    public static double predictOne(Model model, double[] x, int output) {
        double[] out = new double[model.outputs()];
        model.predict(x.clone(), 1, out);
        return out[output];
    }

    public static List<String> names(int m) {
        List<String> n = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            n.add("f" + j);
        }
        return n;
    }

    public static Attribution explain(Model model, Background bg, double[] x, ShapleyMethod method) {
        return ShapleyExplainer.builder(model, bg).method(method).maxCoalitions(1_000_000).build().explain(x);
    }
}
