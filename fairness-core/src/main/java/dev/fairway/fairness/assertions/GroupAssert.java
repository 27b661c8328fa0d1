package dev.fairway.fairness.assertions;

import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import java.util.List;
import java.util.Objects;

/**
 * Bounds on one group's rates: {@code assertThat(audit).group("sex", "female").truePositiveRate().isAtLeast(0.7)}.
 * The failure message shows the metric of every group, the group under test marked.
 *
 * <p>Immutable and thread-safe.
 */
public final class GroupAssert {
    private final AuditAssert parent;
    private final FairnessAudit audit;
    private final int group;

    GroupAssert(AuditAssert parent, FairnessAudit audit, int group) {
        this.parent = parent;
        this.audit = audit;
        this.group = group;
    }

    /**
     * The group's value of any metric.
     *
     * @param metric the metric
     * @return bounds on its value
     */
    public ValueAssert metric(Metric metric) {
        Objects.requireNonNull(metric, "metric");
        return new ValueAssert(metric.jsonName() + " of group " + audit.groups().group(group), audit.value(metric, group),
                audit.undefinedReason(metric, group), parent.allowUndefined(),
                () -> metric.jsonName() + " by group:" + System.lineSeparator()
                        + GroupTable.of(audit, List.of(metric), group));
    }

    /**
     * The group's selection rate.
     *
     * @return bounds on it
     */
    public ValueAssert selectionRate() {
        return metric(Metric.SELECTION_RATE);
    }

    /**
     * The group's true positive rate.
     *
     * @return bounds on it
     */
    public ValueAssert truePositiveRate() {
        return metric(Metric.TRUE_POSITIVE_RATE);
    }

    /**
     * The group's false positive rate.
     *
     * @return bounds on it
     */
    public ValueAssert falsePositiveRate() {
        return metric(Metric.FALSE_POSITIVE_RATE);
    }

    /**
     * The group's precision.
     *
     * @return bounds on it
     */
    public ValueAssert precision() {
        return metric(Metric.PRECISION);
    }

    /**
     * The group's accuracy.
     *
     * @return bounds on it
     */
    public ValueAssert accuracy() {
        return metric(Metric.ACCURACY);
    }
}
