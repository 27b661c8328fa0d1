package dev.fairway.fairness.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Expected exposure against expeval run on a small run (src/test/resources/ranking/README.md). */
class ExpectedExposureTest {

    static String[] lines(String file) throws IOException {
        try (InputStream in = ExpectedExposureTest.class.getResourceAsStream("/ranking/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing ranking/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
        }
    }

    /** One reference line. */
    record Row(String model, double p, double u, boolean complete, boolean group, String query, String metric,
            double value, double lower, double upper) {
        @Override
        public String toString() {
            return model + ":" + p + "," + u + " " + (complete ? "complete" : "retrieval") + " "
                    + (group ? "group" : "individual") + " " + query + " " + metric;
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String l : lines("expeval_oracle.csv")) {
            String[] f = l.split(",");
            rows.add(new Row(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]), f[3].equals("complete"),
                    f[4].equals("group"), f[5], f[6], Double.parseDouble(f[7]), parse(f[8]), parse(f[9])));
        }
        return rows.stream();
    }

    static double parse(String s) {
        return s.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(s);
    }

    static ExpectedExposure query(Row r) throws IOException {
        Map<String, Double> judgments = new LinkedHashMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String l : lines("expeval_qrels.txt")) {
            String[] f = l.strip().split("\\s+");
            if (f[0].equals(r.query())) {
                judgments.put(f[2], Double.parseDouble(f[3]));
                groups.put(f[2], Arrays.asList(f[1].split("\\|")));
            }
        }
        BrowsingModel model = r.model().equals("rbp") ? BrowsingModel.rbp(r.p()) : BrowsingModel.gerr(r.p(), r.u());
        ExpectedExposure x = ExpectedExposure.of(model, r.complete(), judgments, groups);
        Map<String, TreeMap<Integer, String>> samples = new TreeMap<>();
        for (String l : lines("expeval_run.txt")) {
            String[] f = l.strip().split("\\s+");
            if (f[0].equals(r.query())) {
                samples.computeIfAbsent(f[1], s -> new TreeMap<>()).put(Integer.parseInt(f[3]), f[2]);
            }
        }
        for (TreeMap<Integer, String> s : samples.values()) {
            x.sample(new ArrayList<>(s.values()));
        }
        return x;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rawValuesMatchExpeval(Row r) throws IOException {
        ExpectedExposure x = query(r);
        ExpectedExposure.Figures f = r.group() ? x.group() : x.individual();
        double v = switch (r.metric()) {
            case "disparity" -> f.disparity();
            case "relevance" -> f.relevance();
            case "difference" -> f.difference();
            default -> throw new IllegalStateException(r.metric());
        };
        assertEquals(r.value(), v, 1e-12);
        // where expeval's bounds are bounds (rbp, individual; not its retrieval difference bound),
        // the normalised value is the reference's (v - lower) / (upper - lower)
        if (r.model().equals("rbp") && !r.group() && !(r.metric().equals("difference") && !r.complete())) {
            double n = switch (r.metric()) {
                case "disparity" -> f.normalizedDisparity();
                case "relevance" -> f.normalizedRelevance();
                default -> f.normalizedDifference();
            };
            assertEquals((r.value() - r.lower()) / (r.upper() - r.lower()), n, 1e-12);
        }
    }

    @Test
    void gerrAndGroupNormalisedValuesAreUndefinedWithAReason() {
        Map<String, Double> j = Map.of("a", 1.0, "b", 0.0);
        ExpectedExposure x = ExpectedExposure.of(BrowsingModel.gerr(0.5, 0.5), true, j, Map.of("a", List.of("g"), "b", List.of("h")));
        x.sample(List.of("a", "b"));
        assertTrue(Double.isNaN(x.individual().normalizedDisparity()));
        assertNotNull(x.individual().normalizedUndefinedReason());
        assertNotNull(x.group().normalizedUndefinedReason());
    }

    @Test
    void targetByHandAndBadInput() {
        // rbp p = 0.5, grades 2, 1, 1, 0: blocks {1}, {.5, .25}, {.125} -> 1, .375, .375, .125
        ExpectedExposure x = ExpectedExposure.of(BrowsingModel.rbp(0.5), true,
                new LinkedHashMap<>(Map.of("a", 2.0, "b", 1.0, "c", 1.0, "d", 0.0)), null);
        assertEquals(1.0, x.targetExposure().get("a"), 1e-15);
        assertEquals(0.375, x.targetExposure().get("b"), 1e-15);
        assertEquals(0.125, x.targetExposure().get("d"), 1e-15);
        // the target policy itself has difference 0
        x.sample(List.of("a", "b", "c", "d"));
        x.sample(List.of("a", "c", "b", "d"));
        assertEquals(0, x.individual().difference(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> ExpectedExposure.of(BrowsingModel.log2(), true, Map.of("a", 1.0), null));
        assertThrows(IllegalArgumentException.class, () -> ExpectedExposure.of(BrowsingModel.rbp(0.5), false, Map.of("a", 0.0), null));
        assertThrows(IllegalArgumentException.class, () -> x.sample(List.of("a", "a")));
        assertThrows(IllegalStateException.class, () -> x.group());
    }
}
