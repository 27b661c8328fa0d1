package dev.fairway.guard.monitor;

import dev.fairway.fairness.gate.Operator;
import dev.fairway.fairness.gate.Rule;
import java.util.Map;
import java.util.Objects;

/**
 * A monitor rule: a gate rule (the grammar of {@link Rule}, such as
 * {@code demographic_parity_difference > 0.1}) that trips when its windowed value is past the
 * threshold on evidence, the state it moves the monitor to, and its guards.
 *
 * <p>Supported figures are those of proportions, so that each group's value has an interval:
 * {@code <metric>_difference} and {@code <metric>_ratio} between groups or {@code @to_reference},
 * the named criteria ({@code demographic_parity_*}, {@code equal_opportunity_*},
 * {@code equalized_odds_*} worst case between groups), and a bare metric as a per-group bound, for
 * the metrics selection_rate, base_rate, the eight confusion rates, accuracy and error_rate.
 * {@code selection_rate} is counted over every decision; the others over decisions whose outcome
 * has arrived. The operator is one of {@code > >= < <=}.
 *
 * <p>For ranked slates, {@code exposure_ratio} (the smallest group exposure over the largest) and
 * {@code exposure_difference} (largest minus smallest), without a method or aggregation, over the
 * groups of items in a {@link LiveExposure} window (see
 * {@link FairnessMonitor#check(LiveExposure, long, long)}); for them {@code minSupport} counts the
 * slates in which a group appears. Any other name is refused.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rule the condition that trips the rule
 * @param action the state a trip moves the monitor to (at least {@link MonitorState#WARN})
 * @param clearAt the threshold the value must be back on the safe side of, in a closed window,
 *     for the rule to clear (hysteresis): for {@code >} and {@code >=} rules the value must be
 *     {@code <= clearAt}, for {@code <} and {@code <=} rules {@code >= clearAt}
 * @param minSupport groups with fewer observations in the metric's denominator in a window (for
 *     exposure rules: fewer slates in which they appear) are left out of it
 * @param minWindows the rule may trip only from the {@code minWindows}-th window since the start
 *     or the last resume
 * @param reference the reference (privileged) group for {@code @to_reference} rules, column to
 *     value as text; empty otherwise
 */
public record MonitorRule(Rule rule, MonitorState action, double clearAt, long minSupport, int minWindows,
        Map<String, String> reference) {

    /**
     * Validates the parts.
     *
     * @param rule the rule
     * @param action the action
     * @param clearAt the clear threshold
     * @param minSupport the minimum support
     * @param minWindows the minimum windows
     * @param reference the reference group
     * @throws IllegalArgumentException if the rule is not one a monitor supports, the action is
     *     {@code OK}, the clear threshold is on the tripping side of the bound, the support is
     *     negative or the window count under 1, or a rule other than {@code @to_reference} has a
     *     reference (a {@code @to_reference} rule without one is refused by the monitor's builder)
     */
    public MonitorRule {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(action, "action");
        reference = Map.copyOf(reference);
        if (action == MonitorState.OK) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': the action must be WARN, FALLBACK or PAUSED");
        }
        Target t = Target.of(rule);
        boolean high = rule.operator() == Operator.GREATER || rule.operator() == Operator.GREATER_OR_EQUAL;
        if (!Double.isFinite(clearAt) || (high ? clearAt > rule.bound() : clearAt < rule.bound())) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': the clear threshold " + clearAt
                    + " must be on the safe side of " + rule.bound());
        }
        if (minSupport < 0) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': minSupport must be >= 0, got " + minSupport);
        }
        if (minWindows < 1) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': minWindows must be >= 1, got " + minWindows);
        }
        if (t.shape() != Target.Shape.TO_REFERENCE && !reference.isEmpty()) {
            throw new IllegalArgumentException("rule '" + rule.text() + "': only @to_reference rules take a reference");
        }
    }

    /**
     * A rule with the defaults: clear at the bound itself, no minimum support, from the first window.
     *
     * @param rule the rule text, such as {@code demographic_parity_difference > 0.1}
     * @param action the state a trip moves the monitor to
     * @return the monitor rule
     * @throws dev.fairway.fairness.gate.RuleSyntaxException if the text does not parse
     * @throws IllegalArgumentException if the rule is not one a monitor supports
     */
    public static MonitorRule of(String rule, MonitorState action) {
        Rule r = Rule.parse(rule);
        return new MonitorRule(r, action, r.bound(), 0, 1, Map.of());
    }

    /**
     * Says whether this is an exposure rule ({@code exposure_ratio}, {@code exposure_difference}),
     * evaluated by {@link FairnessMonitor#check(LiveExposure, long, long)} rather than on decision
     * counts (a replay of decision logs, which has no slates, can refuse it).
     *
     * @return whether the rule watches the exposure of slates
     */
    public boolean exposure() {
        return Target.of(rule).exposure();
    }

    /**
     * Returns this rule with a clear threshold.
     *
     * @param clearAt the threshold (see the record's description)
     * @return a new rule
     */
    public MonitorRule withClearAt(double clearAt) {
        return new MonitorRule(rule, action, clearAt, minSupport, minWindows, reference);
    }

    /**
     * Returns this rule with a per-group minimum support.
     *
     * @param minSupport observations a group needs in the metric's denominator
     * @return a new rule
     */
    public MonitorRule withMinSupport(long minSupport) {
        return new MonitorRule(rule, action, clearAt, minSupport, minWindows, reference);
    }

    /**
     * Returns this rule with a minimum number of windows before it may trip.
     *
     * @param minWindows at least 1
     * @return a new rule
     */
    public MonitorRule withMinWindows(int minWindows) {
        return new MonitorRule(rule, action, clearAt, minSupport, minWindows, reference);
    }

    /**
     * Returns this rule with a reference group, for {@code @to_reference} rules.
     *
     * @param reference column to value (as text)
     * @return a new rule
     */
    public MonitorRule withReference(Map<String, String> reference) {
        return new MonitorRule(rule, action, clearAt, minSupport, minWindows, reference);
    }
}
