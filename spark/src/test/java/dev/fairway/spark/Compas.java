package dev.fairway.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.ZeroDivision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The COMPAS golden input counted by fairness-core in memory (the oracle the Spark results must
 * equal), Fairlearn's golden values, and comparisons to 1e-12.
 */
final class Compas {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Compas() {
    }

    /** The CSV's columns as text (the file has no quoted fields). */
    static Map<String, List<String>> columns() {
        List<String> lines;
        try {
            lines = Files.readAllLines(LocalSpark.compas());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = lines.get(0).split(",", -1);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String h : header) {
            columns.put(h, new ArrayList<>());
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            assertEquals(header.length, f.length, () -> "fields in " + line);
            for (int i = 0; i < f.length; i++) {
                columns.get(header[i]).add(f[i]);
            }
        }
        return columns;
    }

    /** fairness-core's in-memory table of race x sex, as {@code fairway audit} would build it. */
    static ConfusionCounts inMemory(boolean weighted) {
        Map<String, List<String>> csv = columns();
        AuditData.Builder b = AuditData.builder()
                .labels("two_year_recid", csv.get("two_year_recid").stream().mapToInt(Integer::parseInt).toArray())
                .predictions("y_pred", csv.get("y_pred").stream().mapToInt(Integer::parseInt).toArray())
                .sensitive("race", csv.get("race"))
                .sensitive("sex", csv.get("sex"));
        if (weighted) {
            b.weights("sample_weight", csv.get("sample_weight").stream().mapToDouble(Double::parseDouble).toArray());
        }
        return ConfusionCounts.of(b.build());
    }

    static AuditSpec spec(boolean weighted) {
        AuditSpec.Builder b = AuditSpec.builder().label("two_year_recid").prediction("y_pred").group("race").group("sex")
                .zeroDivision(ZeroDivision.FAIRLEARN);
        if (weighted) {
            b.weight("sample_weight");
        }
        return b.build();
    }

    static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double tol = 1e-12 * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(expected - actual) <= tol)) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    /** Same groups, identical counts, weighted sums and every metric to 1e-12. */
    static void assertSameTable(ConfusionCounts expected, ConfusionCounts actual) {
        assertEquals(expected.groups(), actual.groups());
        assertEquals(expected.weighted(), actual.weighted());
        for (int g = 0; g < expected.groups().size(); g++) {
            for (Cell c : Cell.values()) {
                assertEquals(expected.count(g, c), actual.count(g, c), expected.groups().group(g) + " " + c);
                close(expected.weight(g, c), actual.weight(g, c), expected.groups().group(g) + " weight " + c);
            }
        }
        FairnessAudit e = FairnessAudit.of(expected, ZeroDivision.FAIRLEARN);
        FairnessAudit a = FairnessAudit.of(actual, ZeroDivision.FAIRLEARN);
        for (Metric m : Metric.values()) {
            close(e.overall(m), a.overall(m), "overall " + m);
            for (int g = 0; g < expected.groups().size(); g++) {
                close(e.value(m, g), a.value(m, g), expected.groups().group(g) + " " + m);
            }
        }
    }

    /** Every overall and per-group value of Fairlearn 0.12's golden file for one column. */
    static int assertFairlearn(FairnessAudit marginal, String column, boolean weighted) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(LocalSpark.resource("golden/fairlearn_compas_" + column + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode frame = null;
        for (JsonNode c : root.get("cases")) {
            if (c.get("weighted").asBoolean() == weighted) {
                frame = c.get("metric_frame");
            }
        }
        if (frame == null) {
            throw new AssertionError("no case weighted=" + weighted);
        }
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = frame.get("overall").properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            close(number(e.getValue()), marginal.overall(Metric.byJsonName(e.getKey())), column + " overall " + e.getKey());
            checked++;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = frame.get("by_group").properties().iterator(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            Metric m = Metric.byJsonName(e.getKey());
            assertEquals(marginal.groups().size(), e.getValue().size(), "groups of " + m);
            for (JsonNode g : e.getValue()) {
                int code = marginal.groups().find(Map.of(column, g.get("group").get(column).asString()));
                close(number(g.get("value")), marginal.value(m, code), column + " " + g.get("group") + " " + m);
                checked++;
            }
        }
        return checked;
    }

    private static double number(JsonNode n) {
        return n.isString() && n.asString().equals("NaN") ? Double.NaN : n.doubleValue();
    }
}
