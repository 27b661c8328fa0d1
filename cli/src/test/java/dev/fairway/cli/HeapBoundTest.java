package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 256 MiB heap is enough to reject bad input larger than the heap: a child JVM with {@code -Xmx256m}
 * gets a 300 MiB single-line ledger and a 300 MiB single-field CSV, and exits 2 with one line naming the
 * file, never an {@link OutOfMemoryError}. The CSV readers of rank-audit (lists and catalog), proxies, risk,
 * minimise and mitigate get a 300 MiB field in a data line and a 300 MiB header: each command in
 * {@code verify} meets one of the two ({@link #ALL} false), every command both with {@code -Preliability}.
 */
class HeapBoundTest {
    /** Whether every CSV command meets both huge files ({@code -Preliability}) or one each ({@code verify}). */
    static final boolean ALL = Boolean.getBoolean("fairway.heap.all");

    @TempDir
    Path dir;

    static void hugeLine(Path file, String head, byte fill, String tail) throws IOException {
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, fill);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 300; i++) {
                out.write(chunk);
            }
            out.write(tail.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String[] runChild(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Fairway.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new String[] {String.valueOf(p.waitFor()), err};
    }

    @Test
    void aHugeLedgerLineAndAHugeCsvFieldAreRejectedWithin256MiB() throws Exception {
        Path ledger = dir.resolve("ledger.jsonl");
        hugeLine(ledger, "{\"subject\": \"", (byte) 'a', "\"}\n");
        String[] r = runChild("consent", "filter", "--catalog", "src/test/resources/consent/catalog.json", "--ledger",
                ledger.toString(), "--data", "src/test/resources/consent/features.csv", "--subject-column", "id",
                "--purpose", "profile_selection", "--at", "2026-05-02T00:00:00Z", "--out",
                dir.resolve("o.csv").toString(), "--audit", dir.resolve("a.jsonl").toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].startsWith("fairway: ") && r[1].contains("line 1 is longer than"), r[1]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
        Files.delete(ledger);

        Path csv = dir.resolve("huge.csv");
        hugeLine(csv, "y,p,g\n1,1,", (byte) 'g', "\n");
        r = runChild("audit", "--data", csv.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--out",
                dir.resolve("r.json").toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].startsWith("fairway: ") && r[1].contains("huge.csv"), r[1]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
        assertTrue(Files.notExists(dir.resolve("r.json")));
    }

    /** A 300 MiB decision-log line (followed by a good line, so it is not a torn tail) under a 256 MiB heap. */
    @Test
    void aHugeDecisionLogLineIsRejectedWithin256MiB() throws Exception {
        Path log = dir.resolve("decisions.jsonl");
        String header = CliFuzzTest.framedLog(
                "{\"schema\":\"fairway-decision/v1\",\"group_columns\":[{\"column\":\"g\",\"category\":\"sex\"}]}");
        String good = CliFuzzTest.framedLog("{\"id\":1,\"time\":\"2026-01-02T00:00:00Z\",\"label\":1}");
        hugeLine(log, header + "00000000 {\"model\":\"", (byte) 'm', "\"}\n" + good);
        String[] r = runChild("monitor", "--log", log.toString(), "--rule", "demographic_parity_difference > 0.1",
                "--out", dir.resolve("t.json").toString());
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].startsWith("fairway: ") && r[1].contains("decisions.jsonl") && r[1].contains("line 2"), r[1]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
        assertTrue(Files.notExists(dir.resolve("t.json")));
        Files.delete(log);
    }

    /**
     * A file of many valid rows that ends in a bad line: the columns fill a small heap before the bad line is
     * reached. The command must still end with one line and exit 2, nothing at {@code --out} (it used to end
     * with an {@code OutOfMemoryError} stack trace and exit 1).
     */
    @Test
    void tooManyRowsForTheHeapEndWithOneLineNotAStackTrace() throws Exception {
        Path csv = dir.resolve("many.csv");
        try (java.io.Writer w = Files.newBufferedWriter(csv, StandardCharsets.US_ASCII)) {
            w.write("y,p,g\n");
            for (int i = 0; i < 4_000_000; i++) {
                w.write((i & 1) == 0 ? "1,0,a\n" : "0,1,b\n");
            }
            w.write("1,0\n"); // ragged last line, never reached under this heap
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx16m", "-cp", System.getProperty("java.class.path"), Fairway.class.getName(), "audit", "--data",
                csv.toString(), "--label", "y", "--prediction", "p", "--group", "g", "--out",
                dir.resolve("r.json").toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), err);
        assertEquals(1, err.strip().lines().count(), err);
        assertTrue(err.startsWith("fairway: out of memory: this run needs more than the Java heap"), err);
        assertTrue(Files.notExists(dir.resolve("r.json")));
        Files.delete(csv);
    }

    /** One header naming every column the commands below read, so that one huge data line serves them all. */
    static final String WIDE_HEADER = "qid,rank,item,grp,pop,y,s,g,w,zip,race,alpha,beta";

    @Test
    void csvCommandsRejectAHugeFieldAndAHugeHeaderWithin256MiB() throws Exception {
        Path field = dir.resolve("huge-field.csv");
        hugeLine(field, WIDE_HEADER + "\n", (byte) 'f', ",1,a,F,1,1,0.5,a,1,10,A,0,1\n");
        Path header = dir.resolve("huge-header.csv");
        hugeLine(header, "", (byte) 'h', "\n1\n");
        Path good = dir.resolve("lists.csv");
        Files.writeString(good, "qid,rank,item,grp\nq1,1,a,F\nq1,2,b,M\n");
        Path catalog = dir.resolve("catalog.json");
        Files.writeString(catalog, "{\"features\": [{\"name\": \"alpha\", \"index\": 0, \"purposes\":"
                + " [\"profile_selection\"], \"on_denial\": {\"action\": \"drop\"}}]}");
        Path model = dir.resolve("model.json");
        Files.writeString(model, "{\"type\": \"linear\", \"coefficients\": {\"alpha\": 2, \"beta\": 0.5}}");
        List<String[]> commands = List.of(
                new String[] {"rank-audit", "--data", "@", "--query", "qid", "--rank", "rank", "--item", "item",
                    "--group", "grp"},
                new String[] {"rank-audit", "--data", good.toString(), "--query", "qid", "--rank", "rank", "--item",
                    "item", "--group", "grp", "--items", "@", "--popularity", "pop"},
                new String[] {"proxies", "--data", "@", "--sensitive", "race"},
                new String[] {"risk", "--data", "@", "--quasi", "zip"},
                new String[] {"minimise", "--model", model.toString(), "--background", "@", "--catalog",
                    catalog.toString()},
                new String[] {"mitigate", "thresholds", "--data", "@", "--score", "s", "--label", "y", "--group", "g"},
                new String[] {"mitigate", "reweigh", "--data", "@", "--label", "y", "--group", "g", "--reference", "a"},
                new String[] {"mitigate", "reject-option", "--data", "@", "--score", "s", "--label", "y", "--group",
                    "g", "--privileged", "a"});
        Path out = dir.resolve("out");
        for (int c = 0; c < commands.size(); c++) {
            for (Path bad : List.of(field, header)) {
                if (!ALL && (bad == field) != (c % 2 == 0)) {
                    continue;
                }
                List<String> args = new ArrayList<>();
                for (String a : commands.get(c)) {
                    args.add(a.equals("@") ? bad.toString() : a);
                }
                args.addAll(List.of("--out", out.toString()));
                long start = System.nanoTime();
                String[] r = runChild(args.toArray(String[]::new));
                String what = String.join(" ", args) + ": " + r[1];
                assertEquals("2", r[0], what);
                assertTrue(r[1].startsWith("fairway: ") && r[1].contains(bad.getFileName().toString()), what);
                // rank-audit still reads with its own RankCsv ("first record") until the lead switches it to CsvInput
                assertTrue(bad == field ? r[1].contains("line 2") : r[1].contains("line 1")
                        || r[1].contains("first record"), what);
                assertEquals(1, r[1].strip().lines().count(), what);
                assertTrue(Files.notExists(out), what);
                System.out.printf("heap bound: %s %s: exit 2 in %d ms under -Xmx256m%n", commands.get(c)[0],
                        bad.getFileName(), (System.nanoTime() - start) / 1_000_000);
            }
        }
    }
}
