package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "A first audit" command, as the README prints it, run on the file {@code fairway demo}
 * writes: it must exit 3 (the gate is violated), and the ratio the README states (0.73) is checked
 * against a hand count of the CSV's selection rates per age band.
 */
class ReadmeCommandsTest {
    @TempDir
    Path dir;

    @Test
    void firstAuditCommandRunsAsDocumented() throws IOException {
        Path data = dir.resolve("fairway-demo-loans.csv");
        assertEquals(0, run("demo", "--data-out", data.toString(), "--out", dir.resolve("r.html").toString()).code);

        String readme = Files.readString(Path.of("..", "README.md"));
        int section = readme.indexOf("## A first audit");
        int start = readme.indexOf("```sh\n", section) + 6;
        String command = readme.substring(start, readme.indexOf("\n```", start)).replace("\\\n", " ");
        assertTrue(command.startsWith("java -jar cli/target/fairway.jar audit "), command);
        List<String> args = new ArrayList<>();
        for (String word : command.substring("java -jar cli/target/fairway.jar ".length())
                .split(" +(?=(?:[^']*'[^']*')*[^']*$)")) {
            String w = word.strip();
            if (!w.isEmpty()) {
                args.add(w.replace("'", "").equals("fairway-demo-loans.csv") ? data.toString() : w.replace("'", ""));
            }
        }
        Result r = run(args.toArray(String[]::new));
        assertEquals(3, r.code, r.err);
        assertTrue(r.err.contains("demographic_parity_ratio < 0.8"), r.err);

        // hand count: selection rate per age band, then lowest over highest
        Map<String, long[]> byBand = new HashMap<>();
        List<String> lines = Files.readAllLines(data);
        List<String> header = List.of(lines.get(0).split(","));
        int band = header.indexOf("age_band");
        int approved = header.indexOf("approved");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            long[] c = byBand.computeIfAbsent(f[band], k -> new long[2]);
            c[0]++;
            c[1] += Long.parseLong(f[approved]);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (long[] c : byBand.values()) {
            double rate = (double) c[1] / c[0];
            min = Math.min(min, rate);
            max = Math.max(max, rate);
        }
        assertEquals(0.73, min / max, 0.005, "the README states a ratio of 0.73");
        assertTrue(readme.contains("the ratio between the groups' selection rates is 0.73"));
        assertTrue(readme.contains("exit 3 when a rule is\nviolated"));
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fairway.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
