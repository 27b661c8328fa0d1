package dev.fairway.cli.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code rank-audit --fair-protected}: the prefix block (protected share of every top-i, rND, rKL,
 * rRD) on hand-counted lists of 20 items.
 */
class RankPrefixCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final double LOG2 = Math.log(2);
    /** KL(0.2 || 0.25) / KL(0 || 0.25) in bits: x(10) = 2 of q = 1/4; the normaliser is at x(10) = 0. */
    private static final double RKL_A = (0.2 * Math.log(0.2 / 0.25) + 0.8 * Math.log(0.8 / 0.75)) / LOG2
            / (Math.log(4.0 / 3) / LOG2);

    @TempDir
    Path dir;

    /** Rows of one list of 20 items whose ranks in {@code prot} are group p, the rest group u. */
    private static void list(StringBuilder sb, String query, String sample, Set<Integer> prot) {
        for (int r = 1; r <= 20; r++) {
            sb.append(query).append(',').append(sample).append(',').append(r).append(',').append(itemAt(r, prot))
                    .append(',').append(prot.contains(r) ? "p" : "u").append('\n');
        }
    }

    /** Items are named by group so that every sample of a query holds the same items in the same groups. */
    private static String itemAt(int rank, Set<Integer> prot) {
        int index = 0;
        for (int r = 1; r <= rank; r++) {
            if (prot.contains(r) == prot.contains(rank)) {
                index++;
            }
        }
        return (prot.contains(rank) ? "p" : "u") + index;
    }

    private Path data() throws IOException {
        StringBuilder sb = new StringBuilder("qid,s,rank,item,grp\n");
        list(sb, "a", "1", Set.of(1, 2, 15, 16, 17));      // rND 0.2, rRD 0.25, rKL RKL_A
        list(sb, "b", "1", Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)); // rND 1, rKL 1, rRD undefined
        list(sb, "c", "1", Set.of());                     // no protected item: all undefined
        Path p = dir.resolve("prefix.csv");
        Files.writeString(p, sb.toString());
        return p;
    }

    private static String[] args(Path data, String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("rank-audit", "--data", data.toString(), "--query", "qid",
                "--rank", "rank", "--item", "item", "--group", "grp", "--fair-protected", "p"));
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void handCountedPrefixBlocks() throws Exception {
        RankAuditCommandTest.Result r = RankAuditCommandTest.run(args(data()));
        assertEquals(0, r.code(), r.err());
        JsonNode json = JSON.readTree(r.out());
        JsonNode a = json.get("queries").get(0).get("prefix");
        assertEquals(10, a.get("cut_step").asInt());
        assertEquals(20, a.get("depth").asInt());
        assertEquals(5, a.get("protected_items").asInt());
        assertEquals(20, a.get("protected_share").size());
        double[] head = {1, 1, 2.0 / 3, 0.5, 0.4};
        for (int i = 0; i < head.length; i++) {
            assertEquals(head[i], a.get("protected_share").get(i).asDouble(), 1e-15);
        }
        assertEquals(0.25, a.get("protected_share").get(19).asDouble(), 1e-15);
        assertEquals(0.2, a.get("rnd").asDouble(), 1e-12);
        assertEquals(RKL_A, a.get("rkl").asDouble(), 1e-12);
        assertEquals(0.25, a.get("rrd").asDouble(), 1e-12);
        assertFalse(a.has("rnd_undefined_reason"));

        JsonNode b = json.get("queries").get(1).get("prefix");
        assertEquals(1, b.get("rnd").asDouble(), 1e-12);
        assertEquals(1, b.get("rkl").asDouble(), 1e-12);
        assertTrue(b.get("rrd").isNull());
        assertTrue(b.get("rrd_undefined_reason").asString().contains("top-10 has no unprotected item"), b.toString());

        JsonNode c = json.get("queries").get(2).get("prefix");
        for (String m : List.of("rnd", "rkl", "rrd")) {
            assertTrue(c.get(m).isNull());
            assertEquals("no protected item in the list", c.get(m + "_undefined_reason").asString());
        }

        JsonNode o = json.get("overall").get("prefix");
        assertEquals(3, o.get("queries").asInt());
        assertEquals((0.2 + 1) / 2, o.get("rnd").asDouble(), 1e-12);
        assertEquals((RKL_A + 1) / 2, o.get("rkl").asDouble(), 1e-12);
        assertEquals(0.25, o.get("rrd").asDouble(), 1e-12);
        assertEquals(1, o.get("queries_undefined").get("rnd").asInt());
        assertEquals(2, o.get("queries_undefined").get("rrd").asInt());
        assertFalse(json.get("queries").get(0).has("fair"), "--fair-protected alone runs no FA*IR test");
    }

    @Test
    void htmlShowsThePrefixFiguresAndTheirReasons() throws Exception {
        Path out = dir.resolve("r.html");
        RankAuditCommandTest.Result r = RankAuditCommandTest.run(args(data(), "--format", "html", "--out",
                out.toString(), "--report-date", "2026-12-02"));
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(out);
        // query a (hand count above): rND 0.2, rRD 0.25; pooled rND (0.2 + 1) / 2
        assertTrue(html.contains("rND 0.2000, rKL " + String.format(java.util.Locale.ROOT, "%.4f", RKL_A)
                + ", rRD 0.2500 (cut step 10)"), html);
        assertTrue(html.contains("top-10 has no unprotected item"), "query b's rRD reason");
        assertTrue(html.contains("no protected item in the list"), "query c's reason");
        assertTrue(html.contains("<td>mean prefix fairness</td>"), "the pooled row");
        assertTrue(html.contains("rND 0.6000"), "pooled rND");
    }

    @Test
    void samplesAreAveragedAndKCutsTheDepth() throws Exception {
        StringBuilder sb = new StringBuilder("qid,s,rank,item,grp\n");
        list(sb, "a", "1", Set.of(1, 2, 15, 16, 17));
        list(sb, "a", "2", Set.of(16, 17, 18, 19, 20)); // protected last: rND = rKL = rRD = 1
        Path p = dir.resolve("samples.csv");
        Files.writeString(p, sb.toString());
        RankAuditCommandTest.Result r = RankAuditCommandTest.run(args(p, "--sample", "s"));
        assertEquals(0, r.code(), r.err());
        JsonNode a = JSON.readTree(r.out()).get("queries").get(0).get("prefix");
        assertEquals((0.2 + 1) / 2, a.get("rnd").asDouble(), 1e-12);
        assertEquals((RKL_A + 1) / 2, a.get("rkl").asDouble(), 1e-12);
        assertEquals((0.25 + 1) / 2, a.get("rrd").asDouble(), 1e-12);
        assertEquals(0.5, a.get("protected_share").get(0).asDouble(), 1e-15);

        // --k 10 --prefix-step 5: cuts 5 and 10 of the first sample; shares up to 10
        r = RankAuditCommandTest.run(args(data(), "--k", "10", "--prefix-step", "5"));
        assertEquals(0, r.code(), r.err());
        JsonNode k = JSON.readTree(r.out()).get("queries").get(0).get("prefix");
        assertEquals(10, k.get("protected_share").size());
        assertEquals(5, k.get("cut_step").asInt());
        // x(5) = 2, x(10) = 2 of q = 1/4: sum |0.4 - .25| d(5) + |0.2 - .25| d(10); the maximum has
        // x(5) = 5, x(10) = 5 (0.75 d(5) + 0.25 d(10)), larger than x = 0 (0.25 (d(5) + d(10)))
        double d5 = LOG2 / Math.log(6);
        double d10 = LOG2 / Math.log(11);
        assertEquals((0.15 * d5 + 0.05 * d10) / (0.75 * d5 + 0.25 * d10), k.get("rnd").asDouble(), 1e-12);
    }

    @Test
    void gatesTextAndBadInput() throws Exception {
        Path data = data();
        RankAuditCommandTest.Result r = RankAuditCommandTest.run(args(data, "--fail-if", "prefix.rnd > 0.5"));
        assertEquals(3, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("holds: prefix.rnd = 0.6") || r.err().contains("holds: prefix.rnd = 0.59999"), r.err());
        assertEquals(0, RankAuditCommandTest.run(args(data, "--fail-if", "prefix.rrd > 0.3")).code());

        // only query c: every figure undefined, so the gate fails and says why
        Path only = dir.resolve("c.csv");
        StringBuilder sb = new StringBuilder("qid,s,rank,item,grp\n");
        list(sb, "c", "1", Set.of());
        Files.writeString(only, sb.toString());
        r = RankAuditCommandTest.run(args(only, "--fail-if", "prefix.rkl > 0.5"));
        assertEquals(3, r.code());
        assertTrue(r.err().contains("undefined") && r.err().contains("no protected item"), r.err());

        // without --fair-protected the figure was not computed
        r = RankAuditCommandTest.run("rank-audit", "--data", data.toString(), "--query", "qid", "--rank", "rank",
                "--item", "item", "--group", "grp", "--fail-if", "prefix.rrd > 0.5");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("needs --fair-protected"), r.err());

        r = RankAuditCommandTest.run(args(data, "--format", "text"));
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().filter(l -> l.contains("prefix")).toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).contains("rND 0.2000") && lines.get(0).contains("rRD 0.2500"), lines.get(0));
        assertTrue(lines.get(1).contains("rRD undefined (the top-10 has no unprotected item"), lines.get(1));
        assertTrue(lines.get(3).contains("prefix mean") && lines.get(3).contains("rND 0.6000"), lines.get(3));

        Path out = dir.resolve("out.json");
        r = RankAuditCommandTest.run(args(data, "--prefix-step", "0", "--out", out.toString()));
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--prefix-step must be at least 1"), r.err());
        assertFalse(Files.exists(out));
        // FA*IR still needs all three of its options
        r = RankAuditCommandTest.run(args(data, "--fair-p", "0.5"));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("FA*IR needs"), r.err());
    }
}
