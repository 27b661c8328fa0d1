package dev.fairway.consent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTest {
    static final String FP = "0123456789abcdef0123456789abcdef";
    static final Instant T = Instant.parse("2026-07-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void pseudonymIsTheTruncatedHmacSha256() {
        // RFC 4231 test case 1: key = 20 bytes of 0x0b, data = "Hi There",
        // HMAC-SHA-256 = b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7
        byte[] key = new byte[20];
        Arrays.fill(key, (byte) 0x0b);
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b", Pseudonymizer.of(key).pseudonym("Hi There"));
        assertNotEquals(Pseudonymizer.of(key).pseudonym("a"), Pseudonymizer.of(key).pseudonym("b"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymizer.of(new byte[15]));
    }

    @Test
    void recordsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new DecisionRecord("s", T, FP, 0, 0b11, 0b10, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new DecisionRecord("s", T, "xyz", 0, 1, 0, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new DecisionRecord("s", T, FP, -1, 1, 0, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new DecisionRecord(" ", T, FP, 0, 1, 0, Set.of()));
    }

    @Test
    void theFileSinkAppendsOneLinePerRecord() throws IOException {
        Path f = dir.resolve("audit.jsonl");
        DecisionRecord a = new DecisionRecord("aa", T, FP, 3, 0b101, 0b010, Set.of());
        DecisionRecord b = new DecisionRecord("bb", T.plusSeconds(1), FP, 4, 0, 0b111,
                EnumSet.of(RequestMode.NON_PROFILING, RequestMode.INVALID_SIGNAL));
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.open(f)) {
            sink.write(a);
        }
        JsonLinesAuditSink second = JsonLinesAuditSink.open(f);
        second.write(b);
        second.close();
        assertThrows(IllegalStateException.class, () -> second.write(a));
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertEquals(2, lines.size());
        // 4d22682c: CRC-32C of "1 " + the JSON by a bitwise Python reference (reflected polynomial 0x82F63B78;
        // the same function gives d40abf4a for the JSON alone, the version 1 frame's value), see docs/reliability.md
        assertEquals("4d22682c 1 {\"subject\":\"aa\",\"time\":\"2026-07-01T00:00:00Z\",\"plan\":\"" + FP
                + "\",\"ledger_sequence\":3,\"granted\":\"5\",\"denied\":\"2\",\"modes\":[]}", lines.get(0));
        assertEquals(a, JsonLinesAuditSink.read(lines.get(0)));
        assertTrue(lines.get(1).matches("[0-9a-f]{8} 2 \\{.*"), lines.get(1));
        assertEquals(b, JsonLinesAuditSink.read(lines.get(1)));
        assertThrows(IllegalArgumentException.class, () -> JsonLinesAuditSink.read("{\"subject\": 1}"));
        // found by AuditFuzzTest at 1,000,000 cases (seed 5, case 318137): 8 characters but 10 UTF-8 bytes
        // with a space at byte 8; it used to throw StringIndexOutOfBoundsException
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonLinesAuditSink.read("12a\uFFFD74 {"));
        assertTrue(e.getMessage().contains("8 hex digits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonLinesAuditSink.read("d40abf4\u00e9 {}"));
    }
}
