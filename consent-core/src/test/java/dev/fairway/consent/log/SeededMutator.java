package dev.fairway.consent.log;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded structure-blind mutator over committed seed corpora, in the spirit of libFuzzer's default
 * mutations: bit flips, byte sets, token inserts (JSON punctuation, huge and non-finite numbers, control
 * characters), range deletes and duplicates, truncation, splices of two seeds, deep nesting and huge runs.
 * Every case is a pure function of (seed, case index), so a failure replays from its message.
 *
 * <p>Thread-safety: stateless.
 */
public final class SeededMutator {
    private static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null",
        "true", "-1", "-0", "NaN", "Infinity", "1e309", "-1e309", "4.9e-325", "99999999999999999999999999999",
        "9223372036854775808", "\n", "\r", "\u0000", "\uffff", "\u00e9", "~", ".", "=", ";", "\t", "0x1F",
        "\"features\"", "\"seq\"", "GIVEN", "WITHDRAWN", "CONSENT", "2026-13-45T99:99:99Z", "+999999999-12-31T23:59:59Z"};
    /** Cases run per target: 10,000 in verify, 1,000,000 with {@code -Preliability}. */
    public static final int CASES = Integer.getInteger("fairway.fuzz.cases", 10_000);
    /**
     * The time one case may take: 5 s, generous for a loaded 2-core machine (the slowest input class
     * found, an 8 KiB crafted GPP section, takes about 1 s there).
     */
    public static final long CASE_BOUND_NANOS = 5_000_000_000L;

    private SeededMutator() {
    }

    /** What a target does with one input; it may throw only the documented exceptions. */
    public interface Target {
        /**
         * Takes one input.
         *
         * @param input the mutated bytes
         * @throws Exception what the target's parser throws
         */
        void accept(byte[] input) throws Exception;
    }

    /**
     * Runs {@code cases} mutated inputs through a target.
     *
     * @return the number of inputs the target accepted without an exception
     */
    public static long run(String name, List<byte[]> corpus, long seed, int cases, Target target,
            Class<?>... documented) {
        long accepted = 0;
        for (int c = 0; c < cases; c++) {
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + c);
            byte[] input = mutate(corpus, r);
            long start = System.nanoTime();
            try {
                target.accept(input);
                accepted++;
            } catch (Throwable t) {
                if (Arrays.stream(documented).noneMatch(d -> d.isInstance(t))) {
                    fail(name + " seed " + seed + " case " + c + ": undocumented " + t + " on input "
                            + preview(input), t);
                }
            }
            long took = System.nanoTime() - start;
            if (took > CASE_BOUND_NANOS) {
                fail(name + " seed " + seed + " case " + c + " took " + took / 1_000_000 + " ms on input "
                        + preview(input));
            }
        }
        return accepted;
    }

    /**
     * Reads a committed seed corpus from the test resources under {@code /fuzz/}.
     *
     * @param resource the file name
     * @return its bytes
     * @throws IOException if it cannot be read
     */
    public static byte[] corpus(String resource) throws IOException {
        try (InputStream in = SeededMutator.class.getResourceAsStream("/fuzz/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing seed corpus /fuzz/" + resource);
            }
            return in.readAllBytes();
        }
    }

    /**
     * Reads a committed seed corpus and splits it into lines, one seed each.
     *
     * @param resource the file name
     * @return the lines' bytes
     * @throws IOException if it cannot be read
     */
    public static List<byte[]> corpusLines(String resource) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String line : new String(corpus(resource), StandardCharsets.UTF_8).split("\n")) {
            out.add(line.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * Decodes bytes as UTF-8 (malformed input becomes replacement characters).
     *
     * @param b the bytes
     * @return the text
     */
    public static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Prints how many cases a target ran and how many it accepted.
     *
     * @param target   the target's name
     * @param accepted the cases accepted without an exception
     */
    public static void report(String target, long accepted) {
        System.out.printf("fuzz: %s: %,d cases, %,d accepted%n", target, (long) CASES, accepted);
    }

    public static String preview(byte[] input) {
        String s = new String(input, 0, Math.min(input.length, 200), StandardCharsets.UTF_8);
        return "(" + input.length + " bytes) " + s.replace("\n", "\\n");
    }

    public static byte[] mutate(List<byte[]> corpus, SplittableRandom r) {
        byte[] b = corpus.get(r.nextInt(corpus.size()));
        int n = 1 + r.nextInt(6);
        for (int i = 0; i < n; i++) {
            b = once(b, corpus, r);
        }
        return b;
    }

    private static byte[] once(byte[] b, List<byte[]> corpus, SplittableRandom r) {
        int len = b.length;
        int at = len == 0 ? 0 : r.nextInt(len + 1);
        switch (r.nextInt(11)) {
            case 0: { // flip a bit
                if (len == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
                return c;
            }
            case 1: { // set a byte
                if (len == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[r.nextInt(len)] = (byte) r.nextInt(256);
                return c;
            }
            case 2: // insert a token
                return insert(b, at, TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            case 3: { // delete a range
                int to = at + r.nextInt(Math.max(1, len - at + 1));
                return concat(Arrays.copyOfRange(b, 0, at), Arrays.copyOfRange(b, Math.min(to, len), len));
            }
            case 4: { // duplicate a range
                int to = Math.min(len, at + r.nextInt(64));
                return insert(b, at, Arrays.copyOfRange(b, at, to));
            }
            case 5: // truncate
                return Arrays.copyOf(b, at);
            case 6: { // splice with another seed
                byte[] o = corpus.get(r.nextInt(corpus.size()));
                int from = o.length == 0 ? 0 : r.nextInt(o.length);
                return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(o, from, o.length));
            }
            case 7: { // deep nesting
                String open = r.nextBoolean() ? "[" : "{\"a\":";
                return insert(b, at, open.repeat(1 + r.nextInt(3000)).getBytes(StandardCharsets.UTF_8));
            }
            case 8: { // a huge run (a huge field or line)
                byte[] run = new byte[1 + r.nextInt(r.nextInt(20) == 0 ? 300_000 : 2_000)];
                Arrays.fill(run, r.nextBoolean() ? (byte) '9' : (byte) 'a');
                return insert(b, at, run);
            }
            case 9: { // random bytes
                byte[] g = new byte[1 + r.nextInt(32)];
                r.nextBytes(g);
                return insert(b, at, g);
            }
            default: { // a number token replaced by an extreme one
                String[] extremes = {"1e309", "-1e309", "NaN", "-0.0", "1" + "0".repeat(400), "0.0000000001e-400"};
                return insert(b, at, extremes[r.nextInt(extremes.length)].getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static byte[] insert(byte[] b, int at, byte[] x) {
        return concat(concat(Arrays.copyOf(b, at), x), Arrays.copyOfRange(b, at, b.length));
    }

    private static byte[] concat(byte[] a, byte[] x) {
        byte[] c = Arrays.copyOf(a, a.length + x.length);
        System.arraycopy(x, 0, c, a.length, x.length);
        return c;
    }
}
