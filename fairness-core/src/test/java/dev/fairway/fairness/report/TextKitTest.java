package dev.fairway.fairness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.FairnessAudit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Control characters in input text cannot forge rows or send escape codes in text reports (issue 22 item 16). */
class TextKitTest {

    @Test
    void escapesControlCharactersAndLeavesOtherTextAlone() {
        String plain = "Müller × 30–39";
        assertSame(plain, TextKit.esc(plain));
        assertEquals("a\\nb\\r\\tc", TextKit.esc("a\nb\r\tc"));
        assertEquals("\\u001b[31mred", TextKit.esc("\u001b[31mred"));
        assertEquals("x\\u0000y\\u007f\\u0085\\u2028", TextKit.esc("x\u0000y\u007f\u0085\u2028"));
    }

    private static String text(String a, String b, String column) {
        boolean[] y = {true, false, true, false, true, false, true, true};
        boolean[] p = {true, false, false, false, true, true, true, false};
        String[] g = {a, a, a, a, b, b, b, b};
        return AuditReport.of(FairnessAudit.of(AuditData.builder().labels("y", y).predictions("p", p)
                .sensitive(column, g).build())).toText();
    }

    @Test
    void aNewlineOrEscapeInAGroupValueOrColumnAddsNoLineToTheTextReport() {
        String benign = text("ab", "cd", "grp");
        String hostile = text("a\nb", "\u001b[2Jd", "g\nrp");
        assertEquals(benign.lines().count(), hostile.lines().count(), hostile);
        assertFalse(hostile.contains("\u001b"), hostile);
        assertTrue(hostile.contains("a\\nb"), hostile);
        assertTrue(hostile.contains("g\\nrp"), hostile);
        for (String line : hostile.split(System.lineSeparator())) {
            assertTrue(line.chars().noneMatch(c -> c < 0x20), line);
        }
    }

    @Test
    void rankTextEscapesQueryAndGroupNames() {
        String benign = rank("q1", "ab");
        String hostile = rank("q\n1", "a\u001bb");
        assertEquals(benign.lines().count(), hostile.lines().count(), hostile);
        assertFalse(hostile.contains("\u001b"), hostile);
    }

    private static String rank(String query, String group) {
        dev.fairway.fairness.ranking.RankAudit in = dev.fairway.fairness.ranking.RankAudit.builder(
                dev.fairway.fairness.ranking.RankAudit.Column.of("q", List.of(query), new int[] {0, 0}), new int[] {1, 2},
                dev.fairway.fairness.ranking.RankAudit.Column.of("i", List.of("x", "y"), new int[] {0, 1}),
                dev.fairway.fairness.ranking.RankAudit.Column.of("g", List.of(group, "zz"), new int[] {0, 1})).build();
        return RankAuditReport.of(in).toText();
    }
}
