package dev.fairway.fairness.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProxyReportTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<String[]> compasRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/resources/datasets/compas_golden_input.csv"));
        return lines.stream().filter(l -> !l.isEmpty()).map(l -> l.split(",", -1)).toList();
    }

    static Object[] column(List<String[]> rows, String name) {
        int c = List.of(rows.get(0)).indexOf(name);
        return rows.subList(1, rows.size()).stream().map(r -> r[c]).toArray();
    }

    @Test
    void compasMatchesScipy() throws IOException {
        List<String[]> rows = compasRows();
        Object[] age = column(rows, "age");
        double[] ageValues = new double[age.length];
        for (int i = 0; i < age.length; i++) {
            ageValues[i] = Double.parseDouble((String) age[i]);
        }
        JsonNode oracle = JSON.readTree(Path.of("src/test/resources/privacy/compas_proxies_scipy.json").toFile());
        int checked = 0;
        for (String sensitive : List.of("race", "sex")) {
            ProxyReport.Builder b = ProxyReport.builder().sensitive(sensitive, column(rows, sensitive));
            for (String f : List.of("decile_score", "two_year_recid", "y_pred", "sex", "race")) {
                if (!f.equals(sensitive)) {
                    b.categorical(f, column(rows, f));
                }
            }
            b.numeric("age", ageValues).bins(oracle.get("bins").asInt());
            ProxyReport report = b.build();
            for (JsonNode pair : oracle.get("pairs")) {
                if (!pair.get("sensitive").asString().equals(sensitive)) {
                    continue;
                }
                ProxyMeasure m = report.proxies().stream()
                        .filter(p -> p.feature().equals(pair.get("feature").asString())).findFirst().orElseThrow();
                String at = m.feature() + "~" + sensitive;
                assertEquals(pair.get("kind").asString(), m.kind(), at);
                assertEquals(pair.get("n").asLong(), m.n(), at);
                assertEquals(pair.get("cramers_v").asDouble(), m.cramersV(), 1e-12, at);
                assertEquals(pair.get("cramers_v_corrected").asDouble(), m.cramersVCorrected(), 1e-12, at);
                assertEquals(pair.get("mutual_information").asDouble(), m.mutualInformation(), 1e-12, at);
                double p = pair.get("p_value").asDouble();
                assertEquals(p, m.pValue(), Math.max(1e-15, 1e-9 * p), at);
                if (pair.get("auc").isNull()) {
                    assertTrue(Double.isNaN(m.auc()), at);
                } else {
                    assertEquals(pair.get("auc").asDouble(), m.auc(), 1e-12, at);
                }
                checked++;
            }
        }
        assertEquals(oracle.get("pairs").size(), checked);
    }

    @Test
    void handCountedTwoByTwo() {
        // table [[30, 10], [10, 30]], n = 80: expected 20 each, chi2 = 4 * 100 / 20 = 20, V = sqrt(20 / 80) = 0.5
        Object[] f = new Object[80];
        Object[] s = new Object[80];
        for (int i = 0; i < 80; i++) {
            f[i] = i < 40 ? "a" : "b";
            s[i] = (i < 30 || i >= 50) ? (i < 40 ? "x" : "y") : (i < 40 ? "y" : "x");
        }
        ProxyMeasure m = ProxyReport.builder().sensitive("s", s).categorical("f", f).build().proxies().get(0);
        assertEquals(0.5, m.cramersV(), 1e-15);
        // Bergsma-Wicher: phi2 = 0.25 - 1/79; r~ = c~ = 2 - 1/79
        double corrected = Math.sqrt((0.25 - 1.0 / 79) / (1 - 1.0 / 79));
        assertEquals(corrected, m.cramersVCorrected(), 1e-15);
        // MI = 2 * (3/8 ln(3/2)) + 2 * (1/8 ln(1/2))
        assertEquals(0.75 * Math.log(1.5) + 0.25 * Math.log(0.5), m.mutualInformation(), 1e-15);
        // chi-square with 1 df: survival(20) = erfc(sqrt(10)), value from scipy.special.erfc
        assertEquals(7.74421643104407e-06, m.pValue(), 1e-18);
        assertTrue(m.proxy());
        assertTrue(Double.isNaN(m.auc()));
    }

    @Test
    void aucAndBinningHandCounted() {
        // group x: 1, 2, 3; group y: 3, 4, 5; pairs x > y: 0, x = y: one (3,3) -> AUC(x) = 0.5 / 9; max = 1 - 1/18
        double[] v = {1, 2, 3, 3, 4, 5};
        Object[] s = {"x", "x", "x", "y", "y", "y"};
        ProxyMeasure m = ProxyReport.builder().sensitive("s", s).numeric("v", v).bins(2).build().proxies().get(0);
        assertEquals(1 - 1.0 / 18, m.auc(), 1e-15);
        // 2 bins: cut at rank floor(6/2) = 3 of sorted -> 3; bin 0 = {1, 2}, bin 1 = {3, 3, 4, 5}
        // table [[2, 0], [1, 3]], chi2 = 3, V = sqrt(3 / 6) (hand count)
        assertEquals(Math.sqrt(0.5), m.cramersV(), 1e-15);
        assertEquals("numeric", m.kind());
    }

    @Test
    void missingValuesAreDroppedPairwise() {
        Object[] f = {"a", "a", null, "b", "b"};
        Object[] s = {"x", "x", "y", "y", null};
        ProxyMeasure m = ProxyReport.builder().sensitive("s", s).categorical("f", f).build().proxies().get(0);
        assertEquals(3, m.n());
        double[] x = {1, Double.NaN, 2, 3, 4};
        ProxyMeasure n = ProxyReport.builder().sensitive("s", s).numeric("x", x).build().proxies().get(0);
        assertEquals(3, n.n());
    }

    @Test
    void consentConflictNeedsVisibleFeatureWithheldAttributeAndAProxy() {
        Object[] s = {"x", "x", "x", "y", "y", "y", "x", "y"};
        Object[] leak = s.clone();
        Object[] noise = {"a", "b", "a", "b", "a", "b", "b", "a"};
        ProxyReport r = ProxyReport.builder().sensitive("race", s).categorical("zip", leak).categorical("colour", noise)
                .visibleToModel(Set.of("zip", "colour")).withheld(Set.of("race")).build();
        assertEquals("zip", r.proxies().get(0).feature());
        assertTrue(r.proxies().get(0).consentConflict());
        assertFalse(r.proxies().get(1).proxy());
        assertFalse(r.proxies().get(1).consentConflict());
        ProxyReport hidden = ProxyReport.builder().sensitive("race", s).categorical("zip", leak)
                .visibleToModel(Set.of()).withheld(Set.of("race")).build();
        assertFalse(hidden.proxies().get(0).consentConflict());
    }

    @Test
    void jsonCarriesTheSchemaAndEveryField() {
        Object[] s = {"x", "x", "y", "y"};
        JsonNode json = JSON.readTree(ProxyReport.builder().sensitive("s", s).categorical("f", s).build().toJson());
        assertEquals(ProxyReport.SCHEMA, json.get("schema").asString());
        JsonNode p = json.get("proxies").get(0);
        for (String field : List.of("feature", "sensitive", "kind", "n", "cramers_v", "cramers_v_corrected",
                "mutual_information", "p_value", "auc")) {
            assertTrue(p.has(field), field);
        }
        assertTrue(p.get("auc").isNull());
        assertFalse(json.get("consent_checked").asBoolean());
    }

    @Test
    void badInputNamesTheColumn() {
        Object[] s = {"x", "y"};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProxyReport.builder().sensitive("s", s).categorical("f", new Object[] {"a"}));
        assertTrue(e.getMessage().contains("'f'"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> ProxyReport.builder().sensitive("s", s).build());
    }
}
