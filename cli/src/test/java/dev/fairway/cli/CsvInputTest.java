package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.io.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one CSV reader, {@link CsvInput}, and the one number grammar, {@link Decimal}: byte-order marks,
 * invalid UTF-8, unterminated quotes and numbers, each against a hand-written expectation or (for the
 * grammar) an independent regular expression written from the documented grammar.
 */
class CsvInputTest {
    @TempDir
    Path dir;

    private Path file(byte[] content) throws IOException {
        Path p = Files.createTempFile(dir, "in", ".csv");
        Files.write(p, content);
        return p;
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aByteOrderMarkIsDroppedBeforeAQuotedFirstHeader() throws IOException {
        Path p = file(b("\uFEFF\"s\",t\n1,2\n"));
        try (CsvInput in = CsvInput.open(p)) {
            assertEquals(List.of("s", "t"), in.header());
            assertArrayEquals(new String[] {"1", "2"}, in.next());
            assertEquals(2, in.line());
            assertNull(in.next());
        }
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaksAndLinesCountPhysicalLines() throws IOException {
        Path p = file(b("a,b\r\n\"x,\"\"y\"\"\",\"two\nlines\"\n\n3,4\n"));
        try (CsvInput in = CsvInput.open(p)) {
            assertArrayEquals(new String[] {"x,\"y\"", "two\nlines"}, in.next());
            assertEquals(2, in.line());
            assertArrayEquals(new String[] {"3", "4"}, in.next());
            assertEquals(5, in.line(), "line 4 is empty and skipped; the record starts on line 5");
        }
    }

    @Test
    void invalidUtf8IsRefusedWithTheLineAndByteOffsetNotMerged() throws IOException {
        // M\xfcller and M\xf6ller in Latin-1: replaced by U+FFFD they would be one group
        byte[] content = {'g', '\n', 'M', (byte) 0xFC, 'l', 'l', 'e', 'r', '\n', 'M', (byte) 0xF6, 'l', 'l', 'e', 'r', '\n'};
        Path p = file(content);
        InputException e = assertThrows(InputException.class, () -> {
            try (CsvInput in = CsvInput.open(p)) {
                while (in.next() != null) {
                    // read on
                }
            }
        });
        assertEquals(2, e.position().line());
        assertEquals(3, e.position().byteOffset(), "the 0xFC byte is the fourth byte of the file");
        assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
    }

    @Test
    void overlongAndSurrogateEncodingsAreInvalid() throws IOException {
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82})) {
            byte[] content = new byte[2 + bad.length];
            content[0] = 'a';
            content[1] = '\n';
            System.arraycopy(bad, 0, content, 2, bad.length);
            Path p = file(content);
            InputException e = assertThrows(InputException.class, () -> {
                try (CsvInput in = CsvInput.open(p)) {
                    in.next();
                }
            });
            assertEquals(2, e.position().byteOffset());
        }
        Path ok = file(b("a\n\u00fc\u20ac\uD83D\uDE00\n"));
        try (CsvInput in = CsvInput.open(ok)) {
            assertArrayEquals(new String[] {"\u00fc\u20ac\uD83D\uDE00"}, in.next());
        }
    }

    @Test
    void anUnterminatedQuoteIsMalformedNamingWhereItOpened() throws IOException {
        Path p = file(b("a,b\n1,\"2\n3,4\n"));
        InputException e = assertThrows(InputException.class, () -> {
            try (CsvInput in = CsvInput.open(p)) {
                in.next();
            }
        });
        assertEquals(2, e.position().line());
        assertEquals(2, e.position().column());
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
        Path after = file(b("a,b\n\"1\"x,2\n"));
        assertThrows(InputException.class, () -> {
            try (CsvInput in = CsvInput.open(after)) {
                in.next();
            }
        });
    }

    /** The documented grammar, written again as a regular expression: the oracle of the hand-written matcher. */
    private static final Pattern GRAMMAR = Pattern.compile("[ \\t]*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?[ \\t]*");

    @Test
    void theNumberGrammarRefusesWhatJavaAcceptsLoosely() {
        for (String bad : List.of("0x1p3", "1d", "2f", "1\u0000", "NaN", "Infinity", "-Infinity", "1e", ".", "+", "1,5",
                "1_000", "\u00a01", "e5", "1e+", "--1")) {
            assertTrue(Double.isNaN(Decimal.parse(bad)), bad);
        }
        assertTrue(Double.isNaN(Decimal.parse("1e400")), "not finite");
        assertTrue(Decimal.matches("1e400"), "matches the grammar, refused as not finite");
        assertEquals(8.0, Decimal.parse("8"));
        assertEquals(-0.5, Decimal.parse(" -.5 "));
        assertEquals(1500.0, Decimal.parse("1.5E3"));
        assertEquals(3.0, Decimal.parse("+3."));
    }

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 8).mapToObj(s -> Arguments.of("seed " + s, s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void theMatcherAgreesWithTheGrammarOnRandomText(String name, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        String alphabet = "0123456789+-.eE \tdfxpNaI\u0000,";
        for (int k = 0; k < 20_000; k++) {
            int n = r.nextInt(1, 9);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String s = sb.toString();
            assertEquals(GRAMMAR.matcher(s).matches(), Decimal.matches(s), () -> "'" + s + "'");
            if (Decimal.matches(s)) {
                double v = Double.parseDouble(s.strip());
                assertEquals(Double.isFinite(v) ? v : Double.NaN, Decimal.parse(s), () -> "'" + s + "'");
            }
        }
    }
}
