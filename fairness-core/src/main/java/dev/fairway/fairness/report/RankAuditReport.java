package dev.fairway.fairness.report;

import dev.fairway.fairness.gate.NamedValue;
import dev.fairway.fairness.gate.NamedValues;
import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.ExpectedExposure;
import dev.fairway.fairness.ranking.ExposureTable;
import dev.fairway.fairness.ranking.FairMode;
import dev.fairway.fairness.ranking.FairRanking;
import dev.fairway.fairness.ranking.FairTable;
import dev.fairway.fairness.ranking.Ndcg;
import dev.fairway.fairness.ranking.PopularityBias;
import dev.fairway.fairness.ranking.RankAudit;
import dev.fairway.fairness.ranking.RankOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report of a {@link RankAudit}: exposure per group (per query and pooled), NDCG, expected
 * exposure, FA*IR, prefix fairness (rND, rKL, rRD) and popularity bias, rendered as JSON
 * ({@code fairway-rank-audit/v1}, {@link #toJson()}), text ({@link #toText()}) or one self-contained
 * HTML page ({@link #toHtml(ReportHeader)}), exactly as {@code fairway rank-audit} prints them. Its
 * pooled figures ({@link #FIGURES}) are {@link NamedValues} a {@code dev.fairway.fairness.gate.ValueGate}
 * judges {@code --fail-if} rules over; an undefined number is {@code null} in the JSON.
 *
 * <pre>{@code
 * RankAuditReport report = RankAuditReport.of(audit);
 * List<ValueGate.Evaluation> gate = ValueGate.evaluate(rules, report, false);
 * }</pre>
 *
 * <p>Immutable and thread-safe: everything is computed by {@link #of(RankAudit)}.
 */
public final class RankAuditReport implements NamedValues {
    /** The schema identifier written in every JSON report. */
    public static final String SCHEMA = "fairway-rank-audit/v1";
    /** The names of the pooled figures a rule may use. */
    public static final Set<String> FIGURES = Set.of("exposure_ratio", "exposure_difference", "ndcg", "fair.passed",
            "fair.violations", "fair.rerank.ndcg_after", "popularity.arp", "popularity.coverage", "popularity.gini",
            "popularity.aplt", "popularity.aclt", "popularity.entropy", "expected_exposure.disparity",
            "expected_exposure.relevance", "expected_exposure.difference", "prefix.rnd", "prefix.rkl", "prefix.rrd");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RankAudit in;
    private final ObjectNode root;
    private final Map<String, Double> figures;
    private final String exposureReason;
    private final RankPrefix prefix;
    private final Map<Integer, List<int[]>> byQuery;

    private RankAuditReport(RankAudit in, ObjectNode root, Map<String, Double> figures, String exposureReason,
            RankPrefix prefix, Map<Integer, List<int[]>> byQuery) {
        this.in = in;
        this.root = root;
        this.figures = figures;
        this.exposureReason = exposureReason;
        this.prefix = prefix;
        this.byQuery = byQuery;
    }

    /**
     * Computes the report of a rank audit.
     *
     * @param in the audit's columns and options
     * @return the report
     * @throws IllegalArgumentException naming the row (as the audit's row names say) of a list whose ranks
     *     are not 1..n, an item with two groups or two relevance grades in one query, or an item
     *     outside the catalog
     */
    public static RankAuditReport of(RankAudit in) {
        Objects.requireNonNull(in, "in");
        int rowCount = in.rows();
        if (rowCount == 0) {
            throw new IllegalArgumentException(in.source() + " has no rows");
        }
        RankAudit.Column q = in.query();
        int[] qc = q.codes();
        RankAudit.Column s = in.sample().orElse(null);
        int[] sc = s == null ? null : s.codes();
        int[] ranks = in.rank();
        List<String> il = in.item().levels();
        int[] ic = in.item().codes();
        List<String> gl = in.group().levels();
        int[] gc = in.group().codes();
        double[] rel = in.relevance().orElse(null);
        Integer k = in.k().isPresent() ? Integer.valueOf(in.k().getAsInt()) : null;
        BrowsingModel model = in.browsing();
        boolean retrieval = in.retrieval();
        boolean fair = in.fair().isPresent();
        double fairP = fair ? in.fair().get().p() : Double.NaN;
        double fairAlpha = fair ? in.fair().get().alpha() : Double.NaN;
        boolean adjust = fair && in.fair().get().adjusted();
        FairMode mode = fair ? in.fair().get().mode() : FairMode.CORRECT;
        String fairProtected = in.protectedGroup().orElse(null);
        RankPrefix prefix = fairProtected == null ? null : new RankPrefix(in.prefixStep());
        double[] catalogPopularity = in.catalog().map(RankAudit.Catalog::popularity).orElse(null);
        PopularityBias pop = null;
        if (catalogPopularity != null) {
            for (int r = 0; r < rowCount; r++) {
                if (ic[r] >= catalogPopularity.length) {
                    throw new IllegalArgumentException(in.where(r) + ": item '" + il.get(ic[r]) + "' is not in the catalog "
                            + in.catalog().get().source());
                }
            }
        }

        // group rows into lists: by query, then sample, in order of first appearance
        Map<Long, List<Integer>> lists = new LinkedHashMap<>();
        for (int r = 0; r < rowCount; r++) {
            long key = ((long) qc[r] << 32) | (s == null ? 0 : sc[r]);
            lists.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
        }
        Map<Integer, List<int[]>> byQuery = new LinkedHashMap<>();
        for (Map.Entry<Long, List<Integer>> e : lists.entrySet()) {
            List<Integer> rows = e.getValue();
            int n = rows.size();
            int[] rk = new int[n];
            for (int i = 0; i < n; i++) {
                rk[i] = ranks[rows.get(i)];
            }
            int[] order;
            try {
                order = RankOrder.of(rk, n);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(listError(in, q, s, rows, rk));
            }
            int[] ordered = new int[n];
            for (int i = 0; i < n; i++) {
                ordered[i] = rows.get(order[i]);
            }
            byQuery.computeIfAbsent((int) (e.getKey() >>> 32), x -> new ArrayList<>()).add(ordered);
        }

        if (catalogPopularity != null) {
            pop = PopularityBias.of(catalogPopularity, k == null ? Integer.MAX_VALUE : k);
        }
        Map<Integer, FairTable> tables = new HashMap<>();
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", "fairway-rank-audit/v1");
        root.put("browsing", model.toString());
        if (k == null) {
            root.putNull("k");
        } else {
            root.put("k", k);
        }
        ArrayNode queries = root.putArray("queries");
        ExposureTable overall = ExposureTable.empty();
        double ndcgSum = 0;
        int ndcgCount = 0;
        int fairFailed = 0;
        int fairTested = 0;
        double[] rerankNdcg = new double[2];
        int rerankNdcgCount = 0;
        double[] eeSums = new double[3];
        int eeCount = 0;
        double[] weights = new double[16];
        for (Map.Entry<Integer, List<int[]>> e : byQuery.entrySet()) {
            String qid = q.levels().get(e.getKey());
            ExposureTable table = ExposureTable.empty();
            ObjectNode qn = queries.addObject();
            qn.put("query", qid);
            List<int[]> samples = e.getValue();
            qn.put("n", samples.get(0).length);
            if (s != null) {
                qn.put("samples", samples.size());
            }
            double ndcg = 0;
            FairRanking.Result worst = null;
            int violations = 0;
            long moved = 0;
            double ndcgAfter = 0;
            Map<String, Double> judgments = new LinkedHashMap<>();
            Map<String, Integer> judgedAt = new HashMap<>();
            Map<String, List<String>> itemGroups = new HashMap<>();
            for (int[] list : samples) {
                int n = k == null ? list.length : Math.min(k, list.length);
                int[] codes = new int[n];
                double[] relByRank = rel == null ? null : new double[n];
                boolean[] prot = new boolean[list.length];
                for (int i = 0; i < list.length; i++) {
                    int row = list[i];
                    String grp = gl.get(gc[row]);
                    if (i < n) {
                        codes[i] = table.code(grp);
                        if (rel != null) {
                            relByRank[i] = rel[row];
                        }
                    }
                    prot[i] = grp.equals(fairProtected);
                    String id = il.get(ic[row]);
                    List<String> prev = itemGroups.put(id, List.of(grp));
                    if (prev != null && !prev.get(0).equals(grp)) {
                        throw new IllegalArgumentException(in.where(row) + ": item '" + id + "' of query '" + qid
                                + "' has group '" + grp + "' here and '" + prev.get(0) + "' elsewhere");
                    }
                    if (rel != null) {
                        Double before = judgments.put(id, rel[row]);
                        if (before != null && before != rel[row]) {
                            throw new IllegalArgumentException(in.where(row) + ": item '" + id + "' of query '" + qid
                                    + "' has relevance " + rel[row] + " here and " + before + " at line "
                                    + in.line(judgedAt.get(id)));
                        }
                        judgedAt.putIfAbsent(id, row);
                    }
                }
                if (weights.length < n) {
                    weights = new double[Math.max(n, 2 * weights.length)];
                }
                model.weights(n, relByRank, weights);
                table.record(codes, n, weights, relByRank);
                double[] all = null; // relevance by rank of the whole list
                if (rel != null) {
                    all = new double[list.length];
                    for (int i = 0; i < list.length; i++) {
                        all[i] = rel[list[i]];
                    }
                    ndcg += Ndcg.ndcg(all, list.length, n, all);
                }
                if (fair) {
                    FairTable t = tables.computeIfAbsent(n, x -> adjust
                            ? FairTable.adjusted(x, fairP, fairAlpha, mode) : FairTable.of(x, fairP, fairAlpha, mode));
                    FairRanking.Result res = FairRanking.test(prot, list.length, t);
                    int[] order = FairRanking.rerank(prot, list.length, t);
                    for (int i = 0; i < order.length; i++) {
                        if (order[i] != i) {
                            moved++;
                        }
                    }
                    if (all != null) {
                        double[] after = new double[order.length];
                        for (int i = 0; i < order.length; i++) {
                            after[i] = all[order[i]];
                        }
                        ndcgAfter += Ndcg.ndcg(after, order.length, n, all); // before: this list's ndcg above
                    }
                    if (!res.passed()) {
                        violations++;
                        if (worst == null || res.firstViolation() < worst.firstViolation()) {
                            worst = res;
                        }
                    }
                }
                if (prefix != null) {
                    prefix.sample(prot, list.length, n);
                }
                if (pop != null) {
                    int[] itemsByRank = new int[list.length];
                    for (int i = 0; i < list.length; i++) {
                        itemsByRank[i] = ic[list[i]];
                    }
                    try {
                        pop.record(itemsByRank, list.length);
                    } catch (IllegalArgumentException ex) {
                        throw new IllegalArgumentException(in.source() + ": query '" + qid + "': " + ex.getMessage());
                    }
                }
            }
            writeGroups(qn, table);
            if (rel != null) {
                double v = ndcg / samples.size();
                putNumber(qn, "ndcg", v);
                if (!Double.isNaN(v)) {
                    ndcgSum += v;
                    ndcgCount++;
                }
            }
            if (s != null && rel != null) {
                ObjectNode ee = qn.putObject("expected_exposure");
                if (!model.isRbp() && !model.isGerr()) {
                    ee.put("undefined_reason", "expected exposure needs --browsing rbp:P or gerr:P,U");
                } else {
                    try {
                        ExpectedExposure x = ExpectedExposure.of(model, !retrieval, judgments, itemGroups);
                        for (int[] list : samples) {
                            List<String> ids = new ArrayList<>();
                            for (int row : list) {
                                ids.add(il.get(ic[row]));
                            }
                            x.sample(ids);
                        }
                        ExpectedExposure.Figures f = x.individual();
                        putFigures(ee, f);
                        putFigures(ee.putObject("group"), x.group());
                        eeSums[0] += f.disparity();
                        eeSums[1] += f.relevance();
                        eeSums[2] += f.difference();
                        eeCount++;
                    } catch (IllegalArgumentException ex) {
                        ee.put("undefined_reason", ex.getMessage());
                    }
                }
            }
            if (fair) {
                int tk = k == null ? samples.get(0).length : Math.min(k, samples.get(0).length);
                FairTable t = tables.get(tk);
                ObjectNode fn = qn.putObject("fair");
                fn.put("k", t.k());
                fn.put("p", t.p());
                fn.put("alpha", t.alpha());
                fn.put("adjusted_alpha", t.adjustedAlpha());
                fn.put("mode", mode == FairMode.CORRECT ? "correct" : "fairsearch-py");
                fn.put("passed", violations == 0);
                if (worst == null) {
                    fn.putNull("first_violation");
                } else {
                    fn.put("first_violation", worst.firstViolation());
                }
                if (s != null) {
                    fn.put("samples_failed", violations);
                }
                // what the FA*IR re-ranker would change: positions moved and NDCG@k before and after (sample means)
                ObjectNode rr = fn.putObject("rerank");
                rr.put("moved", (double) moved / samples.size());
                if (rel != null) {
                    double before = ndcg / samples.size(); // the query's ndcg: the list as given, at the same cut
                    double after = ndcgAfter / samples.size();
                    putNumber(rr, "ndcg_before", before);
                    putNumber(rr, "ndcg_after", after);
                    if (!Double.isNaN(before) && !Double.isNaN(after)) {
                        rerankNdcg[0] += before;
                        rerankNdcg[1] += after;
                        rerankNdcgCount++;
                    }
                }
                fairTested++;
                if (violations > 0) {
                    fairFailed++;
                }
            }
            if (prefix != null) {
                prefix.endQuery(qn);
            }
            overall = overall.merge(table);
        }
        ObjectNode ov = root.putObject("overall");
        ov.put("queries", byQuery.size());
        ov.put("lists", overall.lists());
        writeGroups(ov, overall);
        Map<String, Double> figures = new HashMap<>();
        figures.put("exposure_ratio", overall.ratio());
        figures.put("exposure_difference", overall.difference());
        if (rel != null) {
            double mean = ndcgCount == 0 ? Double.NaN : ndcgSum / ndcgCount;
            putNumber(ov, "ndcg", mean);
            figures.put("ndcg", mean);
        }
        if (fair) {
            ObjectNode fo = ov.putObject("fair");
            fo.put("queries_tested", fairTested);
            fo.put("queries_failed", fairFailed);
            fo.put("passed", fairFailed == 0);
            figures.put("fair.passed", fairFailed == 0 ? 1.0 : 0.0);
            figures.put("fair.violations", (double) fairFailed);
            if (rel != null) {
                ObjectNode rr = fo.putObject("rerank");
                double before = rerankNdcgCount == 0 ? Double.NaN : rerankNdcg[0] / rerankNdcgCount;
                double after = rerankNdcgCount == 0 ? Double.NaN : rerankNdcg[1] / rerankNdcgCount;
                putNumber(rr, "ndcg_before", before);
                putNumber(rr, "ndcg_after", after);
                figures.put("fair.rerank.ndcg_after", after);
            }
        }
        if (prefix != null) {
            prefix.overall(ov, figures);
        }
        if (eeCount > 0) {
            ObjectNode eo = ov.putObject("expected_exposure");
            String[] names = {"disparity", "relevance", "difference"};
            for (int i = 0; i < 3; i++) {
                eo.put(names[i], eeSums[i] / eeCount);
                figures.put("expected_exposure." + names[i], eeSums[i] / eeCount);
            }
        }
        if (pop != null) {
            ObjectNode pn = root.putObject("popularity");
            if (k == null) {
                pn.putNull("k");
            } else {
                pn.put("k", k);
            }
            putNumber(pn, "arp", pop.arp());
            putNumber(pn, "coverage", pop.coverage());
            putNumber(pn, "gini", pop.gini());
            putNumber(pn, "aplt", pop.aplt());
            putNumber(pn, "aclt", pop.aclt());
            putNumber(pn, "entropy", pop.entropy());
            pn.put("long_tail_items", pop.longTailItems());
            pn.put("catalog", pop.catalog());
            figures.put("popularity.arp", pop.arp());
            figures.put("popularity.coverage", pop.coverage());
            figures.put("popularity.gini", pop.gini());
            figures.put("popularity.aplt", pop.aplt());
            figures.put("popularity.aclt", pop.aclt());
            figures.put("popularity.entropy", pop.entropy());
        }
        return new RankAuditReport(in, root, Collections.unmodifiableMap(figures), overall.undefinedReason(), prefix,
                byQuery);
    }

    /**
     * Renders the report as pretty-printed JSON ({@value #SCHEMA}), ending with a newline.
     *
     * @return the JSON text
     */
    public String toJson() {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * Renders the report as plain text: the pooled figures, then a table per query.
     *
     * @return the text
     */
    public String toText() {
        return RankText.render(root);
    }

    /**
     * Renders the report as one self-contained HTML page: a header (data source, rows, columns,
     * catalog, Fairway version, date), the chart of exposure by rank position, the pooled group table
     * and figures, the popularity block, a summary of the queries and a table per query. Text from
     * the data is escaped; the same audit and header give the same bytes.
     *
     * @param header the data source, version and date to print
     * @return the HTML document
     */
    public String toHtml(ReportHeader header) {
        Objects.requireNonNull(header, "header");
        RankHtml.Header h = new RankHtml.Header(header.source(), in.rows(), in.query().name(), in.group().name(),
                in.relevanceName().orElse(null), in.sample().map(RankAudit.Column::name).orElse(null),
                in.catalog().map(RankAudit.Catalog::source).orElse(null),
                in.catalog().map(RankAudit.Catalog::column).orElse(null), header.version(), header.date());
        Integer k = in.k().isPresent() ? Integer.valueOf(in.k().getAsInt()) : null;
        return RankHtml.render(root, h, RankHtml.positions(root, byQuery, in.group(), in.relevance().orElse(null),
                in.browsing(), k));
    }

    @Override
    public Set<String> names() {
        return FIGURES;
    }

    @Override
    public NamedValue value(String name) {
        if (!FIGURES.contains(name)) {
            throw new IllegalArgumentException("unknown rank-audit figure '" + name + "'");
        }
        Double v = figures.get(name);
        if (v == null) {
            return NamedValue.notComputed(name, needs(name));
        }
        String why = name.startsWith("exposure_") ? exposureReason
                : name.startsWith("prefix.") ? prefix.overallReason(name) : "no defined value";
        return NamedValue.of(name, v, why == null ? "no defined value" : why);
    }

    private static String needs(String name) {
        if (name.startsWith("popularity.")) {
            return "--items and --popularity";
        }
        if (name.equals("fair.rerank.ndcg_after")) {
            return "--fair-p, --fair-alpha, --fair-protected and --relevance";
        }
        if (name.startsWith("fair.")) {
            return "--fair-p, --fair-alpha and --fair-protected";
        }
        if (name.startsWith("expected_exposure.")) {
            return "--sample, --relevance and --browsing rbp:P or gerr:P,U";
        }
        if (name.startsWith("prefix.")) {
            return "--fair-protected";
        }
        return "--relevance";
    }

    private static String listError(RankAudit in, RankAudit.Column q, RankAudit.Column s, List<Integer> rows, int[] rk) {
        String list = "query '" + q.value(rows.get(0)) + "'"
                + (s == null ? "" : " sample '" + s.value(rows.get(0)) + "'");
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < rk.length; i++) {
            Integer before = seen.put(rk[i], i);
            if (before != null) {
                return in.where(rows.get(i)) + ": duplicate rank " + rk[i] + " in " + list + " (also at line "
                        + in.line(rows.get(before)) + ")";
            }
        }
        for (int i = 0; i < rk.length; i++) {
            if (rk[i] < 1 || rk[i] > rk.length) {
                return in.where(rows.get(i)) + ": rank " + rk[i] + " in " + list + " is outside 1.." + rk.length
                        + " (a list of " + rk.length + " items has ranks 1.." + rk.length + ")";
            }
        }
        return in.where(rows.get(0)) + ": ranks of " + list + " are not 1..n";
    }

    private static void writeGroups(ObjectNode node, ExposureTable t) {
        ObjectNode groups = node.putObject("groups");
        for (String name : t.groups()) {
            ObjectNode gn = groups.putObject(name);
            gn.put("items", t.items(name));
            gn.put("lists", t.lists(name));
            putNumber(gn, "exposure", t.exposure(name));
            putNumber(gn, "exposure_share", t.exposureShare(name));
            putNumber(gn, "population_share", t.populationShare(name));
            if (t.hasRelevance()) {
                putNumber(gn, "relevance_share", t.relevanceShare(name));
            }
        }
        putNumber(node, "exposure_ratio", t.ratio());
        putNumber(node, "exposure_difference", t.difference());
        if (t.undefinedReason() != null) {
            node.put("exposure_undefined_reason", t.undefinedReason());
        }
        if (t.hasRelevance()) {
            putNumber(node, "treatment_ratio", t.treatmentRatio());
        }
    }

    private static void putFigures(ObjectNode node, ExpectedExposure.Figures f) {
        node.put("disparity", f.disparity());
        node.put("relevance", f.relevance());
        node.put("difference", f.difference());
        ObjectNode n = node.putObject("normalized");
        putNumber(n, "disparity", f.normalizedDisparity());
        putNumber(n, "relevance", f.normalizedRelevance());
        putNumber(n, "difference", f.normalizedDifference());
        if (f.normalizedUndefinedReason() != null) {
            n.put("undefined_reason", f.normalizedUndefinedReason());
        }
    }

    static void putNumber(ObjectNode node, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            node.putNull(name);
        } else {
            node.put(name, v);
        }
    }
}
