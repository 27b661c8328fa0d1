package dev.fairway.fairness;

import static dev.fairway.fairness.Aggregation.WORST_CASE;
import static dev.fairway.fairness.assertions.FairnessAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.report.AuditReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's fairness examples, kept true: each block between the markers below is run here and
 * must appear verbatim (de-indented) in the README (the first) and in docs/fairness.md (all).
 */
class ReadmeExampleTest {

    /** The user's own record type. */
    record LoanApplication(String sex, boolean repaid, double score) {
    }

    /**
     * 400 applications, alternating sex. Repaid unless {@code (i / 2) % 4 == 0}. Score 0.9 when repaid
     * (0.2 when {@code (i / 2) % 10 == 1}), 0.1 when not (0.7 when {@code (i / 2) % 8 == 0}).
     */
    static List<LoanApplication> applications() {
        List<LoanApplication> list = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int k = i / 2;
            boolean repaid = k % 4 != 0;
            double score = repaid ? (k % 10 == 1 ? 0.2 : 0.9) : (k % 8 == 0 ? 0.7 : 0.1);
            list.add(new LoanApplication(i % 2 == 0 ? "female" : "male", repaid, score));
        }
        return list;
    }

    @Test
    void firstExampleAuditsARecordListAndArraysGiveIdenticalNumbers() {
        List<LoanApplication> applications = applications();
        // --- README first example start
        AuditData data = AuditData.fromRows(applications)              // List<LoanApplication>, your own type
                .label("repaid", LoanApplication::repaid)
                .prediction("approved", a -> a.score() >= 0.5)
                .sensitive("sex", LoanApplication::sex)
                .build();
        FairnessAudit audit = FairnessAudit.of(data);                  // one pass; the rest from counts
        double dpr = audit.demographicParityRatio(DisparityMethod.BETWEEN_GROUPS);
        String text = AuditReport.of(audit).toText();                  // or toJson(), toHtml(header)
        // --- README first example end
        assertTrue(text.contains("demographic_parity_ratio"));
        // the same data as primitive arrays
        int n = applications.size();
        boolean[] y = new boolean[n];
        boolean[] p = new boolean[n];
        String[] sex = new String[n];
        for (int i = 0; i < n; i++) {
            y[i] = applications.get(i).repaid();
            p[i] = applications.get(i).score() >= 0.5;
            sex[i] = applications.get(i).sex();
        }
        FairnessAudit arrays = FairnessAudit.of(AuditData.builder().labels("repaid", y).predictions("approved", p)
                .sensitive("sex", sex).build());
        assertEquals(arrays.counts(), audit.counts());
        for (Metric m : Metric.values()) {
            assertEquals(arrays.overall(m), audit.overall(m), m.jsonName());
            for (int g = 0; g < audit.groups().size(); g++) {
                assertEquals(arrays.value(m, g), audit.value(m, g), m.jsonName());
            }
            for (DisparityMethod method : DisparityMethod.values()) {
                for (Disparity d : Disparity.values()) {
                    assertEquals(arrays.disparity(m, method, d), audit.disparity(m, method, d), m.jsonName());
                }
            }
        }
        assertEquals(arrays.demographicParityRatio(DisparityMethod.BETWEEN_GROUPS), dpr);
        assertEquals(AuditReport.of(arrays).toJson(), AuditReport.of(audit).toJson());
        // both sexes follow the same pattern: a ratio of exactly 1
        assertEquals(1.0, dpr);
    }

    /** The model under test in the JUnit example. */
    static final class Model {
        private final double bias;

        Model(double bias) {
            this.bias = bias;
        }

        double score(LoanApplication a) {
            return a.score() - (a.sex().equals("female") ? bias : 0);
        }
    }

    private Model model = new Model(0);

    /** The hold-out set of the JUnit example. */
    static final class LoanFixtures {
        static List<LoanApplication> holdOut() {
            return applications();
        }
    }

    // --- README junit example start
    @Test
    void approvalsAreFairAcrossSexes() {
        List<LoanApplication> applications = LoanFixtures.holdOut();   // your labelled hold-out set
        AuditData data = AuditData.fromRows(applications)
                .label("repaid", LoanApplication::repaid)
                .prediction("approved", a -> model.score(a) >= 0.5)
                .sensitive("sex", LoanApplication::sex)
                .build();
        FairnessAudit audit = FairnessAudit.of(data);
        assertThat(audit).demographicParityRatio().isAtLeast(0.8);
        assertThat(audit).group("sex", "female").truePositiveRate().isAtLeast(0.7);
        assertThat(audit).excludingGroupsSmallerThan(30).equalizedOddsDifference(WORST_CASE).isAtMost(0.1);
        assertThat(audit).passes("equal_opportunity_ratio >= 0.8");
    }
    // --- README junit example end

    @Test
    void theJunitExampleFailsForABiasedModel() {
        // 0.5 off every woman's score leaves her at 0.4 or below: no woman is approved, a ratio of 0
        model = new Model(0.5);
        AssertionError e = assertThrows(AssertionError.class, this::approvalsAreFairAcrossSexes);
        // men: 130 of 150 who repaid (score 0.2 when k % 10 == 1: 20 of them) and 25 of 50 who did not
        // (k % 8 == 0) are approved: 155 / 200; overall 155 / 400
        assertEquals(FAILURE.replace("\n", System.lineSeparator()), e.getMessage());
    }

    /** The failure message the README shows. */
    private static final String FAILURE = """
            demographic_parity_ratio (between_groups) = 0.0, expected >= 0.8
            selection_rate by group:
              group         count selection_rate
              sex=female      200 0.0000 (min)
              sex=male        200 0.7750 (max)
              overall         400 0.3875""";

    @Test
    void theReadmeShowsTheseExamplesVerbatim() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String guide = Files.readString(Path.of("..", "docs", "fairness.md"));
        String source = Files.readString(Path.of("src", "test", "java", "dev", "fairway", "fairness",
                "ReadmeExampleTest.java"));
        String first = block(source, "first example");
        assertTrue(readme.contains(first), "README.md lacks the first example:\n" + first);
        assertTrue(guide.contains(first), "docs/fairness.md lacks the first example:\n" + first);
        String junit = block(source, "junit example");
        assertTrue(guide.contains(junit), "docs/fairness.md lacks the junit example:\n" + junit);
        assertTrue(guide.contains("```text\n" + FAILURE + "\n```"), "docs/fairness.md lacks the failure message");
    }

    /** The lines between the markers, without their common indentation. */
    private static String block(String source, String name) {
        String start = "// --- README " + name + " start";
        String end = "// --- README " + name + " end";
        String body = source.substring(source.indexOf('\n', source.indexOf(start)) + 1, source.indexOf(end));
        List<String> lines = body.lines().toList();
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }
}
