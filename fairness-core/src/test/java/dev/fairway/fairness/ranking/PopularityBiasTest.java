package dev.fairway.fairness.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Popularity bias against RecBole's and Elliot's own code run on a small catalog
 * (src/test/resources/ranking/popularity_oracle.txt, see the README there) and a hand count.
 */
class PopularityBiasTest {

    /** The oracle's catalog, lists and values. */
    static Map<String, String> oracle() throws IOException {
        Map<String, String> values = new HashMap<>();
        try (InputStream in = PopularityBiasTest.class.getResourceAsStream("/ranking/popularity_oracle.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing ranking/popularity_oracle.txt");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("# ")) {
                    int colon = line.indexOf(':');
                    values.put(line.substring(2, colon), line.substring(colon + 1).strip());
                } else if (!line.isBlank()) {
                    int comma = line.indexOf(',');
                    values.put(line.substring(0, comma), line.substring(comma + 1).strip());
                }
            }
        }
        return values;
    }

    static int[] ints(String s) {
        return Arrays.stream(s.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void agreesWithRecBoleAndElliot() throws IOException {
        Map<String, String> o = oracle();
        double[] popularity = Arrays.stream(ints(o.get("catalog popularity (item 0..11)"))).asDoubleStream().toArray();
        int k = Integer.parseInt(o.get("k"));
        PopularityBias b = PopularityBias.of(popularity, k);
        for (int u = 0; o.containsKey("list " + u); u++) {
            int[] list = ints(o.get("list " + u));
            b.record(list, list.length);
        }
        assertEquals(Double.parseDouble(o.get("arp_recbole")), b.arp(), 1e-12);
        assertEquals(Double.parseDouble(o.get("arp_elliot")), b.arp(), 1e-12);
        assertEquals(Double.parseDouble(o.get("coverage_recbole")), b.coverage(), 1e-12);
        assertEquals(Double.parseDouble(o.get("gini_recbole_true_catalog")), b.gini(), 1e-12);
        assertEquals(Double.parseDouble(o.get("aplt_elliot")), b.aplt(), 1e-12);
        assertEquals(Double.parseDouble(o.get("aclt_elliot")), b.aclt(), 1e-12);
        assertEquals(Double.parseDouble(o.get("shannon_entropy_elliot_bits")), b.entropy(), 1e-12);
        int[] tail = ints(o.get("long_tail_elliot"));
        assertEquals(tail.length, b.longTailItems());
        for (int item : tail) {
            assertTrue(b.inLongTail(item), "item " + item + " in Elliot's long tail");
        }
    }

    @Test
    void handCountedCatalog() {
        // 5 items, popularity 6 2 1 1 0 (total 10, 80 % = 8): head = {0, 1} (6, then 8 reaches 8)
        PopularityBias b = PopularityBias.of(new double[] {6, 2, 1, 1, 0}, 2);
        assertEquals(3, b.longTailItems());
        assertFalse(b.inLongTail(1));
        assertTrue(b.inLongTail(2));
        b.record(new int[] {0, 2, 1}, 3); // top 2: 0, 2
        b.record(new int[] {0, 1}, 2);
        // ARP = ((6+1)/2 + (6+2)/2) / 2 = 3.75; APLT = (1/2 + 0) / 2; ACLT = (1 + 0) / 2
        assertEquals(3.75, b.arp(), 0);
        assertEquals(0.25, b.aplt(), 0);
        assertEquals(0.5, b.aclt(), 0);
        // counts 2 1 1 0 0 -> coverage 3/5; sorted 0 0 1 1 2, n=5, sum 4:
        // gini = ((2*3-6)*1 + (2*4-6)*1 + (2*5-6)*2) / (5*4) = (0 + 2 + 8) / 20
        assertEquals(0.6, b.coverage(), 0);
        assertEquals(0.5, b.gini(), 1e-15);
        // q = 1/2, 1/4, 1/4 -> 1.5 bits
        assertEquals(1.5, b.entropy(), 1e-15);
    }

    /** reclist#7: the popularity of the top k is divided by the length of the top k, not of the list. */
    @Test
    void reclist7ArpDividesByTheTopK() {
        PopularityBias b = PopularityBias.of(new double[] {10, 0, 0, 0}, 1);
        b.record(new int[] {0, 1, 2, 3}, 4);
        assertEquals(10, b.arp(), 0); // reclist's popularity_bias_at_k divides by len(list) = 4 and gives 2.5
    }

    @Test
    void mergeEqualsOnePassAndBadListsAreRefused() {
        double[] pop = {5, 4, 3, 2, 1, 1, 0};
        PopularityBias one = PopularityBias.of(pop, 3);
        PopularityBias a = PopularityBias.of(pop, 3);
        PopularityBias c = PopularityBias.of(pop, 3);
        int[][] lists = {{0, 1, 2}, {6, 5, 4, 3}, {2, 0}, {3, 4, 6}};
        for (int i = 0; i < lists.length; i++) {
            one.record(lists[i], lists[i].length);
            (i % 2 == 0 ? a : c).record(lists[i], lists[i].length);
        }
        PopularityBias m = c.merge(a);
        assertEquals(one.arp(), m.arp(), 0);
        assertEquals(one.aplt(), m.aplt(), 0);
        assertEquals(one.gini(), m.gini(), 0);
        assertEquals(one.entropy(), m.entropy(), 0);
        assertThrows(IllegalArgumentException.class, () -> one.record(new int[] {1, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> one.record(new int[] {9}, 1));
        assertThrows(IllegalArgumentException.class, () -> one.record(new int[0], 0));
        assertTrue(Double.isNaN(PopularityBias.of(pop, 3).arp()));
    }
}
