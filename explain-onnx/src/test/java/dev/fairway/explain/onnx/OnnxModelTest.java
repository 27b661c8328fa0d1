package dev.fairway.explain.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.ConsentFeatures;
import dev.fairway.explain.Link;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.ShapleyMethod;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.guard.Decision;
import dev.fairway.guard.Guard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ONNX models built by make_models.py (see the resources' README) through ONNX Runtime: the logistic
 * graph against its closed form, the two-input MLP against its numpy reference, exact Shapley
 * values of the logistic graph in log-odds against the linear closed form, and a guarded decision
 * and explanation with the ONNX model in a {@link Guard}.
 */
class OnnxModelTest {
    static final String DIR = "/dev/fairway/explain/onnx/";
    /** The logistic graph's weights, as make_models.py sets them (income, age, debt). */
    static final double[] W = {0.8, -0.05, -1.5};
    static final double B = 0.25;

    static byte[] bytes(String name) throws IOException {
        try (InputStream in = OnnxModelTest.class.getResourceAsStream(DIR + name)) {
            return in.readAllBytes();
        }
    }

    /** Catalogue order differs from the graph's column order on purpose; tenure is not an input. */
    static final List<String> FEATURES = List.of("age", "debt", "income", "tenure");

    static OnnxModel logistic() throws IOException {
        return OnnxModel.builder(bytes("logistic.onnx")).features(FEATURES).input("x", List.of("income", "age", "debt"))
                .output("p", 0).build();
    }

    static double closedForm(double age, double debt, double income) {
        float z = (float) (W[0] * (float) income + W[1] * (float) age + W[2] * (float) debt + B);
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void theLogisticGraphMatchesItsClosedFormInOneBatch() throws IOException {
        try (OnnxModel m = logistic()) {
            assertEquals(4, m.features());
            double[] rows = {40, 0.5, 1.2, 3, 25, -1, 0, 0, 61, 2, -0.5, 9};
            double[] out = new double[3];
            m.predict(rows, 3, out);
            for (int r = 0; r < 3; r++) {
                assertEquals(closedForm(rows[4 * r], rows[4 * r + 1], rows[4 * r + 2]), out[r], 2e-7, "row " + r);
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.predict(new double[] {1, Double.NaN, 0, 0}, 1, new double[1]));
            assertTrue(e.getMessage().contains("'debt'"), e.getMessage());
        }
    }

    @Test
    void theMlpWithTwoNamedInputsMatchesNumpy() throws IOException {
        String[] lines = new String(bytes("mlp.reference.csv"), StandardCharsets.UTF_8).split("\n");
        try (OnnxModel m = OnnxModel.builder(bytes("mlp.onnx")).features(List.of("income", "age", "tenure", "debt"))
                .input("person", List.of("age", "tenure")).input("money", List.of("income", "debt")).build()) {
            int n = lines.length - 1;
            double[] rows = new double[n * 4];
            double[] want = new double[n];
            for (int r = 0; r < n; r++) {
                String[] c = lines[r + 1].split(",");
                for (int j = 0; j < 4; j++) {
                    rows[r * 4 + j] = Double.parseDouble(c[j]);
                }
                want[r] = Double.parseDouble(c[4]);
            }
            double[] out = new double[n];
            m.predict(rows, n, out);
            for (int r = 0; r < n; r++) {
                assertEquals(want[r], out[r], 1e-6, "row " + r);
            }
        }
    }

    @Test
    void exactShapleyInLogOddsIsTheLinearClosedForm() throws IOException {
        try (OnnxModel m = logistic()) {
            double[] bg = {40, 0.5, 1.2, 3, 25, -1, 0, 0, 61, 2, -0.5, 9};
            Background background = Background.of(bg, 3, 4);
            ShapleyExplainer ex = ShapleyExplainer.builder(m, background)
                    .players(dev.fairway.explain.Players.of(FEATURES)).method(ShapleyMethod.EXACT).link(Link.LOGIT).build();
            double[] x = {33, 1.5, 2, 4};
            Attribution a = ex.explain(x);
            double[] mean = background.means();
            // logit(p) = w·x + b (float32 graph): φ_j = w_j (x_j − E_B[x_j]); tenure is no input: 0
            assertEquals(W[1] * (x[0] - mean[0]), a.value("age"), 1e-4);
            assertEquals(W[2] * (x[1] - mean[1]), a.value("debt"), 1e-4);
            assertEquals(W[0] * (x[2] - mean[2]), a.value("income"), 1e-4);
            assertEquals(0.0, a.value("tenure"), 1e-12);
        }
    }

    @Test
    void mappingsThatDoNotFitTheGraphAreRefused() throws IOException {
        byte[] onnx = bytes("logistic.onnx");
        assertThrows(IllegalArgumentException.class, () -> OnnxModel.builder(onnx).features(FEATURES).build());
        assertThrows(IllegalArgumentException.class, () -> OnnxModel.builder(onnx).features(FEATURES)
                .input("x", List.of("income", "age")).build());
        assertThrows(IllegalArgumentException.class, () -> OnnxModel.builder(onnx).features(FEATURES)
                .input("x", List.of("income", "age", "salary")).build());
        assertThrows(IllegalArgumentException.class, () -> OnnxModel.builder(onnx).features(FEATURES)
                .input("x", List.of("income", "age", "debt")).input("y", List.of("tenure")).build());
        assertThrows(IllegalArgumentException.class, () -> OnnxModel.builder(onnx).features(FEATURES)
                .input("x", List.of("income", "age", "debt")).output("q", 0).build());
        assertThrows(IllegalArgumentException.class, () -> OnnxModel.builder(new byte[] {1, 2, 3}).features(FEATURES).build());
    }

    @Test
    void aGuardServesAndExplainsTheOnnxModel() throws IOException {
        FeatureCatalogue catalogue = FeatureCatalogue.of(List.of(
                new Feature("age", 0, List.of("profile_building"), List.of(), new DenialAction.Mask(0)),
                new Feature("debt", 1, List.of("contextual_selection"), List.of(), new DenialAction.Mask(0)),
                new Feature("income", 2, List.of("profile_selection"), List.of(), new DenialAction.Drop()),
                new Feature("tenure", 3, List.of("contextual_selection"), List.of(), new DenialAction.Mask(0))));
        FilterPlan plan = FilterPlan.compile(catalogue, FilterPolicy.serving(), Jurisdiction.EU);
        GroupIndex groups = GroupIndex.of(List.of("sex"), List.of(List.of("f"), List.of("m")));
        try (OnnxModel m = OnnxModel.builder(bytes("logistic.onnx")).features(ConsentFeatures.players(catalogue).featureNames())
                .input("x", List.of("income", "age", "debt")).build()) {
            Background bg = Background.of(new double[] {40, 0.5, 1.2, 3, 25, -1, 0, 0}, 2, 4);
            ShapleyExplainer ex = ShapleyExplainer.builder(m, bg).players(ConsentFeatures.players(catalogue))
                    .method(ShapleyMethod.EXACT).link(Link.LOGIT).build();
            Guard guard = Guard.builder(plan, LiveCounts.builder(groups).build()).model("onnx-v1", m).dropDefault("income", 1.0)
                    .threshold(0.5).explainer("onnx-v1", ex).build();
            // alice grants everything but profile_selection: income is withheld, the model sees its stand-in 1.0
            guard.consent("alice", snapshot("alice", "profile_building", "contextual_selection", "measurement"),
                    EnumSet.noneOf(RequestMode.class));
            Decision d = new Decision();
            double[] row = {35, 0.2, 3.0, 5};
            guard.decide("alice", row, 0, d);
            assertEquals("onnx-v1", d.model());
            assertEquals(closedForm(35, 0.2, 1.0), d.score(), 2e-7);
            assertEquals(1, d.withheldCount());
            assertEquals("income", d.withheld(0));
            Attribution a = guard.explain("alice", row);
            assertEquals(0.0, a.value("income"));
            assertEquals(W[1] * (35 - 32.5), a.value("age"), 1e-4);
        }
    }

    static ConsentSnapshot snapshot(String subject, String... given) {
        Map<String, ConsentSnapshot.Entry> entries = new HashMap<>();
        long seq = 1;
        for (String p : given) {
            entries.put(p, new ConsentSnapshot.Entry(ConsentState.GIVEN, true, ConsentSource.DIRECT, seq++));
        }
        return new ConsentSnapshot(subject, Instant.parse("2026-06-01T00:00:00Z"), seq, entries, List.of());
    }

}
