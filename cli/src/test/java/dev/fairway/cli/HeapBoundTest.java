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
 * file, never an {@link OutOfMemoryError}.
 */
class HeapBoundTest {
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
}
