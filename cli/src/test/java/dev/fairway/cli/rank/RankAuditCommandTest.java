package dev.fairway.cli.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code fairway rank-audit} and {@code fairway fair-table} contracts. */
class RankAuditCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double L3 = 1 / (Math.log(3) / Math.log(2));

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) throws Exception {
        Method run = Class.forName("dev.fairway.cli.Fairway").getDeclaredMethod("run", PrintWriter.class, PrintWriter.class,
                String[].class);
        run.setAccessible(true);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = (Integer) run.invoke(null, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    Path csv(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** q1: a b a (log2 weights 1, 1/log2 3, 1/2), rows out of rank order; q2: only group a. */
    Path lists() throws IOException {
        return csv("lists.csv", "qid,rank,item,grp,rel\n"
                + "q1,3,i3,a,0\n"
                + "q1,1,i1,a,2\n"
                + "q1,2,i2,b,1\n"
                + "q2,1,i1,a,1\n"
                + "q2,2,i4,a,0\n");
    }

    String[] base(Path data, String... more) {
        String[] b = {"rank-audit", "--data", data.toString(), "--query", "qid", "--rank", "rank", "--item", "item", "--group", "grp"};
        String[] all = new String[b.length + more.length];
        System.arraycopy(b, 0, all, 0, b.length);
        System.arraycopy(more, 0, all, b.length, more.length);
        return all;
    }

    @Test
    void handComputedExposureAndUndefinedForOneGroup() throws Exception {
        Result r = run(base(lists(), "--relevance", "rel"));
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        assertEquals("fairway-rank-audit/v1", json.get("schema").asString());
        assertEquals("log2", json.get("browsing").asString());
        JsonNode q1 = json.get("queries").get(0);
        assertEquals("q1", q1.get("query").asString());
        assertEquals(3, q1.get("n").asInt());
        assertEquals(0.75, q1.get("groups").get("a").get("exposure").asDouble(), 1e-15);
        assertEquals(L3, q1.get("groups").get("b").get("exposure").asDouble(), 1e-15);
        assertEquals(L3 / 0.75, q1.get("exposure_ratio").asDouble(), 1e-15);
        // ranks 1..3 hold grades 2, 1, 0: already ideal
        assertEquals(1.0, q1.get("ndcg").asDouble(), 0);
        JsonNode q2 = json.get("queries").get(1);
        assertTrue(q2.get("exposure_ratio").isNull());
        assertTrue(q2.get("exposure_undefined_reason").asString().contains("only one group"));
        // pooled: a = mean over two lists (0.75 and (1 + 1/log2 3) / 2), b = 1/log2 3
        double a = (0.75 + (1 + L3) / 2) / 2;
        assertEquals(a, json.get("overall").get("groups").get("a").get("exposure").asDouble(), 1e-15);
        assertEquals(L3 / a, json.get("overall").get("exposure_ratio").asDouble(), 1e-15);
    }

    @Test
    void failIfExitsThreeWithOneLineAndStillWritesTheReport() throws Exception {
        Path out = dir.resolve("report.json");
        Result r = run(base(lists(), "--fail-if", "exposure_ratio < 0.9", "--out", out.toString()));
        assertEquals(3, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("exposure_ratio"), r.err());
        assertTrue(Files.exists(out));
        assertEquals(0, run(base(lists(), "--fail-if", "exposure_ratio < 0.5")).code());
    }

    @Test
    void unknownFailIfNameIsRefusedBeforeReadingData() throws Exception {
        Result r = run(base(dir.resolve("missing.csv"), "--fail-if", "exposure_ratoi < 0.8"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown figure 'exposure_ratoi'"), r.err());
    }

    @Test
    void fairAndPopularity() throws Exception {
        // 10 items, protected at ranks 7..10: fails at position 4 against the unadjusted k=10, p=.5, alpha=.1
        // table 0 0 0 1 1 1 2 2 3 3 (fairsearch-fair-java)
        StringBuilder sb = new StringBuilder("qid,rank,item,grp\n");
        for (int i = 1; i <= 10; i++) {
            sb.append("q,").append(i).append(",i").append(i).append(',').append(i >= 7 ? "p" : "n").append('\n');
        }
        StringBuilder cat = new StringBuilder("item,pop\n");
        for (int i = 1; i <= 20; i++) {
            cat.append('i').append(i).append(',').append(i <= 2 ? 10 : 1).append('\n');
        }
        Result r = run(base(csv("ten.csv", sb.toString()), "--fair-p", "0.5", "--fair-alpha", "0.1", "--fair-protected", "p",
                "--fair-adjust", "none", "--items", csv("cat.csv", cat.toString()).toString(), "--popularity", "pop",
                "--k", "10", "--fail-if", "fair.passed == false"));
        assertEquals(3, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        JsonNode fair = json.get("queries").get(0).get("fair");
        assertFalse(fair.get("passed").asBoolean());
        assertEquals(4, fair.get("first_violation").asInt());
        JsonNode pop = json.get("popularity");
        // popularity 10, 10, then 1 x 18 (total 38, 80 % = 30.4): head is i1, i2 and 11 more
        // items of popularity 1 (20 + 11 = 31 >= 30.4), tail = 7 items
        assertEquals(20, pop.get("catalog").asInt());
        assertEquals(7, pop.get("long_tail_items").asInt());
        assertEquals(0.5, pop.get("coverage").asDouble(), 0);
        assertEquals((10 + 10 + 8) / 10.0, pop.get("arp").asDouble(), 1e-15);
        // the tail is i14..i20: none recommended
        assertEquals(0.0, pop.get("aplt").asDouble(), 0);
    }

    @Test
    void fairRerankReportsMovedPositionsAndNdcgBeforeAndAfter() throws Exception {
        // 10 items, protected at ranks 7..10, relevance 11 - rank; unadjusted table k=10, p=.5, alpha=.1:
        // 0 0 0 1 1 1 2 2 3 3 (fairsearch-fair-java). The re-ranker, worked by hand: positions 1-3 take
        // n1..n3; 4 needs a protected item (p7); 5, 6 take n4, n5; 7 needs a second (p8); 8 takes n6;
        // 9 needs a third (p9); 10: no unprotected item left, p10. New order of old ranks:
        // 1 2 3 7 4 5 8 6 9 10, so positions 4..8 moved.
        StringBuilder sb = new StringBuilder("qid,rank,item,grp,rel\n");
        for (int i = 1; i <= 10; i++) {
            sb.append("q,").append(i).append(",i").append(i).append(',').append(i >= 7 ? "p" : "n").append(',')
                    .append(11 - i).append('\n');
        }
        Result r = run(base(csv("ten.csv", sb.toString()), "--relevance", "rel", "--fair-p", "0.5", "--fair-alpha",
                "0.1", "--fair-protected", "p", "--fair-adjust", "none", "--fail-if", "fair.rerank.ndcg_after < 0.995"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains("fair.rerank.ndcg_after = "), r.err());
        JsonNode rr = JSON.readTree(r.out()).get("queries").get(0).get("fair").get("rerank");
        assertEquals(5.0, rr.get("moved").asDouble(), 0);
        int[] newOrder = {1, 2, 3, 7, 4, 5, 8, 6, 9, 10};
        double dcg = 0;
        double idcg = 0;
        for (int i = 1; i <= 10; i++) {
            dcg += (11 - newOrder[i - 1]) / (Math.log(1 + i) / Math.log(2));
            idcg += (11 - i) / (Math.log(1 + i) / Math.log(2));
        }
        assertEquals(1.0, rr.get("ndcg_before").asDouble(), 1e-15);
        assertEquals(dcg / idcg, rr.get("ndcg_after").asDouble(), 1e-12);
        JsonNode pooled = JSON.readTree(r.out()).get("overall").get("fair").get("rerank");
        assertEquals(dcg / idcg, pooled.get("ndcg_after").asDouble(), 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing column | qid,rank,item\\nq,1,a\\n | no column 'grp'",
        "non-integer rank | qid,rank,item,grp\\nq,1,a,x\\nq,two,b,y\\n | line 3: column 'rank' value 'two' is not an integer",
        "duplicate rank | qid,rank,item,grp\\nq,1,a,x\\nq,2,b,y\\nq,2,c,y\\n | line 4: duplicate rank 2 in query 'q' (also at line 3)",
        "empty list | qid,rank,item,grp\\n | has a header but no rows",
        "gap | qid,rank,item,grp\\nq,1,a,x\\nq,3,b,y\\n | line 3: rank 3 in query 'q' is outside 1..2",
    })
    void badInputExitsTwoWithOneLineAndNoOutput(String name, String content, String message) throws Exception {
        Path data = csv("bad.csv", content.replace("\\n", "\n"));
        Path out = dir.resolve("out.json");
        Result r = run(base(data, "--out", out.toString()));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(message), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void pOutsideTheUnitIntervalIsBadInput() throws Exception {
        Result r = run(base(lists(), "--fair-p", "1.5", "--fair-alpha", "0.1", "--fair-protected", "a"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--fair-p must be in (0, 1)"), r.err());
        assertEquals(2, run("fair-table", "--k", "10", "--p", "0", "--alpha", "0.1").code());
    }

    @Test
    void fairTablePrintsTheJavaReferenceTable() throws Exception {
        Result r = run("fair-table", "--k", "10", "--p", "0.5", "--alpha", "0.1");
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        // fairsearch-fair-java adjustAlpha(10, 0.5, 0.1): 0 0 0 1 1 1 2 2 2 3, alpha 0x1.0000000000006p-4
        assertEquals("[0,0,0,1,1,1,2,2,2,3]", json.get("mtable").toString());
        assertEquals(Double.parseDouble("0x1.0000000000006p-4"), json.get("adjusted_alpha").asDouble(), 0);
        assertEquals(Double.parseDouble("0x1.c7fffffffffdp-4"), json.get("fail_probability").asDouble(), 1e-12);
        Result py = run("fair-table", "--k", "10", "--p", "0.5", "--alpha", "0.1", "--mode", "fairsearch-py");
        // fairsearch-fair-python: same table, alpha 0x1.3333333333334p-4, fail probability 0x1.7ffffffffffe8p-4
        assertEquals(Double.parseDouble("0x1.3333333333334p-4"), JSON.readTree(py.out()).get("adjusted_alpha").asDouble(), 0);
        Result text = run("fair-table", "--k", "3", "--p", "0.5", "--alpha", "0.1", "--adjust", "none", "--format", "text");
        assertEquals(0, text.code());
        assertTrue(text.out().contains("m(i)"));
    }

    @Test
    void textReportListsWorstGroupFirst() throws Exception {
        Result r = run(base(lists(), "--format", "text"));
        assertEquals(0, r.code(), r.err());
        String q1 = r.out().substring(r.out().indexOf("query q1"), r.out().indexOf("query q2"));
        assertTrue(q1.indexOf("  b ") < q1.indexOf("  a "), q1);
    }

    /**
     * expeval's own run of its functions on this query (fairness-core test resource
     * ranking/expeval_oracle.csv, rbp p=0.5, complete mode, q1): disparity 0.8037109375,
     * relevance 0.8920355902777779, difference 0.3168402777777777; group (groups 0, 1, 0|1 there; here
     * each item has one group, so only the individual values are compared).
     */
    @Test
    void expectedExposureOfSampledRankingsMatchesExpeval() throws Exception {
        String[][] samples = {{"a", "b", "c", "d", "e", "f"}, {"d", "a", "f", "c", "b", "e"}, {"c", "e", "a", "b", "f", "d"}};
        java.util.Map<String, String> rel = java.util.Map.of("a", "2", "b", "1", "c", "1", "d", "0", "e", "0", "f", "0");
        StringBuilder sb = new StringBuilder("qid,s,rank,item,grp,rel\n");
        for (int s = 0; s < samples.length; s++) {
            for (int i = 0; i < 6; i++) {
                String d = samples[s][i];
                sb.append("q1,s").append(s + 1).append(',').append(i + 1).append(',').append(d).append(',')
                        .append("ace".contains(d) ? "x" : "y").append(',').append(rel.get(d)).append('\n');
            }
        }
        Result r = run(base(csv("samples.csv", sb.toString()), "--sample", "s", "--relevance", "rel", "--browsing", "rbp:0.5"));
        assertEquals(0, r.code(), r.err());
        JsonNode ee = JSON.readTree(r.out()).get("queries").get(0).get("expected_exposure");
        assertEquals(0.8037109375, ee.get("disparity").asDouble(), 1e-12);
        assertEquals(0.8920355902777779, ee.get("relevance").asDouble(), 1e-12);
        assertEquals(0.3168402777777777, ee.get("difference").asDouble(), 1e-12);
        // expeval's complete-mode rbp bounds for this query: disparity in [0.64599609375, 1.3330078125]
        assertEquals((0.8037109375 - 0.64599609375) / (1.3330078125 - 0.64599609375),
                ee.get("normalized").get("disparity").asDouble(), 1e-12);
    }
}
