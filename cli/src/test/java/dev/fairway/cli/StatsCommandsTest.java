package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.mitigation.FairnessConstraint;
import dev.fairway.fairness.mitigation.ThresholdObjective;
import dev.fairway.fairness.mitigation.ThresholdOptimizer;
import dev.fairway.fairness.mitigation.ThresholdPolicy;
import dev.fairway.fairness.stats.RateIntervals;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code fairway audit --ci ...} and {@code fairway mitigate ...}: JSON shape, hand-counted values, one-line errors. */
class StatsCommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fairway.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Privileged "p": 3 favourable, 1 not; "u": 1 favourable, 3 not; scores rank the labels with one swap per group. */
    private Path small() throws IOException {
        Path p = dir.resolve("small.csv");
        Files.writeString(p, "id,g,y,pred,score,w\n"
                + "1,p,1,1,0.9,1\n2,p,1,1,0.8,2\n3,p,1,0,0.4,1\n4,p,0,1,0.7,1\n"
                + "5,u,1,1,0.6,1\n6,u,0,0,0.2,1\n7,u,0,0,0.3,2\n8,u,0,1,0.65,1\n");
        return p;
    }

    @Test
    void auditWithWilsonIntervalsAndTests() throws IOException {
        Result r = run("audit", "--data", small().toString(), "--label", "y", "--prediction", "pred", "--group", "g",
                "--reference", "p", "--ci", "0.9", "--bootstrap", "200", "--seed", "4", "--tests");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        // group p: 3 of 4 predicted positive; group u: 2 of 4
        assertEquals(RateIntervals.wilson(3, 4, 0.9).lower(),
                json.get("groups").get(0).get("ci").get("selection_rate").get(0).asDouble(), 0.0);
        assertEquals(RateIntervals.wilson(2, 4, 0.9).upper(),
                json.get("groups").get(1).get("ci").get("selection_rate").get(1).asDouble(), 0.0);
        assertTrue(json.get("disparities_ci").get("demographic_parity_difference").has("to_reference"));
        assertEquals("wilson", json.get("intervals").get("method").asString());
        assertEquals(200, json.get("intervals").get("replicates").asInt());
        assertTrue(json.get("tests").has("fisher_exact"));
        assertEquals(1, json.get("tests").get("two_proportion_z").get("comparisons").size());
        Result text = run("audit", "--data", small().toString(), "--label", "y", "--prediction", "pred", "--group", "g",
                "--ci", "0.95", "--ci-method", "bca", "--bootstrap", "100", "--format", "text");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("95% intervals: bca"), text.out());
    }

    @Test
    void htmlReportWithIntervals() throws IOException {
        Path out = dir.resolve("f.html");
        Result r = run("audit", "--data", small().toString(), "--label", "y", "--prediction", "pred", "--group", "g",
                "--ci", "0.95", "--bootstrap", "100", "--seed", "2", "--format", "html", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out);
        // Wilson by its closed form: p selects 3 of 4, u 2 of 4; z the 0.975 normal quantile
        double z = NormalDistribution.of(0, 1).inverseCumulativeProbability(0.975);
        for (int x : new int[] {3, 2}) {
            double centre = (x + z * z / 2) / (4 + z * z);
            double half = z / (4 + z * z) * Math.sqrt(x * (4 - x) / 4.0 + z * z / 4);
            String ci = String.format(Locale.ROOT, "[%.4f, %.4f]", centre - half, centre + half);
            assertTrue(html.contains("<small class=\"ci\">" + ci + "</small>"), ci + " in " + html);
        }
        assertTrue(html.contains("<dt>Bootstrap replicates</dt><dd>100</dd>"), html);
        assertTrue(html.contains("<dt>Bootstrap seed</dt><dd>2</dd>"), html);
        assertTrue(html.contains("<g class=\"eb\""), html);
        assertFalse(html.contains("<script"));
        for (String option : List.of("--score", "--tests")) {
            List<String> args = new ArrayList<>(List.of("audit", "--data", small().toString(), "--label", "y",
                    "--prediction", "pred", "--group", "g", "--ci", "0.95", "--format", "html", "--out",
                    dir.resolve("no.html").toString(), option));
            if (option.equals("--score")) {
                args.add("score");
            }
            Result bad = run(args.toArray(String[]::new));
            assertEquals(2, bad.code(), bad.err());
            assertTrue(bad.err().contains("take --format json or text (--ci works with html)"), bad.err());
            assertFalse(Files.exists(dir.resolve("no.html")));
        }
    }

    @Test
    void scoreColumnWithThresholdAndScoreMetrics() throws IOException {
        Result r = run("audit", "--data", small().toString(), "--label", "y", "--group", "g", "--score", "score",
                "--threshold", "0.5");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        // score >= 0.5 predicts p: 0.9, 0.8, 0.7 (3 of 4); u: 0.6, 0.65 (2 of 4)
        assertEquals(0.75, json.get("groups").get(0).get("metrics").get("selection_rate").asDouble(), 0.0);
        assertEquals(0.5, json.get("groups").get(1).get("metrics").get("selection_rate").asDouble(), 0.0);
        JsonNode p = json.get("scores").get("groups").get(0);
        assertEquals("p", p.get("group").get("g").asString());
        // AUC by hand: positives 0.9, 0.8, 0.4 against the negative 0.7: 2 of 3 pairs ordered
        assertEquals(2.0 / 3, p.get("roc_auc").asDouble(), 1e-15);
        // Brier: (0.1^2 + 0.2^2 + 0.6^2 + 0.7^2) / 4
        assertEquals((0.01 + 0.04 + 0.36 + 0.49) / 4, p.get("brier_score").asDouble(), 1e-15);
        assertEquals(2.0 / 3, json.get("scores").get("groups").get(1).get("roc_auc").asDouble(), 1e-15);
        assertEquals(0.5, json.get("scores").get("threshold").asDouble(), 0.0);
        Result text = run("audit", "--data", small().toString(), "--label", "y", "--prediction", "pred", "--group", "g",
                "--score", "score", "--format", "text");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("scores (score):"), text.out());
    }

    @Test
    void reweighAppendsHandComputedWeights() throws IOException {
        Path out = dir.resolve("weighted.csv");
        Result r = run("mitigate", "reweigh", "--data", small().toString(), "--label", "y", "--group", "g", "--reference",
                "p", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("id,g,y,pred,score,w,weight", lines.get(0));
        // n = 8, n_p = n_fav = 4: w(p,fav) = 4*4/(8*3) = 2/3, w(p,unfav) = 16/8 = 2, w(u,fav) = 2, w(u,unfav) = 2/3
        double[] expected = {2.0 / 3, 2.0 / 3, 2.0 / 3, 2.0, 2.0, 2.0 / 3, 2.0 / 3, 2.0 / 3};
        for (int i = 0; i < 8; i++) {
            String[] f = lines.get(i + 1).split(",");
            assertEquals(expected[i], Double.parseDouble(f[6]), 1e-15, lines.get(i + 1));
        }
    }

    @Test
    void thresholdsWriteThePolicyTheLibraryFits() throws IOException {
        Path out = dir.resolve("policy.json");
        Result r = run("mitigate", "thresholds", "--data", small().toString(), "--score", "score", "--label", "y",
                "--group", "g", "--constraint", "equalized_odds", "--objective", "accuracy_score", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ThresholdPolicy fromCli = ThresholdPolicy.fromJson(Files.readString(out));
        ThresholdPolicy direct = ThresholdOptimizer.builder(FairnessConstraint.EQUALIZED_ODDS,
                ThresholdObjective.ACCURACY_SCORE).build().fit(new double[] {0.9, 0.8, 0.4, 0.7, 0.6, 0.2, 0.3, 0.65},
                new boolean[] {true, true, true, false, true, false, false, false},
                List.of("p", "p", "p", "p", "u", "u", "u", "u"));
        assertEquals(direct.toJson(), fromCli.toJson());
        JsonNode json = JSON.readTree(Files.readString(out));
        for (String g : List.of("p", "u")) {
            JsonNode e = json.get("groups").get(g).get("expected");
            assertTrue(e.has("selection_rate") && e.has("true_positive_rate") && e.has("false_positive_rate"));
            // equalized odds: every group's expected FPR is x_best
            assertEquals(json.get("x_best").asDouble(), e.get("false_positive_rate").asDouble(), 1e-12);
        }
        Result ro = run("mitigate", "reject-option", "--data", small().toString(), "--score", "score", "--label", "y",
                "--group", "g", "--privileged", "p", "--lower", "-0.3", "--upper", "0.3");
        assertEquals(0, ro.code(), ro.err());
        JsonNode rj = JSON.readTree(ro.out());
        assertTrue(rj.get("constraint_satisfied").asBoolean());
        double spd = rj.get("at_solution").get("statistical_parity_difference").asDouble();
        assertTrue(spd >= -0.3 && spd <= 0.3);
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        String data = small().toString();
        Path out = dir.resolve("never.out");
        List<Map.Entry<String[], String>> cases = new ArrayList<>();
        cases.add(Map.entry(new String[] {"audit", "--data", data, "--label", "y", "--prediction", "pred", "--group", "g",
            "--ci", "1.5"}, "--ci must be a level"));
        cases.add(Map.entry(new String[] {"audit", "--data", data, "--label", "y", "--prediction", "pred", "--group", "g",
            "--ci", "0.9", "--ci-method", "magic"}, "--ci-method must be"));
        cases.add(Map.entry(new String[] {"audit", "--data", data, "--label", "y", "--prediction", "pred", "--group", "g",
            "--tests"}, "--tests needs --ci"));
        cases.add(Map.entry(new String[] {"audit", "--data", data, "--label", "y", "--prediction", "pred", "--group", "g",
            "--weight", "w", "--ci", "0.9", "--ci-method", "wilson"}, "with --weight use bootstrap"));
        cases.add(Map.entry(new String[] {"audit", "--data", data, "--label", "y", "--group", "g"},
                "give --prediction COL, or --score COL with --threshold T"));
        cases.add(Map.entry(new String[] {"audit", "--data", data, "--label", "y", "--group", "g", "--score", "g",
            "--threshold", "0.5"}, "line 2, column 2: column 'g' has 'p'"));
        cases.add(Map.entry(new String[] {"mitigate", "thresholds", "--data", data, "--score", "id2", "--label", "y",
            "--group", "g"}, "unknown column 'id2'"));
        cases.add(Map.entry(new String[] {"mitigate", "thresholds", "--data", data, "--score", "g", "--label", "y",
            "--group", "g"}, "line 2, column 2: column 'g' has 'p', not a finite decimal number"));
        cases.add(Map.entry(new String[] {"mitigate", "thresholds", "--data", data, "--score", "score", "--label", "y",
            "--group", "g", "--constraint", "parity"}, "unknown constraint 'parity'"));
        cases.add(Map.entry(new String[] {"mitigate", "reweigh", "--data", data, "--label", "y", "--group", "g",
            "--reference", "x"}, "no row of"));
        cases.add(Map.entry(new String[] {"mitigate", "reweigh", "--data", data, "--label", "y", "--group", "g",
            "--reference", "p", "--weight", "score", "--weight-column", "w"}, "already has a column 'w'"));
        for (Map.Entry<String[], String> c : cases) {
            List<String> args = new ArrayList<>(List.of(c.getKey()));
            args.add("--out");
            args.add(out.toString());
            Result r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), () -> args + " -> " + r.err());
            assertTrue(r.err().startsWith("fairway: ") && r.err().contains(c.getValue()), () -> args + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), () -> "one line: " + r.err());
            assertFalse(Files.exists(out), "nothing written to --out");
        }
    }
}
