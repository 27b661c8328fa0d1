package dev.fairway.cli;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.report.AuditReport;
import dev.fairway.fairness.CellMoments;
import dev.fairway.fairness.stats.AuditIntervals;
import dev.fairway.fairness.stats.IntervalMethod;
import dev.fairway.fairness.scores.ScoreAudit;
import dev.fairway.fairness.scores.ScoreSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/**
 * The statistics options of {@code fairway audit}, as a picocli mixin: intervals and tests
 * ({@code --ci}, {@code --ci-method}, {@code --bootstrap}, {@code --seed}, {@code --tests}) and a
 * score column ({@code --score}, with {@code --threshold} to make the predictions from it).
 */
final class IntervalOptions {
    @Option(names = "--ci", paramLabel = "LEVEL",
            description = "Add confidence intervals at this level (e.g. 0.95): \"ci\" per group, \"disparities_ci\", \"intervals\".")
    Double level;

    @Option(names = "--ci-method", paramLabel = "METHOD",
            description = "wilson (default unweighted), clopper_pearson, bootstrap (percentile), basic or bca (default weighted). "
                    + "Closed-form methods cover group rates; disparities always use a bootstrap (bca unless one is named).")
    String method;

    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "2000",
            description = "Bootstrap replicates (default: ${DEFAULT-VALUE}).")
    int replicates;

    /** The bootstrap seed: the audit command's {@code --seed}, 0 by default. */
    long seed;

    @Option(names = "--tests", description = "Add hypothesis tests: chi-square, G, Fisher (2 groups), z-tests vs --reference with Holm.")
    boolean tests;

    @Option(names = "--score", paramLabel = "COL",
            description = "Score column: per-group ROC AUC, average precision, Brier, log loss and ECE (\"scores\" in the JSON).")
    String score;

    @Option(names = "--threshold", paramLabel = "T",
            description = "With --score and no --prediction: predict positive where score >= T.")
    Double threshold;

    /** Whether any of these options is given. */
    boolean active() {
        return level != null || method != null || tests || score != null || threshold != null;
    }

    /** Registers the score column if --score was given; checks that predictions come from somewhere. */
    CsvColumns.Weights scoreColumn(CsvColumns csv, String prediction) {
        if (threshold != null && score == null) {
            throw new BadInputException("--threshold needs --score COL");
        }
        if (prediction == null && (score == null || threshold == null)) {
            throw new BadInputException("give --prediction COL, or --score COL with --threshold T");
        }
        if (prediction != null && threshold != null) {
            throw new BadInputException("--threshold makes predictions from --score; do not give --prediction too");
        }
        if (threshold != null && !Double.isFinite(threshold)) {
            throw new BadInputException("--threshold must be a finite number, got " + threshold);
        }
        return score == null ? null : csv.numbers(score);
    }

    /** The prediction column's name when predictions come from the score. */
    String thresholdedName() {
        return score + ">=" + threshold;
    }

    /** Predictions {@code score >= threshold}. */
    byte[] thresholded(CsvColumns.Weights scores) {
        byte[] p = new byte[scores.values.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (scores.values[i] >= threshold ? 1 : 0);
        }
        return p;
    }

    /** Adds the per-group score metrics to the report as its score section when --score was given. */
    AuditReport addScores(AuditReport report, CsvColumns.Weights scores, CsvColumns.Binary labels,
            List<CsvColumns.Dictionary> groups) {
        if (scores == null) {
            return report;
        }
        int n = scores.values.length;
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.values[i] == 1;
        }
        List<String> keys = new ArrayList<>(n);
        Map<String, Map<String, String>> groupOf = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> g = new LinkedHashMap<>();
            StringBuilder key = new StringBuilder();
            for (CsvColumns.Dictionary d : groups) {
                String v = d.values[i] < 0 ? "" : d.levels.get(d.values[i]);
                g.put(d.name, v);
                key.append(key.length() == 0 ? "" : ", ").append(d.name).append('=').append(v);
            }
            String k = key.toString();
            keys.add(k);
            groupOf.putIfAbsent(k, g);
        }
        ScoreAudit audit = ScoreAudit.of(scores.values, y, null, keys);
        OptionalDouble t = threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold);
        return report.withSection(ScoreSection.of(score, t, audit, groupOf));
    }

    /** Adds the intervals to the report if {@code --ci} was given; checks the options either way. */
    AuditReport apply(AuditReport report, AuditData data) {
        if (level == null) {
            if (method != null || tests) {
                throw new BadInputException((method != null ? "--ci-method" : "--tests") + " needs --ci LEVEL");
            }
            return report;
        }
        if (!(level > 0 && level < 1)) {
            throw new BadInputException("--ci must be a level strictly between 0 and 1, got " + level);
        }
        if (replicates < 2) {
            throw new BadInputException("--bootstrap must be at least 2, got " + replicates);
        }
        IntervalMethod m = method == null ? (data.weighted() ? IntervalMethod.BCA : IntervalMethod.WILSON) : switch (method) {
            case "wilson" -> IntervalMethod.WILSON;
            case "clopper_pearson" -> IntervalMethod.CLOPPER_PEARSON;
            case "bootstrap" -> IntervalMethod.PERCENTILE;
            case "basic" -> IntervalMethod.BASIC;
            case "bca" -> IntervalMethod.BCA;
            default -> throw new BadInputException("--ci-method must be wilson, clopper_pearson, bootstrap, basic or bca, got '"
                    + method + "'");
        };
        if (data.weighted() && !m.bootstrap()) {
            throw new BadInputException("--ci-method " + method + " needs unweighted counts; with --weight use bootstrap, basic or bca");
        }
        AuditIntervals.Builder b = AuditIntervals.builder(level).method(m).replicates(replicates).seed(seed).tests(tests);
        if (data.weighted()) {
            b.weightMoments(CellMoments.of(data));
        }
        return report.withIntervals(b.build());
    }
}
