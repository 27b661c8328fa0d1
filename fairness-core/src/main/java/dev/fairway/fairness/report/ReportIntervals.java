package dev.fairway.fairness.report;

import dev.fairway.fairness.Aggregation;
import dev.fairway.fairness.Disparity;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.FavorableOutcome;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;

import dev.fairway.fairness.stats.AuditIntervals;
import dev.fairway.fairness.stats.AuditStatistic;
import dev.fairway.fairness.stats.BootstrapResult;
import dev.fairway.fairness.stats.GroupTests;
import dev.fairway.fairness.stats.Interval;
import dev.fairway.fairness.stats.IntervalMethod;
import dev.fairway.fairness.stats.ProportionComparison;
import dev.fairway.fairness.stats.RateIntervals;
import dev.fairway.fairness.stats.TestResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The interval and test additions of an {@link AuditReport} (see {@link AuditIntervals}): fills
 * {@code "ci"} beside each group's metrics, {@code "disparities_ci"}, {@code "intervals"} and
 * {@code "tests"}, and the text block. Stateless.
 */
final class ReportIntervals {
    /** Fisher's exact test is added for two groups up to this many rows (its cost grows with the counts). */
    static final long FISHER_MAX_ROWS = 1_000_000;
    private ReportIntervals() {
    }

    /**
     * Computed intervals, by path ("groups/3/selection_rate", "disparities/x/between_groups",
     * "by_metric/precision/ratio/to_overall"), with the options and the bootstrap run they came from.
     */
    static final class Computed {
        final Map<String, Interval> byPath = new HashMap<>();
        final AuditIntervals options;
        BootstrapResult bootstrap;

        private Computed(AuditIntervals options) {
            this.options = options;
        }

        /** The interval of a group's metric, or {@code null} if none was computed. */
        Interval group(int g, Metric m) {
            return byPath.get("groups/" + g + "/" + m.jsonName());
        }

        /** The interval of a metric's disparity ({@code method} null: to the reference), or {@code null}. */
        Interval disparity(Metric m, DisparityMethod method, Disparity d) {
            return byPath.get(disparityPath(m, method, d));
        }
    }

    /** Where a metric's disparity interval is kept: the named criterion's path, else a "by_metric" one. */
    private static String disparityPath(Metric m, DisparityMethod method, Disparity d) {
        String how = method == null ? "to_reference" : method.jsonName();
        if (m == Metric.SELECTION_RATE) {
            return "disparities/demographic_parity_" + d.jsonName() + "/" + how;
        }
        if (m == Metric.TRUE_POSITIVE_RATE) {
            return "disparities/equal_opportunity_" + d.jsonName() + "/" + how;
        }
        return "by_metric/" + m.jsonName() + "/" + d.jsonName() + "/" + how;
    }

    /**
     * The intervals the HTML report shows: those of the JSON, plus the difference and ratio of each
     * shown metric that is not a named criterion's, from the same single bootstrap run.
     */
    static Computed forHtml(FairnessAudit a, Predicate<Group> reference, AuditIntervals options, List<Metric> rates,
            List<Metric> shown) {
        return compute(a, reference, options, rates, shown);
    }

    private static Computed compute(FairnessAudit a, Predicate<Group> reference, AuditIntervals options,
            List<Metric> rates) {
        return compute(a, reference, options, rates, List.of());
    }

    private static Computed compute(FairnessAudit a, Predicate<Group> reference, AuditIntervals options,
            List<Metric> rates, List<Metric> shown) {
        Computed out = new Computed(options);
        List<AuditStatistic> stats = new ArrayList<>();
        boolean closed = !options.method().bootstrap();
        for (int g = 0; g < a.groups().size(); g++) {
            int group = g;
            for (Metric m : rates) {
                String path = "groups/" + g + "/" + m.jsonName();
                if (closed && RateIntervals.isProportion(m)) {
                    out.byPath.put(path, RateIntervals.of(a, m, g, options.method(), options.level()));
                } else {
                    stats.add(AuditStatistic.of(path, x -> x.value(m, group)));
                }
            }
        }
        for (String[] c : new String[][] {{"demographic_parity", "SELECTION_RATE"},
            {"equal_opportunity", "TRUE_POSITIVE_RATE"}}) {
            Metric m = Metric.valueOf(c[1]);
            for (DisparityMethod method : DisparityMethod.values()) {
                stats.add(AuditStatistic.of("disparities/" + c[0] + "_difference/" + method.jsonName(),
                        x -> x.difference(m, method)));
                stats.add(AuditStatistic.of("disparities/" + c[0] + "_ratio/" + method.jsonName(),
                        x -> x.ratio(m, method)));
            }
            if (reference != null) {
                stats.add(AuditStatistic.of("disparities/" + c[0] + "_difference/to_reference",
                        x -> x.compare(reference, FavorableOutcome.POSITIVE).difference(m)));
                stats.add(AuditStatistic.of("disparities/" + c[0] + "_ratio/to_reference",
                        x -> x.compare(reference, FavorableOutcome.POSITIVE).ratio(m)));
            }
        }
        for (DisparityMethod method : DisparityMethod.values()) {
            for (Aggregation agg : Aggregation.values()) {
                stats.add(AuditStatistic.of("disparities/equalized_odds_difference/" + method.jsonName() + "/"
                        + agg.jsonName(), x -> x.equalizedOddsDifference(method, agg)));
                stats.add(AuditStatistic.of("disparities/equalized_odds_ratio/" + method.jsonName() + "/"
                        + agg.jsonName(), x -> x.equalizedOddsRatio(method, agg)));
            }
        }
        for (Metric m : shown) {
            if (m == Metric.SELECTION_RATE || m == Metric.TRUE_POSITIVE_RATE) {
                continue;
            }
            for (DisparityMethod method : DisparityMethod.values()) {
                stats.add(AuditStatistic.of(disparityPath(m, method, Disparity.DIFFERENCE), x -> x.difference(m, method)));
                stats.add(AuditStatistic.of(disparityPath(m, method, Disparity.RATIO), x -> x.ratio(m, method)));
            }
            if (reference != null) {
                stats.add(AuditStatistic.of(disparityPath(m, null, Disparity.DIFFERENCE),
                        x -> x.compare(reference, FavorableOutcome.POSITIVE).difference(m)));
                stats.add(AuditStatistic.of(disparityPath(m, null, Disparity.RATIO),
                        x -> x.compare(reference, FavorableOutcome.POSITIVE).ratio(m)));
            }
        }
        out.bootstrap = options.bootstrap().run(a, stats);
        IntervalMethod bm = options.bootstrapMethod();
        for (int i = 0; i < stats.size(); i++) {
            out.byPath.put(stats.get(i).name(), out.bootstrap.interval(i, bm, options.level()));
        }
        return out;
    }

    /** Adds "ci" to each group node, "disparities_ci", "intervals" and, if asked, "tests". */
    static void writeJson(ObjectNode root, FairnessAudit a, Predicate<Group> reference, AuditIntervals options,
            List<Metric> rates) {
        Computed c = compute(a, reference, options, rates);
        JsonNode groups = root.get("groups");
        for (int g = 0; g < a.groups().size(); g++) {
            ObjectNode node = (ObjectNode) groups.get(g);
            ObjectNode ci = node.putObject("ci");
            for (Metric m : rates) {
                put(ci, m.jsonName(), c.byPath.get("groups/" + g + "/" + m.jsonName()));
            }
        }
        ObjectNode disparities = root.putObject("disparities_ci");
        List<String> paths = new ArrayList<>(c.byPath.keySet());
        paths.sort(null);
        for (String path : paths) {
            if (!path.startsWith("disparities/")) {
                continue;
            }
            String[] parts = path.split("/");
            ObjectNode at = disparities;
            for (int k = 1; k < parts.length - 1; k++) {
                at = at.has(parts[k]) ? (ObjectNode) at.get(parts[k]) : at.putObject(parts[k]);
            }
            put(at, parts[parts.length - 1], c.byPath.get(path));
        }
        ObjectNode info = root.putObject("intervals");
        info.put("level", options.level());
        info.put("method", options.method().jsonName());
        info.put("bootstrap_method", options.bootstrapMethod().jsonName());
        info.put("replicates", c.bootstrap.replicateCount());
        info.put("seed", c.bootstrap.seed());
        info.put("scheme", c.bootstrap.scheme().jsonName());
        info.put("weighted", c.bootstrap.weighted());
        if (c.bootstrap.weighted()) {
            info.put("weighted_approximation", "within-cell weight sums drawn from their normal approximation");
        }
        info.put("note", "an interval of a between-groups max - min need not contain the estimate; "
                + "see docs/statistics.md for measured coverage");
        if (options.tests()) {
            writeTests(root.putObject("tests"), a, reference);
        }
    }

    private static void writeTests(ObjectNode tests, FairnessAudit a, Predicate<Group> reference) {
        test(tests, GroupTests.chiSquare(a.counts()));
        test(tests, GroupTests.gTest(a.counts()));
        if (a.groups().size() == 2 && a.counts().rows() <= FISHER_MAX_ROWS) {
            test(tests, GroupTests.fisherExact(a.counts()));
        }
        if (reference != null) {
            ObjectNode z = tests.putObject("two_proportion_z");
            z.put("metric", Metric.SELECTION_RATE.jsonName());
            z.put("correction", "holm");
            ArrayNode rows = z.putArray("comparisons");
            for (ProportionComparison pc : GroupTests.twoProportionZ(a, Metric.SELECTION_RATE, reference)) {
                ObjectNode row = rows.addObject();
                ObjectNode group = row.putObject("group");
                for (int k = 0; k < pc.group().columns().size(); k++) {
                    group.put(pc.group().columns().get(k), String.valueOf(pc.group().values().get(k)));
                }
                number(row, "z", pc.z());
                number(row, "p_value", pc.pValue());
                number(row, "holm_p_value", pc.holmPValue());
            }
        }
    }

    private static void test(ObjectNode tests, TestResult r) {
        ObjectNode node = tests.putObject(r.test());
        number(node, "statistic", r.statistic());
        node.put("degrees_of_freedom", r.degreesOfFreedom());
        number(node, "p_value", r.pValue());
    }

    private static void number(ObjectNode node, String name, double v) {
        if (Double.isFinite(v)) {
            node.put(name, v);
        } else {
            node.putNull(name);
        }
    }

    private static void put(ObjectNode node, String name, Interval i) {
        if (i == null || !Double.isFinite(i.lower()) || !Double.isFinite(i.upper())) {
            node.putNull(name);
        } else {
            ArrayNode arr = node.putArray(name);
            arr.add(i.lower());
            arr.add(i.upper());
        }
    }

    /** The text block: selection rate per group and the named criteria between groups, with intervals. */
    static String text(FairnessAudit a, Predicate<Group> reference, AuditIntervals options, List<Metric> rates) {
        Computed c = compute(a, reference, options, rates);
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder(nl);
        sb.append(String.format(Locale.ROOT, "%.0f%% intervals: %s for group rates, %s (%d replicates, seed %d, %s) "
                + "for the rest", options.level() * 100, options.method().jsonName(), options.bootstrapMethod().jsonName(),
                c.bootstrap.replicateCount(), c.bootstrap.seed(), c.bootstrap.scheme().jsonName())).append(nl);
        for (int g = 0; g < a.groups().size(); g++) {
            sb.append(String.format(Locale.ROOT, "  %-48s %s", TextKit.esc(a.groups().group(g)) + " selection_rate",
                    fmt(a.value(Metric.SELECTION_RATE, g), c.byPath.get("groups/" + g + "/selection_rate")))).append(nl);
        }
        for (String name : List.of("demographic_parity_difference", "equal_opportunity_difference")) {
            String path = "disparities/" + name + "/between_groups";
            double v = name.startsWith("demographic") ? a.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS)
                    : a.equalOpportunityDifference(DisparityMethod.BETWEEN_GROUPS);
            sb.append(String.format(Locale.ROOT, "  %-48s %s", name + " (between_groups)", fmt(v, c.byPath.get(path))))
                    .append(nl);
        }
        sb.append(String.format(Locale.ROOT, "  %-48s %s", "equalized_odds_difference (between_groups)",
                fmt(a.equalizedOddsDifference(DisparityMethod.BETWEEN_GROUPS, Aggregation.WORST_CASE),
                        c.byPath.get("disparities/equalized_odds_difference/between_groups/worst_case")))).append(nl);
        return sb.toString();
    }

    private static String fmt(double v, Interval i) {
        String value = Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "n/a";
        String ci = i == null ? "[n/a]" : String.format(Locale.ROOT, "[%.6f, %.6f]", i.lower(), i.upper());
        return value + " " + ci;
    }
}
