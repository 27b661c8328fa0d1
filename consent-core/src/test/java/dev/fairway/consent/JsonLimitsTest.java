package dev.fairway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.filter.JsonLinesAuditSink;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.log.CheckedLog;
import dev.fairway.io.InputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every consent-core reader of untrusted JSON stops at the stated limits (16 MiB documents, nesting
 * depth 64, strings of 65,536 characters, numbers of 100 characters) with an error naming the limit;
 * each test also reads a document just inside the limit.
 */
class JsonLimitsTest {
    private static final String FEATURE = "{\"name\": \"f\", \"index\": 0, \"purposes\": [\"profile_selection\"],"
            + " \"on_denial\": {\"action\": \"drop\"}}";

    private static FeatureCatalogue catalogue(String json) throws Exception {
        return FeatureCatalogue.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The error is the io module's {@link InputException}: the source, and the limit as its reason. */
    static void assertLimit(IllegalArgumentException e, String source, String limit) {
        InputException ie = assertInstanceOf(InputException.class, e, e.getMessage());
        assertEquals(source, ie.position().source(), e.getMessage());
        assertEquals("JSON past the limit of " + limit, ie.reason(), e.getMessage());
    }

    private static String nested(int depth) {
        // the catalogue object is depth 1, "features" array depth 2, the feature object depth 3;
        // an extra field holds arrays nested to reach the requested depth
        return "{\"features\": [{\"name\": \"f\", \"index\": 0, \"purposes\": [\"profile_selection\"],"
                + " \"on_denial\": {\"action\": \"drop\"}, \"x\": " + "[".repeat(depth - 3) + "]".repeat(depth - 3)
                + "}]}";
    }

    @Test
    void nestingDepth() throws Exception {
        assertEquals(1, catalogue(nested(64)).features().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalogue(nested(65)));
        assertLimit(e, "catalogue", "nesting depth 64");
    }

    @Test
    void stringLength() throws Exception {
        String ok = "{\"features\": [" + FEATURE.replace("\"f\"", "\"" + "f".repeat(65_536) + "\"") + "]}";
        assertEquals(65_536, catalogue(ok).features().get(0).name().length());
        String bad = "{\"features\": [" + FEATURE.replace("\"f\"", "\"" + "f".repeat(65_537) + "\"") + "]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalogue(bad));
        assertLimit(e, "catalogue", "string length 65536 characters");
    }

    @Test
    void numberLength() throws Exception {
        // 100 digits is a valid (huge) number token; the index check then rejects it as not an int
        String ok = "{\"features\": [" + FEATURE.replace("\"index\": 0", "\"index\": 0, \"w\": 1" + "0".repeat(99))
                + "]}";
        assertEquals(1, catalogue(ok).features().size());
        String bad = "{\"features\": [" + FEATURE.replace("\"index\": 0", "\"index\": 0, \"w\": 1" + "0".repeat(100))
                + "]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalogue(bad));
        assertLimit(e, "catalogue", "number length 100 characters");
    }

    @Test
    void documentLength() throws Exception {
        // a catalogue of exactly 16 MiB is read; one byte more is refused
        int limit = 16 * 1024 * 1024;
        // the padding is spread over several strings so that the string limit does not trip first
        StringBuilder sb = new StringBuilder(limit + 1).append("{\"features\": [").append(FEATURE).append("], \"pad\": [");
        while (sb.length() < limit - 70_000) {
            sb.append('"').append("p".repeat(60_000)).append("\",");
        }
        sb.append('"');
        sb.append("p".repeat(limit - sb.length() - 3)).append("\"]}");
        assertEquals(limit, sb.length());
        assertEquals(1, catalogue(sb.toString()).features().size());
        sb.insert(sb.length() - 3, 'p');
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalogue(sb.toString()));
        assertEquals("catalogue: larger than 16777216 bytes", e.getMessage());
        // the event reader has no byte pre-check: Jackson's document limit stops it
        String event = "{\"subject\": \"u\", \"purpose\": \"measurement\", \"state\": \"GIVEN\", \"basis\": \"CONSENT\","
                + " \"event_time\": \"2026-01-01T00:00:00Z\", \"recorded_time\": \"2026-01-01T00:00:00Z\","
                + " \"source\": \"DIRECT\"}";
        String padded = event + " ".repeat(limit - event.length() + 1);
        IllegalArgumentException ev = assertThrows(IllegalArgumentException.class, () -> ConsentEvent.fromJson(padded));
        assertLimit(ev, "consent event", "document length 16777216 bytes");
        assertEquals("u", ConsentEvent.fromJson(event + " ".repeat(limit - event.length())).subject());
    }

    @Test
    void consentEventsAreReadUnderTheSameLimits() {
        String deep = "{\"subject\": \"u\", \"x\": " + "[".repeat(64) + "]".repeat(64) + "}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsentEvent.fromJson(deep));
        assertLimit(e, "consent event", "nesting depth 64");
        String number = "{\"subject\": \"u\", \"seq\": 1" + "0".repeat(100) + "}";
        e = assertThrows(IllegalArgumentException.class, () -> ConsentEvent.fromJson(number));
        assertLimit(e, "consent event", "number length 100 characters");
        String longText = "{\"subject\": \"" + "u".repeat(65_537) + "\"}";
        e = assertThrows(IllegalArgumentException.class, () -> ConsentEvent.fromJson(longText));
        assertLimit(e, "consent event", "string length 65536 characters");
    }

    @Test
    void auditLinesAreReadUnderTheSameLimits() {
        String record = "{\"subject\":\"p\",\"time\":\"2026-07-01T00:00:00Z\",\"plan\":\"0123456789abcdef0123456789abcdef\",\"ledger_sequence\":1,"
                + "\"granted\":\"5\",\"denied\":\"2\",\"modes\":[]";
        String ok = record + ",\"x\":" + "[".repeat(63) + "]".repeat(63) + "}";
        assertEquals("p", JsonLinesAuditSink.read(line(ok)).subject());
        String deep = record + ",\"x\":" + "[".repeat(64) + "]".repeat(64) + "}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonLinesAuditSink.read(line(deep)));
        assertLimit(e, "audit line", "nesting depth 64");
        String longText = record + ",\"x\":\"" + "u".repeat(65_537) + "\"}";
        e = assertThrows(IllegalArgumentException.class, () -> JsonLinesAuditSink.read(line(longText)));
        assertLimit(e, "audit line", "string length 65536 characters");
        String number = record + ",\"x\":1" + "0".repeat(100) + "}";
        e = assertThrows(IllegalArgumentException.class, () -> JsonLinesAuditSink.read(line(number)));
        assertLimit(e, "audit line", "number length 100 characters");
    }

    private static String line(String body) {
        byte[] framed = CheckedLog.frame(1, body.getBytes(StandardCharsets.UTF_8));
        return new String(framed, 0, framed.length - 1, StandardCharsets.UTF_8);
    }
}
