package dev.fairway.cli;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.AuditReport;
import dev.fairway.fairness.CellMoments;
import dev.fairway.fairness.stats.AuditIntervals;
import dev.fairway.fairness.stats.IntervalMethod;
import picocli.CommandLine.Option;

/**
 * The interval and test options of {@code fairway audit} ({@code --ci}, {@code --ci-method},
 * {@code --bootstrap}, {@code --seed}, {@code --tests}), as a picocli mixin.
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

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Bootstrap seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tests", description = "Add hypothesis tests: chi-square, G, Fisher (2 groups), z-tests vs --reference with Holm.")
    boolean tests;

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
