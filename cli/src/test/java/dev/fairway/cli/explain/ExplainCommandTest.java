package dev.fairway.cli.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs {@code fairway explain} through the real entry point and its exit-code conventions. */
class ExplainCommandTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) throws Exception {
        Method run = Class.forName("dev.fairway.cli.Fairway").getDeclaredMethod("run", String[].class);
        run.setAccessible(true);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = (Integer) run.invoke(null, (Object) args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static String res(String name) throws URISyntaxException {
        return Path.of(ExplainCommandTest.class.getResource("/explain/" + name).toURI()).toString();
    }

    static List<String> args(String model, String bg, String instance, String... more) throws URISyntaxException {
        List<String> a = new ArrayList<>(List.of("explain", "--model", res(model), "--background", res(bg),
                "--instance", res(instance)));
        a.addAll(List.of(more));
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exact", "linear", "permutation", "kernel"})
    void oracle1FromFiles(String method) throws Exception {
        Result r = run(args("oracle1-model.json", "oracle1-background.csv", "oracle1-instance.json", "--method", method)
                .toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals("fairway-explanation/v1", doc.get("schema").stringValue());
        assertEquals(method, doc.get("method").stringValue());
        assertEquals(6.5, doc.get("prediction").doubleValue(), 1e-9);
        assertEquals(-1.5, doc.get("base_value").doubleValue(), 1e-9);
        double[] expected = {4, 3, 1}; // ORACLES.md item 1
        for (int j = 0; j < 3; j++) {
            JsonNode a = doc.get("attributions").get(j);
            assertEquals(List.of("a", "b", "c").get(j), a.get("feature").stringValue());
            assertEquals(expected[j], a.get("value").doubleValue(), 1e-9);
        }
        assertTrue(doc.get("provenance").get("background_digest").stringValue().startsWith("sha256:"));
    }

    @Test
    void limeReportsItsFit() throws Exception {
        // The document carries the surrogate's fit and LIME's default width 0.75·sqrt(3 players).
        Result r = run(args("oracle1-model.json", "oracle1-background.csv", "oracle1-instance.json", "--method", "lime",
                "--seed", "5", "--samples", "300").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals("lime", doc.get("method").stringValue());
        assertEquals(0.75 * Math.sqrt(3), doc.get("lime").get("kernel_width").doubleValue(), 1e-12);
        assertEquals(5, doc.get("provenance").get("seed").intValue());
        assertTrue(doc.get("attributions").get(0).get("std_error").isNull());
        double r2 = doc.get("lime").get("r2").doubleValue();
        assertTrue(r2 >= 0 && r2 <= 1, "r2 " + r2);
    }

    // Log-odds contributions by the closed form w_j (x_j − mean_j), means (5, 0.25, 7, 0.5, 42):
    // income −2.0, debt_ratio −0.7, history_years −1.25, inquiries −1.5, age −0.9 (protected).
    private static final double[] CREDIT_LOGIT = {-2.0, -0.7, -1.25, -1.5, -0.9};

    @Test
    void germanAdverseActionNotice() throws Exception {
        Result r = run(args("credit-model.json", "approved.csv", "applicant.json", "--link", "logit",
                "--reasons", res("credit-catalogue.json"), "--locale", "de", "--protected", "age",
                "--reference", "Mittelwert genehmigter Anträge", "--view", "person").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        assertEquals("person", doc.get("view").stringValue());
        assertEquals(4, doc.get("attributions").size(), "age is hidden from the person");
        for (int j = 0; j < 4; j++) {
            assertEquals(CREDIT_LOGIT[j], doc.get("attributions").get(j).get("value").doubleValue(), 1e-9);
        }
        // Impacts by hand: R01 2.0, R04 1.5, R03 1.25, R05 0.9 (protected, suppressed), R02 0.7.
        assertEquals("Die wesentlichen Gründe für unsere Entscheidung:\n"
                + "1. Einkommen für den beantragten Kreditbetrag nicht ausreichend\n"
                + "2. Zu viele Kreditanfragen in letzter Zeit\n"
                + "3. Kredithistorie zu kurz\n"
                + "4. Zu hohe Verpflichtungen im Verhältnis zum Einkommen\n"
                + "Sie können erfragen, welche Daten verwendet wurden und wie eine Änderung das Ergebnis beeinflussen würde.",
                doc.get("reasons").get("notice").stringValue());
        assertFalse(r.out().contains("R05") || r.out().contains("\"age\""), r.out());
        assertEquals(List.of(1, 2, 3, 4), doc.get("reasons").get("cited").valueStream()
                .map(c -> c.get("rank").intValue()).toList(), "no gap betrays the suppressed reason");
    }

    @Test
    void auditorSeesTheSuppressedReason() throws Exception {
        Result r = run(args("credit-model.json", "approved.csv", "applicant.json", "--link", "logit", "--method", "linear",
                "--reasons", res("credit-catalogue.json"), "--protected", "age").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode reasons = MAPPER.readTree(r.out()).get("reasons");
        JsonNode sup = reasons.get("suppressed").get(0);
        assertEquals("R05", sup.get("code").stringValue());
        assertEquals(4, sup.get("rank").intValue());
        assertEquals("protected", sup.get("cause").stringValue());
        assertEquals(0.9, sup.get("impact").doubleValue(), 1e-9);
        assertEquals(List.of("R01", "R04", "R03", "R02"),
                reasons.get("cited").valueStream().map(c -> c.get("code").stringValue()).toList());
    }

    @Test
    void probabilityIsTheDefaultScaleOfALogisticModel() throws Exception {
        Result r = run(args("credit-model.json", "approved.csv", "applicant.json").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode doc = MAPPER.readTree(r.out());
        double z = -0.5 + 0.8 * 2.5 - 2.0 * 0.6 + 0.25 * 2 - 0.5 * 3.5 + 0.05 * 24;
        assertEquals(1 / (1 + Math.exp(-z)), doc.get("prediction").doubleValue(), 1e-12);
        assertEquals("identity", doc.get("link").stringValue());
        double sum = 0;
        for (JsonNode a : doc.get("attributions")) {
            sum += a.get("value").doubleValue();
        }
        assertEquals(doc.get("prediction").doubleValue() - doc.get("base_value").doubleValue(), sum, 1e-12);
    }

    @Test
    void recourseRespectsStepsAndWithheldFeatures() throws Exception {
        Result r = run(args("credit-model.json", "approved.csv", "applicant.json", "--recourse", res("credit-actions.json"),
                "--withheld", "inquiries", "--view", "person").toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode rec = MAPPER.readTree(r.out()).get("recourse");
        assertEquals("found", rec.get("status").stringValue());
        // By hand: logit gap ln(0.7/0.3) − 0.25 = 0.5973; MADs income 0.5, debt_ratio 0.1 (inquiries
        // withheld); gain per cost |w|·MAD: income 0.4 > debt 0.2. Income needs 0.747, rounded up to
        // the 0.5 step: 1.0, cost 1/0.5 = 2. Alone, debt_ratio must fall by 0.2987: cost 2.987.
        JsonNode first = rec.get("counterfactuals").get(0);
        assertEquals(1, first.get("changes").size());
        assertEquals("income", first.get("changes").get(0).get("feature").stringValue());
        assertEquals(3.5, first.get("changes").get(0).get("to").doubleValue(), 1e-9);
        assertEquals(2.0, first.get("cost").doubleValue(), 1e-9);
        assertEquals(1 / (1 + Math.exp(-1.05)), first.get("prediction").doubleValue(), 1e-9);
        JsonNode second = rec.get("counterfactuals").get(1);
        double gap = Math.log(0.7 / 0.3) - 0.25;
        assertEquals("debt_ratio", second.get("changes").get(0).get("feature").stringValue());
        assertEquals(0.6 - gap / 2, second.get("changes").get(0).get("to").doubleValue(), 1e-9);
        assertEquals(gap / 2 / 0.1, second.get("cost").doubleValue(), 1e-6);
        assertEquals(2, rec.get("counterfactuals").size());
        assertFalse(rec.toString().contains("inquiries"), rec.toString());
    }

    @Test
    void groupsAndWeightsFromTheCommandLine(@TempDir Path dir) throws Exception {
        // Weights (1, 3) ⇒ means (1.5, 3, 4.5) ⇒ φ = (2·1.5, −3·(−2), 0.5·0.5) = (3, 6, 0.25);
        // grouping b and c gives one player worth 6.25.
        Path bg = dir.resolve("w.csv");
        Files.writeString(bg, "a,b,c,w\n0,0,0,1\n2,4,6,3\n");
        Result r = run("explain", "--model", res("oracle1-model.json"), "--background", bg.toString(),
                "--instance", res("oracle1-instance.json"), "--weight-column", "w", "--player-group", "bc=b,c");
        assertEquals(0, r.code(), r.err());
        JsonNode attrs = MAPPER.readTree(r.out()).get("attributions");
        assertEquals(2, attrs.size());
        assertEquals("a", attrs.get(0).get("feature").stringValue());
        assertEquals(3.0, attrs.get(0).get("value").doubleValue(), 1e-9);
        assertEquals("bc", attrs.get(1).get("feature").stringValue());
        assertEquals(6.25, attrs.get(1).get("value").doubleValue(), 1e-9);
    }

    @Test
    void categoricalRecourseFromTheCommandLine(@TempDir Path dir) throws Exception {
        // Linear 1 + 2a − 3b + 0.5c at (3, 1, 5) = 6.5; threshold 9 needs +2.5. Only c may move,
        // from 5 to 6 (+0.5) or 10 (+2.5): the single counterfactual is c → 10, categorical cost 1.
        Path actions = dir.resolve("a.json");
        Files.writeString(actions, "{\"threshold\": 9, \"actions\": [{\"feature\": \"c\", "
                + "\"transitions\": {\"5\": [6, 10]}}, {\"feature\": \"a\", \"mutable\": false}]}");
        Result r = run(args("oracle1-model.json", "oracle1-background.csv", "oracle1-instance.json", "--recourse",
                actions.toString()).toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        JsonNode rec = MAPPER.readTree(r.out()).get("recourse");
        assertEquals("found", rec.get("status").stringValue());
        assertEquals(1, rec.get("counterfactuals").size());
        JsonNode cf = rec.get("counterfactuals").get(0);
        assertEquals(10.0, cf.get("changes").get(0).get("to").doubleValue());
        assertEquals(1.0, cf.get("cost").doubleValue());
        assertEquals(9.0, cf.get("prediction").doubleValue(), 1e-12);
        assertTrue(rec.get("exact").booleanValue());
    }

    @Test
    void badInputExitsWithTwoAndOneLine(@TempDir Path dir) throws Exception {
        Path instance = dir.resolve("i.json");
        Files.writeString(instance, "{\"a\": 3, \"b\": 1}");
        Result r = run("explain", "--model", res("oracle1-model.json"), "--background", res("oracle1-background.csv"),
                "--instance", instance.toString());
        assertEquals(2, r.code());
        assertEquals("fairway: --instance needs a number for feature 'c'", r.err().strip());

        Path bg = dir.resolve("bg.csv");
        Files.writeString(bg, "a,b,c\n0,0,0\n1,x,2\n");
        r = run("explain", "--model", res("oracle1-model.json"), "--background", bg.toString(),
                "--instance", res("oracle1-instance.json"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("line 3, column 2: column 'b'"), r.err());
        assertEquals(1, r.err().strip().lines().count());

        r = run(args("oracle1-model.json", "oracle1-background.csv", "oracle1-instance.json", "--method", "shapley")
                .toArray(String[]::new));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--method must be"), r.err());

        r = run(args("oracle1-model.json", "oracle1-background.csv", "oracle1-instance.json", "--link", "logit")
                .toArray(String[]::new));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--link logit needs a logistic model"), r.err());

        r = run(args("oracle1-model.json", "oracle1-background.csv", "oracle1-instance.json", "--max-players", "2")
                .toArray(String[]::new));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("maxPlayers=2"), r.err());
    }
}
