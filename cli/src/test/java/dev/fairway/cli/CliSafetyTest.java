package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output safety (issue 22, items 1, 5 and 18) and messages in our words (items 13 to 19) through the real
 * entry point: an output that is an input is refused before anything is read, special files are written
 * through or refused, the file mode is {@code rw-r--r--}, and input text on standard error is escaped.
 */
class CliSafetyTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Fairway.run(new PrintWriter(o), new PrintWriter(e), args);
        return new Result(code, o.toString(), e.toString());
    }

    private Path table() throws IOException {
        Path p = dir.resolve("t.csv");
        Files.writeString(p, "y,p,g\n1,1,a\n0,1,a\n1,0,b\n0,0,b\n");
        return p;
    }

    private static void oneLine(Result r) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("fairway: "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private Result audit(String... extra) throws IOException {
        List<String> a = new ArrayList<>(List.of("audit", "--data", table().toString(), "--label", "y", "--prediction",
                "p", "--group", "g"));
        a.addAll(List.of(extra));
        return run(a.toArray(String[]::new));
    }

    @Test
    void anOutputNamingTheInputIsRefusedByIdentityBeforeAnythingIsRead() throws IOException {
        Path data = table();
        byte[] before = Files.readAllBytes(data);
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path hard = dir.resolve("hard.csv");
        Files.createLink(hard, data);
        Path soft = dir.resolve("soft.csv");
        Files.createSymbolicLink(soft, data);
        for (String out : List.of(data.toString(), sub.resolve("../t.csv").toString(), hard.toString(), soft.toString())) {
            Result r = run("audit", "--data", data.toString(), "--label", "y", "--prediction", "p", "--group", "g",
                    "--out", out);
            oneLine(r);
            assertTrue(r.err().contains("is the same file as --data"), r.err());
            assertArrayEquals(before, Files.readAllBytes(data), "the input is untouched");
        }
    }

    @Test
    void twoOutputsOfOneCommandMustBeTwoFiles() throws IOException {
        Path x = dir.resolve("x");
        Result r = run("consent", "filter", "--catalog", "src/test/resources/consent/catalog.json", "--ledger",
                "src/test/resources/consent/events.jsonl", "--data", "src/test/resources/consent/features.csv",
                "--subject-column", "id", "--at", "2026-05-02T00:00:00Z", "--out", x.toString(), "--audit", x.toString());
        oneLine(r);
        assertTrue(r.err().contains("--audit") && r.err().contains("--out"), r.err());
        assertFalse(Files.exists(x));
        Path ledgerCopy = dir.resolve("ledger.jsonl");
        Files.copy(Path.of("src/test/resources/consent/events.jsonl"), ledgerCopy);
        byte[] ledger = Files.readAllBytes(ledgerCopy);
        r = run("consent", "filter", "--catalog", "src/test/resources/consent/catalog.json", "--ledger",
                ledgerCopy.toString(), "--data", "src/test/resources/consent/features.csv", "--subject-column", "id",
                "--at", "2026-05-02T00:00:00Z", "--out", dir.resolve("o.csv").toString(), "--audit", ledgerCopy.toString());
        oneLine(r);
        assertTrue(r.err().contains("--audit") && r.err().contains("--ledger"), r.err());
        assertArrayEquals(ledger, Files.readAllBytes(ledgerCopy));
        Path f = dir.resolve("f");
        r = run("demo", "--out", f.toString(), "--data-out", f.toString(), "--report-date", "2026-01-01");
        oneLine(r);
        assertFalse(Files.exists(f));
    }

    @Test
    void aReportIsAnOrdinaryFileAndAMissingDirectoryIsNamed() throws IOException {
        Path out = dir.resolve("r.json");
        Result r = audit("--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Path missing = dir.resolve("nowhere");
        r = audit("--out", missing.resolve("r.json").toString());
        oneLine(r);
        assertTrue(r.err().contains("no such directory " + missing), r.err());
        assertFalse(r.err().contains(".tmp"), r.err());
    }

    @Test
    void specialFilesAreWrittenThroughOrRefusedNeverReplaced() throws Exception {
        Path ro = dir.resolve("ro.json");
        Files.writeString(ro, "old");
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r--r--r--"));
        Result r = audit("--out", ro.toString());
        oneLine(r);
        assertTrue(r.err().contains("read-only"), r.err());
        assertEquals("old", Files.readString(ro));

        Path target = dir.resolve("elsewhere.json");
        Files.writeString(target, "old");
        Path link = dir.resolve("link.json");
        Files.createSymbolicLink(link, target);
        r = audit("--out", link.toString());
        oneLine(r);
        assertTrue(Files.isSymbolicLink(link), "the link is not replaced");
        assertEquals("old", Files.readString(target));

        r = audit("--out", "/dev/null");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));

        Path fifo = dir.resolve("fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mk.waitFor());
        CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        r = audit("--out", fifo.toString(), "--format", "text");
        assertEquals(0, r.code(), r.err());
        String text = new String(reader.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        assertTrue(text.contains("demographic_parity"), text);
        assertFalse(Files.isRegularFile(fifo), "the FIFO is still a FIFO");
    }

    @Test
    void aNewlineInAGroupValueCannotForgeAGateLine() throws IOException {
        Path data = dir.resolve("nl.csv");
        Files.writeString(data, "y,p,g\n1,1,\"a\nfairway: --fail-if 'x' violated\u001b[31m\"\n0,1,b\n1,0,b\n0,0,b\n");
        Result r = run("audit", "--data", data.toString(), "--label", "y", "--prediction", "p", "--group", "g",
                "--fail-if", "demographic_parity_difference > 0.1", "--out", dir.resolve("o.json").toString());
        assertEquals(3, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\u001b"), r.err());
        assertTrue(r.err().contains("\\n"), r.err());
    }

    @Test
    void optionsThatCannotMeanWhatTheySayAreRefusedWithAReason() throws IOException {
        Result r = audit("--dp-epsilon", "1e-19");
        oneLine(r);
        assertTrue(r.err().contains("--dp-epsilon"), r.err());
        r = audit("--bootstrap", "500");
        oneLine(r);
        assertTrue(r.err().contains("--ci"), r.err());
        r = audit("--ci", "0.9", "--bootstrap", "2000000000");
        oneLine(r);
        assertFalse(r.err().contains("heap"), r.err());
        r = audit("--fail-if", "demographic_parity_ratio == 0.8");
        oneLine(r);
        assertTrue(r.err().contains("equality"), r.err());
    }

    @Test
    void noCommandOrAMistypedOneGivesAUsageHint() {
        Result r = run();
        oneLine(r);
        assertTrue(r.err().contains("--help"), r.err());
        r = run("audt");
        oneLine(r);
        assertTrue(r.err().contains("audt") && r.err().contains("--help"), r.err());
    }

    @Test
    void explainNamesMustExistExactly() {
        String[] base = {"explain", "--model", "src/test/resources/explain/credit-model.json", "--background",
            "src/test/resources/explain/approved.csv", "--instance", "src/test/resources/explain/applicant.json"};
        List<String[]> cases = List.of(new String[] {"--protected", "Age"}, new String[] {"--withheld", "nosuch"},
                new String[] {"--reasons", "src/test/resources/explain/credit-catalogue.json", "--locale", "fr"});
        for (String[] extra : cases) {
            String[] args = new String[base.length + extra.length];
            System.arraycopy(base, 0, args, 0, base.length);
            System.arraycopy(extra, 0, args, base.length, extra.length);
            Result r = run(args);
            oneLine(r);
            assertTrue(r.err().contains(extra[extra.length - 1]), r.err());
        }
    }

    @Test
    void escapeFormulasPrefixesCellsASpreadsheetWouldRun() throws IOException {
        Path data = dir.resolve("f.csv");
        Files.writeString(data, "y,g,note\n1,a,=HYPERLINK(\"x\")\n0,a,+1\n1,b,@SUM(A1)\n0,b,-2\n1,a,\"\tx\"\n0,b,ok\n");
        Path out = dir.resolve("w.csv");
        Result r = run("mitigate", "reweigh", "--data", data.toString(), "--label", "y", "--group", "g", "--reference",
                "a", "--escape-formulas", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("1,a,\"'=HYPERLINK(\"\"x\"\")\",1.0", lines.get(1).replaceAll(",[0-9.]+$", ",1.0"));
        assertTrue(lines.get(2).startsWith("0,a,'+1,"), lines.get(2));
        assertTrue(lines.get(3).startsWith("1,b,'@SUM(A1),"), lines.get(3));
        assertTrue(lines.get(4).startsWith("0,b,'-2,"), lines.get(4));
        assertTrue(lines.get(5).startsWith("1,a,'\tx,"), lines.get(5));
        assertTrue(lines.get(6).startsWith("0,b,ok,"), lines.get(6));
        r = run("mitigate", "reweigh", "--data", data.toString(), "--label", "y", "--group", "g", "--reference", "a",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readAllLines(out).get(2).startsWith("0,a,+1,"), "off by default");
    }
}
