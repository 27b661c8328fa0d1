package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.explain.Model;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.fairness.ranking.ExposureTable;
import dev.fairway.fairness.ranking.FairMode;
import dev.fairway.fairness.ranking.FairTable;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.LiveExposure;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keeps the ranked-slate example of docs/guard.md true: the block between the markers is that code. */
class RankReadmeExampleTest {
    @Test
    void rankExampleRuns() throws Exception {
        FilterPlan plan = GuardTest.PLAN;
        Model model = new GuardRankTest.Batch(3, 1, false);
        ConsentSnapshot snapshot = GuardTest.snapshot("alice", "profile_selection", "contextual_selection");
        GroupIndex groups = GroupIndex.of(List.of("sex"), List.of(List.of("f"), List.of("m")));
        LiveCounts counts = LiveCounts.builder(groups).build();
        // four candidates, 4 features each (row-major); tenure (feature 3) is the score here
        double[] rows = GuardRankTest.rows(0.9, 0.8, 0.7, 0.1);
        // README:start
        LiveExposure exposure = LiveExposure.builder(List.of("major", "independent"))
                .windowing(Windowing.tumblingCount(10_000)).build();          // windows of 10,000 slates
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("exposure_ratio < 0.8", MonitorState.WARN)).build();
        Guard guard = Guard.builder(plan, counts).model("ranker-v3", model).nonPersonalised("popular", 0.0)
                .dropDefault("income", 2.5).monitor(monitor, 100)
                .ranking(exposure, BrowsingModel.log2())                         // exposure per window
                .fairRanking(FairTable.adjusted(10, 0.5, 0.1, FairMode.CORRECT), "independent") // optional
                .slateLength(10).build();
        guard.consent("alice", snapshot, Set.of());
        int[] itemGroups = {0, 0, 0, 1};                                      // codes in the exposure
        RankedSlate slate = guard.rank("alice", rows, itemGroups, 4);         // per request
        int first = slate.candidate(0);                                       // index into rows
        ExposureTable now = exposure.snapshot();                             // the current window
        // README:end
        // k = 10, p = 0.5, alpha = 0.1 adjusted (alpha' = 0.0625000000000003, as the Java reference): m(1..3) = 0,
        // m(4) = 1 (scipy binom.ppf); the independent item already sits at rank 4, so nothing moves
        assertEquals(0, first);
        assertArrayEquals(new int[] {0, 1, 2, 3}, slate.candidates());
        assertTrue(slate.reranked());
        assertEquals(0, slate.moved().length);
        assertEquals(1, now.lists());
        assertEquals(3, now.items("major"));
        String readme = Files.readString(Path.of("..", "docs", "guard.md"));
        String test = Files.readString(Path.of("src", "test", "java", "dev", "fairway", "guard", "RankReadmeExampleTest.java"));
        String block = test.substring(test.indexOf("// README:start") + 16, test.indexOf("        // README:end"));
        for (String line : block.strip().lines().toList()) {
            assertTrue(readme.contains(line.strip()), "docs/guard.md lacks: " + line.strip());
        }
    }
}
