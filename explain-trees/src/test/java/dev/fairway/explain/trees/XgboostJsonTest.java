package dev.fairway.explain.trees;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.io.InputException;
import dev.fairway.io.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reader refuses what it cannot evaluate exactly, and files past their limits, with an
 * {@link InputException} naming the field. Each case edits the logistic golden model (a real
 * XGBoost 1.7.4 file) in one place.
 */
class XgboostJsonTest {
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    static byte[] edited(Consumer<ObjectNode> edit) {
        ObjectNode root = (ObjectNode) MAPPER.readTree(Goldens.bytes("logistic.model.json"));
        edit.accept(root);
        return MAPPER.writeValueAsBytes(root);
    }

    static ObjectNode learner(ObjectNode root) {
        return (ObjectNode) root.get("learner");
    }

    static ObjectNode tree(ObjectNode root, int i) {
        return (ObjectNode) root.get("learner").get("gradient_booster").get("model").get("trees").get(i);
    }

    static void refused(byte[] bytes, TreeLimits limits, String... words) {
        InputException e = assertThrows(InputException.class, () -> XgboostJson.read(bytes, "m.json", limits));
        assertTrue(e.getMessage().startsWith("m.json"), e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' not in: " + e.getMessage());
        }
    }

    static void refused(Consumer<ObjectNode> edit, String... words) {
        refused(edited(edit), TreeLimits.DEFAULTS, words);
    }

    @Test
    void theGoldenReadsAndIsRecognisedByContent() {
        byte[] bytes = Goldens.bytes("logistic.model.json");
        assertTrue(XgboostJson.looksLike(bytes));
        assertFalse(XgboostJson.looksLike("{\"type\": \"logistic\"}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(XgboostJson.looksLike("income,age\n".getBytes(StandardCharsets.UTF_8)));
        TreeEnsemble m = XgboostJson.read(bytes, "m.json");
        assertEquals(20, m.trees());
        assertEquals(4, m.depth());
        assertEquals(Objective.BINARY_LOGISTIC, m.objective());
        assertEquals(0.3f, m.baseScore());
        // the base margin is the base score's log-odds
        assertEquals(Math.log(0.3 / 0.7), m.baseMargin(), 1e-6);
    }

    @Test
    void unsupportedModelsAreRefusedNamingTheField() {
        refused(r -> ((ObjectNode) learner(r).get("objective")).put("name", "reg:gamma"), "learner.objective.name", "reg:gamma");
        refused(r -> ((ObjectNode) learner(r).get("gradient_booster")).put("name", "dart"), "learner.gradient_booster.name",
                "dart");
        refused(r -> ((ArrayNode) tree(r, 2).get("split_type")).set(0, 1), "trees[2].split_type[0]", "categorical");
        refused(r -> ((ObjectNode) learner(r).get("learner_model_param")).put("num_target", "2"), "num_target");
        refused(r -> ((ObjectNode) learner(r).get("learner_model_param")).put("base_score", "1.5"), "base_score");
        refused(r -> learner(r).remove("objective"), "learner.objective", "missing");
        refused(r -> r.remove("learner"), "field learner", "missing");
    }

    @Test
    void brokenTreesAreRefusedNamingTheNode() {
        refused(r -> ((ArrayNode) tree(r, 1).get("left_children")).set(1, 0), "trees[1].left_children[1]", "second time");
        refused(r -> ((ArrayNode) tree(r, 1).get("right_children")).set(0, 999), "trees[1].right_children[0]", "outside");
        refused(r -> ((ArrayNode) tree(r, 0).get("split_indices")).set(0, 5), "trees[0].split_indices[0]", "feature 5");
        refused(r -> ((ArrayNode) tree(r, 0).get("sum_hessian")).remove(3), "trees[0].sum_hessian", "entries");
        refused(r -> ((ArrayNode) tree(r, 0).get("split_conditions")).set(0, 1e300), "trees[0].split_conditions[0]",
                "float32");
        refused(r -> ((ArrayNode) tree(r, 0).get("sum_hessian")).set(0, 0.0), "trees[0].sum_hessian[0]", "positive");
        refused(r -> ((ArrayNode) tree(r, 0).get("default_left")).set(0, 2), "trees[0].default_left[0]");
        refused(r -> ((ArrayNode) learner(r).get("gradient_booster").get("model").get("tree_info")).set(0, 1),
                "tree_info[0]");
        refused(r -> ((ArrayNode) learner(r).get("feature_names")).set(1, "income"), "feature_names[1]", "repeated");
    }

    @Test
    void limitsAreEnforcedNamingTheLimit() {
        byte[] bytes = Goldens.bytes("logistic.model.json");
        refused(bytes, TreeLimits.of(JsonLimits.DEFAULTS, 10, 65_535, 1_000_000, 24, 100), "trees", "limit of 10");
        refused(bytes, TreeLimits.of(JsonLimits.DEFAULTS, 100, 7, 1_000_000, 24, 100), "num_nodes", "[1, 7]");
        refused(bytes, TreeLimits.of(JsonLimits.DEFAULTS, 100, 65_535, 100, 24, 100), "num_nodes", "100 nodes");
        refused(bytes, TreeLimits.of(JsonLimits.DEFAULTS, 100, 65_535, 1_000_000, 3, 100), "trees[0]", "deeper than the limit of 3");
        refused(bytes, TreeLimits.of(JsonLimits.DEFAULTS, 100, 65_535, 1_000_000, 24, 4), "num_feature");
        refused(bytes, TreeLimits.of(JsonLimits.of(1000, 64, 65_536, 100), 100, 65_535, 1_000_000, 24, 100), "1000");
        assertThrows(InputException.class, () -> XgboostJson.read("[1, 2]".getBytes(StandardCharsets.UTF_8), "m.json"));
        assertThrows(InputException.class, () -> XgboostJson.read("{\"learner\": ".getBytes(StandardCharsets.UTF_8), "m.json"));
    }
}
