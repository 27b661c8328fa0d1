package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps docs/cli.md true: every {@code file=NAME} block is written to an empty directory, every
 * {@code $ fairway ...} line of a {@code console} block is run there through the real entry point, and each
 * line shown under it must appear, in order, among the lines the command printed (standard output, then
 * standard error; leading and trailing spaces ignored); {@code [exit N]} is the exit code and
 * {@code $ cat FILE} shows a written file. File names in arguments and messages are relative to that
 * directory.
 */
class CliDocsTest {
    static final Path DOC = Path.of("../docs/cli.md");
    private static final Pattern FILE_ARG = Pattern.compile("[A-Za-z0-9_.-]+\\.(csv|json|jsonl|html|txt)");

    @TempDir
    Path dir;

    /** Splits a command line: spaces separate words, single quotes group them. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(w.toString());
        }
        return out;
    }

    @Test
    void everyDocumentedCommandLineDoesWhatTheDocumentSays() throws IOException {
        List<String> lines = Files.readAllLines(DOC);
        int commands = 0;
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i);
            if (fence.startsWith("```") && fence.contains(" file=")) {
                String name = fence.substring(fence.indexOf(" file=") + 6).strip();
                StringBuilder body = new StringBuilder();
                for (i++; !lines.get(i).startsWith("```"); i++) {
                    body.append(lines.get(i)).append('\n');
                }
                Files.writeString(dir.resolve(name), body);
            } else if (fence.equals("```console")) {
                List<String> block = new ArrayList<>();
                for (i++; !lines.get(i).startsWith("```"); i++) {
                    block.add(lines.get(i));
                }
                commands += runBlock(block);
            }
        }
        assertTrue(commands >= 15, "the document runs " + commands + " command lines");
    }

    private int runBlock(List<String> block) throws IOException {
        int n = 0;
        for (int k = 0; k < block.size(); ) {
            String command = block.get(k);
            assertTrue(command.startsWith("$ "), () -> "a console block line that is no command: " + command);
            List<String> expected = new ArrayList<>();
            Integer exit = null;
            for (k++; k < block.size() && !block.get(k).startsWith("$ "); k++) {
                String e = block.get(k);
                if (e.startsWith("[exit ")) {
                    exit = Integer.parseInt(e.substring(6, e.length() - 1));
                } else {
                    expected.add(e.strip());
                }
            }
            List<String> w = words(command.substring(2));
            String printed;
            int code = 0;
            if (w.get(0).equals("cat")) {
                printed = Files.readString(dir.resolve(w.get(1)));
            } else {
                assertEquals("fairway", w.get(0), command);
                List<String> args = new ArrayList<>();
                for (String a : w.subList(1, w.size())) {
                    args.add(FILE_ARG.matcher(a).matches() ? dir.resolve(a).toString() : a);
                }
                StringWriter o = new StringWriter();
                StringWriter e = new StringWriter();
                code = Fairway.run(new PrintWriter(o), new PrintWriter(e), args.toArray(String[]::new));
                printed = (o + "\n" + e).replace(dir.toString() + "/", "");
            }
            List<String> actual = printed.lines().map(String::strip).toList();
            int at = 0;
            for (String e : expected) {
                int found = actual.subList(at, actual.size()).indexOf(e);
                int from = at;
                assertTrue(found >= 0, () -> command + ": expected the line '" + e + "' (in order) in:\n"
                        + String.join("\n", actual.subList(from, actual.size())));
                at += found + 1;
            }
            if (exit != null) {
                int c = code;
                assertEquals(exit.intValue(), c, () -> command + ": exit code; printed:\n" + printed);
            }
            n++;
        }
        return n;
    }
}
