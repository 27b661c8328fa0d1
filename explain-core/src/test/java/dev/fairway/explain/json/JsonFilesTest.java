package dev.fairway.explain.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.explain.LinearModel;
import dev.fairway.explain.LogisticModel;
import dev.fairway.explain.recourse.ActionDirection;
import dev.fairway.explain.recourse.FeatureAction;
import dev.fairway.explain.recourse.RecourseCost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model, instance and recourse-action readers, and the read limits of every explain-core JSON reader. */
class JsonFilesTest {
    private static final List<String> FEATURES = List.of("income", "debt_ratio", "plan", "age");

    @Test
    void modelFileGivesTheModelAndItsFeatureOrder(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("m.json");
        Files.writeString(f, "{\"type\": \"logistic\", \"intercept\": -0.5, \"coefficients\": {\"income\": 0.8,"
                + " \"debt_ratio\": -2.0}}", StandardCharsets.UTF_8);
        ModelFile m = ModelFile.read(f);
        assertTrue(m.logistic());
        assertEquals(List.of("income", "debt_ratio"), m.featureNames());
        LinearModel lin = ((LogisticModel) m.model()).linear();
        assertEquals(-0.5, lin.intercept());
        assertArrayEquals(new double[] {0.8, -2.0}, lin.coefficients());
        assertArrayEquals(new double[] {2.5, 0.6}, m.parseInstance("{\"debt_ratio\": 0.6, \"income\": 2.5}"));
        Path i = dir.resolve("i.json");
        Files.writeString(i, "{\"income\": 1, \"debt_ratio\": 2}", StandardCharsets.UTF_8);
        assertArrayEquals(new double[] {1, 2}, m.readInstance(i));
        ModelFile linear = ModelFile.parse("{\"type\": \"linear\", \"coefficients\": {\"a\": 1}}");
        assertFalse(linear.logistic());
        assertEquals(0.0, ((LinearModel) linear.model()).intercept());
        // the names reach the model's non-finite-input error
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> m.model().predict(new double[] {1, Double.NaN}, 1, new double[1]));
        assertTrue(nan.getMessage().startsWith("feature 'debt_ratio' (index 1) of row 0 is NaN"), nan.getMessage());
    }

    @Test
    void modelAndInstanceErrorsNameTheField(@TempDir Path dir) throws IOException {
        assertEquals("model field 'type' must be \"linear\" or \"logistic\", was \"tree\"", assertThrows(
                IllegalArgumentException.class, () -> ModelFile.parse("{\"type\": \"tree\"}")).getMessage());
        assertEquals("model coefficient 'a' must be a number", assertThrows(IllegalArgumentException.class,
                () -> ModelFile.parse("{\"type\": \"linear\", \"coefficients\": {\"a\": \"1\"}}")).getMessage());
        assertEquals("model must hold a JSON object", assertThrows(IllegalArgumentException.class,
                () -> ModelFile.parse("[1]")).getMessage());
        ModelFile m = ModelFile.parse("{\"type\": \"linear\", \"coefficients\": {\"a\": 1, \"b\": 2}}");
        assertEquals("instance needs a number for feature 'b'", assertThrows(IllegalArgumentException.class,
                () -> m.parseInstance("{\"a\": 1}")).getMessage());
        assertEquals("instance names 'c', which the model does not have", assertThrows(
                IllegalArgumentException.class, () -> m.parseInstance("{\"a\": 1, \"b\": 2, \"c\": 3}")).getMessage());
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"type\":", StandardCharsets.UTF_8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelFile.read(f)).getMessage()
                .startsWith("model file " + f + " is not valid JSON: "));
    }

    @Test
    void recourseFileGivesEveryKindOfAction() {
        RecourseFile r = RecourseFile.parse("{\"threshold\": 0.7, \"cost\": \"percentile_shift\", \"k\": 2, \"actions\": ["
                + "{\"feature\": \"income\", \"direction\": \"increase\", \"lower\": 0, \"upper\": 8, \"step\": 0.5},"
                + "{\"feature\": \"plan\", \"transitions\": {\"0\": [1, 2]}},"
                + "{\"feature\": \"age\", \"mutable\": false}]}", FEATURES);
        assertEquals(0.7, r.threshold());
        assertEquals(RecourseCost.PERCENTILE_SHIFT, r.cost());
        assertEquals(2, r.k());
        assertEquals(List.of(FeatureAction.numeric("income", ActionDirection.INCREASE, 0, 8, 0.5),
                FeatureAction.categorical("plan", Map.of(0.0, Set.of(1.0, 2.0))), FeatureAction.immutable("age")),
                r.actions());
        RecourseFile defaults = RecourseFile.parse("{\"actions\": []}", FEATURES);
        assertEquals(0.5, defaults.threshold());
        assertEquals(RecourseCost.MAD_L1, defaults.cost());
        assertEquals(3, defaults.k());
        assertEquals("recourse actions[0] field 'feature' must name a model feature", assertThrows(
                IllegalArgumentException.class, () -> RecourseFile.parse("{\"actions\": [{\"feature\": \"zip\"}]}",
                        FEATURES)).getMessage());
        IllegalArgumentException bounds = assertThrows(IllegalArgumentException.class, () -> RecourseFile.parse(
                "{\"actions\": [{\"feature\": \"income\", \"lower\": 5, \"upper\": 1}]}", FEATURES));
        assertTrue(bounds.getMessage().startsWith("recourse actions[0]: "), bounds.getMessage());
        // a field that must be a string given an array (found by the CLI fuzz target at 20,000 cases; Jackson's
        // asString() threw its own exception, which left the CLI with exit 1)
        assertEquals("recourse field 'cost' must be a string", assertThrows(IllegalArgumentException.class,
                () -> RecourseFile.parse("{\"cost\": [1, 2, 3, 4], \"actions\": []}", FEATURES)).getMessage());
        assertEquals("recourse actions[0] field 'direction' must be a string", assertThrows(
                IllegalArgumentException.class, () -> RecourseFile.parse(
                        "{\"actions\": [{\"feature\": \"income\", \"direction\": {}}]}", FEATURES)).getMessage());
    }

    // ---- limits: 1 MiB, nesting depth 64, strings of 65,536 and numbers of 100 characters ----

    private static String catalogue(String extra) {
        return "{\"id\": \"c\", \"version\": \"1\", \"reasons\": [{\"code\": \"R01\", \"message_key\": \"k\","
                + " \"covers\": [\"income\"]}]" + extra + "}";
    }

    @Test
    void nestingDepthIsLimitedTo64() {
        // the catalogue object is depth 1; the extra field's arrays add the rest
        assertEquals("c", ExplanationJson.readCatalogue(catalogue(", \"x\": " + "[".repeat(63) + "]".repeat(63))).id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExplanationJson.readCatalogue(
                catalogue(", \"x\": " + "[".repeat(64) + "]".repeat(64))));
        assertTrue(e.getMessage().startsWith("catalogue: JSON past the limit of nesting depth 64 ("), e.getMessage());
        String deepModel = "{\"type\": \"linear\", \"coefficients\": {\"a\": 1}, \"x\": " + "[".repeat(64)
                + "]".repeat(64) + "}";
        e = assertThrows(IllegalArgumentException.class, () -> ModelFile.parse(deepModel));
        assertTrue(e.getMessage().startsWith("model: JSON past the limit of nesting depth 64 ("), e.getMessage());
    }

    @Test
    void stringsAreLimitedTo65536Characters() {
        assertEquals("c", ExplanationJson.readCatalogue(catalogue(", \"x\": \"" + "s".repeat(65_536) + "\"")).id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExplanationJson.readCatalogue(
                catalogue(", \"x\": \"" + "s".repeat(65_537) + "\"")));
        assertTrue(e.getMessage().startsWith("catalogue: JSON past the limit of string length 65536 characters ("),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecourseFile.parse("{\"actions\": [], \"x\": \""
                + "s".repeat(65_537) + "\"}", FEATURES));
        assertTrue(e.getMessage().startsWith("recourse: JSON past the limit of string length 65536 characters ("),
                e.getMessage());
    }

    @Test
    void numbersAreLimitedTo100Characters() {
        // Jackson counts the digits of a number token: 1 followed by 99 zeros is 100, the limit
        ModelFile ok = ModelFile.parse("{\"type\": \"linear\", \"coefficients\": {\"a\": 1" + "0".repeat(99) + "}}");
        assertEquals(1e99, ((LinearModel) ok.model()).coefficient(0), 1e84);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFile.parse(
                "{\"type\": \"linear\", \"coefficients\": {\"a\": 1" + "0".repeat(100) + "}}"));
        assertTrue(e.getMessage().startsWith("model: JSON past the limit of number length 100 characters ("),
                e.getMessage());
        ModelFile m = ModelFile.parse("{\"type\": \"linear\", \"coefficients\": {\"a\": 1}}");
        e = assertThrows(IllegalArgumentException.class, () -> m.parseInstance("{\"a\": 1" + "0".repeat(100) + "}"));
        assertTrue(e.getMessage().startsWith("instance: JSON past the limit of number length 100 characters ("),
                e.getMessage());
    }

    @Test
    void documentsAreLimitedTo1MiB(@TempDir Path dir) throws IOException {
        String model = "{\"type\": \"linear\", \"coefficients\": {\"a\": 1}}";
        int limit = 1 << 20;
        assertEquals(1, ModelFile.parse(model + " ".repeat(limit - model.length())).featureNames().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.parse(model + " ".repeat(limit - model.length() + 1)));
        assertTrue(e.getMessage().startsWith("model: JSON past the limit of document length 1048576 characters ("),
                e.getMessage());
        // a file is measured in bytes before it is read
        Path f = dir.resolve("big.json");
        Files.writeString(f, model + " ".repeat(limit - model.length() + 1), StandardCharsets.UTF_8);
        assertEquals("model file " + f + " is 1048577 bytes, above the limit of 1048576",
                assertThrows(IllegalArgumentException.class, () -> ModelFile.read(f)).getMessage());
        // the catalogue reader states the same limit in characters
        String cat = catalogue("");
        assertEquals("catalogue is 1048577 characters, above the limit of 1048576", assertThrows(
                IllegalArgumentException.class, () -> ExplanationJson.readCatalogue(cat + " ".repeat(limit - cat.length()
                        + 1))).getMessage());
    }
}
