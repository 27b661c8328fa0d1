package dev.fairway.fairness.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AuditReleaseTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Rows from counts: group name, then TN, FP, FN, TP per group. */
    static AuditData data(Object[][] groups, boolean weighted) {
        List<Boolean> y = new ArrayList<>();
        List<Boolean> p = new ArrayList<>();
        List<Object> g = new ArrayList<>();
        for (Object[] row : groups) {
            for (int c = 0; c < 4; c++) {
                for (int i = 0; i < (Integer) row[c + 1]; i++) {
                    y.add(c >= 2);
                    p.add(c % 2 == 1);
                    g.add(row[0]);
                }
            }
        }
        boolean[] yy = new boolean[y.size()];
        boolean[] pp = new boolean[y.size()];
        double[] w = new double[y.size()];
        for (int i = 0; i < yy.length; i++) {
            yy[i] = y.get(i);
            pp[i] = p.get(i);
            w[i] = 1 + i % 3;
        }
        AuditData.Builder b = AuditData.builder().labels("y", yy).predictions("p", pp).sensitive("g", g);
        if (weighted) {
            b.weights("w", w);
        }
        return b.build();
    }

    @Test
    void suppressionByHandCount() {
        // a: 20 people, every margin >= 10 -> kept; b: 40 people but only 5 predicted positives -> suppressed;
        // c: 9 people -> suppressed
        AuditData d = data(new Object[][] {{"a", 5, 5, 5, 5}, {"b", 30, 3, 5, 2}, {"c", 3, 2, 2, 2}}, false);
        AuditRelease r = AuditRelease.builder(ConfusionCounts.of(d)).suppressBelow(10).build();
        assertEquals(1, r.audit().groups().size());
        assertEquals("a", r.audit().groups().group(0).values().get(0));
        assertEquals(List.of("b", "c"), r.suppressedGroups().stream().map(x -> x.values().get(0)).toList());
        assertEquals(20, r.audit().counts().rows());
        JsonNode json = JSON.readTree(r.toJson());
        assertEquals(10, json.get("suppression").get("k").asInt());
        assertEquals(2, json.get("suppression").get("suppressed_groups").size());
        assertEquals("exact", json.get("suppression").get("counts").asString());
        assertFalse(json.has("privacy"));
        assertTrue(r.toText().contains("2 group(s) suppressed"));
    }

    @Test
    void suppressionKeepsWeightedSumsExact() {
        AuditData d = data(new Object[][] {{"a", 5, 5, 5, 5}, {"b", 3, 3, 3, 3}}, true);
        FairnessAudit exact = FairnessAudit.of(d);
        AuditRelease r = AuditRelease.builder(ConfusionCounts.of(d)).suppressBelow(7).build();
        assertEquals(1, r.audit().groups().size());
        for (Metric m : Metric.values()) {
            assertEquals(exact.value(m, 0), r.audit().value(m, 0), 0, m.jsonName());
        }
        assertEquals(exact.weight(0), r.audit().weight(0), 0);
    }

    @Test
    void noisyReleaseIsNonNegativeConsistentAndDescribed() {
        AuditData d = data(new Object[][] {{"a", 0, 1, 0, 200}, {"b", 150, 150, 150, 150}}, false);
        PrivacyAccountant acct = PrivacyAccountant.of(PrivacyBudget.of(1, 0));
        AuditRelease r = AuditRelease.builder(ConfusionCounts.of(d)).noise(NoiseMechanism.LAPLACE, 1, acct)
                .sampler(DiscreteSampler.seeded(9)).suppressBelow(0).build();
        ConfusionCounts c = r.audit().counts();
        long total = 0;
        for (int g = 0; g < c.groups().size(); g++) {
            long group = 0;
            for (Cell cell : Cell.values()) {
                assertTrue(c.count(g, cell) >= 0);
                group += c.count(g, cell);
            }
            assertEquals(group, (long) r.audit().value(Metric.COUNT, g));
            total += group;
        }
        assertEquals(total, c.rows());
        JsonNode p = JSON.readTree(r.toJson()).get("privacy");
        assertEquals("laplace", p.get("mechanism").asString());
        assertEquals(1.0, p.get("epsilon").asDouble());
        assertEquals(0.0, p.get("delta").asDouble());
        assertEquals(1, p.get("sensitivity").get("l1").asInt());
        assertEquals("1/1", p.get("noise").get("scale").asString());
        // discrete Laplace of scale 1: variance 2e^-1 / (1 - e^-1)^2 (closed form)
        double q = Math.exp(-1);
        assertEquals(2 * q / ((1 - q) * (1 - q)), p.get("noise").get("variance_per_cell").asDouble(), 1e-12);
        assertEquals("confusion_table", p.get("spent").get(0).get("query").asString());
        assertEquals(8, p.get("spent").get(0).get("cells").asInt());
        assertEquals(1.0, p.get("spent").get(0).get("epsilon").asDouble());
        assertTrue(p.get("seeded").asBoolean());
        assertEquals(2, p.get("intervals").size());
        assertEquals(0.0, acct.remaining(), 0);
    }

    @Test
    void overspendIsRefusedBeforeAnyNoiseIsDrawn() {
        AuditData d = data(new Object[][] {{"a", 50, 50, 50, 50}}, false);
        PrivacyAccountant acct = PrivacyAccountant.of(PrivacyBudget.of(1, 0));
        DiscreteSampler probe = DiscreteSampler.seeded(1);
        DiscreteSampler fresh = DiscreteSampler.seeded(1);
        assertThrows(IllegalStateException.class, () -> AuditRelease.builder(ConfusionCounts.of(d))
                .noise(NoiseMechanism.LAPLACE, 1.5, acct).sampler(probe).build());
        // the sampler was not touched: it still gives the same first draws as a fresh one
        for (int i = 0; i < 20; i++) {
            assertEquals(fresh.discreteLaplace(java.math.BigInteger.ONE, java.math.BigInteger.ONE),
                    probe.discreteLaplace(java.math.BigInteger.ONE, java.math.BigInteger.ONE));
        }
        assertEquals(List.of(), acct.spent());
    }

    @Test
    void weightedCountsWithoutABoundAreRefusedForNoise() {
        AuditData d = data(new Object[][] {{"a", 50, 50, 50, 50}}, true);
        PrivacyAccountant acct = PrivacyAccountant.of(PrivacyBudget.of(1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditRelease.builder(ConfusionCounts.of(d)).noise(NoiseMechanism.LAPLACE, 1, acct).build());
        assertTrue(e.getMessage().contains("weight"), e.getMessage());
        assertEquals(List.of(), acct.spent());
    }

    @Test
    void weightAboveTheBoundIsRefusedAndNothingSpent() {
        // weights cycle 1, 2, 3: a bound of 2.5 is below the largest
        AuditData d = data(new Object[][] {{"a", 50, 50, 50, 50}}, true);
        IllegalArgumentException rows = assertThrows(IllegalArgumentException.class, () -> d.requireWeightsAtMost(2.5));
        // rows 0, 1, 2 weigh 1, 2, 3: row 2 is the first above 2.5
        assertTrue(rows.getMessage().contains("row 2 has weight 3.0"), rows.getMessage());
        d.requireWeightsAtMost(3);
        // the release's own check: TN sum over 50 rows of weights 1,2,3,... is far above 1.5 * 50
        PrivacyAccountant acct = PrivacyAccountant.of(PrivacyBudget.of(1, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditRelease
                .builder(ConfusionCounts.of(d)).noise(NoiseMechanism.LAPLACE, 1, acct).weightBound(1.5).build());
        assertTrue(e.getMessage().contains("weight bound"), e.getMessage());
        assertEquals(List.of(), acct.spent());
        assertThrows(IllegalArgumentException.class, () -> AuditRelease.builder(ConfusionCounts.of(d)).weightBound(0));
    }

    @Test
    void quantisationClosedForm() {
        // W = 2, 10 bits: r = 2 / 1024 = 1/512; 3.3 * 512 = 1689.6 -> 1690; 1690 / 512 = 3.30078125
        double r = 2.0 / 1024;
        assertEquals(1690, AuditRelease.quantise(3.3, r));
        assertEquals(3.30078125, AuditRelease.quantise(3.3, r) * r, 0);
        // halves go up: 0.5 grid step -> 1; 1.25 / (1/512) = 640 exactly
        assertEquals(1, AuditRelease.quantise(r / 2, r));
        assertEquals(640, AuditRelease.quantise(1.25, r));
        // adding a person of weight W = 2 moves the grid value by exactly 2^10
        assertEquals(1690 + 1024, AuditRelease.quantise(3.3 + 2, r));
    }

    @Test
    void weightedLaplaceReleaseSplitsTheBudgetAndStatesTheBound() {
        AuditData d = data(new Object[][] {{"a", 50, 50, 50, 50}, {"b", 60, 40, 40, 60}}, true);
        d.requireWeightsAtMost(3);
        PrivacyAccountant acct = PrivacyAccountant.of(PrivacyBudget.of(1, 0));
        AuditRelease r = AuditRelease.builder(ConfusionCounts.of(d)).noise(NoiseMechanism.LAPLACE, 1, acct)
                .weightBound(3).sampler(DiscreteSampler.seeded(11)).build();
        assertEquals(List.of(PrivacyAccountant.Charge.ofEpsilon(AuditRelease.TABLE_QUERY, 0.5),
                PrivacyAccountant.Charge.ofEpsilon(AuditRelease.WEIGHTED_QUERY, 0.5)), acct.spent());
        JsonNode w = JSON.readTree(r.toJson()).get("privacy").get("weights");
        assertEquals(3.0, w.get("weight_bound").asDouble());
        assertEquals(3.0 / 1024, w.get("resolution").asDouble());
        assertEquals(3.0, w.get("sensitivity_l1").asDouble());
        assertEquals(1024, w.get("sensitivity_grid").asInt());
        // exact weighted total: 400 rows with weights 1,2,3 cycling = 133*6 + 1 = 799; noise per cell has
        // standard deviation about sqrt(2) * 2 * 3 (scale 3 * 2 in weight units): within 100 of 799
        assertEquals(799, r.audit().weight(0) + r.audit().weight(1), 100);
        // every released weighted sum is a non-negative multiple of the resolution
        for (int g = 0; g < r.audit().groups().size(); g++) {
            for (Cell c : Cell.values()) {
                double s = r.audit().counts().weight(g, c);
                assertTrue(s >= 0);
                assertEquals(0, s * 1024 / 3 - Math.rint(s * 1024 / 3), 1e-6);
            }
        }
    }

    @Test
    void noiseDefaultsToSuppressingBelowTen() {
        AuditData d = data(new Object[][] {{"a", 500, 500, 500, 500}, {"b", 1, 0, 0, 1}, {"c", 400, 400, 400, 400}}, false);
        PrivacyAccountant acct = PrivacyAccountant.of(PrivacyBudget.of(2, 1e-6));
        AuditRelease r = AuditRelease.builder(ConfusionCounts.of(d)).noise(NoiseMechanism.GAUSSIAN, acct.budget().rho(), acct)
                .sampler(DiscreteSampler.seeded(3)).reference(Map.of("g", "a")).build();
        JsonNode json = JSON.readTree(r.toJson());
        assertEquals(10, json.get("suppression").get("k").asInt());
        assertEquals("b", json.get("suppression").get("suppressed_groups").get(0).get("g").asString());
        assertEquals("gaussian", json.get("privacy").get("mechanism").asString());
        assertTrue(json.get("privacy").has("rho"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditRelease.builder(ConfusionCounts.of(d)).suppressBelow(10).reference(Map.of("g", "b")).build());
        assertTrue(e.getMessage().contains("suppressed"), e.getMessage());
    }

    /**
     * Property: over many seeded releases of a group with TPR 0.7 (700 of 1000 actual positives),
     * the 95% interval covers 0.7 at least 90% of the time, and the interval is wider than without noise.
     */
    @Test
    void intervalsCoverTheTrueRate() {
        AuditData d = data(new Object[][] {{"a", 500, 500, 300, 700}}, false);
        ConfusionCounts counts = ConfusionCounts.of(d);
        int covered = 0;
        int runs = 400;
        for (int s = 0; s < runs; s++) {
            PrivacyAccountant acct = PrivacyAccountant.of(PrivacyBudget.of(0.05, 0));
            AuditRelease r = AuditRelease.builder(counts).noise(NoiseMechanism.LAPLACE, 0.05, acct)
                    .sampler(DiscreteSampler.seeded(1000 + s)).build();
            RateInterval ri = r.interval(0, Metric.TRUE_POSITIVE_RATE);
            assertTrue(ri.noiseSd() > 0);
            if (ri.low() <= 0.7 && 0.7 <= ri.high()) {
                covered++;
            }
        }
        assertTrue(covered >= 0.9 * runs, "coverage " + covered + "/" + runs);
        AuditRelease plain = AuditRelease.builder(counts).build();
        RateInterval exact = plain.interval(0, Metric.TRUE_POSITIVE_RATE);
        assertEquals(0.7, exact.estimate(), 1e-15);
        assertEquals(Math.sqrt(0.7 * 0.3 / 1000), exact.samplingSd(), 1e-15);
        assertEquals(0, exact.noiseSd(), 0);
        assertNull(AuditRelease.builder(ConfusionCounts.of(data(new Object[][] {{"a", 5, 5, 0, 0}}, false))).build()
                .interval(0, Metric.TRUE_POSITIVE_RATE));
        assertThrows(IllegalArgumentException.class, () -> plain.interval(0, Metric.ACCURACY));
    }
}
