package dev.fairway.cli.mitigate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.mitigation.RejectOptionClassification;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairway mitigate reject-option} prints, byte for byte, what
 * {@link dev.fairway.fairness.mitigation.RejectOptionPolicy#toJson(double, double)} writes for the same
 * rows fitted by the library, and an undefined balanced accuracy is {@code null}, not {@code "NaN"}.
 */
class RejectOptionLibraryEqualityTest {
    @TempDir
    Path dir;

    private static String[] run(String... args) throws Exception {
        Method run = Class.forName("dev.fairway.cli.Fairway").getDeclaredMethod("run", PrintWriter.class, PrintWriter.class,
                String[].class);
        run.setAccessible(true);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = (Integer) run.invoke(null, new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    private static final double[] SCORES = {0.9, 0.8, 0.35, 0.6, 0.2, 0.55, 0.45, 0.1, 0.7, 0.3};
    private static final boolean[] LABELS = {true, true, false, true, false, true, false, false, true, true};
    private static final boolean[] PRIVILEGED = {true, true, true, true, true, false, false, false, false, false};

    private Path csv(boolean[] labels) throws Exception {
        StringBuilder sb = new StringBuilder("score,y,g\n");
        for (int i = 0; i < SCORES.length; i++) {
            sb.append(SCORES[i]).append(',').append(labels[i] ? 1 : 0).append(',').append(PRIVILEGED[i] ? "p" : "u")
                    .append('\n');
        }
        Path p = dir.resolve("rows.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    @Test
    void cliJsonIsTheLibrarysBytes() throws Exception {
        String[] r = run("mitigate", "reject-option", "--data", csv(LABELS).toString(), "--score", "score", "--label", "y",
                "--group", "g", "--privileged", "p", "--lower", "-0.3", "--upper", "0.3");
        assertEquals("0", r[0], r[2]);
        String expected = RejectOptionClassification.builder().metricBounds(-0.3, 0.3).build()
                .fit(SCORES, LABELS, PRIVILEGED, null).toJson(-0.3, 0.3);
        assertEquals(expected, r[1]);
    }

    @Test
    void everyLabelFavourableLeavesBalancedAccuracyNullWithAReason() throws Exception {
        boolean[] all = new boolean[SCORES.length];
        java.util.Arrays.fill(all, true);
        String[] r = run("mitigate", "reject-option", "--data", csv(all).toString(), "--score", "score", "--label", "y",
                "--group", "g", "--privileged", "p", "--lower", "-1", "--upper", "1");
        assertEquals("0", r[0], r[2]);
        assertFalse(r[1].contains("NaN"), r[1]);
        assertTrue(r[1].contains("\"balanced_accuracy\" : null"), r[1]);
        assertTrue(r[1].contains("\"balanced_accuracy\" : \"the rows with the favourable or the unfavourable label have zero weight\""),
                r[1]);
    }
}
