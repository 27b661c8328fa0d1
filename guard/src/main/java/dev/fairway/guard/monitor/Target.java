package dev.fairway.guard.monitor;

import dev.fairway.fairness.Metric;
import dev.fairway.fairness.gate.AuditGate;
import dev.fairway.fairness.gate.Operator;
import dev.fairway.fairness.gate.Rule;

/**
 * What a monitor rule measures: a proportion metric (numerator and denominator as sets of cells,
 * bit {@code 1 << cell.ordinal()}) and how groups combine, or the exposure of ranked slates
 * ({@link Shape#EXPOSURE}, metric {@code null}, read from a {@link LiveExposure}).
 */
record Target(Metric metric, int numerator, int denominator, Shape shape, boolean ratio, boolean high) {
    private static final int TN = 1;
    private static final int FP = 2;
    private static final int FN = 4;
    private static final int TP = 8;
    private static final int ALL = 15;

    enum Shape {
        BETWEEN_GROUPS, TO_REFERENCE, PER_GROUP, EQUALIZED_ODDS, EXPOSURE
    }

    /** Whether the rule is evaluated on exposure windows rather than decision counts. */
    boolean exposure() {
        return shape == Shape.EXPOSURE;
    }

    /** Whether the metric is counted over every decision rather than labelled ones. */
    boolean everyDecision() {
        return metric == Metric.SELECTION_RATE;
    }

    static Target of(Rule rule) {
        Operator op = rule.operator();
        boolean high = op == Operator.GREATER || op == Operator.GREATER_OR_EQUAL;
        String name = rule.name();
        if ("exposure_ratio".equals(name) || "exposure_difference".equals(name)) {
            if (rule.method() != null || rule.aggregation() != null) {
                throw new IllegalArgumentException("rule '" + rule.text() + "': " + name
                        + " is between the groups of items present; it takes no @method or :aggregation");
            }
            if (op == Operator.EQUAL) {
                throw new IllegalArgumentException("rule '" + rule.text() + "': a monitor rule needs > >= < or <=");
            }
            return new Target(null, 0, 0, Shape.EXPOSURE, name.endsWith("_ratio"), high);
        }
        AuditGate.check(rule);
        if (op == Operator.EQUAL) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': a monitor rule needs > >= < or <=");
        }
        String method = rule.method() == null ? "between_groups" : rule.method();
        if ("to_overall".equals(method)) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': a monitor has no interval for @to_overall;"
                    + " use between_groups or to_reference");
        }
        boolean reference = "to_reference".equals(method);
        Metric bare = metric(name);
        if (bare != null) {
            proportion(rule, bare);
            return reference ? new Target(bare, num(bare), den(bare), Shape.TO_REFERENCE, true, high)
                    : new Target(bare, num(bare), den(bare), Shape.PER_GROUP, false, high);
        }
        boolean ratio = name.endsWith("_ratio");
        String base = name.substring(0, name.lastIndexOf('_'));
        if ("equalized_odds".equals(base)) {
            if (rule.aggregation() != null && !"worst_case".equals(rule.aggregation())) {
                throw new IllegalArgumentException("rule '" + rule.text() + "': a monitor supports equalized odds "
                        + "only as :worst_case");
            }
            return new Target(Metric.TRUE_POSITIVE_RATE, TP, TP | FN, Shape.EQUALIZED_ODDS, ratio, high);
        }
        Metric m = switch (base) {
            case "demographic_parity" -> Metric.SELECTION_RATE;
            case "equal_opportunity" -> Metric.TRUE_POSITIVE_RATE;
            default -> metric(base);
        };
        proportion(rule, m);
        return new Target(m, num(m), den(m), reference ? Shape.TO_REFERENCE : Shape.BETWEEN_GROUPS, ratio, high);
    }

    private static void proportion(Rule rule, Metric m) {
        if (m == null || num(m) == 0) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': a monitor needs a proportion "
                    + "(selection_rate, base_rate, the confusion rates, precision, negative_predictive_value, "
                    + "false_discovery_rate, false_omission_rate, accuracy, error_rate)");
        }
    }

    private static Metric metric(String name) {
        for (Metric m : Metric.values()) {
            if (m.jsonName().equals(name)) {
                return m;
            }
        }
        return null;
    }

    static int num(Metric m) {
        return switch (m) {
            case SELECTION_RATE -> FP | TP;
            case BASE_RATE -> FN | TP;
            case TRUE_POSITIVE_RATE, PRECISION -> TP;
            case FALSE_POSITIVE_RATE, FALSE_DISCOVERY_RATE -> FP;
            case TRUE_NEGATIVE_RATE, NEGATIVE_PREDICTIVE_VALUE -> TN;
            case FALSE_NEGATIVE_RATE, FALSE_OMISSION_RATE -> FN;
            case ACCURACY -> TP | TN;
            case ERROR_RATE -> FP | FN;
            default -> 0;
        };
    }

    static int den(Metric m) {
        return switch (m) {
            case TRUE_POSITIVE_RATE, FALSE_NEGATIVE_RATE -> TP | FN;
            case FALSE_POSITIVE_RATE, TRUE_NEGATIVE_RATE -> FP | TN;
            case PRECISION, FALSE_DISCOVERY_RATE -> TP | FP;
            case NEGATIVE_PREDICTIVE_VALUE, FALSE_OMISSION_RATE -> TN | FN;
            default -> ALL;
        };
    }
}
