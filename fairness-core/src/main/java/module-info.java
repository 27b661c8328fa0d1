/**
 * Fairway fairness: group fairness metrics over columnar data.
 *
 * <p>One pass over primitive columns fills weighted and unweighted confusion counts per group;
 * every metric, disparity and criterion is a function of those counts.
 */
module dev.fairway.fairness {
    requires transitive dev.fairway.io;
    requires tools.jackson.databind;
    requires org.apache.commons.statistics.distribution;
    requires org.apache.commons.statistics.inference;

    exports dev.fairway.fairness;
    exports dev.fairway.fairness.assertions;
    exports dev.fairway.fairness.gate;
    exports dev.fairway.fairness.mitigation;
    exports dev.fairway.fairness.live;
    exports dev.fairway.fairness.privacy;
    exports dev.fairway.fairness.scores;
    exports dev.fairway.fairness.stats;
    exports dev.fairway.fairness.ranking;
    exports dev.fairway.fairness.report;
    exports dev.fairway.fairness.slices;
    exports dev.fairway.fairness.estimate;
}
