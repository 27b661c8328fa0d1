package dev.fairway.explain.reasons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants of reason selection over random attributions, policies and consent choices. */
class ReasonPropertiesTest {

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 200).mapToObj(s -> Arguments.of(0xCAFE0000L + s));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void neverCitesProtectedOrWithheldAndKeepsOrder(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ReasonCatalogue catalogue = ReasonPolicyTest.catalogue();
        List<String> players = ReasonPolicyTest.PLAYERS;
        double[] phi = new double[players.size()];
        int[] dev = new int[players.size()];
        for (int p = 0; p < phi.length; p++) {
            // Few distinct magnitudes so that ties happen.
            phi[p] = (rnd.nextInt(7) - 4) * 0.05;
            dev[p] = rnd.nextInt(3) - 1;
        }
        Set<String> prot = new HashSet<>();
        Set<String> held = new HashSet<>();
        for (String p : players) {
            int c = rnd.nextInt(5);
            if (c == 0) {
                prot.add(p);
            } else if (c == 1) {
                held.add(p);
            }
        }
        int k = 1 + rnd.nextInt(5);
        double min = rnd.nextInt(3) * 0.05;
        ReasonResult r = ReasonPolicy.builder(catalogue, "ref").topK(k).minimumImpact(min)
                .protectedPlayers(prot).withheldPlayers(held).build()
                .select(ReasonPolicyTest.attribution(phi), dev);
        assertTrue(r.cited().size() <= k);
        assertEquals(r.cited().isEmpty(), r.noSpecificReason());
        double last = Double.POSITIVE_INFINITY;
        int lastRank = 0;
        for (CitedReason c : r.cited()) {
            for (String p : catalogue.reason(c.code()).covers()) {
                assertFalse(prot.contains(p) || held.contains(p), "cited " + c.code() + " covers " + p);
            }
            assertTrue(c.impact() >= min && c.impact() > 0);
            assertTrue(c.impact() <= last + 1e-9, "ordered by impact");
            assertTrue(c.rank() > lastRank, "ranks increase");
            last = c.impact();
            lastRank = c.rank();
        }
        // Completeness: a citable reason left out has no more impact than the last one cited, and
        // when fewer than k are cited every citable qualifying reason is cited.
        Set<String> citedCodes = new HashSet<>();
        r.cited().forEach(c -> citedCodes.add(c.code()));
        for (int i = 0; i < catalogue.reasons().size(); i++) {
            ReasonCode rc = catalogue.reasons().get(i);
            if (citedCodes.contains(rc.code())) {
                continue;
            }
            boolean citable = rc.covers().stream().noneMatch(p -> prot.contains(p) || held.contains(p));
            double impact = 0;
            for (String p : rc.covers()) {
                int idx = players.indexOf(p);
                if (rc.direction().matches(dev[idx])) {
                    impact -= phi[idx];
                }
            }
            if (citable && impact > 0 && impact >= min) {
                assertTrue(r.cited().size() == k && impact <= last + 1e-9, rc.code() + " with impact " + impact + " left out");
            }
        }
        String notice = NoticeRenderer.standard().render(r, Locale.ENGLISH, Audience.PERSON);
        for (SuppressedReason s : r.suppressed()) {
            String text = NoticeRenderer.standard().message(catalogue.reason(s.code()).messageKey(), Locale.ENGLISH);
            assertFalse(notice.contains(text), "suppressed " + s.code() + " leaked into " + notice);
        }
    }
}
