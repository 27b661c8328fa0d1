package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConfusionCounts#retain}: a table restricted to some groups equals the table counted from
 * only those groups' rows (brute force), for seeded random intersectional data.
 */
class RetainTest {

    static Stream<Long> seeds() {
        return Stream.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void retainEqualsCountingTheRetainedRowsOnly(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 200 + r.nextInt(300);
        int[] y = new int[n];
        int[] p = new int[n];
        double[] w = new double[n];
        String[] a = new String[n];
        String[] b = new String[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            p[i] = r.nextInt(2);
            w[i] = 0.5 + r.nextInt(4);
            // skewed sizes so some groups are small
            a[i] = "a" + (int) Math.floor(4 * Math.pow(r.nextDouble(), 2.5));
            b[i] = "b" + r.nextInt(3);
        }
        ConfusionCounts all = ConfusionCounts.of(AuditData.builder().labels("y", y).predictions("p", p).weights("w", w)
                .sensitive("a", a).sensitive("b", b).build());
        long min = 5 + r.nextInt(40);
        ConfusionCounts kept = all.retain(g -> all.count(g) >= min);
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int g = all.groups().find(java.util.Map.of("a", a[i], "b", b[i]));
            if (all.count(g) >= min) {
                rows.add(i);
            }
        }
        int m = rows.size();
        int[] y2 = new int[m];
        int[] p2 = new int[m];
        double[] w2 = new double[m];
        String[] a2 = new String[m];
        String[] b2 = new String[m];
        for (int k = 0; k < m; k++) {
            int i = rows.get(k);
            y2[k] = y[i];
            p2[k] = p[i];
            w2[k] = w[i];
            a2[k] = a[i];
            b2[k] = b[i];
        }
        ConfusionCounts expected = ConfusionCounts.of(AuditData.builder().labels("y", y2).predictions("p", p2)
                .weights("w", w2).sensitive("a", a2).sensitive("b", b2).build());
        assertEquals(expected.groups(), kept.groups());
        for (String column : List.of("a", "b")) {
            assertEquals(expected.groups().levels(column), kept.groups().levels(column));
        }
        for (int g = 0; g < kept.groups().size(); g++) {
            for (Cell c : Cell.values()) {
                assertEquals(expected.count(g, c), kept.count(g, c));
                // weights are multiples of 0.5: sums are exact in any order
                assertEquals(expected.weight(g, c), kept.weight(g, c));
            }
        }
        assertEquals(m, kept.rows());
        assertSame(all, all.retain(g -> true));
        assertThrows(IllegalArgumentException.class, () -> all.retain(g -> false));
    }
}
