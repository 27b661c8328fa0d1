package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code fairway audit} contract: JSON shape, exit codes, one-line errors, no partial output. */
class AuditCommandTest {
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

    private Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** North, East: TP 1, FP 1 (selection 1); South: FN 1, TN 1, TP 1 (selection 1/3). */
    private Path small() throws IOException {
        return csv("small.csv", "id,region,y,p,w\n"
                + "1,\"North, East\",1,1,1\n"
                + "2,\"North, East\",0,1,1\n"
                + "3,South,1,0,1\n"
                + "4,South,0,0,2\n"
                + "5,South,1,1,1\n");
    }

    @Test
    void auditsAHandCountedFileWithQuotedCommas() throws IOException {
        Result r = run("audit", "--data", small().toString(), "--label", "y", "--prediction", "p", "--group", "region");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("fairway-audit/v1", json.get("schema").asString());
        assertEquals(5, json.get("rows").asLong());
        JsonNode north = json.get("groups").get(0);
        assertEquals("North, East", north.get("group").get("region").asString());
        assertEquals(1.0, north.get("metrics").get("selection_rate").doubleValue());
        assertEquals(1.0 / 3, json.get("groups").get(1).get("metrics").get("selection_rate").doubleValue(), 1e-15);
        assertEquals(2.0 / 3, json.get("disparities").get("demographic_parity_difference").get("between_groups").doubleValue(),
                1e-15);
        // North: one actual negative, predicted positive
        assertEquals(1.0, north.get("metrics").get("false_positive_rate").doubleValue());
    }

    @Test
    void weightsAndReferenceAndTextFormat() throws IOException {
        Result r = run("audit", "--data", small().toString(), "--label", "y", "--prediction", "p", "--group", "region",
                "--weight", "w", "--reference", "South");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        // South weighted: TP 1, FN 1, TN 2 -> selection 1/4; North: selection 1
        assertEquals(0.25, json.get("groups").get(1).get("metrics").get("selection_rate").doubleValue(), 1e-15);
        assertEquals(1 - 0.25, json.get("reference").get("statistical_parity_difference").doubleValue(), 1e-15);
        Result text = run("audit", "--data", small().toString(), "--label", "y", "--prediction", "p", "--group", "region",
                "--format", "text");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains(" ! North, East        2     1.0000"), text.out());
    }

    @Test
    void writesTheReportToOut() throws IOException {
        Path out = dir.resolve("report.json");
        Result r = run("audit", "--data", small().toString(), "--label", "y", "--prediction", "p", "--group", "region",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("fairway-audit/v1", JSON.readTree(Files.readString(out)).get("schema").asString());
    }

    @Test
    void badInputExitsTwoWithOneLineAndWritesNothing() throws IOException {
        Path out = dir.resolve("never.json");
        String data = small().toString();
        Path nonBinary = csv("nb.csv", "y,p,g\n1,1,a\n0,1,a\n2,0,b\n");
        Path emptyGroup = csv("eg.csv", "y,p,g\n1,1,a\n0,1,\n");
        Path badWeight = csv("bw.csv", "y,p,g,w\n1,1,a,1\n0,1,a,-3\n");
        Path ragged = csv("rg.csv", "y,p,g\n1,1,a\n0,1\n");
        List<Map.Entry<String[], String>> cases = new ArrayList<>();
        cases.add(Map.entry(new String[] {"--data", dir.resolve("missing.csv").toString(), "--label", "y", "--prediction",
            "p", "--group", "g"}, "no such file"));
        cases.add(Map.entry(new String[] {"--data", data, "--label", "label", "--prediction", "p", "--group", "region"},
                "unknown column 'label'"));
        cases.add(Map.entry(new String[] {"--data", nonBinary.toString(), "--label", "y", "--prediction", "p", "--group",
            "g"}, "line 4, column 1: column 'y' is not binary: '2'"));
        cases.add(Map.entry(new String[] {"--data", emptyGroup.toString(), "--label", "y", "--prediction", "p", "--group",
            "g"}, "group column 'g' is empty at line 3"));
        cases.add(Map.entry(new String[] {"--data", badWeight.toString(), "--label", "y", "--prediction", "p", "--group",
            "g", "--weight", "w"}, "line 3, column 4: column 'w' has '-3'"));
        cases.add(Map.entry(new String[] {"--data", ragged.toString(), "--label", "y", "--prediction", "p", "--group", "g"},
                "line 3: has 2 fields but the header has 3"));
        cases.add(Map.entry(new String[] {"--data", data, "--label", "y", "--prediction", "p", "--group", "region",
            "--reference", "West"}, "no group"));
        cases.add(Map.entry(new String[] {"--data", data, "--label", "y", "--prediction", "p", "--group", "region",
            "--zero-division", "nan"}, "--zero-division must be undefined or fairlearn"));
        cases.add(Map.entry(new String[] {"--data", data, "--label", "y", "--prediction", "p"}, "--group"));
        for (Map.Entry<String[], String> c : cases) {
            List<String> args = new ArrayList<>(List.of("audit", "--out", out.toString()));
            args.addAll(List.of(c.getKey()));
            Result r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), () -> args + " -> " + r.err());
            assertTrue(r.err().startsWith("fairway: ") && r.err().contains(c.getValue()), () -> args + " -> " + r.err());
            assertEquals(1, r.err().strip().lines().count(), () -> "one line: " + r.err());
            assertFalse(Files.exists(out), "nothing written to --out");
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void nullGroupNamesEmptyValues() throws IOException {
        Path emptyGroup = csv("eg.csv", "y,p,g\n1,1,a\n0,1,\n");
        Result r = run("audit", "--data", emptyGroup.toString(), "--label", "y", "--prediction", "p", "--group", "g",
                "--null-group", "unknown");
        assertEquals(0, r.code(), r.err());
        assertEquals("unknown", JSON.readTree(r.out()).get("groups").get(1).get("group").get("g").asString());
    }

    @Test
    void readmeDemoRuns() {
        Result r = run("audit", "--data", "src/test/resources/audit/loans.csv", "--label", "repaid", "--prediction",
                "approved", "--group", "sex", "--group", "age_band", "--reference", "sex=male");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals(48, json.get("rows").asLong());
        assertEquals(2, json.get("marginals").size());
    }

    /**
     * A 96 MB file (a wide free-text column) audited in a JVM with a 48 MB heap: the raw text is
     * streamed, never held. Hand count: row i has label i % 2, prediction (i / 2) % 2, group i % 3.
     */
    @Test
    void streamsAFileLargerThanTheHeap() throws IOException, InterruptedException {
        Path big = dir.resolve("big.csv");
        String note = "\"" + "lorem, ipsum ".repeat(15) + "\"";
        int rows = 480_000;
        try (var w = Files.newBufferedWriter(big)) {
            w.write("y,p,g,note\n");
            for (int i = 0; i < rows; i++) {
                w.write((i % 2) + "," + ((i / 2) % 2) + ",g" + (i % 3) + "," + note + "\n");
            }
        }
        assertTrue(Files.size(big) > 90_000_000L, "file size " + Files.size(big));
        Path out = dir.resolve("big.json");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                Fairway.class.getName(), "audit", "--data", big.toString(), "--label", "y", "--prediction", "p",
                "--group", "g", "--out", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        JsonNode json = JSON.readTree(Files.readString(out));
        assertEquals(rows, json.get("rows").asLong());
        // every pattern of (y, p) repeats each 4 rows: selection rate 1/2 overall, TPR 1/2
        assertEquals(0.5, json.get("overall").get("selection_rate").doubleValue(), 1e-15);
        assertEquals(0.5, json.get("overall").get("true_positive_rate").doubleValue(), 1e-15);
        assertEquals(rows / 3, json.get("groups").get(0).get("count").asLong());
    }

    /** The CLI on the COMPAS golden input agrees with Fairlearn 0.12's reference values. */
    @Test
    void agreesWithFairlearnOnCompas() throws IOException {
        // the reference files are fairness-core's test resources (provenance in their READMEs)
        Path shared = Path.of("../fairness-core/src/test/resources");
        Path golden = shared.resolve("golden/fairlearn_compas_race.json");
        assertTrue(Files.isRegularFile(golden), () -> "missing golden file " + golden.toAbsolutePath());
        JsonNode reference = JSON.readTree(Files.readString(golden));
        for (JsonNode c : reference.get("cases")) {
            boolean weighted = c.get("weighted").asBoolean();
            List<String> args = new ArrayList<>(List.of("audit", "--data",
                    shared.resolve("datasets/compas_golden_input.csv").toString(), "--label", "two_year_recid",
                    "--prediction", "y_pred", "--group", "race", "--zero-division", "fairlearn"));
            if (weighted) {
                args.addAll(List.of("--weight", "sample_weight"));
            }
            Result r = run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            JsonNode json = JSON.readTree(r.out());
            JsonNode frame = c.get("metric_frame");
            for (var e : frame.get("by_group").properties()) {
                for (JsonNode g : e.getValue()) {
                    String race = g.get("group").get("race").asString();
                    JsonNode ours = null;
                    for (JsonNode x : json.get("groups")) {
                        if (x.get("group").get("race").asString().equals(race)) {
                            ours = x;
                        }
                    }
                    double actual = e.getKey().equals("count") ? ours.get("count").asLong()
                            : ours.get("metrics").get(e.getKey()).doubleValue();
                    assertEquals(g.get("value").doubleValue(), actual, 1e-12, race + " " + e.getKey());
                }
            }
            for (JsonNode s : c.get("scalar_metrics")) {
                JsonNode node = json.get("disparities").get(s.get("name").asString()).get(s.get("method").asString());
                if (!s.get("agg").isNull()) {
                    node = node.get(s.get("agg").asString());
                }
                assertEquals(s.get("value").doubleValue(), node.doubleValue(), 1e-12, s.toString());
            }
        }
    }
}
