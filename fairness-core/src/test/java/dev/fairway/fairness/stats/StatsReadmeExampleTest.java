package dev.fairway.fairness.stats;

import dev.fairway.fairness.testdata.TestData;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.report.AuditReport;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import dev.fairway.fairness.mitigation.FairnessConstraint;
import dev.fairway.fairness.mitigation.ThresholdObjective;
import dev.fairway.fairness.mitigation.ThresholdOptimizer;
import dev.fairway.fairness.mitigation.ThresholdPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's statistics example, kept true (COMPAS by race; score = decile_score). */
class StatsReadmeExampleTest {

    @Test
    void intervalsTestsAndThresholds() {
        Map<String, List<String>> csv = TestData.compas();
        boolean[] labels = TestData.booleans(csv.get("two_year_recid"));
        boolean[] predictions = TestData.booleans(csv.get("y_pred"));
        double[] scores = TestData.doubles(csv.get("decile_score"));
        List<String> race = csv.get("race");
        AuditData data = AuditData.builder().labels("two_year_recid", labels).predictions("y_pred", predictions)
                .sensitive("race", race).build();
        // --- README example start
        FairnessAudit audit = FairnessAudit.of(data);
        Interval rate = RateIntervals.of(audit, Metric.SELECTION_RATE, 0, IntervalMethod.WILSON, 0.95);
        BootstrapResult boot = Bootstrap.builder().replicates(2000).seed(42).build().run(audit, List.of(
                AuditStatistic.of("dpd", a -> a.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS))));
        Interval dpd = boot.interval(0, IntervalMethod.BCA, 0.95);
        TestResult chi = GroupTests.chiSquare(audit.counts());
        String json = AuditReport.of(audit).withIntervals(AuditIntervals.builder(0.95).tests(true).build()).toJson();

        ThresholdPolicy policy = ThresholdOptimizer.builder(FairnessConstraint.EQUALIZED_ODDS,
                ThresholdObjective.ACCURACY_SCORE).build().fit(scores, labels, race);
        boolean[] decisions = policy.apply(scores, race, 7L);
        // --- README example end
        // African-American: 2,174 of 3,696 predicted positive (hand count of the CSV via the scipy table)
        assertEquals(RateIntervals.wilson(2174, 3696, 0.95), rate);
        assertTrue(dpd.lower() < audit.demographicParityDifference(DisparityMethod.BETWEEN_GROUPS));
        assertTrue(chi.pValue() < 1e-10);
        assertTrue(json.contains("\"disparities_ci\""));
        assertEquals(0.215, policy.xBest());
        assertEquals(labels.length, decisions.length);
    }
}
