package dev.fairway.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fairway.cli.CliRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code AuditJob} against the real {@code fairway audit}: the same flags give the same
 * {@code fairway-audit/v1} JSON (numbers to 1e-12) from CSV and from Parquet, and bad input the
 * same one-line error with exit code 2 and nothing written to {@code --out}. Where the CLI names
 * a line, the job (whose rows are spread over partitions) names the file only.
 */
class AuditJobTest {

    static String[] job(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AuditJob.run(LocalSpark.session(), new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    static String[] args(String data, String... rest) {
        List<String> a = new ArrayList<>(List.of("--data", data));
        a.addAll(List.of(rest));
        return a.toArray(new String[0]);
    }

    static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Same structure; numbers equal to 1e-12 relative. */
    static void assertSameJson(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNumber() && actual.isNumber()) {
            Compas.close(expected.doubleValue(), actual.doubleValue(), path);
            return;
        }
        assertEquals(expected.getNodeType(), actual.getNodeType(), path);
        if (expected.isObject()) {
            List<String> e = new ArrayList<>();
            expected.propertyNames().forEach(e::add);
            List<String> a = new ArrayList<>();
            actual.propertyNames().forEach(a::add);
            assertEquals(e, a, path);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator(); it.hasNext();) {
                Map.Entry<String, JsonNode> f = it.next();
                assertSameJson(f.getValue(), actual.get(f.getKey()), path + "." + f.getKey());
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path);
            for (int i = 0; i < expected.size(); i++) {
                assertSameJson(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }

    @Test
    void compasReportEqualsTheCliFromCsvAndParquet(@TempDir Path dir) throws IOException {
        String csv = LocalSpark.compas().toString();
        String[] flags = {"--label", "two_year_recid", "--prediction", "y_pred", "--group", "race", "--group", "sex",
            "--weight", "sample_weight", "--zero-division", "fairlearn", "--reference", "race=Caucasian",
            "--format", "json"};
        String[] cli = CliRunner.run(prepend("audit", args(csv, flags)));
        assertEquals("0", cli[0], cli[2]);
        JsonNode expected = Compas.JSON.readTree(cli[1]);
        assertEquals("fairway-audit/v1", expected.get("schema").asString());

        Path out = dir.resolve("report.json");
        String[] r = job(args(csv, concat(flags, "--out", out.toString())));
        assertEquals("0", r[0], r[2]);
        assertEquals("", r[2]);
        assertSameJson(expected, Compas.JSON.readTree(Files.readString(out)), "$");

        // the same table as Parquet with typed columns
        Path parquet = dir.resolve("compas.parquet");
        LocalSpark.session().read().option("header", "true").csv(csv)
                .withColumn("two_year_recid", functions.col("two_year_recid").cast("int"))
                .withColumn("y_pred", functions.col("y_pred").cast("int"))
                .withColumn("sample_weight", functions.col("sample_weight").cast("double"))
                .repartition(3).write().parquet(parquet.toString());
        r = job(args(parquet.toString(), flags));
        assertEquals("0", r[0], r[2]);
        assertSameJson(expected, Compas.JSON.readTree(r[1]), "$");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("missing file", null, new String[0]),
                Arguments.of("missing column", "y,p,g\n0,0,a\n1,1,b\n", new String[] {"--label", "nope"}),
                Arguments.of("non-binary label", "y,p,g\n0,0,a\n1,1,b\n2,0,a\n1,0,b\n", new String[0]),
                Arguments.of("empty group", "y,p,g\n0,0,a\n1,1,\n", new String[0]),
                Arguments.of("weight not a number", "y,p,g,w\n0,0,a,1\n1,1,b,abc\n", new String[] {"--weight", "w"}),
                Arguments.of("negative weight", "y,p,g,w\n0,0,a,1\n1,1,b,-1\n", new String[] {"--weight", "w"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsTheCliError(String name, String content, String[] extra, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("in.csv");
        if (content != null) {
            Files.writeString(file, content);
        }
        List<String> flags = new ArrayList<>(List.of("--label", "y", "--prediction", "p", "--group", "g"));
        if (extra.length > 0 && extra[0].equals("--label")) {
            flags.set(1, extra[1]);
        } else {
            flags.addAll(List.of(extra));
        }
        Path out = dir.resolve("out.json");
        flags.addAll(List.of("--out", out.toString()));
        String[] cli = CliRunner.run(prepend("audit", args(file.toString(), flags.toArray(new String[0]))));
        String[] r = job(args(file.toString(), flags.toArray(new String[0])));
        assertEquals("2", cli[0], cli[2]);
        assertEquals("2", r[0], r[2]);
        assertEquals("", r[1]);
        assertFalse(Files.exists(out), "nothing written to --out");
        assertEquals(1, r[2].lines().count(), r[2]);
        assertTrue(r[2].startsWith("fairway: "), r[2]);
        // the CLI names the line (and column) of the first bad row; the job, which reads in parallel, names the file
        String expected = cli[2].replaceAll(" at line \\d+ of ", " in ").replaceAll(", line \\d+, column \\d+: ", ": ");
        if (!expected.equals(r[2])) {
            fail("CLI said   " + cli[2] + "job said   " + r[2]);
        }
    }

    @Test
    void nullGroupNamesEmptyValuesAsTheCliDoes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, "y,p,g\n0,0,a\n1,1,\n1,0,a\n0,1,\n");
        String[] flags = {"--label", "y", "--prediction", "p", "--group", "g", "--null-group", "unknown"};
        String[] cli = CliRunner.run(prepend("audit", args(file.toString(), flags)));
        String[] r = job(args(file.toString(), flags));
        assertEquals("0", r[0], r[2]);
        assertSameJson(Compas.JSON.readTree(cli[1]), Compas.JSON.readTree(r[1]), "$");
        assertTrue(r[1].contains("\"unknown\""), r[1]);
    }
}
