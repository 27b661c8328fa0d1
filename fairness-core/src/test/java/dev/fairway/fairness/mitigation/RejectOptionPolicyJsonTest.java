package dev.fairway.fairness.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link RejectOptionPolicy#toJson(double, double)}: the fields, and undefined numbers as null with a reason. */
class RejectOptionPolicyJsonTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesEveryFieldAndNoUndefinedMapWhenAllAreDefined() {
        RejectOptionPolicy p = new RejectOptionPolicy(0.5, 0.1, 3, 2, true, 0.02, 0.75, 0.8, 0.4, 0.42, 17);
        JsonNode j = JSON.readTree(p.toJson(-0.05, 0.05));
        assertEquals("fairway-reject-option/v1", j.get("schema").asString());
        assertEquals(0.5, j.get("classification_threshold").asDouble());
        assertEquals(0.1, j.get("roc_margin").asDouble());
        assertEquals(3, j.get("threshold_index").asInt());
        assertEquals(2, j.get("margin_index").asInt());
        assertTrue(j.get("constraint_satisfied").asBoolean());
        assertEquals(-0.05, j.get("metric_lower").asDouble());
        assertEquals(0.05, j.get("metric_upper").asDouble());
        JsonNode at = j.get("at_solution");
        assertEquals(0.75, at.get("balanced_accuracy").asDouble());
        assertEquals(17, at.get("favorable_predictions").asLong());
        assertFalse(at.has("undefined"));
        assertFalse(j.has("undefined"));
    }

    @Test
    void anUndefinedBalancedAccuracyIsNullWithAReasonNotTheStringNaN() {
        RejectOptionPolicy p = new RejectOptionPolicy(0.5, 0.1, 0, 0, false, 0.0, Double.NaN, 1.0, 0.5, 0.5, 4);
        String text = p.toJson(-0.05, 0.05);
        assertFalse(text.contains("NaN"), text);
        JsonNode at = JSON.readTree(text).get("at_solution");
        assertTrue(at.get("balanced_accuracy").isNull());
        assertEquals("the rows with the favourable or the unfavourable label have zero weight",
                at.get("undefined").get("balanced_accuracy").asString());
        assertEquals(1, at.get("undefined").size());
    }
}
