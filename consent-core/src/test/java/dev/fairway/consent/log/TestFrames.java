package dev.fairway.consent.log;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Frames and unframes checked-log lines (frame version 2, {@code <crc32c> <sequence> <body>\n}) for
 * tests, written from the format's description in docs/reliability.md with the JDK's {@link CRC32C}
 * and not through {@link CheckedLog}, so that a test building a log by hand checks the production
 * framing against a second implementation. Tests of other modules (guard, cli) use it through
 * consent-core's test-jar to build their log fixtures.
 */
public final class TestFrames {
    private TestFrames() {
    }

    /**
     * One framed line.
     *
     * @param sequence the line's sequence number
     * @param body     the body
     * @return {@code <crc32c> <sequence> <body>\n} in UTF-8
     */
    public static byte[] line(long sequence, String body) {
        String covered = sequence + " " + body;
        CRC32C crc = new CRC32C();
        crc.update(covered.getBytes(StandardCharsets.UTF_8));
        return (String.format("%08x", crc.getValue()) + " " + covered + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One framed line of any bytes.
     *
     * @param sequence the line's sequence number
     * @param body     the body's bytes
     * @return {@code <crc32c> <sequence> <body>\n}
     */
    public static byte[] line(long sequence, byte[] body) {
        byte[] seq = (sequence + " ").getBytes(StandardCharsets.US_ASCII);
        CRC32C crc = new CRC32C();
        crc.update(seq);
        crc.update(body);
        byte[] hex = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[hex.length + seq.length + body.length + 1];
        System.arraycopy(hex, 0, line, 0, hex.length);
        System.arraycopy(seq, 0, line, hex.length, seq.length);
        System.arraycopy(body, 0, line, hex.length + seq.length, body.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * A whole log: the bodies framed with sequence numbers 1, 2, ...
     *
     * @param bodies the bodies in order
     * @return the file's text
     */
    public static String log(String... bodies) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bodies.length; i++) {
            sb.append(new String(line(i + 1, bodies[i]), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /**
     * The body of one framed line (without its newline), after checking its checksum.
     *
     * @param framed the line
     * @param sequence the sequence number it must carry
     * @return the body
     * @throws AssertionError if the frame is not as expected
     */
    public static String body(String framed, long sequence) {
        String prefix = sequence + " ";
        if (framed.length() < 9 + prefix.length() || !framed.startsWith(prefix, 9)) {
            throw new AssertionError("line does not carry sequence " + sequence + ": " + framed);
        }
        byte[] expected = line(sequence, framed.substring(9 + prefix.length()));
        if (!new String(expected, StandardCharsets.UTF_8).equals(framed + "\n")) {
            throw new AssertionError("checksum mismatch: " + framed);
        }
        return framed.substring(9 + prefix.length());
    }

    /**
     * Where the body of the line starting at {@code start} begins: past {@code <crc32c> <sequence> }.
     *
     * @param bytes the file
     * @param start the line's first byte
     * @return the body's first byte
     */
    public static int bodyStart(byte[] bytes, int start) {
        int i = start + 9;
        while (bytes[i] != ' ') {
            i++;
        }
        return i + 1;
    }
}
