package dev.fairway.fairness.stats;

import dev.fairway.fairness.testdata.TestData;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Intervals and tests against scipy 1.17 ({@code src/test/resources/stats/scipy_stats.json}, made by
 * {@code scipy_oracle.py} beside it) and hand computations.
 */
class StatsOracleTest {
    private static final JsonNode ORACLE = TestData.json("stats/scipy_stats.json");

    private static AuditData compas(String column) {
        Map<String, List<String>> csv = TestData.compas();
        return AuditData.builder().labels("two_year_recid", TestData.booleans(csv.get("two_year_recid")))
                .predictions("y_pred", TestData.booleans(csv.get("y_pred")))
                .sensitive(column, csv.get(column)).build();
    }

    @Test
    void wilsonAndClopperPearsonMatchScipy() {
        int cases = 0;
        for (JsonNode c : ORACLE.get("proportion_ci")) {
            long k = c.get("k").asLong();
            long n = c.get("n").asLong();
            double level = c.get("level").asDouble();
            Interval w = RateIntervals.wilson(k, n, level);
            Interval e = RateIntervals.clopperPearson(k, n, level);
            String at = k + "/" + n + " @" + level;
            assertEquals(c.get("wilson").get(0).asDouble(), w.lower(), 1e-12, "wilson lower " + at);
            assertEquals(c.get("wilson").get(1).asDouble(), w.upper(), 1e-12, "wilson upper " + at);
            assertEquals(c.get("clopper_pearson").get(0).asDouble(), e.lower(), 1e-12, "cp lower " + at);
            assertEquals(c.get("clopper_pearson").get(1).asDouble(), e.upper(), 1e-12, "cp upper " + at);
            cases++;
        }
        assertEquals(30, cases);
    }

    @Test
    void wilsonClosedFormByHand() {
        // k = 3, n = 10, z = 1.959963984540054: centre (3 + z^2/2)/(10 + z^2), half-width z/(10+z^2) sqrt(2.1 + z^2/4)
        double z = 1.959963984540054;
        double centre = (3 + z * z / 2) / (10 + z * z);
        double half = z / (10 + z * z) * Math.sqrt(3.0 * 7 / 10 + z * z / 4);
        Interval w = RateIntervals.wilson(3, 10, 0.95);
        assertEquals(centre - half, w.lower(), 1e-15);
        assertEquals(centre + half, w.upper(), 1e-15);
        // Clopper-Pearson at k = 0 has the closed form upper = 1 - (alpha/2)^(1/n)
        assertEquals(1 - Math.pow(0.025, 0.1), RateIntervals.clopperPearson(0, 10, 0.95).upper(), 1e-14);
        assertEquals(Math.pow(0.025, 0.1), RateIntervals.clopperPearson(10, 10, 0.95).lower(), 1e-14);
    }

    @Test
    void groupRateIntervalsUseTheRightCounts() {
        FairnessAudit audit = FairnessAudit.of(compas("sex"));
        // Female: 591 of 1395 predicted positive (table in scipy_stats.json)
        Interval w = RateIntervals.of(audit, Metric.SELECTION_RATE, 0, IntervalMethod.WILSON, 0.95);
        assertEquals(RateIntervals.wilson(591, 1395, 0.95), w);
        assertThrows(IllegalArgumentException.class,
                () -> RateIntervals.of(audit, Metric.F1_SCORE, 0, IntervalMethod.WILSON, 0.95));
        assertThrows(IllegalArgumentException.class, () -> RateIntervals.wilson(3, 2, 0.95));
        assertThrows(IllegalArgumentException.class, () -> RateIntervals.wilson(1, 2, 1.0));
    }

    @Test
    void undefinedRateHasNoInterval() {
        AuditData d = AuditData.builder().labels("y", new boolean[] {false, false, true})
                .predictions("p", new boolean[] {false, true, true}).sensitive("g", new String[] {"a", "a", "b"})
                .build();
        assertNull(RateIntervals.of(FairnessAudit.of(d), Metric.TRUE_POSITIVE_RATE, 0, IntervalMethod.WILSON, 0.95));
    }

    @Test
    void contingencyTestsMatchScipy() {
        for (JsonNode c : ORACLE.get("contingency")) {
            FairnessAudit audit = FairnessAudit.of(compas(c.get("grouping").asString()));
            TestResult chi = GroupTests.chiSquare(audit.counts());
            TestResult g = GroupTests.gTest(audit.counts());
            JsonNode ec = c.get("chi_square");
            JsonNode eg = c.get("g_test");
            assertEquals(ec.get("statistic").asDouble(), chi.statistic(), 1e-9 * ec.get("statistic").asDouble());
            assertEquals(ec.get("p_value").asDouble(), chi.pValue(), 1e-9 * ec.get("p_value").asDouble() + 1e-300);
            assertEquals(ec.get("dof").asInt(), chi.degreesOfFreedom());
            assertEquals(eg.get("statistic").asDouble(), g.statistic(), 1e-9 * eg.get("statistic").asDouble());
            assertEquals(eg.get("p_value").asDouble(), g.pValue(), 1e-9 * eg.get("p_value").asDouble() + 1e-300);
        }
    }

    @Test
    void fisherExactMatchesScipy() {
        for (JsonNode c : ORACLE.get("fisher_exact")) {
            JsonNode t = c.get("table");
            boolean[] y = new boolean[0];
            int rows = 0;
            for (JsonNode r : t) {
                rows += r.get(0).asInt() + r.get(1).asInt();
            }
            y = new boolean[rows];
            boolean[] p = new boolean[rows];
            String[] g = new String[rows];
            int i = 0;
            for (int row = 0; row < 2; row++) {
                for (int col = 0; col < 2; col++) {
                    for (int k = 0; k < t.get(row).get(col).asInt(); k++) {
                        p[i] = col == 1;
                        g[i++] = "g" + row;
                    }
                }
            }
            AuditData d = AuditData.builder().labels("y", y).predictions("p", p).sensitive("g", g).build();
            TestResult r = GroupTests.fisherExact(FairnessAudit.of(d).counts());
            assertEquals(c.get("p_value").asDouble(), r.pValue(), 1e-12, t.toString());
            assertEquals(c.get("odds_ratio").asDouble(), r.statistic(), 1e-12, t.toString());
        }
    }

    @Test
    void twoProportionZMatchesScipyAndHolmByHand() {
        FairnessAudit audit = FairnessAudit.of(compas("race"));
        List<ProportionComparison> z = GroupTests.twoProportionZ(audit, Metric.SELECTION_RATE,
                grp -> grp.value("race").equals("Caucasian"));
        int checked = 0;
        for (JsonNode c : ORACLE.get("two_proportion_z")) {
            if (!c.get("grouping").asString().equals("race")) {
                continue;
            }
            ProportionComparison pc = z.stream().filter(x -> x.group().value("race").equals(c.get("group").asString()))
                    .findFirst().orElseThrow();
            assertEquals(c.get("k").asLong(), pc.successes());
            assertEquals(c.get("n_ref").asLong(), pc.referenceTrials());
            assertEquals(c.get("z").asDouble(), pc.z(), 1e-12);
            assertEquals(c.get("p_value").asDouble(), pc.pValue(), 1e-12 * Math.max(1e-300, c.get("p_value").asDouble())
                    + 1e-15);
            checked++;
        }
        assertEquals(5, checked);
        // Holm by hand (m = 2 for the second case: 2 x 0.4 = 0.8, then max(0.8, 0.6))
        // first case: sorted p 0.01, 0.02, 0.03, 0.5 (m = 4): 0.04, max(0.04, 0.06), max(.06, .06), max(.06, .5)
        assertArrayEquals(new double[] {0.5, 0.06, 0.04, 0.06}, GroupTests.holm(new double[] {0.5, 0.03, 0.01, 0.02}),
                1e-15);
        assertArrayEquals(new double[] {0.8, Double.NaN, 0.8}, GroupTests.holm(new double[] {0.6, Double.NaN, 0.4}),
                1e-15);
    }
}
