package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.cli.AuditCommandTest.Result;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --fail-if}, {@code --allow-undefined}, the text options and progress, on a hand-counted file.
 * A: y 1 1 1 0 0 0, p 1 1 0 1 0 0 (selection 1/2, TPR 2/3, FPR 1/3); B: y 1 1 1, p 1 0 0 (selection
 * 1/3, TPR 1/3, FPR undefined); C: y 1 1 0 0 0 0, p 1 0 0 0 0 0 (selection 1/6, TPR 1/2, FPR 0).
 */
class AuditGateCommandTest {
    @TempDir
    Path dir;

    private Path data() throws IOException {
        StringBuilder sb = new StringBuilder("g,y,p\n");
        int[] y = {1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0};
        int[] p = {1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0};
        String[] g = {"A", "A", "A", "A", "A", "A", "B", "B", "B", "C", "C", "C", "C", "C", "C"};
        for (int i = 0; i < y.length; i++) {
            sb.append(g[i]).append(',').append(y[i]).append(',').append(p[i]).append('\n');
        }
        Path f = dir.resolve("d.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    private Result audit(String... extra) throws IOException {
        String[] base = {"audit", "--data", data().toString(), "--label", "y", "--prediction", "p", "--group", "g",
            "--format", "text"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return AuditCommandTest.run(args);
    }

    @Test
    void aRuleThatHoldsExitsThreeAfterTheReportWithOneLinePerViolation() throws IOException {
        // demographic parity difference 1/2 - 1/6 = 1/3; ratio (1/6)/(1/2) = 1/3
        Result r = audit("--fail-if", "demographic_parity_difference > 0.3", "--fail-if", "demographic_parity_ratio<0.3",
                "--fail-if", "true_positive_rate < 0.4");
        assertEquals(3, r.code(), r.err());
        assertTrue(r.out().contains("demographic_parity_difference"), r.out());
        String[] lines = r.err().split("\\R");
        assertEquals(2, lines.length, r.err());
        assertEquals("fairway: --fail-if 'demographic_parity_difference > 0.3' violated: value 0.3333; groups: g=C | g=A",
                lines[0]);
        assertEquals("fairway: --fail-if 'true_positive_rate < 0.4' violated: value 0.3333; groups: g=B", lines[1]);
    }

    @Test
    void rulesThatDoNotHoldExitZero() throws IOException {
        // to_reference ratio of selection: outside A 2/9, A 1/2, so 4/9
        Result r = audit("--fail-if", "demographic_parity_difference > 0.34", "--fail-if", "selection_rate@to_reference < 0.4",
                "--reference", "A");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
    }

    @Test
    void anUndefinedValueViolatesUnlessAllowed() throws IOException {
        Result r = audit("--fail-if", "equalized_odds_difference > 0.5");
        assertEquals(3, r.code(), r.err());
        assertEquals("fairway: --fail-if 'equalized_odds_difference > 0.5' violated: value undefined "
                + "(group g=B: no actual negatives); groups: g=B", r.err().strip());
        assertEquals(0, audit("--fail-if", "equalized_odds_difference > 0.5", "--allow-undefined").code());
        // with B (3 rows) left out: worst case max(2/3 - 1/2, 1/3 - 0) = 1/3, defined
        Result excluded = audit("--fail-if", "equalized_odds_difference > 0.3", "--min-group-size", "5",
                "--exclude-small-groups");
        assertEquals(3, excluded.code(), excluded.err());
        assertTrue(excluded.err().contains("value 0.3333; groups: g=C | g=A"), excluded.err());
    }

    @Test
    void aMalformedRuleIsAUsageErrorBeforeAnyDataIsRead() {
        String missing = dir.resolve("missing.csv").toString();
        Result r = AuditCommandTest.run("audit", "--data", missing, "--label", "y", "--prediction", "p", "--group", "g",
                "--fail-if", "demographic_parity_ratio >= 0.8x");
        assertEquals(2, r.code());
        assertEquals("fairway: --fail-if rule 'demographic_parity_ratio >= 0.8x': at position 32: "
                + "unexpected 'x' after the number", r.err().strip());
        Result unknown = AuditCommandTest.run("audit", "--data", missing, "--label", "y", "--prediction", "p", "--group",
                "g", "--fail-if", "demographic_parity_rate > 0.1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("fairway: --fail-if rule 'demographic_parity_rate > 0.1': unknown name"),
                unknown.err());
        assertEquals(1, unknown.err().strip().split("\\R").length);
        Result noRef = AuditCommandTest.run("audit", "--data", missing, "--label", "y", "--prediction", "p", "--group",
                "g", "--fail-if", "selection_rate_ratio@to_reference < 0.8");
        assertEquals(2, noRef.code());
        assertTrue(noRef.err().contains("name one with --reference"), noRef.err());
    }

    @Test
    void metricsChooseTheColumnsAndUnknownOnesAreRejected() throws IOException {
        Result r = audit("--metrics", "selection_rate,f1_score");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("selection         F1"), r.out());
        assertFalse(r.out().contains("precision"), r.out());
        Result bad = audit("--metrics", "selection_rate,recall");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("fairway: --metrics: unknown metric 'recall'; use selection_rate"), bad.err());
    }

    @Test
    void progressPrintsOnlyAfterTwoSecondsAndEndsItsLine() {
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong();
        Progress p = new Progress(new PrintWriter(err), now::get);
        p.rows(65_536);
        assertEquals("", err.toString());
        now.set(4_000_000_000L);
        p.rows(2_000_000);
        assertEquals("\rread 2,000,000 rows, 500,000 rows/s", err.toString());
        now.set(4_500_000_000L);
        p.rows(2_100_000);
        assertEquals("\rread 2,000,000 rows, 500,000 rows/s", err.toString());
        p.done();
        assertEquals("\rread 2,000,000 rows, 500,000 rows/s" + System.lineSeparator(), err.toString());
    }

    @Test
    void noProgressWithoutATerminal() throws IOException {
        // surefire's forked JVM has no console, as a pipe or a CI log would not
        assertEquals(null, System.console());
        Result r = audit();
        assertEquals("", r.err());
    }
}
