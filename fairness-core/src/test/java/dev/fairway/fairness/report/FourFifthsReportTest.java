package dev.fairway.fairness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Shared;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The four-fifths verdict in the JSON, text and HTML reports, on a hand-counted table where the pooled
 * ratio is 1 but two groups fail: A 5/10 = 0.5, B 3/10 = 0.3, C 7/10 = 0.7 selected.
 */
class FourFifthsReportTest {
    private static FairnessAudit audit() {
        int[] p = new int[30];
        int[] y = new int[30];
        String[] g = new String[30];
        int[] selected = {5, 3, 7};
        for (int r = 0; r < 30; r++) {
            g[r] = String.valueOf((char) ('A' + r / 10));
            p[r] = r % 10 < selected[r / 10] ? 1 : 0;
            y[r] = r % 2;
        }
        return FairnessAudit.of(AuditData.builder().labels("y", y).predictions("p", p).sensitive("g", g).build());
    }

    @Test
    void jsonNamesEachFailingGroupWithItsRatio() {
        JsonNode json = Shared.JSON.readTree(AuditReport.of(audit()).toJson());
        JsonNode ff = json.get("four_fifths");
        assertEquals("highest_selection_rate", ff.get("basis").asString());
        assertEquals(0.8, ff.get("threshold").doubleValue(), 0.0);
        assertEquals(0.7, ff.get("benchmark_selection_rate").doubleValue(), 1e-15);
        assertEquals("C", ff.get("benchmark_groups").get(0).get("g").asString());
        assertEquals("fail", ff.get("verdict").asString());
        assertEquals(2, ff.get("failing").size());
        assertEquals("A", ff.get("failing").get(0).get("group").get("g").asString());
        assertEquals(5.0 / 7, ff.get("failing").get(0).get("ratio").doubleValue(), 1e-15);
        assertEquals("B", ff.get("failing").get(1).get("group").get("g").asString());
        assertEquals(3.0 / 7, ff.get("failing").get(1).get("ratio").doubleValue(), 1e-15);
        assertEquals("pass", ff.get("groups").get(2).get("verdict").asString());
        assertFalse(json.has("reference"));
    }

    @Test
    void jsonWithAReferenceGivesThePooledRatioWithoutAVerdict() {
        JsonNode json = Shared.JSON.readTree(AuditReport.of(audit()).withReference(Map.of("g", "A")).toJson());
        // (3 + 7) / 20 over 5 / 10
        assertEquals(1.0, json.get("reference").get("pooled_disparate_impact").doubleValue(), 1e-15);
        assertFalse(json.get("reference").has("four_fifths_rule"));
        JsonNode ff = json.get("four_fifths");
        assertEquals("reference", ff.get("basis").asString());
        assertEquals("fail", ff.get("verdict").asString());
        assertEquals(1, ff.get("failing").size());
        assertEquals("B", ff.get("failing").get(0).get("group").get("g").asString());
        assertEquals(0.6, ff.get("failing").get(0).get("ratio").doubleValue(), 1e-12); // 0.3 / 0.5
    }

    @Test
    void textSaysTheBasisTheVerdictAndTheFailingGroups() {
        String text = unwrap(AuditReport.of(audit()).toText());
        // 5/7 = 0.714285..., 3/7 = 0.428571...
        assertTrue(text.contains("four-fifths rule (each group's selection rate over the highest group's, g=C 0.7000): "
                + "fail; 2 groups below four fifths: g=A 0.7143, g=B 0.4286."), text);
        assertFalse(text.contains("disparate_impact"), text);
        String ref = unwrap(AuditReport.of(audit()).withReference(Map.of("g", "A")).toText());
        assertTrue(ref.contains("pooled_disparate_impact 1.0000 (AIF360"), ref);
        assertTrue(ref.contains("four-fifths rule (each group's selection rate over the reference rows' 0.5000): fail; "
                + "below four fifths: g=B 0.6000."), ref);
        assertFalse(ref.matches("(?s).*pooled_disparate_impact[^\\n]*(pass|fail).*"), ref);
    }

    @Test
    void htmlDrawsTheBandOnlyWhereHigherIsFavourable() {
        String html = AuditReport.of(audit()).toHtml(ReportHeader.of("t.csv", "1", "2026-01-01"));
        assertTrue(html.contains("<b>fail</b>; 2 groups below four fifths: g=A 0.7143, g=B 0.4286."), html);
        assertTrue(section(html, "selection_rate").contains("four-fifths band"));
        assertTrue(section(html, "true_positive_rate").contains("four-fifths band"));
        assertTrue(section(html, "precision").contains("four-fifths band"));
        assertFalse(section(html, "false_positive_rate").contains("four-fifths band"));
    }

    /** Joins the report's wrapped lines (continuations are indented by three spaces). */
    private static String unwrap(String text) {
        return text.replace(System.lineSeparator() + "   ", " ");
    }

    private static String section(String html, String metric) {
        int start = html.indexOf("<section class=\"chart\" id=\"chart-" + metric + "\">");
        assertTrue(start >= 0, metric);
        return html.substring(start, html.indexOf("</section>", start));
    }
}
