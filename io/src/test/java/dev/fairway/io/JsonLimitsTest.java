package dev.fairway.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each limit of {@link JsonLimits}, one past and one at the limit, and the position of an error. */
class JsonLimitsTest {
    private static final JsonLimits SMALL = JsonLimits.of(64, 3, 8, 5);

    @Test
    void nestingDepth() {
        assertEquals(3, SMALL.read("[[[1]]]", "t").get(0).get(0).get(0).asInt() + 2);
        InputException e = assertThrows(InputException.class, () -> SMALL.read("[[[[1]]]]", "t"));
        assertTrue(e.reason().startsWith("JSON past the limit of nesting depth 3"), e.getMessage());
    }

    @Test
    void stringLength() {
        assertEquals("abcdefgh", SMALL.read("[\"abcdefgh\"]", "t").get(0).asString());
        InputException e = assertThrows(InputException.class, () -> SMALL.read("[\"abcdefghi\"]", "t"));
        assertTrue(e.reason().startsWith("JSON past the limit of string length 8"), e.getMessage());
    }

    @Test
    void fieldNameLength() {
        InputException e = assertThrows(InputException.class, () -> SMALL.read("{\"abcdefghi\":1}", "t"));
        assertTrue(e.reason().startsWith("JSON past the limit of string length 8"), e.getMessage());
    }

    @Test
    void numberLength() {
        assertEquals(12345, SMALL.read("[12345]", "t").get(0).asInt());
        InputException e = assertThrows(InputException.class, () -> SMALL.read("[123456]", "t"));
        assertTrue(e.reason().startsWith("JSON past the limit of number length 5"), e.getMessage());
    }

    @Test
    void documentLength() {
        String at = "[" + "1,".repeat(30) + "11]";           // 1 + 60 + 3 = 64 characters, 31 numbers
        assertEquals(64, at.length());
        assertEquals(31, SMALL.read(at.getBytes(StandardCharsets.UTF_8), "t").size());
        String past = "[" + "1,".repeat(31) + "11]";         // 66 characters
        InputException e = assertThrows(InputException.class,
                () -> SMALL.read(past.getBytes(StandardCharsets.UTF_8), "t"));
        assertTrue(e.reason().startsWith("JSON past the limit of document length 64"), e.getMessage());
    }

    @Test
    void repeatedKeyIsRefused() {
        InputException e = assertThrows(InputException.class,
                () -> JsonLimits.DEFAULTS.read("{\"a\":1,\n\"a\":2}", "cat.json"));
        assertTrue(e.reason().startsWith("malformed JSON"), e.getMessage());
        assertEquals("cat.json", e.position().source());
        assertEquals(2, e.position().line());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals(JsonLimits.of(16 * 1024 * 1024, 64, 65_536, 100), JsonLimits.DEFAULTS);
        assertTrue(JsonLimits.DEFAULTS.mapper() == JsonLimits.DEFAULTS.mapper(), "the defaults' mapper is shared");
    }

    @Test
    void positionIsOneBasedAndWorded() {
        InputException e = assertThrows(InputException.class, () -> JsonLimits.DEFAULTS.read("{\n  \"a\": tru }", "x.json"));
        assertEquals(2, e.position().line());
        assertTrue(e.getMessage().startsWith("x.json, line 2, column "), e.getMessage());
        assertEquals("x.json, line 4, column 2 (byte 17)", InputPosition.of("x.json", 4, 2, 17).toString());
        assertEquals("x.json", InputPosition.source("x.json").toString());
        assertThrows(IllegalArgumentException.class, () -> InputPosition.of("x", -1, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> InputPosition.of(" ", 1, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> JsonLimits.of(0, 1, 1, 1));
    }
}
