package dev.fairway.fairness.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReidentificationRiskTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /*
     * Hand count, quasi (zip, age):
     *   (1000, 30): rows 0,1,2  diag flu, flu, cold   -> size 3, l 2
     *   (1000, 40): rows 3,4    diag flu, flu         -> size 2, l 1
     *   (2000, 30): row 5       diag cold             -> size 1, l 1
     *   (2000, null): row 6     diag null             -> size 1, l 1
     * 4 classes, k = 1, 2 unique rows of 7, l = 1.
     */
    private static final Object[] ZIP = {"1000", "1000", "1000", "1000", "1000", "2000", "2000"};
    private static final Object[] AGE = {30, 30, 30, 40, 40, 30, null};
    private static final Object[] DIAG = {"flu", "flu", "cold", "flu", "flu", "cold", null};

    @Test
    void handCounted() {
        ReidentificationRisk r = ReidentificationRisk.builder().quasi("zip", ZIP).quasi("age", AGE).sensitive("diag", DIAG)
                .smallest(3).build();
        assertEquals(7, r.rows());
        assertEquals(4, r.classes());
        assertEquals(1, r.kAnonymity());
        assertEquals(2, r.uniqueRows());
        assertEquals(2.0 / 7, r.sampleUniqueness(), 1e-15);
        assertEquals(1, r.lDiversity());
        assertEquals(3, r.smallestClasses().size());
        // smallest first; ties by values text: {zip=2000, age=30} before {zip=2000, age=null}
        assertEquals(Map.of("zip", "2000", "age", "30"), r.smallestClasses().get(0).values());
        assertEquals(1, r.smallestClasses().get(0).size());
        assertEquals(1, r.smallestClasses().get(1).size());
        assertEquals(2, r.smallestClasses().get(2).size());
        assertEquals(1, r.smallestClasses().get(2).distinctSensitive());
    }

    @Test
    void oneQuasiIdentifierMakesBiggerClasses() {
        // zip only: 1000 -> 5 rows (flu, cold) l 2; 2000 -> 2 rows (cold, null) l 2
        ReidentificationRisk r = ReidentificationRisk.builder().quasi("zip", ZIP).sensitive("diag", DIAG).build();
        assertEquals(2, r.classes());
        assertEquals(2, r.kAnonymity());
        assertEquals(0, r.uniqueRows());
        assertEquals(2, r.lDiversity());
    }

    @Test
    void jsonAndText() {
        ReidentificationRisk r = ReidentificationRisk.builder().quasi("zip", ZIP).quasi("age", AGE).build();
        JsonNode json = JSON.readTree(r.toJson());
        assertEquals("fairway-risk/v1", json.get("schema").asString());
        assertEquals(1, json.get("k_anonymity").asInt());
        assertTrue(json.get("l_diversity").isNull());
        assertTrue(json.get("sensitive").isNull());
        assertEquals(4, json.get("smallest_classes").size());
        assertTrue(json.get("smallest_classes").get(1).get("quasi").get("age").isNull());
        assertTrue(r.toText().contains("k-anonymity        1"), r.toText());
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class,
                () -> ReidentificationRisk.builder().quasi("zip", ZIP).quasi("age", new Object[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> ReidentificationRisk.builder().quasi("zip", ZIP).sensitive("zip", ZIP));
        assertThrows(IllegalStateException.class, () -> ReidentificationRisk.builder().build());
    }
}
