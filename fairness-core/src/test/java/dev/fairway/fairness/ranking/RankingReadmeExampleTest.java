package dev.fairway.fairness.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's ranking example, line for line, so that it stays true. */
class RankingReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        // --- README ---
        ExposureTable table = ExposureTable.empty();                        // one per window or partition; merge() adds them
        table.record(List.of("a", "b", "a"), BrowsingModel.log2(), null);   // each slate's groups in rank order
        table.record(List.of("b", "a", "a"), BrowsingModel.log2(), null);
        double ratio = table.ratio();        // min/max group exposure; NaN with undefinedReason() if one group appears
        FairTable fair = FairTable.adjusted(10, 0.5, 0.1, FairMode.CORRECT);   // build once per k, then share
        boolean[] protectedByRank = {false, false, false, false, false, false, true, true, true, true};
        int[] order = FairRanking.rerank(protectedByRank, 10, fair);          // indices into the score-ordered slate
        // --- end ---
        double l3 = 1 / (Math.log(3) / Math.log(2));
        double a = ((1 + 0.5) / 2 + (l3 + 0.5) / 2) / 2;
        double b = (l3 + 1) / 2;
        assertEquals(Math.min(a, b) / Math.max(a, b), ratio, 1e-15);
        assertFalse(FairRanking.test(protectedByRank, 10, fair).passed());
        boolean[] after = new boolean[10];
        for (int i = 0; i < 10; i++) {
            after[i] = protectedByRank[order[i]];
        }
        assertTrue(FairRanking.test(after, 10, fair).passed());
    }
}
