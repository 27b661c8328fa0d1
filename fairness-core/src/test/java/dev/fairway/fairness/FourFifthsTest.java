package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The four-fifths rule per group, on hand-counted tables: every expected ratio is the two selection
 * rates' counts divided by hand.
 */
class FourFifthsTest {
    private static final double EPS = 1e-15;

    /**
     * One group per {@code {rows, selected}} pair, named A, B, C, ...; the first {@code selected}
     * rows of a group are predicted positive, and labels alternate 1, 0 so every rate is defined.
     */
    static FairnessAudit table(int[]... groups) {
        List<Integer> p = new ArrayList<>();
        List<String> g = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            for (int r = 0; r < groups[i][0]; r++) {
                p.add(r < groups[i][1] ? 1 : 0);
                g.add(String.valueOf((char) ('A' + i)));
            }
        }
        int[] pred = p.stream().mapToInt(Integer::intValue).toArray();
        int[] label = new int[pred.length];
        for (int r = 0; r < label.length; r++) {
            label[r] = r % 2 == 0 ? 1 : 0;
        }
        return FairnessAudit.of(AuditData.builder().labels("y", label).predictions("p", pred)
                .sensitive("g", g.toArray(new String[0])).build());
    }

    private static Group group(String v) {
        return new Group(List.of("g"), List.of(v));
    }

    @Test
    void aGroupBelowFourFifthsOfTheHighestFailsWhileThePooledRatioPasses() {
        // A 5/10 = 0.5, B 3/10 = 0.3, C 7/10 = 0.7 (the highest)
        FairnessAudit audit = table(new int[] {10, 5}, new int[] {10, 3}, new int[] {10, 7});
        FourFifths f = FourFifths.of(audit);
        assertEquals(FourFifths.Basis.HIGHEST_SELECTION_RATE, f.basis());
        assertEquals(0.7, f.benchmark(), EPS);
        assertEquals(List.of(group("C")), f.benchmarkGroups());
        assertEquals(PrivilegedComparison.Verdict.FAIL, f.verdict());
        assertEquals(2, f.failing().size());
        assertEquals(group("A"), f.failing().get(0).group());
        assertEquals(5.0 / 7, f.failing().get(0).ratio(), EPS);
        assertEquals(group("B"), f.failing().get(1).group());
        assertEquals(3.0 / 7, f.failing().get(1).ratio(), EPS);
        assertEquals(PrivilegedComparison.Verdict.PASS, f.groups().get(2).verdict());
        assertEquals(1.0, f.groups().get(2).ratio(), EPS);
        // the pooled AIF360 ratio with A as reference: (3 + 7) / 20 over 5 / 10 = 1, and its two-rate test passes
        PrivilegedComparison cmp = audit.compare(Map.of("g", "A"), FavorableOutcome.POSITIVE);
        assertEquals(1.0, cmp.disparateImpact(), EPS);
        assertEquals(PrivilegedComparison.Verdict.PASS, cmp.fourFifthsRule());
    }

    @Test
    void withAReferenceEachOtherGroupIsJudgedAgainstTheReferenceRows() {
        FairnessAudit audit = table(new int[] {10, 5}, new int[] {10, 3}, new int[] {10, 7});
        FourFifths f = FourFifths.against(audit, Reference.of(Map.of("g", "A")));
        assertEquals(FourFifths.Basis.REFERENCE, f.basis());
        assertEquals(0.5, f.benchmark(), EPS);
        assertEquals(List.of(group("A")), f.benchmarkGroups());
        assertEquals(2, f.groups().size(), "the reference is not judged against itself");
        assertEquals(0.3 / 0.5, f.groups().get(0).ratio(), 1e-12); // B: 3/10 over 5/10 = 0.6
        assertEquals(PrivilegedComparison.Verdict.FAIL, f.groups().get(0).verdict());
        assertEquals(7.0 / 5, f.groups().get(1).ratio(), 1e-12); // C: 7/10 over 5/10 = 1.4
        assertEquals(PrivilegedComparison.Verdict.FAIL, f.verdict());
        assertEquals(List.of(group("B")), f.failing().stream().map(FourFifths.GroupRatio::group).toList());
    }

    @Test
    void allPassingIncludingExactlyFourFifths() {
        // A 5/8 = 0.625 (highest), B 4/8 = 0.5 -> 0.8 exactly (passes: adverse impact is below four fifths),
        // C 9/16 = 0.5625 -> 0.9
        FourFifths f = FourFifths.of(table(new int[] {8, 5}, new int[] {8, 4}, new int[] {16, 9}));
        assertEquals(PrivilegedComparison.Verdict.PASS, f.verdict());
        assertTrue(f.failing().isEmpty());
        assertEquals(0.8, f.groups().get(1).ratio(), 0.0);
        assertEquals(0.9, f.groups().get(2).ratio(), EPS);
    }

    @Test
    void aTieForTheHighestNamesBothAndGivesBothRatioOne() {
        // A 3/4 = 0.75, B 6/8 = 0.75, C 1/2 -> 0.5 / 0.75 = 2/3
        FourFifths f = FourFifths.of(table(new int[] {4, 3}, new int[] {8, 6}, new int[] {2, 1}));
        assertEquals(List.of(group("A"), group("B")), f.benchmarkGroups());
        assertEquals(1.0, f.groups().get(0).ratio(), 0.0);
        assertEquals(1.0, f.groups().get(1).ratio(), 0.0);
        assertEquals(2.0 / 3, f.groups().get(2).ratio(), EPS);
        assertEquals(List.of(group("C")), f.failing().stream().map(FourFifths.GroupRatio::group).toList());
    }

    @Test
    void aHighestRateOfZeroLeavesEveryRatioUndefinedWithAReason() {
        // A 0/5, B 0/3: nobody is selected
        FourFifths f = FourFifths.of(table(new int[] {5, 0}, new int[] {3, 0}));
        assertEquals(PrivilegedComparison.Verdict.UNDEFINED, f.verdict());
        assertEquals(0.0, f.benchmark(), 0.0);
        for (FourFifths.GroupRatio r : f.groups()) {
            assertTrue(Double.isNaN(r.ratio()));
            assertEquals(PrivilegedComparison.Verdict.UNDEFINED, r.verdict());
            assertEquals(Optional.of("the highest selection rate is 0, so no ratio to it"), r.undefinedReason());
        }
        assertTrue(f.failing().isEmpty());
    }

    @Test
    void oneGroupIsUndefined() {
        FourFifths f = FourFifths.of(table(new int[] {5, 3}));
        assertEquals(PrivilegedComparison.Verdict.UNDEFINED, f.verdict());
        assertEquals(Optional.of(FourFifths.ONE_GROUP), f.undefinedReason());
        assertTrue(Double.isNaN(f.groups().get(0).ratio()));
    }
}
