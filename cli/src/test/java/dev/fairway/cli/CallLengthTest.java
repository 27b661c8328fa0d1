package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A thin CLI (issue 21): no command's {@code call()} is over {@value #MAX_LINES} lines. The test reads
 * every source file under {@code src/main/java}, finds each {@code call()} method and counts its lines
 * from the signature to the closing brace (braces in strings, characters and comments are skipped). It
 * lists every long {@code call()}; the commands of {@code rank} and {@code monitor} are listed but not
 * failed on, until their move into the library lands (the lead removes the exclusion at merge).
 */
class CallLengthTest {
    static final int MAX_LINES = 60;
    /** Packages whose commands move into the library this round; listed, not failed on. */
    static final List<String> PENDING = List.of("dev/fairway/cli/rank/", "dev/fairway/cli/monitor/");
    private static final Pattern CALL = Pattern.compile("public\\s+Integer\\s+call\\s*\\(\\s*\\)[^{]*\\{");

    /** The lines of each {@code call()} method of one source text, in order. */
    static List<Integer> callLengths(String source) {
        List<Integer> out = new ArrayList<>();
        Matcher m = CALL.matcher(source);
        while (m.find()) {
            int depth = 1;
            int i = m.end();
            while (i < source.length() && depth > 0) {
                char c = source.charAt(i);
                if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                    i = source.indexOf('\n', i);
                    if (i < 0) {
                        i = source.length();
                    }
                    continue;
                }
                if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                    i = source.indexOf("*/", i + 2) + 2;
                    continue;
                }
                if (c == '"' || c == '\'') {
                    i = skipLiteral(source, i);
                    continue;
                }
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                i++;
            }
            String body = source.substring(m.start(), i);
            out.add((int) body.chars().filter(ch -> ch == '\n').count() + 1);
        }
        return out;
    }

    private static int skipLiteral(String s, int at) {
        char q = s.charAt(at);
        if (q == '"' && s.startsWith("\"\"\"", at)) {
            return s.indexOf("\"\"\"", at + 3) + 3;
        }
        int i = at + 1;
        while (i < s.length() && s.charAt(i) != q) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    @Test
    void theCounterCountsWhatItShould() {
        String src = "class A {\n  public Integer call() {\n    String s = \"}\";\n    char c = '{';\n    // }\n"
                + "    /* { */\n    if (x) {\n    }\n    return 0;\n  }\n}\n";
        assertTrue(callLengths(src).equals(List.of(9)), callLengths(src).toString());
    }

    @Test
    void noCallIsLongerThanSixtyLines() throws IOException {
        Path root = Path.of("src/main/java");
        List<String> all = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                for (int n : callLengths(Files.readString(f))) {
                    if (n > MAX_LINES) {
                        String line = rel + ": call() has " + n + " lines";
                        all.add(line);
                        if (PENDING.stream().noneMatch(rel::startsWith)) {
                            failing.add(line);
                        }
                    }
                }
            }
        }
        System.out.println("call() over " + MAX_LINES + " lines: " + (all.isEmpty() ? "none" : String.join("; ", all)));
        assertTrue(failing.isEmpty(), () -> "call() over " + MAX_LINES + " lines: " + failing);
    }
}
