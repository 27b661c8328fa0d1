package dev.fairway.cli.rank;

import dev.fairway.cli.BadInputException;
import dev.fairway.cli.Fairway;
import dev.fairway.cli.OutputFiles;
import dev.fairway.cli.ReportDates;
import dev.fairway.fairness.gate.Rule;
import dev.fairway.fairness.gate.RuleSyntaxException;
import dev.fairway.fairness.gate.ValueGate;
import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.FairMode;
import dev.fairway.fairness.ranking.RankAudit;
import dev.fairway.fairness.report.RankAuditReport;
import dev.fairway.fairness.report.ReportHeader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fairway rank-audit}: exposure, NDCG, expected exposure, FA*IR and popularity bias of the
 * ranked lists in a CSV file, as JSON ({@code fairway-rank-audit/v1}), text or HTML. The command reads
 * the CSV files into coded columns and hands them to {@link RankAudit}; {@link RankAuditReport} computes
 * and renders the report and {@link ValueGate} judges the {@code --fail-if} rules, so the output is
 * byte for byte the library's.
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
        RankAudit.Fair fair = checkOptions(model);
        Catalog cat = items == null ? null : readCatalog();
        RankAudit.Catalog catalog = cat == null ? null : cat.catalog();
        RankCsv.Codes catalogItems = cat == null ? null : cat.items();
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
        int catalogSize = catalog == null ? 0 : catalog.popularity().length;
        for (int r = 0; catalog != null && r < csv.rows; r++) {
            if (it.values[r] >= catalogSize) {
                throw new BadInputException(csv.where(r) + ": item '" + it.levels.get(it.values[r]) + "' is not in the catalog " + items);
            }
        }
        RankAudit audit = audit(csv, q, s, Arrays.copyOf(ranks[0], csv.rows), it, g, rel, model, fair, catalog);
        RankAuditReport report;
        try {
            report = RankAuditReport.of(audit);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        String text = switch (format) {
            case json -> report.toJson();
            case text -> report.toText();
            case html -> report.toHtml(ReportHeader.of(data.getFileName().toString(), Fairway.version(), date));
        };
        write(text);
        for (ValueGate.Evaluation e : ValueGate.evaluate(rules, report, false)) {
            if (e.failed()) {
                spec.commandLine().getErr().println("fairway: " + e.message());
                return EXIT_GATE;
            }
        }
        return 0;
    }

    /** The catalog and its item codes (which fix the item codes of the lists). */
    private record Catalog(RankAudit.Catalog catalog, RankCsv.Codes items) {
    }

    private Catalog readCatalog() {
        RankCsv csv = new RankCsv(items);
        RankCsv.Codes catalogItems = csv.codes(item);
        double[][] popularityColumn = csv.numbers(popularity);
        csv.read();
        if (csv.rows == 0) {
            throw new BadInputException(items + " has a header but no rows");
        }
        if (catalogItems.levels.size() != csv.rows) {
            throw new BadInputException(items + ": an item appears twice in the catalog");
        }
        double[] popByCode = new double[csv.rows];
        for (int r = 0; r < csv.rows; r++) {
            popByCode[catalogItems.values[r]] = popularityColumn[0][r];
        }
        return new Catalog(new RankAudit.Catalog(items.getFileName().toString(), popularity, popByCode), catalogItems);
    }

    /** Checks the options that need no data; returns the FA*IR options, or {@code null} without FA*IR. */
    private RankAudit.Fair checkOptions(BrowsingModel model) {
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
        if ((items == null) != (popularity == null)) {
            throw new BadInputException("--items and --popularity go together");
        }
        if (model.needsRelevance() && relevance == null) {
            throw new BadInputException("--browsing " + browsing + " needs --relevance");
        }
        return fair ? new RankAudit.Fair(fairP, fairAlpha, adjust, mode) : null;
    }

    /** The library's input: the coded columns and the options. */
    private RankAudit audit(RankCsv csv, RankCsv.Codes q, RankCsv.Codes s, int[] ranks, RankCsv.Codes it, RankCsv.Codes g,
            double[][] rel, BrowsingModel model, RankAudit.Fair fair, RankAudit.Catalog catalog) {
        int n = csv.rows;
        RankAudit.Builder b = RankAudit.builder(column(q, n), ranks, column(it, n), column(g, n))
                .browsing(model).retrieval(retrieval).prefixStep(prefixStep)
                .rowNames(data.toString(), csv::where, r -> String.valueOf(csv.lines[r]));
        if (s != null) {
            b.sample(column(s, n));
        }
        if (rel != null) {
            b.relevance(relevance, Arrays.copyOf(rel[0], n));
        }
        if (k != null) {
            b.k(k);
        }
        if (fair != null) {
            b.fair(fair);
        }
        if (fairProtected != null) {
            b.protectedGroup(fairProtected);
        }
        if (catalog != null) {
            b.catalog(catalog);
        }
        return b.build();
    }

    private static RankAudit.Column column(RankCsv.Codes c, int rows) {
        return RankAudit.Column.of(c.name, c.levels, Arrays.copyOf(c.values, rows));
    }

    private void write(String text) {
        if (out == null) {
            PrintWriter o = spec.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            OutputFiles.write(out, text);
        }
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
            try {
                ValueGate.check(List.of(r), RankAuditReport.FIGURES, "rank-audit figures");
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), e);
            }
            rules.add(r);
        }
        return rules;
    }
}
