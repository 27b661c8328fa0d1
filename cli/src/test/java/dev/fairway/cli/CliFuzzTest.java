package dev.fairway.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fairway.consent.internal.SeededMutator;
import dev.fairway.explain.json.ExplanationJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing at the CLI: every file the CLI reads (audit CSV, model, instance, background and
 * action files, reason catalogue, consent catalogue, ledger; rank-audit's lists and catalog, the proxies,
 * risk and mitigate CSVs, minimise's model and background) and the argument list itself. The monitor's
 * decision log is not fuzzed here: its line format is changing (checksummed lines). The only
 * outcomes allowed are exit 0, or exit 2 with exactly one line on standard error that starts with
 * {@code fairway:} and holds no stack trace, with nothing left at {@code --out}. A whole CLI run per case
 * costs milliseconds, so end-to-end targets run 150 cases each in {@code verify}
 * ({@code -Dfairway.fuzz.cli.cases}) and 20,000 with {@code -Preliability}; the library parser behind a
 * file (here the reason catalogue) runs 10,000 and 1,000,000 ({@code -Dfairway.fuzz.cases}).
 */
@Timeout(value = 60, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CliFuzzTest {
    static final int N = SeededMutator.CASES;
    static final int CLI_N = Integer.getInteger("fairway.fuzz.cli.cases", 150);
    static final Path RES = Path.of("src/test/resources");

    @TempDir
    Path dir;

    static byte[] res(String path) throws IOException {
        return Files.readAllBytes(RES.resolve(path));
    }

    static String p(String path) {
        return RES.resolve(path).toString();
    }

    /** Runs the CLI and checks the contract; returns the exit code. */
    static int runChecked(Path out, String... args) throws IOException {
        if (out != null) {
            Files.deleteIfExists(out);
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Fairway.run(new PrintWriter(o), new PrintWriter(e), args);
        String err = e.toString();
        // messages never echo raw input bytes: no control character but the line break on standard error
        assertTrue(err.chars().allMatch(c -> c == '\n' || (c >= 0x20 && !(c >= 0x7F && c < 0xA0) && c != 0x2028
                && c != 0x2029)), () -> "a control character on stderr: " + Messages.escape(err));
        if (code == 2) {
            String[] lines = err.strip().split("\n");
            assertEquals(1, lines.length, () -> "one line on stderr, got: " + err);
            assertTrue(lines[0].startsWith("fairway: "), err);
            assertFalse(err.contains("\tat "), err);
            if (out != null) {
                assertFalse(Files.exists(out), "nothing written to --out on bad input");
            }
        } else if (code != 0) {
            fail("exit " + code + " for " + String.join(" ", args) + ": " + err);
        }
        return code;
    }

    /** Fuzzes one input file of a CLI command: {@code args} holds "@" where the file goes. */
    long fileTarget(String name, byte[] seed, long rngSeed, Path out, String... args) throws IOException {
        Path file = dir.resolve("case-" + name);
        String[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals("@")) {
                a[i] = file.toString();
            }
        }
        long[] ok = {0};
        SeededMutator.run(name, List.of(seed), rngSeed, CLI_N, b -> {
            Files.write(file, b);
            if (runChecked(out, a) == 0) {
                ok[0]++;
            }
        });
        report(name, CLI_N, ok[0]);
        return ok[0];
    }

    @Test
    void auditCsv() throws IOException {
        Path out = dir.resolve("report.json");
        fileTarget("audit CSV", res("audit/loans.csv"), 11, out, "audit", "--data", "@", "--label", "repaid",
                "--prediction", "approved", "--group", "sex", "--weight", "weight", "--out", out.toString());
    }

    @Test
    void explainModelInstanceBackgroundAndActions() throws IOException {
        fileTarget("model JSON", res("explain/credit-model.json"), 12, null, "explain", "--model", "@",
                "--background", p("explain/approved.csv"), "--instance", p("explain/applicant.json"));
        fileTarget("instance JSON", res("explain/applicant.json"), 13, null, "explain", "--model",
                p("explain/credit-model.json"), "--background", p("explain/approved.csv"), "--instance", "@");
        fileTarget("background CSV", res("explain/approved.csv"), 14, null, "explain", "--model",
                p("explain/credit-model.json"), "--background", "@", "--instance", p("explain/applicant.json"));
        fileTarget("action JSON", res("explain/credit-actions.json"), 15, null, "explain", "--model",
                p("explain/credit-model.json"), "--background", p("explain/approved.csv"), "--instance",
                p("explain/applicant.json"), "--recourse", "@");
    }

    @Test
    void reasonCatalogue() throws IOException {
        long ok = SeededMutator.run("reason catalogue", List.of(res("explain/credit-catalogue.json")), 16, N,
                b -> ExplanationJson.readCatalogue(new String(b, StandardCharsets.UTF_8)),
                IllegalArgumentException.class);
        report("reason catalogue (library)", N, ok);
        fileTarget("reason catalogue", res("explain/credit-catalogue.json"), 17, null, "explain", "--model",
                p("explain/credit-model.json"), "--background", p("explain/approved.csv"), "--instance",
                p("explain/applicant.json"), "--link", "logit", "--reasons", "@", "--protected", "age");
    }

    @Test
    void consentFilterFiles() throws IOException {
        Path out = dir.resolve("filtered.csv");
        String[] filter = {"consent", "filter", "--catalog", p("consent/catalog.json"), "--ledger",
            p("consent/events.jsonl"), "--data", p("consent/features.csv"), "--subject-column", "id", "--purpose",
            "profile_selection", "--purpose", "contextual_selection", "--at", "2026-05-02T00:00:00Z", "--out",
            out.toString(), "--audit", dir.resolve("audit.jsonl").toString()};
        fileTarget("consent catalogue", res("consent/catalog.json"), 18, out, with(filter, 3));
        fileTarget("consent ledger", res("consent/events.jsonl"), 19, out, with(filter, 5));
        fileTarget("consent features CSV", res("consent/features.csv"), 20, out, with(filter, 7));
    }

    /**
     * The CSV reader's own classes (issue 22, items 8, 12, 17 and 18): a seed that starts with a byte-order
     * mark and a quoted header, holds quoted fields with commas, quotes and line breaks, non-ASCII text and
     * numbers at the edge of the grammar, fed to every command that reads CSV through {@link CsvInput}.
     */
    static final String TRICKY = "\uFEFF\"y\",p,\"g\",w,s\n1,1,\"M\u00fcller, \"\"A\"\"\",1.5e0,0.25\n"
            + "0,1,\"two\nlines\",+2.,.75\n1,0,b,0,1e-3\n0,0,b,3,-0.5E+1\n";

    @Test
    void csvReaderClasses() throws IOException {
        byte[] seed = TRICKY.getBytes(StandardCharsets.UTF_8);
        Path out = dir.resolve("csv.out");
        fileTarget("tricky CSV (audit)", seed, 31, out, "audit", "--data", "@", "--label", "y", "--prediction", "p",
                "--group", "g", "--weight", "w", "--out", out.toString());
        fileTarget("tricky CSV (reweigh)", seed, 32, out, "mitigate", "reweigh", "--data", "@", "--label", "y",
                "--group", "g", "--reference", "b", "--escape-formulas", "--out", out.toString());
        fileTarget("tricky CSV (thresholds)", seed, 33, out, "mitigate", "thresholds", "--data", "@", "--score", "s",
                "--label", "y", "--group", "g", "--out", out.toString());
        fileTarget("tricky CSV (risk)", seed, 34, out, "risk", "--data", "@", "--quasi", "g,p", "--out", out.toString());
    }

    @Test
    void outputTargets() throws IOException {
        // --out names the input, a link to it, a directory, a missing directory, a device: exit 0 or 2, input intact
        Path data = dir.resolve("in.csv");
        byte[] content = "y,p,g\n1,1,a\n0,1,a\n1,0,b\n0,0,b\n".getBytes(StandardCharsets.UTF_8);
        Files.write(data, content);
        Path link = dir.resolve("in-link.csv");
        Files.createSymbolicLink(link, data);
        long ok = 0;
        List<String> targets = List.of(data.toString(), link.toString(), dir.resolve("x/../in.csv").toString(),
                dir.toString(), dir.resolve("missing/r.json").toString(), "/dev/zero", "/dev/null",
                dir.resolve("fresh.json").toString());
        for (String t : targets) {
            for (String[] second : List.of(new String[0], new String[] {"--format", "text"})) {
                List<String> a = new ArrayList<>(List.of("audit", "--data", data.toString(), "--label", "y",
                        "--prediction", "p", "--group", "g", "--out", t));
                a.addAll(List.of(second));
                ok += runChecked(null, a.toArray(String[]::new)) == 0 ? 1 : 0;
                assertTrue(java.util.Arrays.equals(content, Files.readAllBytes(data)), "the input is intact: " + t);
            }
        }
        // /dev/null and the fresh file are accepted, each in both formats; the rest are refused
        assertEquals(4, ok);
        report("output targets", targets.size() * 2, ok);
    }

    /** Seeds for the commands merged later: small valid files, committed here as text. */
    static final String LISTS = "qid,rank,item,grp,rel\nq1,1,a,F,2\nq1,2,b,M,1\nq1,3,c,F,0\nq2,1,b,M,1\nq2,2,d,F,0\n"
            + "q2,3,a,F,3\n";
    static final String ITEMS = "item,pop\na,10\nb,5\nc,1\nd,0\n";
    static final String TABLE = "y,s,g,w,zip,race,age\n1,0.9,a,1,10,A,31\n0,0.2,b,2,20,B,45\n1,0.7,a,1,10,B,28\n"
            + "0,0.4,b,0.5,20,A,52\n1,0.8,b,1,30,A,39\n0,0.1,a,1.5,30,B,61\n1,0.6,a,1,10,A,23\n0,0.3,b,1,20,B,47\n";
    static final String MODEL = "{\"type\": \"logistic\", \"intercept\": -0.5, \"coefficients\": {\"alpha\": 2,"
            + " \"beta\": 0.5}}";
    static final String BACKGROUND = "alpha,beta\n0,0\n2,2\n0,2\n2,0\n1,1.5\n";
    static final String CATALOG = "{\"features\": [{\"name\": \"alpha\", \"index\": 0, \"purposes\":"
            + " [\"profile_selection\"], \"on_denial\": {\"action\": \"drop\"}}, {\"name\": \"beta\", \"index\": 1,"
            + " \"purposes\": [\"profile_selection\"], \"on_denial\": {\"action\": \"drop\"}}]}";

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void rankAuditListsAndCatalog() throws IOException {
        Path out = dir.resolve("rank.json");
        fileTarget("rank-audit lists CSV", LISTS.getBytes(StandardCharsets.UTF_8), 22, out, "rank-audit", "--data", "@",
                "--query", "qid", "--rank", "rank", "--item", "item", "--group", "grp", "--relevance", "rel", "--k", "2",
                "--fair-p", "0.5", "--fair-alpha", "0.1", "--fair-protected", "F", "--out", out.toString());
        Path lists = file("lists.csv", LISTS);
        fileTarget("rank-audit --items catalog CSV", ITEMS.getBytes(StandardCharsets.UTF_8), 23, out, "rank-audit",
                "--data", lists.toString(), "--query", "qid", "--rank", "rank", "--item", "item", "--group", "grp",
                "--items", "@", "--popularity", "pop", "--out", out.toString());
    }

    /** Frames JSON bodies as decision log lines, {@code <crc32c-hex8> <json>\n}, with the JDK's CRC-32C. */
    static String framedLog(String... bodies) {
        StringBuilder sb = new StringBuilder();
        for (String b : bodies) {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(b.getBytes(StandardCharsets.UTF_8));
            sb.append(String.format("%08x ", crc.getValue())).append(b).append('\n');
        }
        return sb.toString();
    }

    /** A small valid decision log (header, three decisions, one outcome); the mutator damages it. */
    static final String DECISION_LOG = framedLog(
            "{\"schema\":\"fairway-decision/v1\",\"group_columns\":[{\"column\":\"g\",\"category\":\"sex\"}]}",
            "{\"id\":1,\"time\":\"2026-01-01T00:00:00Z\",\"group\":{\"g\":0},\"prediction\":1,\"score\":0.8,"
                    + "\"model\":\"m1\",\"route\":\"primary\",\"mode\":\"personalised\",\"withheld\":[],\"plan\":\"p\"}",
            "{\"id\":2,\"time\":\"2026-01-01T00:00:01Z\",\"group\":{\"g\":1},\"prediction\":0,\"score\":0.2,"
                    + "\"model\":\"m1\",\"route\":\"primary\",\"mode\":\"personalised\",\"withheld\":[\"zip\"],\"plan\":\"p\"}",
            "{\"id\":1,\"time\":\"2026-01-02T00:00:00Z\",\"label\":1}",
            "{\"id\":3,\"time\":\"2026-01-02T00:00:02Z\",\"group\":{\"g\":1},\"prediction\":1,\"score\":0.6,"
                    + "\"model\":\"m1\",\"route\":\"fallback\",\"mode\":\"personalised\",\"withheld\":[],\"plan\":\"p\"}");

    @Test
    void monitorDecisionLog() throws IOException {
        Path out = dir.resolve("timeline.json");
        Path valid = file("decisions.jsonl", DECISION_LOG);
        // the seed itself must be accepted, or the target would only ever test rejections
        assertEquals(0, runChecked(out, "monitor", "--log", valid.toString(), "--rule",
                "demographic_parity_difference > 0.1", "--window", "2", "--out", out.toString()));
        fileTarget("monitor decision log", DECISION_LOG.getBytes(StandardCharsets.UTF_8), 31, out, "monitor", "--log",
                "@", "--rule", "demographic_parity_difference > 0.1", "--window", "2", "--out", out.toString());
        fileTarget("monitor decision log, salvage", DECISION_LOG.getBytes(StandardCharsets.UTF_8), 32, out, "monitor",
                "--log", "@", "--recovery", "SALVAGE", "--rule", "true_positive_rate_difference > 0.1", "--window", "2",
                "--format", "text", "--out", out.toString());
    }

    @Test
    void proxiesAndRiskCsv() throws IOException {
        Path out = dir.resolve("privacy.json");
        byte[] seed = TABLE.getBytes(StandardCharsets.UTF_8);
        fileTarget("proxies CSV", seed, 24, out, "proxies", "--data", "@", "--sensitive", "race", "--bins", "3",
                "--out", out.toString());
        fileTarget("risk CSV", seed, 25, out, "risk", "--data", "@", "--quasi", "zip,g", "--sensitive", "race",
                "--out", out.toString());
    }

    @Test
    void minimiseModelAndBackground() throws IOException {
        Path out = dir.resolve("minimise.json");
        Path catalog = file("catalog.json", CATALOG);
        Path model = file("model.json", MODEL);
        Path background = file("background.csv", BACKGROUND);
        fileTarget("minimise model JSON", MODEL.getBytes(StandardCharsets.UTF_8), 26, out, "minimise", "--model", "@",
                "--background", background.toString(), "--catalog", catalog.toString(), "--out", out.toString());
        fileTarget("minimise background CSV", BACKGROUND.getBytes(StandardCharsets.UTF_8), 27, out, "minimise",
                "--model", model.toString(), "--background", "@", "--catalog", catalog.toString(), "--out",
                out.toString());
    }

    @Test
    void mitigateCsv() throws IOException {
        Path out = dir.resolve("mitigated.out");
        byte[] seed = TABLE.getBytes(StandardCharsets.UTF_8);
        fileTarget("mitigate thresholds CSV", seed, 28, out, "mitigate", "thresholds", "--data", "@", "--score", "s",
                "--label", "y", "--group", "g", "--grid-size", "50", "--out", out.toString());
        fileTarget("mitigate reweigh CSV", seed, 29, out, "mitigate", "reweigh", "--data", "@", "--label", "y",
                "--group", "g", "--reference", "a", "--weight", "w", "--weight-column", "nw", "--escape-formulas", "--out",
                out.toString());
        fileTarget("mitigate reject-option CSV", seed, 30, out, "mitigate", "reject-option", "--data", "@", "--score",
                "s", "--label", "y", "--group", "g", "--privileged", "a", "--weight", "w", "--out", out.toString());
    }

    private static String[] with(String[] args, int at) {
        String[] a = args.clone();
        a[at] = "@";
        return a;
    }

    @Test
    void argumentLists() throws IOException {
        Path out = dir.resolve("out.txt");
        List<List<String>> valid = List.of(
                List.of("audit", "--data", p("audit/loans.csv"), "--label", "repaid", "--prediction", "approved",
                        "--group", "sex", "--weight", "weight", "--reference", "male", "--format", "text", "--out",
                        out.toString()),
                List.of("consent", "decode", "DBABLA~BVVVkkkkkpFY.YA"),
                List.of("consent", "decode", "--type", "gpc", "1"),
                List.of("explain", "--model", p("explain/credit-model.json"), "--background", p("explain/approved.csv"),
                        "--instance", p("explain/applicant.json"), "--link", "logit", "--method", "exact", "--out",
                        out.toString()),
                List.of("consent", "filter", "--catalog", p("consent/catalog.json"), "--ledger",
                        p("consent/events.jsonl"), "--data", p("consent/features.csv"), "--subject-column", "id",
                        "--purpose", "profile_selection", "--at", "2026-05-02T00:00:00Z", "--out", out.toString(),
                        "--audit", dir.resolve("audit.jsonl").toString()));
        String[] tokens = {"--out", "--data", "--group", "--weight", "--format", "--type", "--method", "--link",
            "--at", "--purpose", "-h", "--version", "", " ", "-", "--", "NaN", "-1", "1e309", "x".repeat(5000),
            dir.toString(), dir.resolve("missing.csv").toString(), "\u0000", "audit", "explain", "consent"};
        long ok = 0;
        for (int c = 0; c < CLI_N; c++) {
            SplittableRandom r = new SplittableRandom(21L * 1_000_003L + c);
            List<String> a = new ArrayList<>(valid.get(r.nextInt(valid.size())));
            int n = 1 + r.nextInt(3);
            for (int k = 0; k < n && !a.isEmpty(); k++) {
                int i = r.nextInt(a.size());
                switch (r.nextInt(5)) {
                    case 0 -> a.remove(i);
                    case 1 -> a.add(i, tokens[r.nextInt(tokens.length)]);
                    case 2 -> a.set(i, tokens[r.nextInt(tokens.length)]);
                    case 3 -> a.add(i, a.get(r.nextInt(a.size())));
                    default -> {
                        byte[] m = SeededMutator.mutate(List.of(a.get(i).getBytes(StandardCharsets.UTF_8)), r);
                        a.set(i, new String(m, 0, Math.min(m.length, 10_000), StandardCharsets.UTF_8));
                    }
                }
            }
            confineOutputs(a);
            String[] args = a.toArray(String[]::new);
            long start = System.nanoTime();
            // --out may legitimately be written by a successful run; only a failed run must leave nothing
            if (runChecked(a.contains(out.toString()) ? out : null, args) == 0) {
                ok++;
            }
            if (System.nanoTime() - start > SeededMutator.CASE_BOUND_NANOS) {
                fail("arguments case " + c + " took too long: " + String.join(" ", args));
            }
        }
        report("CLI arguments", CLI_N, ok);
    }

    /**
     * Points every {@code --out}/{@code --audit} value into the temporary directory: a shifted argument
     * list (say {@code --out src/test/resources/consent/events.jsonl}, or {@code --out NaN}) would otherwise write
     * into the module itself (at 20,000 cases it overwrote a committed test resource and left files named
     * {@code NaN} and {@code --at} in the module directory).
     */
    private void confineOutputs(List<String> a) {
        for (int i = 0; i < a.size(); i++) {
            String arg = a.get(i);
            for (String option : new String[] {"--out", "--audit"}) {
                if (arg.startsWith(option + "=")) {
                    a.set(i, option + "=" + confine(arg.substring(option.length() + 1)));
                } else if (i > 0 && a.get(i - 1).equals(option)) {
                    a.set(i, confine(arg));
                }
            }
        }
    }

    private String confine(String path) {
        try {
            Path p = Path.of(path);
            if (p.isAbsolute()) {
                // a mutated absolute path (say /it-87...): kept under the temporary directory, same shape
                return p.normalize().startsWith(dir) ? path : dir.resolve(p.getRoot().relativize(p)).toString();
            }
            return dir.resolve(path).toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path; // a NUL byte: no file can be made from it anyway
        }
    }

    private static void report(String target, int cases, long accepted) {
        System.out.printf("fuzz: %s: %,d cases, %,d accepted (exit 0), the rest rejected (exit 2 or the documented"
                + " exception)%n", target, (long) cases, accepted);
    }
}
