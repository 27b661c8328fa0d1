package dev.fairway.explain.ranking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.AttributionMethod;
import dev.fairway.explain.LinearModel;
import dev.fairway.explain.Link;
import dev.fairway.explain.Model;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyPropertiesTest;
import dev.fairway.explain.Provenance;
import dev.fairway.explain.TestModels;
import dev.fairway.explain.reasons.NoticeRenderer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RankedListExplainerTest {
    static final List<String> NAMES = List.of("history", "similar", "popularity", "location");

    static Attribution attribution(double... phi) {
        Provenance p = new Provenance(AttributionMethod.EXACT, 0, 0, 0, "sha256:test", 0, 0, Link.IDENTITY);
        double sum = 0;
        for (double v : phi) {
            sum += v;
        }
        return new Attribution(NAMES, phi, new double[phi.length], 0, sum, p);
    }

    @Test
    void whyAboveOnALinearScorerIsTheWeightedDifference() {
        LinearModel scorer = LinearModel.of(0.1, new double[] {2, -1, 0.5});
        RankedListExplainer e = RankedListExplainer.builder(scorer).players(Players.of(List.of("a", "b", "c"))).build();
        Attribution a = e.whyAbove(new double[] {3, 1, 2}, new double[] {1, 1, 4});
        // w ⊙ (A − B) = (2·2, −1·0, 0.5·(−2)) = (4, 0, −1); f(A) − f(B) = 3.
        assertArrayEquals(new double[] {4, 0, -1}, a.values(), 1e-12);
        assertEquals(3.0, a.prediction() - a.baseValue(), 1e-12);
    }

    @Test
    void productWithZeroBaselineSplitsEvenly() {
        // ORACLES.md item 3 with single baseline 0: φ = (x1 x2 / 2, x1 x2 / 2).
        Model product = TestModels.of(2, 1, (r, off, out, o) -> out[o] = r[off] * r[off + 1]);
        RankedListExplainer e = RankedListExplainer.builder(product).players(Players.of(List.of("x1", "x2"))).build();
        assertArrayEquals(new double[] {6, 6}, e.marginToCutoff(new double[] {3, 4}, new double[] {0, 0}).values(), 1e-12);
    }

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 30).mapToObj(s -> Arguments.of(0x5EA7L * 1000 + s));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void swappingItemsFlipsTheSignsAndValuesAddUpToTheGap(long seed) {
        ShapleyPropertiesTest.Case c = ShapleyPropertiesTest.randomCase(seed, 2, 6);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] b = new double[c.m()];
        for (int j = 0; j < b.length; j++) {
            b[j] = rnd.nextDouble(-2, 2);
        }
        RankedListExplainer e = RankedListExplainer.builder(c.model()).players(Players.of(TestModels.names(c.m()))).build();
        Attribution ab = e.whyAbove(c.x(), b);
        Attribution ba = e.whyAbove(b, c.x());
        double gap = TestModels.predictOne(c.model(), c.x(), 0) - TestModels.predictOne(c.model(), b, 0);
        double sum = 0;
        for (int j = 0; j < c.m(); j++) {
            assertEquals(-ab.value(j), ba.value(j), 1e-9, "feature " + j);
            sum += ab.value(j);
        }
        assertEquals(gap, sum, 1e-9);
    }

    @Test
    void seeingThisGroupsPositiveSignalsAndNeverMentionsWithheldOnes() {
        Map<String, SignalKind> kinds = Map.of("history", SignalKind.HISTORY_ITEM, "similar", SignalKind.SIMILAR_USERS,
                "popularity", SignalKind.POPULARITY, "location", SignalKind.LOCATION);
        SeeingThis s = RankedListExplainer.seeingThis(attribution(0.3, 0.2, -0.1, 0.4), kinds, true, Set.of("location"));
        // Positive, not withheld: history 0.3, similar 0.2 ⇒ shares 0.6 and 0.4.
        assertEquals(2, s.signals().size());
        assertEquals(SignalKind.HISTORY_ITEM, s.signals().get(0).kind());
        assertEquals(0.6, s.signals().get(0).share(), 1e-12);
        assertEquals(0.4, s.signals().get(1).share(), 1e-12);
        assertEquals("Why you are seeing this:\n"
                + "Sponsored: this placement is paid for\n"
                + "Because of items you viewed or bought before\n"
                + "Because people with similar interests engaged with it",
                NoticeRenderer.standard().render(s, Locale.ENGLISH));
        assertEquals("Warum Ihnen das angezeigt wird:\n"
                + "Wegen Artikeln, die Sie sich früher angesehen oder gekauft haben\n"
                + "Weil Personen mit ähnlichen Interessen sich dafür interessiert haben",
                NoticeRenderer.standard().render(
                        RankedListExplainer.seeingThis(attribution(0.3, 0.2, -0.1, 0.4), kinds, false, Set.of("location")),
                        Locale.GERMAN));
    }

    @Test
    void mainParametersByHand() {
        MainParameters mp = MainParameters.empty(NAMES);
        mp.add(attribution(0.3, -0.1, 0.0, 0.2)).add(attribution(-0.1, 0.3, 0.2, 0.0));
        // Σ|φ| = (0.4, 0.4, 0.2, 0.2), total 1.2, two requests.
        MainParametersReport r = mp.report(true);
        assertEquals(2, r.requests());
        assertEquals(List.of("history", "similar", "popularity", "location"),
                r.parameters().stream().map(ParameterShare::parameter).toList());
        assertEquals(0.2, r.parameters().get(0).meanAbsolute(), 1e-12);
        assertEquals(1.0 / 3, r.parameters().get(0).share(), 1e-12);
        assertEquals(1.0 / 6, r.parameters().get(3).share(), 1e-12);
        assertEquals("Main parameters of our recommendations (over 2 requests):\n"
                + "history: 33%\nsimilar: 33%\npopularity: 17%\nlocation: 17%\n"
                + "You can choose recommendations that are not based on profiling.",
                NoticeRenderer.standard().render(r, Locale.ENGLISH));
        assertThrows(IllegalArgumentException.class, () -> mp.add(new Attribution(List.of("x"), new double[] {1},
                new double[] {0}, 0, 1, attribution(0, 0, 0, 0).provenance())));
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void mergeIsOrderFree(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Attribution[] as = new Attribution[10];
        for (int i = 0; i < as.length; i++) {
            as[i] = attribution(rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1), rnd.nextDouble(-1, 1));
        }
        MainParameters all = MainParameters.empty(NAMES);
        MainParameters left = MainParameters.empty(NAMES);
        MainParameters right = MainParameters.empty(NAMES);
        int cut = rnd.nextInt(as.length + 1);
        for (int i = 0; i < as.length; i++) {
            all.add(as[i]);
            (i < cut ? left : right).add(as[i]);
        }
        MainParametersReport whole = all.report(false);
        MainParametersReport merged = right.add(left).report(false);
        assertEquals(whole.requests(), merged.requests());
        for (int i = 0; i < NAMES.size(); i++) {
            assertEquals(whole.parameters().get(i).parameter(), merged.parameters().get(i).parameter());
            assertEquals(whole.parameters().get(i).share(), merged.parameters().get(i).share(), 1e-12);
        }
    }
}
