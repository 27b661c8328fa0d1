package dev.fairway.fairness.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Group exposure on hand-computed lists, and the references' known bugs pinned. */
class ExposureTableTest {
    private static final double L3 = 1 / (Math.log(3) / Math.log(2)); // 1/log2(3)

    @Test
    void log2ByHand() {
        ExposureTable t = ExposureTable.empty();
        t.record(List.of("a", "b", "a"), BrowsingModel.log2(), null);
        // a: (1/log2 2 + 1/log2 4) / 2 = (1 + 0.5) / 2; b: 1/log2 3
        assertEquals(0.75, t.exposure("a"), 1e-15);
        assertEquals(L3, t.exposure("b"), 1e-15);
        assertEquals(L3 / 0.75, t.ratio(), 1e-15);
        assertEquals(0.75 - L3, t.difference(), 1e-15);
        assertEquals(2, t.items("a"));
        assertEquals(1, t.lists("b"));
        // shares: a holds 1.5 of 1.5 + L3 weight, 2 of 3 items
        assertEquals(1.5 / (1.5 + L3), t.exposureShare("a"), 1e-15);
        assertEquals(2.0 / 3, t.populationShare("a"), 1e-15);
        assertNull(t.undefinedReason());
    }

    @Test
    void rbpByHand() {
        ExposureTable t = ExposureTable.empty();
        t.record(List.of("a", "b", "b", "a"), BrowsingModel.rbp(0.5), null);
        // weights 1, .5, .25, .125: a = 1.125/2, b = .75/2
        assertEquals(0.5625, t.exposure("a"), 0);
        assertEquals(0.375, t.exposure("b"), 0);
        assertEquals(0.375 / 0.5625, t.ratio(), 1e-15);
    }

    @Test
    void gerrByHand() {
        double[] w = new double[4];
        BrowsingModel.gerr(0.5, 0.5).weights(4, new double[] {1, 0, 2, 0}, w);
        // w(i) = p^(i-1) (1-u)^(relevant above): 1, .5*.5, .25*.5, .125*.25
        assertEquals(1, w[0], 0);
        assertEquals(0.25, w[1], 0);
        assertEquals(0.125, w[2], 0);
        assertEquals(0.03125, w[3], 0);
        assertThrows(IllegalArgumentException.class, () -> BrowsingModel.gerr(0.5, 0.5).weights(4, null, w));
    }

    @Test
    void userVectorAndParse() {
        ExposureTable t = ExposureTable.empty();
        t.record(List.of("a", "b", "a"), BrowsingModel.vector(1, 0.5), null);
        assertEquals(0.5, t.exposure("a"), 0); // (1 + 0) / 2
        assertEquals(0.5, t.exposure("b"), 0);
        assertEquals(1.0, t.ratio(), 0);
        assertEquals("rbp:0.8", BrowsingModel.parse("rbp:0.8").toString());
        assertEquals(BrowsingModel.gerr(0.5, 0.25), BrowsingModel.parse("gerr:0.5,0.25"));
        assertThrows(IllegalArgumentException.class, () -> BrowsingModel.parse("rbp:1.5"));
        assertThrows(IllegalArgumentException.class, () -> BrowsingModel.parse("dcg"));
    }

    @Test
    void samplesAreAveragedNotSummed() {
        // FairRankTune sums over samples; the mean keeps the scale of one ranking
        ExposureTable t = ExposureTable.empty();
        t.record(List.of("a", "b"), BrowsingModel.rbp(0.5), null);
        t.record(List.of("b", "a"), BrowsingModel.rbp(0.5), null);
        assertEquals(0.75, t.exposure("a"), 0);
        assertEquals(0.75, t.exposure("b"), 0);
    }

    @Test
    void oneGroupIsUndefinedNotFair() {
        ExposureTable t = ExposureTable.empty();
        t.record(List.of("a", "a", "a"), BrowsingModel.log2(), null);
        assertTrue(Double.isNaN(t.ratio()));
        assertTrue(Double.isNaN(t.difference()));
        assertNotNull(t.undefinedReason());
        assertTrue(t.undefinedReason().contains("only one group"));
        assertNotNull(ExposureTable.empty().undefinedReason());
    }

    /**
     * lenskit#938 (group exposure with missing groups): a group absent from a list is not given
     * exposure 0 for that list, and a group registered but never seen is not a group present.
     */
    @Test
    void lenskit938MissingGroupsAreNotZeros() {
        ExposureTable t = ExposureTable.empty();
        t.code("never-seen");
        t.record(List.of("a", "b"), BrowsingModel.rbp(0.5), null);
        t.record(List.of("b", "b"), BrowsingModel.rbp(0.5), null);
        assertEquals(List.of("a", "b"), t.groups());
        assertEquals(1.0, t.exposure("a"), 0); // only the list where a appears: not (1 + 0) / 2
        assertEquals((0.5 + 0.75) / 2, t.exposure("b"), 0);
        assertEquals(0.625, t.ratio(), 0);
        assertTrue(Double.isNaN(t.exposure("never-seen")));
    }

    @Test
    void relevanceShareAndTreatment() {
        ExposureTable t = ExposureTable.empty();
        t.record(List.of("a", "b"), BrowsingModel.rbp(0.5), new double[] {1, 3});
        assertEquals(0.25, t.relevanceShare("a"), 0);
        assertEquals(1 / 1.5, t.exposureShare("a"), 1e-15);
        // a: (2/3)/(1/4) = 8/3, b: (1/3)/(3/4) = 4/9 -> ratio (4/9)/(8/3) = 1/6
        assertEquals(1.0 / 6, t.treatmentRatio(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> t.record(List.of("a"), BrowsingModel.log2(), null));
    }

    @Test
    void tiesAndGapsInRanksAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankOrder.of(new int[] {1, 2, 2}, 3));
        assertTrue(e.getMessage().contains("duplicate rank 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RankOrder.of(new int[] {1, 3}, 2));
        assertThrows(IllegalArgumentException.class, () -> RankOrder.of(new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> RankOrder.of(new int[0], 0));
        assertEquals(List.of(2, 0, 1), java.util.Arrays.stream(RankOrder.of(new int[] {2, 3, 1}, 3)).boxed().toList());
    }

    @Test
    void badListsLeaveTheTableUnchanged() {
        ExposureTable t = ExposureTable.empty();
        t.record(List.of("a", "b"), BrowsingModel.log2(), null);
        ExposureTable before = t.copy();
        int a = t.code("a");
        assertThrows(IllegalArgumentException.class, () -> t.record(new int[] {a, a}, 2, new double[] {1, Double.NaN}, null));
        assertThrows(IllegalArgumentException.class, () -> t.record(new int[] {a, 9}, 2, new double[] {1, 1}, null));
        assertThrows(IllegalArgumentException.class, () -> t.record(new int[0], 0, new double[0], null));
        assertEquals(before, t);
    }

    @Test
    void ndcgByHand() {
        // gains 3, 2, 0 in order; ideal is the same -> 1
        assertEquals(1.0, Ndcg.ndcg(new double[] {3, 2, 0}, 3, 3, new double[] {3, 2, 0}), 0);
        // reversed: dcg = 0 + 2/log2(3) + 3/2; idcg = 3 + 2/log2(3)
        assertEquals((2 * L3 + 1.5) / (3 + 2 * L3), Ndcg.ndcg(new double[] {0, 2, 3}, 3, 3, new double[] {0, 2, 3}), 1e-15);
        // @1 with an unlisted judged item of grade 1 beating the list
        assertEquals(0.0, Ndcg.ndcg(new double[] {0}, 1, 1, new double[] {0, 1}), 0);
        assertTrue(Double.isNaN(Ndcg.ndcg(new double[] {0, 0}, 2, 2, new double[] {0, 0})));
    }
}
