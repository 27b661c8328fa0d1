package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.cli.AuditCommandTest.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairway audit} on a constant group column (issue 22 item 9): one group, so every disparity is
 * undefined with a reason and a gate on one fails unless undefined values are allowed. The file: g = A on
 * every row, y 1 1 0 0, p 1 0 1 0.
 */
class AuditOneGroupCommandTest {
    @TempDir
    Path dir;

    private Result audit(String... extra) throws IOException {
        Path f = dir.resolve("one.csv");
        Files.writeString(f, "g,y,p\nA,1,1\nA,1,0\nA,0,1\nA,0,0\n");
        String[] base = {"audit", "--data", f.toString(), "--label", "y", "--prediction", "p", "--group", "g",
            "--format", "text"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return AuditCommandTest.run(args);
    }

    @Test
    void aGateOnOneGroupFailsWithTheReason() throws IOException {
        Result r = audit("--fail-if", "demographic_parity_ratio < 0.8");
        assertEquals(3, r.code(), r.err());
        assertEquals("fairway: --fail-if 'demographic_parity_ratio < 0.8' violated: value undefined "
                + "(one group: a disparity needs at least two); groups: g=A", r.err().strip());
        assertTrue(r.out().contains("one group: a disparity needs at least two"), r.out());
        assertEquals(0, audit("--fail-if", "demographic_parity_ratio < 0.8", "--allow-undefined").code());
    }
}
