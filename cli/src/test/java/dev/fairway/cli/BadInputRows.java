package dev.fairway.cli;

import static dev.fairway.cli.BadInputCatalogueTest.GARBAGE;
import static dev.fairway.cli.BadInputCatalogueTest.MISSING;
import static dev.fairway.cli.BadInputCatalogueTest.b;

import dev.fairway.cli.BadInputCatalogueTest.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of docs/errors.md for the commands merged after the first catalogue: rank-audit, fair-table,
 * monitor, proxies, risk, minimise, mitigate (thresholds, reweigh, reject-option) and demo. Each row is
 * one (command, class of bad input); the expected fragments are read off the rule of the catalogue (the
 * message names the file and the line, column or field), not pasted from a run.
 *
 * <p>Thread-safety: stateless.
 */
final class BadInputRows {
    /** Where a row's content holds this marker, the test writes a field of {@link #HUGE_CHARS} characters. */
    static final String HUGE = "\u0001HUGE\u0001";
    /** Larger than FastCSV's 16 Mi-character field buffer. */
    static final int HUGE_CHARS = 17 << 20;

    private BadInputRows() {
    }

    private static Row row(String id, byte[] content, String fragment, String... args) {
        return new Row(id, content, fragment, List.of(args));
    }

    /**
     * The classes every CSV reader meets, for one command: {@code args} holds {@code @} for the file;
     * {@code header} and {@code good} are a valid header and data line for those arguments.
     */
    private static void csvClasses(List<Row> rows, String prefix, String header, String good, String... args) {
        int width = header.split(",", -1).length;
        String first = header.split(",", -1)[0];
        rows.add(row(prefix + "directory", null, "@&&is a directory", args));
        rows.add(row(prefix + "empty-file", b(""), "@&&is empty", args));
        rows.add(row(prefix + "header-only", b(header + "\n"), "@&&has a header but no rows", args));
        rows.add(row(prefix + "ragged-line", b(header + "\n" + good + "\n" + "x".repeat(1) + "\n"),
                "@&&line 3" + sep(prefix) + "has 1 fields but the header has " + width, args));
        rows.add(row(prefix + "duplicate-column", b(header + "," + first + "\n" + good + ",x\n"),
                "@&&two columns named '" + first + "'", args));
        rows.add(row(prefix + "truncated", b(header + "\n" + good + "\n" + good.substring(0, good.lastIndexOf(','))),
                "@" + (prefix.startsWith("rank") ? " line 3 " : ", line 3: ") + "has " + (width - 1) + " fields", args));
        rows.add(row(prefix + "huge-field", b(header + "\n" + HUGE + "\n"), "@&&malformed CSV", args));
        rows.add(row(prefix + "huge-header", b(HUGE + "\n" + good + "\n"), "@&&malformed CSV", args));
        rows.add(row(prefix + "binary-garbage", GARBAGE, "@", args));
    }

    /** The separator after a line number: the rank reader's own ("line 3 has"), or the position's ("line 3: has"). */
    private static String sep(String prefix) {
        return prefix.startsWith("rank") ? " " : ": ";
    }

    /** A model JSON file's classes, for the option whose value is {@code @} in {@code args}. */
    private static void modelJsonClasses(List<Row> rows, String prefix, String... args) {
        rows.add(row(prefix + "missing", MISSING, "@", args));
        rows.add(row(prefix + "directory", null, "@", args));
        rows.add(row(prefix + "empty", b(""), "@&&must hold a JSON object", args));
        rows.add(row(prefix + "truncated", b("{\"type\": \"linear\", \"coefficients\": {\"alpha\": 2"), "@&&not valid JSON",
                args));
        rows.add(row(prefix + "deep-nesting", b("{\"a\":".repeat(100_000)), "@&&nesting depth", args));
        rows.add(row(prefix + "huge-number", b("{\"type\": \"linear\", \"coefficients\": {\"alpha\": 1e309,"
                + " \"beta\": 1}}"), "@&&must be finite", args));
        rows.add(row(prefix + "long-number", b("{\"type\": \"linear\", \"coefficients\": {\"alpha\": 1" + "0".repeat(1000)
                + ", \"beta\": 1}}"), "@&&Number value length", args));
        rows.add(row(prefix + "duplicate-key", b("{\"type\": \"linear\", \"type\": \"logistic\","
                + " \"coefficients\": {\"alpha\": 1, \"beta\": 1}}"), "@&&Duplicate", args));
        rows.add(row(prefix + "unknown-enum", b("{\"type\": \"forest\", \"coefficients\": {\"alpha\": 1}}"),
                "@&&'type'&&forest", args));
        rows.add(row(prefix + "wrong-value-kind", b("{\"type\": \"linear\", \"coefficients\": {\"alpha\": \"x\","
                + " \"beta\": 1}}"), "@&&coefficient 'alpha' must be a number", args));
        rows.add(row(prefix + "binary-garbage", GARBAGE, "@", args));
        rows.add(row(prefix + "too-large", b("{\"type\": \"linear\", \"coefficients\": {\"alpha\": 1}, \"pad\": \""
                + "p".repeat(1 << 20) + "\"}"), "@", args));
    }

    /** A consent catalogue's classes (the library reader is fuzzed in consent-core; here the CLI's wrapping). */
    private static void catalogueClasses(List<Row> rows, String prefix, String... args) {
        rows.add(row(prefix + "missing", MISSING, "@", args));
        rows.add(row(prefix + "directory", null, "@", args));
        rows.add(row(prefix + "binary-garbage", GARBAGE, "@&&malformed JSON", args));
        rows.add(row(prefix + "deep-nesting", b("[".repeat(100_000)), "@&&nesting depth", args));
        rows.add(row(prefix + "duplicate-key", b("{\"features\": [], \"features\": []}"), "@&&Duplicate", args));
        rows.add(row(prefix + "unknown-enum", b("{\"features\": [{\"name\": \"alpha\", \"index\": 0, \"purposes\":"
                + " [\"profile_selection\"], \"on_denial\": {\"action\": \"explode\"}}]}"), "@&&explode", args));
    }

    static List<Row> more() {
        List<Row> rows = new ArrayList<>();
        // rank-audit --data
        String[] rank = {"rank-audit", "--data", "@", "--query", "qid", "--rank", "rank", "--item", "item", "--group",
            "grp", "--relevance", "rel"};
        String lists = "qid,rank,item,grp,rel";
        csvClasses(rows, "rank-audit.", lists, "q1,1,a,F,1", rank);
        rows.add(row("rank-audit.wrong-value-kind-rank", b(lists + "\nq1,first,a,F,1\n"),
                "@ line 2&&column 'rank'&&'first'", rank));
        rows.add(row("rank-audit.huge-number-rank", b(lists + "\nq1,99999999999,a,F,1\n"), "@ line 2&&column 'rank'", rank));
        rows.add(row("rank-audit.rank-outside-list", b(lists + "\nq1,1,a,F,1\nq1,3,b,M,0\n"), "@ line 3&&rank 3", rank));
        rows.add(row("rank-audit.empty-value", b(lists + "\nq1,1,a,,1\n"), "@ line 2&&column 'grp' is empty", rank));
        rows.add(row("rank-audit.wrong-value-kind-relevance", b(lists + "\nq1,1,a,F,high\n"),
                "@ line 2&&column 'rel'&&'high'", rank));
        rows.add(row("rank-audit.nan-relevance", b(lists + "\nq1,1,a,F,NaN\n"), "@ line 2&&column 'rel'", rank));
        rows.add(row("rank-audit.negative-relevance", b(lists + "\nq1,1,a,F,-1\n"), "@ line 2&&column 'rel'", rank));
        rows.add(row("rank-audit.huge-number-relevance", b(lists + "\nq1,1,a,F,1e309\n"), "@ line 2&&column 'rel'", rank));
        // rank-audit --items (the catalog)
        String[] items = {"rank-audit", "--data", "%lists.csv", "--query", "qid", "--rank", "rank", "--item", "item",
            "--group", "grp", "--items", "@", "--popularity", "pop"};
        String catalog = "item,pop";
        rows.add(row("rank-audit.items-missing", MISSING, "@", items));
        csvClasses(rows, "rank-audit.items-", catalog, "a,5", items);
        rows.add(row("rank-audit.items-unknown-column", b("item,clicks\na,5\n"), "@&&'pop'", items));
        rows.add(row("rank-audit.items-wrong-value-kind", b(catalog + "\na,5\nb,many\nc,1\n"),
                "@ line 3&&column 'pop'&&'many'", items));
        rows.add(row("rank-audit.items-nan", b(catalog + "\na,5\nb,NaN\nc,1\n"), "@ line 3&&column 'pop'", items));
        rows.add(row("rank-audit.items-negative", b(catalog + "\na,5\nb,-2\nc,1\n"), "@ line 3&&column 'pop'", items));
        rows.add(row("rank-audit.items-huge-number", b(catalog + "\na,5\nb,1e309\nc,1\n"), "@ line 3&&column 'pop'",
                items));
        rows.add(row("rank-audit.items-duplicate-item", b(catalog + "\na,5\nb,2\na,1\nc,1\n"), "@&&twice", items));

        // fair-table reads no file: its bad input is its options
        rows.add(row("fair-table.nan-p", MISSING, "--p&&NaN", "fair-table", "--k", "10", "--p", "NaN", "--alpha", "0.1"));
        rows.add(row("fair-table.huge-number-alpha", MISSING, "--alpha&&Infinity", "fair-table", "--k", "10", "--p",
                "0.5", "--alpha", "1e309"));
        rows.add(row("fair-table.wrong-value-kind-k", MISSING, "--k", "fair-table", "--k", "ten", "--p", "0.5",
                "--alpha", "0.1"));
        rows.add(row("fair-table.huge-number-k", MISSING, "--k", "fair-table", "--k", "99999999999", "--p", "0.5",
                "--alpha", "0.1"));
        rows.add(row("fair-table.unknown-enum-mode", MISSING, "--mode&&fast", "fair-table", "--k", "10", "--p", "0.5",
                "--alpha", "0.1", "--mode", "fast"));
        rows.add(row("fair-table.unknown-enum-format", MISSING, "--format", "fair-table", "--k", "10", "--p", "0.5",
                "--alpha", "0.1", "--format", "xml"));

        // monitor: file-level classes only (the decision log's line format is being changed separately)
        String[] monitor = {"monitor", "--log", "@", "--rule", "demographic_parity_difference > 0.1"};
        rows.add(row("monitor.directory", null, "@", monitor));
        rows.add(row("monitor.empty-file", b(""), "@&&is empty", monitor));
        rows.add(row("monitor.binary-garbage", GARBAGE, "@", monitor));

        // proxies --data and --catalog
        String table = "y,s,g,zip,race";
        String good = "1,0.9,a,10,A";
        String[] proxies = {"proxies", "--data", "@", "--sensitive", "race"};
        csvClasses(rows, "proxies.", table, good, proxies);
        rows.add(row("proxies.only-sensitive-column", b("race\nA\nB\n"), "@&&no column besides", proxies));
        catalogueClasses(rows, "proxies.catalog-", "proxies", "--data", "%table.csv", "--sensitive", "race",
                "--catalog", "@");

        // risk --data
        String[] risk = {"risk", "--data", "@", "--quasi", "zip,g", "--sensitive", "race"};
        csvClasses(rows, "risk.", table, good, risk);
        rows.add(row("risk.unknown-sensitive-column", b("y,s,g,zip\n" + "1,0.9,a,10\n"), "@&&'race'", risk));

        // minimise --model, --background and --catalog
        String[] minModel = {"minimise", "--model", "@", "--background", "%background.csv", "--catalog", "%catalog.json"};
        modelJsonClasses(rows, "minimise.model-", minModel);
        String[] minBg = {"minimise", "--model", "%model.json", "--background", "@", "--catalog", "%catalog.json"};
        csvClasses(rows, "minimise.background-", "alpha,beta", "0,1", minBg);
        rows.add(row("minimise.background-wrong-value-kind", b("alpha,beta\n0,1\n2,x\n"),
                "@, line 3&&column 'beta'&&'x'", minBg));
        rows.add(row("minimise.background-nan", b("alpha,beta\n0,1\nNaN,2\n"), "@, line 3&&column 'alpha'&&'NaN'", minBg));
        rows.add(row("minimise.background-huge-number", b("alpha,beta\n0,1\n2,1e309\n"),
                "@, line 3&&column 'beta'&&'1e309'", minBg));
        rows.add(row("minimise.background-empty-value", b("alpha,beta\n\n0,1\n2,\n"), "@, line 4&&column 'beta' is empty",
                minBg));
        catalogueClasses(rows, "minimise.catalog-", "minimise", "--model", "%model.json", "--background",
                "%background.csv", "--catalog", "@");

        // mitigate thresholds
        String mt = "y,s,g,w";
        String mgood = "1,0.9,a,1";
        String[] thresholds = {"mitigate", "thresholds", "--data", "@", "--score", "s", "--label", "y", "--group", "g"};
        csvClasses(rows, "mitigate-thresholds.", mt, mgood, thresholds);
        rows.add(row("mitigate-thresholds.wrong-value-kind-score", b(mt + "\n" + mgood + "\n0,high,b,1\n"),
                "@, line 3&&column 's'&&'high'", thresholds));
        rows.add(row("mitigate-thresholds.nan-score", b(mt + "\n" + mgood + "\n0,NaN,b,1\n"), "@, line 3&&column 's'",
                thresholds));
        rows.add(row("mitigate-thresholds.huge-number-score", b(mt + "\n" + mgood + "\n0,1e309,b,1\n"),
                "@, line 3&&column 's'", thresholds));
        rows.add(row("mitigate-thresholds.non-binary-label", b(mt + "\n" + mgood + "\n0,0.2,b,1\nyes,0.5,a,1\n"),
                "@, line 4&&column 'y'&&'yes'", thresholds));
        rows.add(row("mitigate-thresholds.empty-group", b(mt + "\n" + mgood + "\n0,0.2,,1\n"),
                "@, line 3&&column 'g' is empty", thresholds));
        // mitigate reweigh
        String[] reweigh = {"mitigate", "reweigh", "--data", "@", "--label", "y", "--group", "g", "--reference", "a",
            "--weight", "w"};
        csvClasses(rows, "mitigate-reweigh.", mt, mgood, reweigh);
        rows.add(row("mitigate-reweigh.wrong-value-kind-weight", b(mt + "\n" + mgood + "\n0,0.2,b,heavy\n"),
                "@, line 3&&column 'w'&&'heavy'", reweigh));
        rows.add(row("mitigate-reweigh.nan-weight", b(mt + "\n" + mgood + "\n0,0.2,b,NaN\n"), "@, line 3&&column 'w'",
                reweigh));
        rows.add(row("mitigate-reweigh.negative-weight", b(mt + "\n" + mgood + "\n0,0.2,b,-3\n"), "@, line 3&&column 'w'",
                reweigh));
        rows.add(row("mitigate-reweigh.huge-number-weight", b(mt + "\n" + mgood + "\n0,0.2,b,1e309\n"),
                "@, line 3&&column 'w'", reweigh));
        rows.add(row("mitigate-reweigh.privileged-absent", b(mt + "\n1,0.9,c,1\n0,0.2,b,1\n"), "@&&g = 'a'", reweigh));
        rows.add(row("mitigate-reweigh.weight-column-exists", b("y,g,w,weight\n1,a,1,1\n0,b,1,1\n"), "@&&'weight'",
                "mitigate", "reweigh", "--data", "@", "--label", "y", "--group", "g", "--reference", "a"));
        // mitigate reject-option
        String[] reject = {"mitigate", "reject-option", "--data", "@", "--score", "s", "--label", "y", "--group", "g",
            "--privileged", "a", "--weight", "w"};
        csvClasses(rows, "mitigate-reject-option.", mt, mgood, reject);
        rows.add(row("mitigate-reject-option.wrong-value-kind-score", b(mt + "\n" + mgood + "\n0,high,b,1\n"),
                "@, line 3&&column 's'&&'high'", reject));
        rows.add(row("mitigate-reject-option.nan-score", b(mt + "\n" + mgood + "\n0,NaN,b,1\n"), "@, line 3&&column 's'",
                reject));
        rows.add(row("mitigate-reject-option.nan-weight", b(mt + "\n" + mgood + "\n0,0.2,b,NaN\n"), "@, line 3&&column 'w'",
                reject));
        rows.add(row("mitigate-reject-option.negative-weight", b(mt + "\n" + mgood + "\n0,0.2,b,-3\n"),
                "@, line 3&&column 'w'", reject));
        rows.add(row("mitigate-reject-option.huge-number-weight", b(mt + "\n" + mgood + "\n0,0.2,b,1e309\n"),
                "@, line 3&&column 'w'", reject));

        // explain --reasons (reason catalogues): the JSON classes beside explain's existing rows
        String[] reasons = {"--link", "logit", "--reasons", "x", "--protected", "age"};
        String r01 = "{\"code\": \"R01\", \"message_key\": \"reason.income.insufficient\", \"covers\": [\"income\"]";
        rows.add(BadInputCatalogueTest.explain("reasons-empty", 10, b(""), "--reasons&&@", reasons));
        rows.add(BadInputCatalogueTest.explain("reasons-truncated", 10, b("{\"id\": \"c\", \"version\": \"1\", \"reasons\": ["
                + r01), "--reasons&&@", reasons));
        rows.add(BadInputCatalogueTest.explain("reasons-deep-nesting", 10, b("[".repeat(100_000)), "--reasons&&@&&nesting",
                reasons));
        rows.add(BadInputCatalogueTest.explain("reasons-duplicate-key", 10, b("{\"id\": \"c\", \"id\": \"d\", \"version\":"
                + " \"1\", \"reasons\": [" + r01 + "}]}"), "--reasons&&@&&Duplicate", reasons));
        rows.add(BadInputCatalogueTest.explain("reasons-unknown-enum", 10, b("{\"id\": \"c\", \"version\": \"1\","
                + " \"reasons\": [" + r01 + ", \"direction\": \"sideways\"}]}"), "--reasons&&@&&reasons[0].direction",
                reasons));
        rows.add(BadInputCatalogueTest.explain("reasons-wrong-value-kind", 10, b("{\"id\": \"c\", \"version\": 1,"
                + " \"reasons\": [" + r01 + "}]}"), "--reasons&&@&&version", reasons));
        rows.add(BadInputCatalogueTest.explain("reasons-huge-number", 10, b("{\"id\": \"c\", \"version\": 1e309,"
                + " \"reasons\": [" + r01 + "}]}"), "--reasons&&@&&version", reasons));
        rows.add(BadInputCatalogueTest.explain("reasons-binary-garbage", 10, GARBAGE, "--reasons&&@", reasons));
        rows.add(BadInputCatalogueTest.explain("reasons-directory", 10, null, "--reasons&&@", reasons));

        // demo reads no file: a bad option must stop it before it writes the data set or the report
        rows.add(row("demo.bad-report-date-writes-nothing", MISSING, "--report-date", "demo", "--report-date", "yesterday",
                "--data-out", "@side"));
        rows.add(row("demo.out-directory", null, "@", "demo", "--out", "@", "--data-out", "@side",
                "--report-date", "2026-12-02"));
        issue22(rows);
        return rows;
    }

    /** Latin-1 bytes of two names that U+FFFD replacement would merge into one group (issue 22, item 8). */
    static byte[] latin1(String header, String... lines) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The rows of issue 22's classes: invalid UTF-8, unterminated quotes, loose and non-finite numbers, an output
     * that is an input or another output, special and missing output targets, and options that cannot mean what
     * they say. Each fragment is read off the rule (the message names the file and position, or the options).
     */
    private static void issue22(List<Row> rows) {
        String[] audit = {"audit", "--data", "@", "--label", "y", "--prediction", "p", "--group", "g"};
        rows.add(row("audit.invalid-utf8", latin1("y,p,g", "1,1,M\u00fcller", "0,1,M\u00f6ller"),
                "@, line 2 (byte 11)&&invalid UTF-8", audit));
        rows.add(row("audit.unterminated-quote", b("y,p,g\n1,1,\"a\n0,1,b\n"), "@, line 2, column 3&&never closed",
                audit));
        rows.add(row("audit.text-after-quote", b("y,p,g\n1,1,\"a\"b\n"), "@, line 2, column 3&&after the closing quote",
                audit));
        for (String[] bad : new String[][] {{"hex", "0x1p3"}, {"double-suffix", "1d"}, {"float-suffix", "2f"},
            {"trailing-nul", "1\u0000"}, {"infinity", "Infinity"}, {"overflow", "1e400"}}) {
            rows.add(row("audit.weight-" + bad[0], b("y,p,g,w\n1,1,a," + bad[1] + "\n"), "@, line 2, column 4&&'w'",
                    "audit", "--data", "@", "--label", "y", "--prediction", "p", "--group", "g", "--weight", "w"));
        }
        rows.add(row("audit.out-is-data", b("y,p,g\n1,1,a\n"), "--out&&is the same file as --data", "audit", "--data",
                "@", "--label", "y", "--prediction", "p", "--group", "g", "--out", "@"));
        rows.add(row("audit.out-missing-directory", b("y,p,g\n1,1,a\n0,0,b\n"), "no such directory /nonexistent-fairway",
                "audit", "--data", "@", "--label", "y", "--prediction", "p", "--group", "g", "--out",
                "/nonexistent-fairway/r.json"));
        rows.add(row("audit.out-device", b("y,p,g\n1,1,a\n0,0,b\n"), "/dev/zero&&character device", "audit", "--data",
                "@", "--label", "y", "--prediction", "p", "--group", "g", "--out", "/dev/zero"));
        rows.add(row("audit.dp-epsilon-tiny", b("y,p,g\n1,1,a\n0,0,b\n"), "--dp-epsilon", "audit", "--data", "@",
                "--label", "y", "--prediction", "p", "--group", "g", "--dp-epsilon", "1e-19"));
        rows.add(row("audit.bootstrap-without-ci", b("y,p,g\n1,1,a\n0,0,b\n"), "--bootstrap&&--ci", "audit", "--data",
                "@", "--label", "y", "--prediction", "p", "--group", "g", "--bootstrap", "500"));
        rows.add(row("audit.bootstrap-huge", b("y,p,g\n1,1,a\n0,0,b\n"), "--bootstrap must be between", "audit",
                "--data", "@", "--label", "y", "--prediction", "p", "--group", "g", "--ci", "0.9", "--bootstrap",
                "2000000000"));
        rows.add(row("audit.fail-if-equality", b("y,p,g\n1,1,a\n0,0,b\n"), "--fail-if&&equality", "audit", "--data",
                "@", "--label", "y", "--prediction", "p", "--group", "g", "--fail-if", "demographic_parity_ratio == 0.8"));
        for (String[] bad : new String[][] {{"nan", "NaN"}, {"infinity", "Infinity"}, {"overflow", "1e400"},
            {"empty", ""}, {"hex", "0x1p3"}}) {
            rows.add(BadInputCatalogueTest.filter("data-" + bad[0], 7, b("id,age\nalice," + bad[1] + "\n"),
                    "@, line 2, column 2&&'age'"));
        }
        rows.add(BadInputCatalogueTest.filter("data-invalid-utf8", 7, latin1("id,age", "M\u00fcller,3"),
                "@, line 2 (byte 8)&&invalid UTF-8"));
        rows.add(BadInputCatalogueTest.filter("catalogue-mask-overflow", 3, b("{\"features\": [{\"name\": \"age\","
                + " \"index\": 0, \"purposes\": [\"profile_selection\"], \"on_denial\": {\"action\": \"mask\","
                + " \"neutral\": 1e400}}]}"), "@&&neutral"));
        List<String> auditIsLedger = new ArrayList<>(BadInputCatalogueTest.filter("x", 5, MISSING, "").args());
        auditIsLedger.set(auditIsLedger.indexOf("@audit"), "@");
        rows.add(new Row("consent-filter.audit-is-ledger", b("{}\n"), "--audit&&is the same file as --ledger",
                auditIsLedger));
        rows.add(row("explain.out-is-model", b("{}"), "--out&&is the same file as --model", "explain", "--model", "@",
                "--background", "src/test/resources/explain/approved.csv", "--instance",
                "src/test/resources/explain/applicant.json", "--out", "@"));
        rows.add(BadInputCatalogueTest.explain("protected-wrong-case", 2,
                BadInputCatalogueTest.read("explain/credit-model.json"), "--protected&&'Age'&&'age'", "--protected", "Age"));
        rows.add(BadInputCatalogueTest.explain("withheld-unknown", 2,
                BadInputCatalogueTest.read("explain/credit-model.json"), "--withheld&&'nosuch'", "--withheld", "nosuch"));
        rows.add(BadInputCatalogueTest.explain("locale-unsupported", 2,
                BadInputCatalogueTest.read("explain/credit-model.json"), "--locale&&'fr'", "--reasons",
                "src/test/resources/explain/credit-catalogue.json", "--locale", "fr"));
        rows.add(BadInputCatalogueTest.explain("background-invalid-utf8", 4,
                latin1("income,debt_ratio,history_years,inquiries,age", "1,1,1,1,\u00fc"), "@, line 2&&invalid UTF-8"));
        rows.add(row("demo.out-is-data-out", MISSING, "--out&&--data-out", "demo", "--out", "@side", "--data-out",
                "@side", "--report-date", "2026-12-02"));
        rows.add(row("risk.invalid-utf8", latin1("zip,name", "10,M\u00fcller", "10,M\u00f6ller"),
                "@, line 2&&invalid UTF-8", "risk", "--data", "@", "--quasi", "zip,name"));
        rows.add(row("mitigate-reweigh.unterminated-quote", b("y,g\n1,\"a\n0,b\n"), "@, line 2, column 2&&never closed",
                "mitigate", "reweigh", "--data", "@", "--label", "y", "--group", "g", "--reference", "a"));
        rows.add(row("minimise.background-hex", b("alpha,beta\n0,0x1p3\n"), "@, line 2&&column 'beta'&&'0x1p3'",
                "minimise", "--model", "%model.json", "--background", "@", "--catalog", "%catalog.json"));
    }
}
