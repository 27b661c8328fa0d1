package dev.fairway.cli.rank;

import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.BadInputException;
import dev.fairway.cli.Fairway;
import dev.fairway.cli.ReportDates;
import dev.fairway.fairness.gate.Rule;
import dev.fairway.fairness.gate.RuleSyntaxException;
import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.ExpectedExposure;
import dev.fairway.fairness.ranking.ExposureTable;
import dev.fairway.fairness.ranking.FairMode;
import dev.fairway.fairness.ranking.FairRanking;
import dev.fairway.fairness.ranking.FairTable;
import dev.fairway.fairness.ranking.Ndcg;
import dev.fairway.fairness.ranking.PopularityBias;
import dev.fairway.fairness.ranking.RankOrder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fairway rank-audit}: exposure, NDCG, expected exposure, FA*IR and popularity bias of the
 * ranked lists in a CSV file, as JSON ({@code fairway-rank-audit/v1}), text or HTML.
 *
 * <p>Exit codes: 0, 2 on bad input (one line naming file, line and column; nothing written to
 * {@code --out}), 3 when a {@code --fail-if} rule holds (the report is still written).
 */
@Command(
        name = "rank-audit",
        mixinStandardHelpOptions = true,
        description = {"Audit ranked lists for exposure fairness, FA*IR and popularity bias.",
            "Rows with the same query (and sample) form one list; ranks are 1-based, 1..n, no ties."})
public final class RankAuditCommand implements Callable<Integer> {
    static final int EXIT_GATE = 3;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The names --fail-if may use. */
    static final Set<String> FIGURES = Set.of("exposure_ratio", "exposure_difference", "ndcg", "fair.passed",
            "fair.violations", "fair.rerank.ndcg_after", "popularity.arp", "popularity.coverage", "popularity.gini", "popularity.aplt",
            "popularity.aclt", "popularity.entropy", "expected_exposure.disparity", "expected_exposure.relevance",
            "expected_exposure.difference", "prefix.rnd", "prefix.rkl", "prefix.rrd");

    /** Output formats. */
    enum Format { json, text, html }

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "CSV file of ranked lists with a header line.")
    Path data;

    @Option(names = "--query", required = true, paramLabel = "COL", description = "Query (list) id column.")
    String query;

    @Option(names = "--rank", required = true, paramLabel = "COL", description = "1-based rank column.")
    String rank;

    @Option(names = "--item", required = true, paramLabel = "COL", description = "Item id column.")
    String item;

    @Option(names = "--group", required = true, paramLabel = "COL", description = "Group column (any string).")
    String group;

    @Option(names = "--relevance", paramLabel = "COL", description = "Relevance grade column (number >= 0).")
    String relevance;

    @Option(names = "--sample", paramLabel = "COL",
            description = "Sample column: rows with the same query and sample form one stochastic ranking.")
    String sample;

    @Option(names = "--k", paramLabel = "N", description = "Cut-off for every figure (default: the list length).")
    Integer k;

    @Option(names = "--browsing", paramLabel = "MODEL", defaultValue = "log2",
            description = "log2, rbp:P or gerr:P,U (default: ${DEFAULT-VALUE}).")
    String browsing;

    @Option(names = "--items", paramLabel = "CATALOG.csv", description = "Catalog CSV with the --item and --popularity columns.")
    Path items;

    @Option(names = "--popularity", paramLabel = "COL", description = "Popularity column of the catalog.")
    String popularity;

    @Option(names = "--retrieval", description = "Expected exposure in expeval's retrieval mode (default: complete).")
    boolean retrieval;

    @Option(names = "--fair-p", paramLabel = "P", description = "FA*IR target proportion of protected items, in (0, 1).")
    Double fairP;

    @Option(names = "--fair-alpha", paramLabel = "A", description = "FA*IR significance level, in (0, 1).")
    Double fairAlpha;

    @Option(names = "--fair-protected", paramLabel = "VALUE",
            description = "The --group value of the protected group (FA*IR, and prefix fairness rND/rKL/rRD).")
    String fairProtected;

    @Option(names = "--prefix-step", paramLabel = "S", defaultValue = "10",
            description = "Cut step of rND/rKL/rRD: top-S, top-2S, ... (default: ${DEFAULT-VALUE}).")
    int prefixStep;

    @Option(names = "--fair-adjust", paramLabel = "none", description = "none: use the unadjusted table (default: adjusted).")
    String fairAdjust;

    @Option(names = "--fair-mode", paramLabel = "MODE", defaultValue = "correct",
            description = "correct or fairsearch-py (default: ${DEFAULT-VALUE}).")
    String fairMode;

    @Option(names = "--fail-if", paramLabel = "EXPR",
            description = "Exit 3 when the rule holds, e.g. 'exposure_ratio < 0.8'; repeatable. An undefined figure also fails.")
    List<String> failIf = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json, text or html (one self-contained file; default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--report-date", paramLabel = "YYYY-MM-DD",
            description = "Date printed in the HTML report (default: today, UTC), for reproducible files.")
    String reportDate;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of standard output.")
    Path out;

    /** Creates the command (picocli fills the options). */
    public RankAuditCommand() {
    }

    @Override
    public Integer call() {
        List<Rule> rules = rules(failIf);
        String date = ReportDates.resolve(reportDate);
        BrowsingModel model = BrowsingModel.parse(browsing);
        if (k != null && k < 1) {
            throw new BadInputException("--k must be at least 1, got " + k);
        }
        FairMode mode = FairTableCommand.mode(fairMode, "--fair-mode");
        boolean fair = fairP != null || fairAlpha != null;
        if (fair && (fairP == null || fairAlpha == null || fairProtected == null)) {
            throw new BadInputException("FA*IR needs --fair-p, --fair-alpha and --fair-protected together");
        }
        if (fair) {
            FairTableCommand.checkUnit("--fair-p", fairP);
            FairTableCommand.checkUnit("--fair-alpha", fairAlpha);
        }
        boolean adjust = FairTableCommand.adjust(fairAdjust, "--fair-adjust");
        if (prefixStep < 1) {
            throw new BadInputException("--prefix-step must be at least 1, got " + prefixStep);
        }
        RankPrefix prefix = fairProtected == null ? null : new RankPrefix(prefixStep);
        if ((items == null) != (popularity == null)) {
            throw new BadInputException("--items and --popularity go together");
        }
        if (model.needsRelevance() && relevance == null) {
            throw new BadInputException("--browsing " + browsing + " needs --relevance");
        }

        // the catalog first: it fixes the item codes
        PopularityBias pop = null;
        RankCsv.Codes catalogItems = null;
        if (items != null) {
            RankCsv catalog = new RankCsv(items);
            catalogItems = catalog.codes(item);
            double[][] popularityColumn = catalog.numbers(popularity);
            catalog.read();
            if (catalog.rows == 0) {
                throw new BadInputException(items + " has a header but no rows");
            }
            if (catalogItems.levels.size() != catalog.rows) {
                throw new BadInputException(items + ": an item appears twice in the catalog");
            }
            double[] popByCode = new double[catalog.rows];
            for (int r = 0; r < catalog.rows; r++) {
                popByCode[catalogItems.values[r]] = popularityColumn[0][r];
            }
            catalogPopularity = popByCode;
        }

        RankCsv csv = new RankCsv(data);
        RankCsv.Codes q = csv.codes(query);
        RankCsv.Codes s = sample == null ? null : csv.codes(sample);
        int[][] ranks = csv.integers(rank);
        RankCsv.Codes it = catalogItems == null ? csv.codes(item) : csv.codes(item, catalogItems);
        RankCsv.Codes g = csv.codes(group);
        double[][] rel = relevance == null ? null : csv.numbers(relevance);
        csv.read();
        if (csv.rows == 0) {
            throw new BadInputException(data + " has a header but no rows");
        }
        int catalogSize = catalogPopularity == null ? 0 : catalogPopularity.length;
        if (catalogItems != null) {
            for (int r = 0; r < csv.rows; r++) {
                if (it.values[r] >= catalogSize) {
                    throw new BadInputException(csv.where(r) + ": item '" + it.levels.get(it.values[r]) + "' is not in the catalog " + items);
                }
            }
        }

        // group rows into lists: by query, then sample, in order of first appearance
        Map<Long, List<Integer>> lists = new LinkedHashMap<>();
        for (int r = 0; r < csv.rows; r++) {
            long key = ((long) q.values[r] << 32) | (s == null ? 0 : s.values[r]);
            lists.computeIfAbsent(key, x -> new ArrayList<>()).add(r);
        }
        Map<Integer, List<int[]>> byQuery = new LinkedHashMap<>();
        for (Map.Entry<Long, List<Integer>> e : lists.entrySet()) {
            List<Integer> rows = e.getValue();
            int n = rows.size();
            int[] rk = new int[n];
            for (int i = 0; i < n; i++) {
                rk[i] = ranks[0][rows.get(i)];
            }
            int[] order;
            try {
                order = RankOrder.of(rk, n);
            } catch (IllegalArgumentException ex) {
                throw new BadInputException(listError(csv, q, s, rows, rk));
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
            String qid = q.levels.get(e.getKey());
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
                    String grp = g.levels.get(g.values[row]);
                    if (i < n) {
                        codes[i] = table.code(grp);
                        if (rel != null) {
                            relByRank[i] = rel[0][row];
                        }
                    }
                    prot[i] = grp.equals(fairProtected);
                    String id = it.levels.get(it.values[row]);
                    List<String> prev = itemGroups.put(id, List.of(grp));
                    if (prev != null && !prev.get(0).equals(grp)) {
                        throw new BadInputException(csv.where(row) + ": item '" + id + "' of query '" + qid
                                + "' has group '" + grp + "' here and '" + prev.get(0) + "' elsewhere");
                    }
                    if (rel != null) {
                        Double before = judgments.put(id, rel[0][row]);
                        if (before != null && before != rel[0][row]) {
                            throw new BadInputException(csv.where(row) + ": item '" + id + "' of query '" + qid
                                    + "' has relevance " + rel[0][row] + " here and " + before + " at line "
                                    + csv.lines[judgedAt.get(id)]);
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
                        all[i] = rel[0][list[i]];
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
                        itemsByRank[i] = it.values[list[i]];
                    }
                    try {
                        pop.record(itemsByRank, list.length);
                    } catch (IllegalArgumentException ex) {
                        throw new BadInputException(data + ": query '" + qid + "': " + ex.getMessage());
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
                                ids.add(it.levels.get(it.values[row]));
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
        String text = switch (format) {
            case json -> JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
            case text -> RankText.render(root);
            case html -> RankHtml.render(root, new RankHtml.Header(data.getFileName().toString(), csv.rows, query, group,
                    relevance, sample, items == null ? null : items.getFileName().toString(), popularity, Fairway.version(),
                    date), RankHtml.positions(root, byQuery, g, rel, model, k));
        };
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            OutputFiles.write(out, text);
        }
        for (Rule rule : rules) {
            Double v = figures.get(rule.name());
            if (v == null) {
                spec.commandLine().getErr().println("fairway: --fail-if '" + rule.text() + "': " + rule.name()
                        + " was not computed (it needs " + needs(rule.name()) + ")");
                return EXIT_GATE;
            }
            if (Double.isNaN(v)) {
                String why = rule.name().startsWith("exposure_") ? overall.undefinedReason()
                        : rule.name().startsWith("prefix.") ? prefix.overallReason(rule.name()) : "no defined value";
                spec.commandLine().getErr().println("fairway: --fail-if '" + rule.text() + "': " + rule.name()
                        + " is undefined (" + why + ")");
                return EXIT_GATE;
            }
            if (rule.test(v)) {
                spec.commandLine().getErr().println("fairway: --fail-if '" + rule.text() + "' holds: " + rule.name() + " = " + v);
                return EXIT_GATE;
            }
        }
        return 0;
    }

    /** The catalog's popularity by item code, when --items is given. */
    private double[] catalogPopularity;

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

    /** Parses every rule and checks its name before any data is read. */
    static List<Rule> rules(List<String> texts) {
        List<Rule> rules = new ArrayList<>();
        for (String t : texts) {
            Rule r;
            try {
                r = Rule.parse(t);
            } catch (RuleSyntaxException e) {
                throw new BadInputException("--fail-if: " + e.getMessage().replace('\n', ' '), e);
            }
            if (!FIGURES.contains(r.name())) {
                throw new BadInputException("--fail-if '" + t + "': unknown figure '" + r.name() + "'; known: "
                        + new java.util.TreeSet<>(FIGURES));
            }
            if (r.method() != null || r.aggregation() != null) {
                throw new BadInputException("--fail-if '" + t + "': rank-audit figures take no @method or :aggregation");
            }
            rules.add(r);
        }
        return rules;
    }

    private static String listError(RankCsv csv, RankCsv.Codes q, RankCsv.Codes s, List<Integer> rows, int[] rk) {
        String list = "query '" + q.levels.get(q.values[rows.get(0)]) + "'"
                + (s == null ? "" : " sample '" + s.levels.get(s.values[rows.get(0)]) + "'");
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < rk.length; i++) {
            Integer before = seen.put(rk[i], i);
            if (before != null) {
                return csv.where(rows.get(i)) + ": duplicate rank " + rk[i] + " in " + list + " (also at line "
                        + csv.lines[rows.get(before)] + ")";
            }
        }
        for (int i = 0; i < rk.length; i++) {
            if (rk[i] < 1 || rk[i] > rk.length) {
                return csv.where(rows.get(i)) + ": rank " + rk[i] + " in " + list + " is outside 1.." + rk.length
                        + " (a list of " + rk.length + " items has ranks 1.." + rk.length + ")";
            }
        }
        return csv.where(rows.get(0)) + ": ranks of " + list + " are not 1..n";
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
