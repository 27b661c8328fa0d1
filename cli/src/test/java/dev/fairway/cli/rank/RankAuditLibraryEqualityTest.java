package dev.fairway.cli.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fairway.cli.Fairway;
import dev.fairway.fairness.gate.Rule;
import dev.fairway.fairness.gate.ValueGate;
import dev.fairway.fairness.ranking.FairMode;
import dev.fairway.fairness.ranking.RankAudit;
import dev.fairway.fairness.report.RankAuditReport;
import dev.fairway.fairness.report.ReportHeader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fairway rank-audit} prints, byte for byte, what {@link RankAuditReport} renders for the same
 * lists built by hand as coded columns (codes in order of first appearance), in JSON, text and HTML,
 * and its {@code --fail-if} verdict is {@link ValueGate}'s.
 */
class RankAuditLibraryEqualityTest {
    @TempDir
    Path dir;

    private static final String CSV = "qid,rank,item,grp,rel\n"
            + "q1,3,i3,a,0\n"
            + "q1,1,i1,a,2\n"
            + "q1,2,i2,b,1\n"
            + "q2,1,i1,a,1\n"
            + "q2,2,i4,a,0\n"
            + "q2,3,i2,b,2\n";

    /** The same six rows as the CSV, coded by hand. */
    private static RankAuditReport library(boolean fair) {
        RankAudit.Builder b = RankAudit.builder(
                RankAudit.Column.of("qid", List.of("q1", "q2"), new int[] {0, 0, 0, 1, 1, 1}),
                new int[] {3, 1, 2, 1, 2, 3},
                RankAudit.Column.of("item", List.of("i3", "i1", "i2", "i4"), new int[] {0, 1, 2, 1, 3, 2}),
                RankAudit.Column.of("grp", List.of("a", "b"), new int[] {0, 0, 1, 0, 0, 1}))
                .relevance("rel", new double[] {0, 2, 1, 1, 0, 2});
        if (fair) {
            b.fair(new RankAudit.Fair(0.5, 0.1, true, FairMode.CORRECT)).protectedGroup("b").prefixStep(1);
        }
        return RankAuditReport.of(b.build());
    }

    private String[] args(Path data, String format, boolean fair) {
        List<String> a = new java.util.ArrayList<>(List.of("rank-audit", "--data", data.toString(), "--query", "qid",
                "--rank", "rank", "--item", "item", "--group", "grp", "--relevance", "rel", "--format", format,
                "--report-date", "2026-12-08"));
        if (fair) {
            a.addAll(List.of("--fair-p", "0.5", "--fair-alpha", "0.1", "--fair-protected", "b", "--prefix-step", "1"));
        }
        return a.toArray(String[]::new);
    }

    @Test
    void jsonTextAndHtmlAreTheLibrarysBytes() throws Exception {
        Path data = dir.resolve("lists.csv");
        Files.writeString(data, CSV);
        for (boolean fair : new boolean[] {false, true}) {
            RankAuditReport report = library(fair);
            assertEquals(report.toJson(), RankAuditCommandTest.run(args(data, "json", fair)).out(), "json, fair " + fair);
            assertEquals(report.toText(), RankAuditCommandTest.run(args(data, "text", fair)).out(), "text, fair " + fair);
            assertEquals(report.toHtml(ReportHeader.of("lists.csv", Fairway.version(), "2026-12-08")),
                    RankAuditCommandTest.run(args(data, "html", fair)).out(), "html, fair " + fair);
        }
    }

    @Test
    void failIfVerdictIsTheValueGates() throws Exception {
        Path data = dir.resolve("lists.csv");
        Files.writeString(data, CSV);
        String[] rules = {"exposure_ratio < 0.99", "popularity.gini > 0.5", "ndcg < 0"};
        for (String rule : rules) {
            List<String> a = new java.util.ArrayList<>(List.of(args(data, "json", false)));
            a.addAll(List.of("--fail-if", rule));
            RankAuditCommandTest.Result r = RankAuditCommandTest.run(a.toArray(String[]::new));
            ValueGate.Evaluation e = ValueGate.evaluate(List.of(Rule.parse(rule)), library(false), false).get(0);
            assertEquals(e.failed() ? 3 : 0, r.code(), rule + ": " + r.err());
            assertEquals(e.failed() ? "fairway: " + e.message() + System.lineSeparator() : "", r.err(), rule);
        }
    }
}
