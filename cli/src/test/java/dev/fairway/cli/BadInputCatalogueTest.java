package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of docs/errors.md, one row per (entry point, class of bad input): each gives
 * exit 2, exactly one line on standard error starting {@code fairway:} that contains the expected
 * fragment (naming the file, line, column or field), no stack trace, and nothing at {@code --out}.
 * A fragment may list several parts joined by {@code &&}; {@code @} stands for the bad file's name. The rows
 * of the commands merged later (rank-audit, fair-table, monitor, proxies, risk, minimise, mitigate, demo)
 * are in {@link BadInputRows}.
 * The row ids are the ones docs/errors.md cites.
 */
class BadInputCatalogueTest {
    static final Path RES = Path.of("src/test/resources");
    static final byte[] GARBAGE = {0, (byte) 0xFF, (byte) 0xFE, 0x1B, (byte) 0xC3, 0x28, 0x7F, (byte) 0x80, 0, 0x0A};

    @TempDir
    static Path dir;

    /** One row: its id, the bad file's content (null: the path is a directory; empty array: no file), args. */
    record Row(String id, byte[] content, String fragment, List<String> args) {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static final byte[] MISSING = new byte[0];

    /** Frames JSON bodies as decision log lines, {@code <crc32c> <json>\n}, with the JDK's CRC-32C. */
    static String framed(String... bodies) {
        StringBuilder sb = new StringBuilder();
        for (String body : bodies) {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(body.getBytes(StandardCharsets.UTF_8));
            sb.append(String.format("%08x ", crc.getValue())).append(body).append('\n');
        }
        return sb.toString();
    }

    /** A decision body whose group object has one column. */
    static String decision(long id, String time, String column) {
        return "{\"id\":" + id + ",\"time\":\"" + time + "\",\"group\":{\"" + column + "\":0},\"prediction\":1,"
                + "\"model\":\"m\",\"route\":\"primary\",\"mode\":null,\"withheld\":[],\"plan\":null}";
    }

    /** A test resource's bytes. */
    static byte[] read(String p) {
        try {
            return Files.readAllBytes(RES.resolve(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String r(String p) {
        return RES.resolve(p).toString();
    }

    static Row audit(String id, byte[] content, String fragment, String... extra) {
        List<String> a = new ArrayList<>(List.of("audit", "--data", "@", "--label", "y", "--prediction", "p",
                "--group", "g"));
        a.addAll(List.of(extra));
        return new Row("audit." + id, content, fragment, a);
    }

    static Row filter(String id, int slot, byte[] content, String fragment) {
        List<String> a = new ArrayList<>(List.of("consent", "filter", "--catalog", r("consent/catalog.json"),
                "--ledger", r("consent/events.jsonl"), "--data", r("consent/features.csv"), "--subject-column", "id",
                "--purpose", "profile_selection", "--at", "2026-05-02T00:00:00Z", "--audit", "@audit"));
        a.set(slot, "@");
        return new Row("consent-filter." + id, content, fragment, a);
    }

    static Row explain(String id, int slot, byte[] content, String fragment, String... extra) {
        List<String> a = new ArrayList<>(List.of("explain", "--model", r("explain/credit-model.json"), "--background",
                r("explain/approved.csv"), "--instance", r("explain/applicant.json")));
        a.addAll(List.of(extra));
        a.set(slot, "@");
        return new Row("explain." + id, content, fragment, a);
    }

    /** A row of any command: {@code @} in the arguments is the bad file, {@code %name} a fixture below. */
    static Row row(String id, byte[] content, String fragment, String... args) {
        return new Row(id, content, fragment, List.of(args));
    }

    /** A small valid table with label y, score s, group g and quasi-identifiers zip and race. */
    static final byte[] TABLE = b("y,s,g,zip,race\n1,0.9,a,10,A\n0,0.2,b,20,B\n1,0.7,a,10,B\n0,0.4,b,20,A\n");

    /** Valid companion files for rows whose bad file is another argument. */
    static final Map<String, String> FIXTURES = Map.of(
            "lists.csv", "qid,rank,item,grp\nq1,1,a,F\nq1,2,b,M\nq2,1,b,M\nq2,2,c,F\n",
            "table.csv", new String(TABLE, StandardCharsets.UTF_8),
            "model.json", "{\"type\": \"linear\", \"intercept\": 1, \"coefficients\": {\"alpha\": 2, \"beta\": 0.5}}",
            "catalog.json", "{\"features\": [{\"name\": \"alpha\", \"index\": 0, \"purposes\": [\"profile_selection\"],"
                    + " \"on_denial\": {\"action\": \"drop\"}}]}",
            "background.csv", "alpha,beta\n0,0\n2,2\n0,2\n2,0\n");

    static Stream<Arguments> rows() {
        String hugeField = "y,p,g\n1,1," + "a".repeat(20 << 20) + "\n";
        List<Row> rows = List.of(
                audit("missing-file", MISSING, "no such file"),
                audit("directory", null, "is a directory"),
                audit("empty-file", b(""), "empty"),
                audit("header-only", b("y,p,g\n"), "has a header but no rows"),
                audit("ragged-line", b("y,p,g\n1,1,a\n0,1\n"), "line 3: has 2 fields"),
                audit("unknown-column", b("y,p,h\n1,1,a\n"), "unknown column 'g'"),
                audit("duplicate-column", b("y,p,g,g\n1,1,a,b\n"), "'g'"),
                audit("wrong-value-kind", b("y,p,g,w\n1,1,a,heavy\n"), "column 'w'", "--weight", "w"),
                audit("nan-weight", b("y,p,g,w\n1,1,a,NaN\n"), "column 'w'", "--weight", "w"),
                audit("negative-weight", b("y,p,g,w\n1,1,a,-3\n"), "line 2, column 4: column 'w' has '-3'", "--weight", "w"),
                audit("huge-number-weight", b("y,p,g,w\n1,1,a,1e309\n"), "column 'w'", "--weight", "w"),
                audit("huge-field", b(hugeField), "@"),
                audit("binary-garbage", GARBAGE, "@"),
                audit("unknown-enum-format", b("y,p,g\n1,1,a\n"), "--format", "--format", "xml"),
                filter("catalogue-missing", 3, MISSING, "no such file"),
                filter("catalogue-directory", 3, null, "@"),
                filter("catalogue-empty", 3, b(""), "catalogue"),
                filter("catalogue-truncated", 3, b("{\"features\": [{\"name\": \"age\", "), "malformed JSON"),
                filter("catalogue-deep-nesting", 3, b("[".repeat(100_000)), "catalogue"),
                filter("catalogue-huge-number", 3, b("{\"features\": [{\"name\": \"age\", \"index\": 1e309,"
                        + " \"purposes\": [\"profile_selection\"], \"on_denial\": {\"action\": \"drop\"}}]}"), "index"),
                filter("catalogue-duplicate-key", 3, b("{\"features\": [], \"features\": []}"), "Duplicate"),
                filter("catalogue-unknown-enum", 3, b("{\"features\": [{\"name\": \"age\", \"index\": 0,"
                        + " \"purposes\": [\"profile_selection\"], \"on_denial\": {\"action\": \"explode\"}}]}"),
                        "explode"),
                filter("catalogue-binary-garbage", 3, GARBAGE, "catalogue"),
                filter("ledger-missing", 5, MISSING, "no such file"),
                filter("ledger-directory", 5, null, "--ledger"),
                filter("ledger-binary-garbage", 5, b(new String(GARBAGE, StandardCharsets.ISO_8859_1) + "\n"
                        + new String(GARBAGE, StandardCharsets.ISO_8859_1) + "\n"), "line 1"),
                filter("ledger-unknown-enum", 5, b("{\"subject\": \"alice\", \"purpose\": \"profile_selection\","
                        + " \"state\": \"MAYBE\", \"basis\": \"CONSENT\", \"event_time\": \"2026-05-01T10:00:00Z\","
                        + " \"recorded_time\": \"2026-05-01T10:00:00Z\", \"source\": \"DIRECT\"}\n"), "'state'"),
                filter("ledger-wrong-value-kind", 5, b("{\"subject\": 7, \"purpose\": \"profile_selection\","
                        + " \"state\": \"GIVEN\", \"basis\": \"CONSENT\", \"event_time\": \"2026-05-01T10:00:00Z\","
                        + " \"recorded_time\": \"2026-05-01T10:00:00Z\", \"source\": \"DIRECT\"}\n"), "'subject'"),
                filter("ledger-duplicate-key", 5, b("{\"subject\": \"alice\", \"subject\": \"bob\", \"purpose\":"
                        + " \"profile_selection\", \"state\": \"GIVEN\", \"basis\": \"CONSENT\", \"event_time\":"
                        + " \"2026-05-01T10:00:00Z\", \"recorded_time\": \"2026-05-01T10:00:00Z\", \"source\": \"DIRECT\"}\n"),
                        "Duplicate"),
                filter("ledger-corrupted-middle", 5, corruptedStoreLedger(), "line 1"),
                filter("data-missing", 7, MISSING, "no such file"),
                filter("data-non-number", 7, b("id,age\nalice,old\n"), "line 2, column 2: column 'age' has 'old', not a finite decimal number"),
                filter("data-binary-garbage", 7, GARBAGE, "@"),
                explain("model-missing", 2, MISSING, "--model: cannot read"),
                explain("model-directory", 2, null, "--model"),
                explain("model-empty", 2, b(""), "--model"),
                explain("model-unknown-enum", 2, b("{\"type\": \"forest\", \"coefficients\": {\"income\": 1}}"),
                        "'type'"),
                explain("model-wrong-value-kind", 2, b("{\"type\": \"linear\", \"coefficients\": {\"income\": \"x\"}}"),
                        "coefficient 'income'"),
                explain("model-huge-number", 2, b("{\"type\": \"linear\", \"coefficients\": {\"income\": 1e309}}"),
                        "coefficients[0] must be finite"),
                explain("model-duplicate-key", 2, b("{\"type\": \"linear\", \"type\": \"logistic\","
                        + " \"coefficients\": {\"income\": 1}}"), "Duplicate"),
                explain("model-deep-nesting", 2, b("{\"a\":".repeat(100_000)), "--model"),
                explain("model-binary-garbage", 2, GARBAGE, "--model"),
                explain("background-header-only", 4, b("income,debt_ratio,history_years,inquiries,age\n"),
                        "no data rows"),
                explain("background-nan", 4, b("income,debt_ratio,history_years,inquiries,age\nNaN,1,1,1,1\n"),
                        "income"),
                explain("background-truncated-quote", 4, b("income,debt_ratio\n\"1"), "--background"),
                explain("instance-wrong-value-kind", 6, b("{\"income\": \"rich\"}"), "--instance"),
                explain("actions-unknown-enum", 8, b("{\"cost\": \"euclid\"}"), "--recourse", "--recourse",
                        "x"),
                explain("reasons-unknown-message-key", 10, b("{\"id\": \"c\", \"version\": \"1\", \"reasons\": ["
                        + "{\"code\": \"R01\", \"message_key\": \"no.such.key\", \"covers\": [\"income\"]}]}"),
                        "no.such.key", "--link", "logit", "--reasons", "x", "--protected", "age"),
                row("rank-audit.missing-file", MISSING, "@", "rank-audit", "--data", "@", "--query", "qid", "--rank",
                        "rank", "--item", "item", "--group", "grp"),
                row("rank-audit.unknown-column", b("qid,rank,item,grp\nq1,1,a,F\nq1,2,b,M\n"), "nosuchcol", "rank-audit",
                        "--data", "@", "--query", "qid", "--rank", "rank", "--item", "item", "--group", "nosuchcol"),
                row("fair-table.bad-k", MISSING, "--k", "fair-table", "--k", "0", "--p", "0.5", "--alpha", "0.1"),
                row("fair-table.bad-p", MISSING, "--p", "fair-table", "--k", "10", "--p", "2", "--alpha", "0.1"),
                row("monitor.missing-file", MISSING, "@", "monitor", "--log", "@", "--rule",
                        "demographic_parity_difference > 0.1"),
                row("monitor.missing-group-column", b(framed(
                        "{\"schema\":\"fairway-decision/v1\",\"group_columns\":[{\"column\":\"g\",\"category\":\"x\"}]}",
                        decision(1, "2026-01-01T00:00:00Z", "nosuchcol"), decision(2, "2026-01-01T00:00:01Z", "g"))),
                        "line 2 at byte offset 90 is corrupted (field 'group.g' is missing)", "monitor", "--log", "@",
                        "--rule", "demographic_parity_difference > 0.1"),
                // monitor and demo --monitor (helper replay): names the user gave must exist, huge windows, directories
                row("monitor.unknown-reference-column", smallDecisionLog(), "column 'sex'&&group columns: g", "monitor",
                        "--log", "@", "--rule", "selection_rate_ratio@to_reference < 0.8", "--reference", "sex=0"),
                row("monitor.unknown-reference-level", smallDecisionLog(), "g=7&&levels of 'g': 0, 1", "monitor",
                        "--log", "@", "--rule", "selection_rate_ratio@to_reference < 0.8", "--reference", "g=7"),
                row("monitor.huge-window-duration", MISSING, "--window '999999999999999h' is too long", "monitor",
                        "--log", "@", "--rule", "demographic_parity_difference > 0.1", "--window", "999999999999999h"),
                row("monitor.huge-window-count", MISSING, "--window '99999999999999999999' is too large", "monitor",
                        "--log", "@", "--rule", "demographic_parity_difference > 0.1", "--window",
                        "99999999999999999999"),
                row("monitor.huge-slide-count", MISSING, "--slide '99999999999999999999' is too large", "monitor",
                        "--log", "@", "--rule", "demographic_parity_difference > 0.1", "--window", "10", "--slide",
                        "99999999999999999999"),
                row("demo.monitor-log-out-directory", null, "cannot write&&@&&is a directory", "demo", "--monitor",
                        "--log-out", "@"),
                row("demo.monitor-timeline-out-directory", null, "cannot write&&@&&is a directory", "demo", "--monitor",
                        "--log-out", "@side", "--timeline-out", "@"),
                row("proxies.missing-file", MISSING, "@", "proxies", "--data", "@", "--sensitive", "race"),
                row("proxies.unknown-column", TABLE, "nosuchcol", "proxies", "--data", "@", "--sensitive", "nosuchcol"),
                row("risk.missing-file", MISSING, "@", "risk", "--data", "@", "--quasi", "zip"),
                row("risk.unknown-column", TABLE, "nosuchcol", "risk", "--data", "@", "--quasi", "zip,nosuchcol"),
                row("minimise.missing-file", MISSING, "@", "minimise", "--model", "%model.json", "--background", "@",
                        "--catalog", "%catalog.json"),
                row("minimise.unknown-column", b("alpha,gamma\n0,0\n2,2\n"), "beta", "minimise", "--model",
                        "%model.json", "--background", "@", "--catalog", "%catalog.json"),
                row("mitigate-thresholds.missing-file", MISSING, "@", "mitigate", "thresholds", "--data", "@",
                        "--score", "s", "--label", "y", "--group", "g"),
                row("mitigate-thresholds.unknown-column", TABLE, "nosuchcol", "mitigate", "thresholds", "--data", "@",
                        "--score", "nosuchcol", "--label", "y", "--group", "g"),
                row("mitigate-reweigh.missing-file", MISSING, "@", "mitigate", "reweigh", "--data", "@", "--label", "y",
                        "--group", "g", "--reference", "a"),
                row("mitigate-reweigh.unknown-column", TABLE, "nosuchcol", "mitigate", "reweigh", "--data", "@",
                        "--label", "y", "--group", "nosuchcol", "--reference", "a"),
                row("mitigate-reject-option.missing-file", MISSING, "@", "mitigate", "reject-option", "--data", "@",
                        "--score", "s", "--label", "y", "--group", "g", "--privileged", "a"),
                row("mitigate-reject-option.unknown-column", TABLE, "nosuchcol", "mitigate", "reject-option", "--data",
                        "@", "--score", "nosuchcol", "--label", "y", "--group", "g", "--privileged", "a"),
                row("demo.bad-report-date", MISSING, "--report-date", "demo", "--report-date", "yesterday"));
        return Stream.concat(rows.stream(), BadInputRows.more().stream()).map(row -> Arguments.of(row.id(), row));
    }

    /**
     * A decision log of ten decisions over one group column {@code g} (level codes 0 and 1), written
     * through {@link dev.fairway.guard.DecisionLog} so that it follows the log's current line format.
     */
    static byte[] smallDecisionLog() {
        try {
            Path f = Files.createTempFile("fairway-catalogue", ".jsonl");
            Files.delete(f);
            dev.fairway.fairness.GroupIndex groups = dev.fairway.fairness.GroupIndex.of(List.of("g"),
                    List.of(List.of("a"), List.of("b")));
            try (dev.fairway.guard.DecisionLog log = dev.fairway.guard.DecisionLog.builder(f, groups).open()) {
                for (int i = 0; i < 10; i++) {
                    log.decision(dev.fairway.guard.Decision.of(i, 1_767_225_600_000L + i, i % 2, i % 3 == 0, Double.NaN,
                            "m", dev.fairway.guard.DecisionLog.Route.PRIMARY, "default", java.util.Set.of(), "p"));
                }
            }
            byte[] bytes = Files.readAllBytes(f);
            Files.delete(f);
            return bytes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] corruptedStoreLedger() {
        // two lines in the durable store's format where the first line's checksum does not match
        String a = "00000000 {\"seq\":1,\"subject\":\"alice\"}\n";
        String line = "00000000 {\"seq\":2,\"subject\":\"alice\"}\n";
        return b(a + line);
    }

    /** Writes a row's content; a {@link BadInputRows#HUGE} marker becomes a field of 17 Mi characters. */
    static void writeContent(Path file, byte[] content) throws IOException {
        String text = new String(content, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(BadInputRows.HUGE);
        if (at < 0) {
            Files.write(file, content);
            return;
        }
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'h');
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(content, 0, at);
            for (int i = 0; i < BadInputRows.HUGE_CHARS >> 20; i++) {
                out.write(chunk);
            }
            int from = at + BadInputRows.HUGE.length();
            out.write(content, from, content.length - from);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void exitsTwoWithOneLineAndNoOutput(String id, Row row) throws IOException {
        Path file = dir.resolve(id);
        if (row.content() == null) {
            Files.createDirectories(file);
        } else if (row.content() != MISSING) {
            writeContent(file, row.content());
        }
        Path out = dir.resolve(id + ".out");
        List<String> args = new ArrayList<>();
        for (String a : row.args()) {
            if (a.startsWith("%")) {
                Path fixture = dir.resolve(a.substring(1));
                if (!Files.exists(fixture)) {
                    Files.writeString(fixture, FIXTURES.get(a.substring(1)));
                }
                args.add(fixture.toString());
                continue;
            }
            args.add(a.equals("@") ? file.toString() : a.equals("@audit") ? dir.resolve(id + ".audit").toString()
                    : a.equals("@side") ? dir.resolve(id + ".side").toString() : a);
        }
        if (!args.contains("--out")) {
            args.add("--out");
            args.add(out.toString());
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Fairway.run(new PrintWriter(o), new PrintWriter(e), args.toArray(String[]::new));
        String err = e.toString();
        // escaped: the build log must hold no binary byte, whatever a message held
        System.out.println(Messages.escape("catalogue " + id + ": exit " + code + ": " + err.strip()));
        assertTrue(err.strip().chars().allMatch(c -> c >= 0x20 && !(c >= 0x7F && c < 0xA0)),
                () -> id + ": a control character in the message: " + Messages.escape(err));
        assertEquals(2, code, () -> id + ": " + err);
        assertEquals(1, err.strip().lines().count(), () -> "one line: " + err);
        assertTrue(err.startsWith("fairway: "), err);
        assertFalse(err.contains("\tat "), err);
        for (String part : row.fragment().split("&&")) {
            String fragment = part.replace("@", file.getFileName().toString());
            assertTrue(err.contains(fragment), () -> id + ": expected '" + fragment + "' in " + err);
        }
        assertFalse(Files.exists(out), "nothing written to --out");
        assertFalse(Files.exists(dir.resolve(id + ".side")), "nothing written to a second output file");
    }
}
