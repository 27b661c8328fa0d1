package dev.fairway.explain.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.AttributionMethod;
import dev.fairway.explain.Link;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Margins, predictions and path-dependent contributions against XGBoost 1.7.4's own
 * {@code predict(output_margin=True)}, {@code predict()} and {@code predict(pred_contribs=True)}
 * (goldens made by make_goldens.py, see the resources' README). 100 rows per model: 60 random rows
 * with 15% missing cells and 40 rows with one feature exactly at a split threshold or at the double
 * just below it (which rounds up to the threshold in float32 and so must go right).
 */
class XgboostOracleTest {
    static final List<String> NAMES = List.of("income", "age", "tenure", "debt", "visits");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logistic", "squarederror", "softprob", "poisson"})
    void marginsEqualXgboostBitForBitInFloat32(String objective) {
        TreeEnsemble model = Goldens.model(objective);
        double[][] rows = Goldens.csv(objective + ".rows.csv");
        double[][] margin = Goldens.csv(objective + ".margin.csv");
        assertEquals(100, rows.length);
        int k = model.outputs();
        float[] f = new float[k];
        double[] d = new double[k];
        for (int r = 0; r < rows.length; r++) {
            model.marginsFloat32(rows[r], f);
            model.margins(rows[r], 1, d);
            for (int c = 0; c < k; c++) {
                assertEquals((float) margin[r][c], f[c], "row " + r + " output " + c + " (float32 accumulation)");
                // double accumulation of the same float32 leaves: float32 precision of the sum
                double tol = 2e-7 * model.trees() * Math.max(1, Math.abs(margin[r][c]));
                assertEquals(margin[r][c], d[c], tol, "row " + r + " output " + c);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logistic", "squarederror", "softprob", "poisson"})
    void predictionsEqualXgboostsToFloat32Precision(String objective) {
        TreeEnsemble model = Goldens.model(objective);
        double[][] rows = Goldens.csv(objective + ".rows.csv");
        double[][] pred = Goldens.csv(objective + ".predict.csv");
        int k = model.outputs();
        int m = model.features();
        double[] packed = new double[rows.length * m];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, packed, r * m, m);
        }
        double[] out = new double[rows.length * k];
        model.predict(packed, rows.length, out);
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < k; c++) {
                assertEquals(pred[r][c], out[r * k + c], 1e-5 * Math.max(1, Math.abs(pred[r][c])), "row " + r + " output " + c);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logistic", "squarederror", "softprob", "poisson"})
    void pathDependentValuesEqualPredContribs(String objective) {
        TreeEnsemble model = Goldens.model(objective);
        assertEquals(NAMES, model.featureNames());
        double[][] rows = Goldens.csv(objective + ".rows.csv");
        double[][] contribs = Goldens.csv(objective + ".contribs.csv");
        int k = model.outputs();
        for (int c = 0; c < k; c++) {
            TreeShapExplainer ex = TreeShapExplainer.builder(model).output(c).build();
            assertEquals(AttributionMethod.TREE_PATH_DEPENDENT, ex.method());
            assertEquals(objective.equals("logistic") ? Link.LOGIT : Link.IDENTITY, ex.link());
            for (int r = 0; r < rows.length; r++) {
                Attribution a = ex.explain(rows[r]);
                double[] g = contribs[r * k + c];
                double scale = 0;
                for (double v : g) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int j = 0; j < NAMES.size(); j++) {
                    // XGBoost accumulates in float32: 1e-5 relative, with a floor of 1e-5 of the row's largest value
                    double tol = 1e-5 * Math.max(Math.abs(g[j]), 1e-1 * scale);
                    assertEquals(g[j], a.value(j), tol, "row " + r + " class " + c + " feature " + NAMES.get(j));
                }
                assertEquals(g[NAMES.size()], a.baseValue(), 1e-5 * Math.max(1, Math.abs(g[NAMES.size()])), "bias, row " + r);
                double[] margin = new double[k];
                model.margins(rows[r], 1, margin);
                assertEquals(margin[c], a.prediction(), 1e-12 * Math.max(1, Math.abs(margin[c])), "prediction, row " + r);
                assertTrue(Math.abs(a.provenance().additivityResidual()) < 1e-12 * Math.max(1, Math.abs(margin[c])));
            }
        }
    }
}
