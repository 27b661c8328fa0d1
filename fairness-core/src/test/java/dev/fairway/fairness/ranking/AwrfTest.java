package dev.fairway.fairness.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AWRF and the track's nDCG against trec2022-fair-public's AWRFMetric run on three rankings
 * (src/test/resources/ranking/awrf_oracle.csv). The reference computes its discount in float32,
 * so the tolerance is 1e-6.
 */
class AwrfTest {
    private static final String[] GROUPS = {"g1", "g2", "g3"};

    static Stream<Arguments> rows() throws IOException {
        try (InputStream in = AwrfTest.class.getResourceAsStream("/ranking/awrf_oracle.csv")) {
            if (in == null) {
                throw new IllegalStateException("missing ranking/awrf_oracle.csv");
            }
            List<String[]> rows = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n")) {
                rows.add(l.split(","));
            }
            return rows.stream().map(r -> Arguments.of(r[0], r));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void matchesTheTrec2022Reference(String query, String[] row) {
        String[] groups = row[2].split(" ");
        String[] tgt = row[3].split(" ");
        Map<String, Double> target = new LinkedHashMap<>();
        for (int g = 0; g < GROUPS.length; g++) {
            target.put(GROUPS[g], Double.parseDouble(tgt[g]));
        }
        String[] rel = row[4].split("\\|");
        String[] flags = rel[0].split(" ");
        boolean[] relevant = new boolean[flags.length];
        for (int i = 0; i < flags.length; i++) {
            relevant[i] = flags[i].equals("1");
        }
        Awrf.Result r = Awrf.of(groups, relevant, Integer.parseInt(rel[1]), target, 500);
        assertEquals(Double.parseDouble(row[5]), r.awrf(), 1e-6);
        assertEquals(Double.parseDouble(row[6]), r.ndcg(), 1e-6);
        assertEquals(r.awrf() * r.ndcg(), r.score(), 0);
    }

    @Test
    void handComputed() {
        // one group, target all on it: JSD 0, AWRF 1; disjoint support: JSD = ln 2
        assertEquals(1.0, Awrf.of(new String[] {"a", "a"}, new boolean[] {true, false}, 1, Map.of("a", 1.0), 500).awrf(), 1e-15);
        assertEquals(1 - Math.log(2), Awrf.of(new String[] {"a"}, new boolean[] {true}, 1, Map.of("b", 1.0), 500).awrf(), 1e-15);
        // ranks 1 and 2 both weigh 1
        assertEquals(1.0, Awrf.discount(1), 0);
        assertEquals(1.0, Awrf.discount(2), 0);
        assertThrows(IllegalArgumentException.class, () -> Awrf.of(new String[0], new boolean[0], 0, Map.of("a", 1.0), 500));
        assertThrows(IllegalArgumentException.class, () -> Awrf.of(new String[] {"a"}, new boolean[] {true}, 1, Map.of("a", 0.0), 500));
    }
}
