/**
 * Fairway fairness: group fairness metrics over columnar data.
 *
 * <p>One pass over primitive columns fills weighted and unweighted confusion counts per group;
 * every metric, disparity and criterion is a function of those counts.
 */
module dev.fairway.fairness {
    requires tools.jackson.databind;
    requires org.apache.commons.statistics.distribution;

    exports dev.fairway.fairness;
    exports dev.fairway.fairness.gate;
    exports dev.fairway.fairness.assertions;
    exports dev.fairway.fairness.live;
    exports dev.fairway.fairness.privacy;
}
