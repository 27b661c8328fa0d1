package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Reference}: the one text form, its errors, and matching a group. */
class ReferenceTest {

    @Test
    void aBareValueNamesTheOnlyColumnAndPairsNameTheirColumns() {
        assertEquals(Map.of("sex", "female"), Reference.parse("female", List.of("sex")).values());
        Reference r = Reference.parse(" race=Black,sex= female", List.of("sex", "race"));
        assertEquals(List.of("race", "sex"), List.copyOf(r.values().keySet()));
        assertEquals(" female", r.values().get("sex")); // a value is taken as written
        assertEquals(Reference.of("race", "Black"), Reference.parse("race=Black", List.of("sex", "race")));
    }

    @Test
    void badFormsAreRefusedNamingThePart() {
        List<String> two = List.of("sex", "race");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Reference.parse("female", two)).getMessage()
                .contains("must name columns"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Reference.parse("sex=f,=x", two)).getMessage()
                .contains("part '=x'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Reference.parse("age=3", two)).getMessage()
                .contains("column 'age'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Reference.parse("sex=f,sex=m", two)).getMessage()
                .contains("twice"));
        assertThrows(IllegalArgumentException.class, () -> Reference.of(Map.of()));
    }

    @Test
    void matchesComparesTheTextOfEveryNamedColumn() {
        Group g = GroupIndex.of(List.of("sex", "age"), List.of(List.of("f", 30))).group(0);
        assertTrue(Reference.of("sex", "f").matches(g));
        assertTrue(Reference.of(Map.of("sex", "f", "age", "30")).matches(g));
        assertFalse(Reference.of(Map.of("sex", "f", "age", "31")).matches(g));
    }
}
