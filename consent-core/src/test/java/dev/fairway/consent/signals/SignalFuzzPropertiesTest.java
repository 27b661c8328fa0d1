package dev.fairway.consent.signals;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fairway.consent.Vocabulary;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random and truncated strings never make a decoder throw anything but {@link InvalidSignalException}:
 * 10 seeds × 10,000 cases = 100,000 cases.
 */
class SignalFuzzPropertiesTest {
    static final int CASES_PER_SEED = 10_000;
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static final List<String> VALID = List.of(ConsentSignalsTest.V1, ConsentSignalsTest.V2, ConsentSignalsTest.V3,
            ConsentSignalsTest.V4, ConsentSignalsTest.V5A, ConsentSignalsTest.V6, ConsentSignalsTest.V8,
            ConsentSignalsTest.V10, ConsentSignalsTest.V11,
            "DBACNY~CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA~1YNN",
            "DBACNYA~CPSG_8APSG_8ANwAAAENAwCAAAAAAAAAAAAAAAAAAAAA.QAAA.IAAA~1YNN", "DBABTA~1YNN",
            "DBABLA~BAAAAAABEQA.QA", "DBABLA~BVVVkkkkkpFY.YA", "DBABLA~BVQqAAAACg", "1YNN", "1-Y-");

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 10).mapToObj(s -> Arguments.of(0xF0220000L + s));
    }

    static String randomCase(SplittableRandom rnd) {
        String base = VALID.get(rnd.nextInt(VALID.size()));
        switch (rnd.nextInt(5)) {
            case 0: // truncated
                return base.substring(0, rnd.nextInt(base.length() + 1));
            case 1: { // one character replaced from the alphabet or a separator
                char[] c = base.toCharArray();
                String pool = ALPHABET + ".~=";
                c[rnd.nextInt(c.length)] = pool.charAt(rnd.nextInt(pool.length()));
                return new String(c);
            }
            case 2: { // a random string over the alphabet and separators, starting like a signal
                String[] starts = {"C", "B", "D", "DB", "DBA", "1", ""};
                StringBuilder b = new StringBuilder(starts[rnd.nextInt(starts.length)]);
                int n = rnd.nextInt(120);
                String pool = ALPHABET + ALPHABET + ".~";
                for (int i = 0; i < n; i++) {
                    b.append(pool.charAt(rnd.nextInt(pool.length())));
                }
                return b.toString();
            }
            case 3: { // a valid prefix glued to a random tail
                String head = base.substring(0, rnd.nextInt(base.length() + 1));
                StringBuilder b = new StringBuilder(head);
                int n = rnd.nextInt(40);
                for (int i = 0; i < n; i++) {
                    b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                }
                return b.toString();
            }
            default: { // arbitrary characters
                int n = rnd.nextInt(20);
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    b.append((char) rnd.nextInt(0x3000));
                }
                return b.toString();
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void onlyTheDocumentedExceptionEscapes(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        TcfOptions[] options = {TcfOptions.strict(), new TcfOptions(true, true, 0)};
        for (int i = 0; i < CASES_PER_SEED; i++) {
            String s = randomCase(rnd);
            TcfOptions o = options[rnd.nextInt(2)];
            try {
                switch (rnd.nextInt(4)) {
                    case 0:
                        assertNotNull(ConsentSignals.decodeTcf(s, o, Vocabulary.standard()));
                        break;
                    case 1:
                        assertNotNull(ConsentSignals.decodeGpp(s, o, Vocabulary.standard()));
                        break;
                    case 2:
                        assertNotNull(ConsentSignals.decodeUsPrivacy(s));
                        break;
                    default:
                        assertNotNull(ConsentSignals.decode(s, o));
                }
            } catch (InvalidSignalException e) {
                assertNotNull(e.kind());
                if (s.length() >= 8) {
                    assertFalse(e.getMessage().contains(s), "the message must not quote the signal");
                }
            } catch (RuntimeException e) {
                fail("case " + i + " of seed " + seed + " threw " + e + " for '" + s + "'", e);
            }
        }
    }
}
