package dev.fairway.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code fairway explain --model xgboost.json --data rows.csv} through the real entry point: every
 * row's margin and path-dependent contributions equal XGBoost 1.7.4's {@code output_margin} and
 * {@code pred_contribs} (fixtures in src/test/resources/explain/trees, see its README), withheld
 * features are absent, and bad input is exit 2 with one line and nothing on standard output.
 */
class TreeExplainCommandTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final List<String> NAMES = List.of("income", "age", "tenure", "debt", "visits");

    static String res(String name) throws URISyntaxException {
        return Path.of(TreeExplainCommandTest.class.getResource("/explain/trees/" + name).toURI()).toString();
    }

    static double[][] csv(String name) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(res(name)), StandardCharsets.UTF_8);
        double[][] out = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            out[i - 1] = new double[c.length];
            for (int j = 0; j < c.length; j++) {
                out[i - 1][j] = c[j].isEmpty() ? Double.NaN : Double.parseDouble(c[j]);
            }
        }
        return out;
    }

    @Test
    void everyRowMatchesXgboost() throws Exception {
        ExplainCommandTest.Result r = ExplainCommandTest.run("explain", "--model", res("logistic.model.json"), "--data",
                res("rows.csv"));
        assertEquals(0, r.code(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals("tree_path_dependent", doc.get("method").asString());
        assertEquals("logit", doc.get("link").asString());
        assertEquals("binary:logistic", doc.get("model").get("objective").asString());
        double[][] margin = csv("margin.csv");
        double[][] contribs = csv("contribs.csv");
        JsonNode rows = doc.get("rows");
        assertEquals(8, rows.size());
        for (int i = 0; i < 8; i++) {
            JsonNode row = rows.get(i);
            assertEquals(i + 1, row.get("row").asInt());
            assertEquals(margin[i][0], row.get("value").asDouble(), 1e-5 * Math.max(1, Math.abs(margin[i][0])));
            assertEquals(contribs[i][5], row.get("base").asDouble(), 1e-5);
            for (int j = 0; j < NAMES.size(); j++) {
                assertEquals(contribs[i][j], row.get("attributions").get(NAMES.get(j)).asDouble(),
                        1e-5 * Math.max(0.1, Math.abs(contribs[i][j])), "row " + (i + 1) + " " + NAMES.get(j));
            }
        }
    }

    @Test
    void aWithheldFeatureIsAbsentAndInterventionalUsesTheBackground(@TempDir Path dir) throws Exception {
        Path bg = dir.resolve("bg.csv");
        Files.writeString(bg, "income,age,tenure,debt,visits\n0,40,0,0,0\n1,35,-1,0.5,2\n");
        ExplainCommandTest.Result r = ExplainCommandTest.run("explain", "--model", res("logistic.model.json"), "--data",
                res("rows.csv"), "--background", bg.toString(), "--withheld", "age");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals("tree_interventional", doc.get("method").asString());
        for (JsonNode row : doc.get("rows")) {
            JsonNode a = row.get("attributions");
            assertFalse(a.has("age"));
            double sum = row.get("base").asDouble();
            for (String f : List.of("income", "tenure", "debt", "visits")) {
                sum += a.get(f).asDouble();
            }
            assertEquals(row.get("value").asDouble(), sum, 1e-9);
        }
    }

    @Test
    void badInputIsExitTwoWithOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "income,age,tenure,debt,visits\n1,2,3,4,5\n1,abc,3,4,5\n");
        Path noCol = dir.resolve("nocol.csv");
        Files.writeString(noCol, "income,age,tenure,debt\n1,2,3,4\n");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, Files.readString(Path.of(res("logistic.model.json"))).replace("\"binary:logistic\"",
                "\"reg:gamma\""));
        String model = res("logistic.model.json");
        String[][] cases = {
            {"explain", "--model", model, "--data", bad.toString()},
            {"explain", "--model", model, "--data", noCol.toString()},
            {"explain", "--model", model},
            {"explain", "--model", model, "--data", res("rows.csv"), "--withheld", "salary"},
            {"explain", "--model", broken.toString(), "--data", res("rows.csv")},
        };
        String[] words = {"line 3, column 'age'", "no column 'visits'", "--data", "'salary'", "learner.objective.name"};
        for (int i = 0; i < cases.length; i++) {
            ExplainCommandTest.Result r = ExplainCommandTest.run(cases[i]);
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith("fairway: "), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains(words[i]), r.err());
            assertEquals("", r.out());
        }
    }
}
