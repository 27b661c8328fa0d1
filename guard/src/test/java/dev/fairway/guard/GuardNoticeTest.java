package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.Background;
import dev.fairway.explain.LinearModel;
import dev.fairway.explain.reasons.AdverseDirection;
import dev.fairway.explain.reasons.Audience;
import dev.fairway.explain.reasons.CitedReason;
import dev.fairway.explain.reasons.NoticeKind;
import dev.fairway.explain.reasons.NoticeRenderer;
import dev.fairway.explain.reasons.ReasonCatalogue;
import dev.fairway.explain.reasons.ReasonCode;
import dev.fairway.explain.reasons.ReasonPolicy;
import dev.fairway.fairness.live.LiveCounts;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One call from a decision to what a person reads: outcome-aware, and never citing what was withheld. */
class GuardNoticeTest {
    static final ReasonCatalogue CATALOGUE = ReasonCatalogue.of("test", "1", List.of(
            ReasonCode.of("R01", "reason.income.insufficient", List.of("income"), AdverseDirection.BELOW_REFERENCE, Set.of()),
            ReasonCode.of("R02", "reason.employment.length", List.of("age"), AdverseDirection.ANY, Set.of()),
            ReasonCode.of("R03", "reason.residence.length", List.of("zip"), AdverseDirection.ANY, Set.of()),
            ReasonCode.of("R04", "reason.history.insufficient", List.of("tenure"), AdverseDirection.BELOW_REFERENCE,
                    Set.of())));
    static final Background BG = Background.of(GuardExplainTest.BG, 2, 4);
    static final String FOOTER = "You may ask which information was used and how a change would alter the outcome.";

    static Guard guard(double[] w) {
        return Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build())
                .model("v1", LinearModel.of(0, w, GuardExplainTest.NAMES)).dropDefault("income", 42)
                .nonPersonalised("default", 0.1).nonPersonalisedWithoutPersonalData().explainers(BG)
                .notices(ReasonPolicy.builder(CATALOGUE, "mean of the reference applicants").build(), BG,
                        NoticeRenderer.standard()).build();
    }

    @Test
    void aDeclineGivesItsPrincipalReasonsAndAnApprovalWhatHelped() {
        // score = 0.01 income + 0.002 age + 0.00001 zip + 0.02 tenure; alice withholds age (seen as its band, 30)
        Guard guard = guard(new double[] {0.01, 0.002, 0.00001, 0.02});
        guard.consent("alice", GuardTest.snapshot("alice", "profile_selection", "measurement", "contextual_selection"),
                EnumSet.noneOf(RequestMode.class));
        Decision d = new Decision();
        double[] decline = {10, 37, 15000, 3};
        guard.decide("alice", decline, 0, d);
        assertFalse(d.prediction(), "0.1 + 0.06 + 0.15 + 0.06 = 0.37 < 0.5");
        Notice n = guard.notice("alice", decline, d, Locale.ENGLISH, Audience.PERSON);
        assertEquals(NoticeKind.ADVERSE, n.kind());
        // by hand: phi_income = 0.01 (10 - 40) = -0.3, the only non-zero value: R01 alone
        assertEquals("Our decision did not go your way. The principal reason: Income insufficient for the amount of "
                + "credit requested.", n.shortText());
        assertEquals("Principal reasons for our decision:\n1. Income insufficient for the amount of credit requested\n"
                + FOOTER, n.fullText());
        assertEquals(0.3, n.reasons().cited().get(0).impact(), 1e-9);

        double[] approve = {90, 37, 15000, 3};
        guard.decide("alice", approve, 0, d);
        assertTrue(d.prediction());
        n = guard.notice("alice", approve, d, Locale.ENGLISH, Audience.PERSON);
        assertEquals(NoticeKind.FAVOURABLE, n.kind());
        assertEquals("Our decision went your way. What helped most: Your income in relation to the amount of credit "
                + "requested.", n.shortText());
        assertEquals("What helped our decision:\n1. Your income in relation to the amount of credit requested\n" + FOOTER,
                n.fullText());
        assertFalse(n.fullText().contains("Principal reasons"));
        assertEquals(0.5, n.reasons().cited().get(0).impact(), 1e-9, "phi_income = 0.01 (90 - 40)");
        Notice de = guard.notice("alice", approve, d, Locale.GERMAN, Audience.PERSON);
        assertEquals("Unsere Entscheidung fiel zu Ihren Gunsten aus. Am meisten beigetragen hat: Ihr Einkommen im "
                + "Verhältnis zum beantragten Kreditbetrag.", de.shortText());
    }

    @Test
    void aDecisionWithoutPersonalDataSaysSoInEnglishAndGerman() {
        Guard guard = guard(new double[] {0.01, 0.002, 0.00001, 0.02});
        Decision d = new Decision();
        double[] row = {10, 37, 15000, 3};
        guard.decide("nobody", row, 0, d);
        assertEquals(DecisionLog.Route.NON_PERSONALISED, d.route());
        Notice en = guard.notice("nobody", row, d, Locale.ENGLISH, Audience.PERSON);
        assertEquals(NoticeKind.WITHOUT_PERSONAL_DATA, en.kind());
        assertEquals("We decided without the information you withheld.", en.shortText());
        assertTrue(en.fullText().startsWith("We decided without the information you withheld: no personal information"),
                en.fullText());
        assertTrue(en.reasons().cited().isEmpty());
        Notice de = guard.notice("nobody", row, d, Locale.GERMAN, Audience.PERSON);
        assertEquals("Wir haben ohne die Angaben entschieden, die Sie zurückgehalten haben.", de.shortText());
        Notice auditor = guard.notice("nobody", row, d, Locale.ENGLISH, Audience.AUDITOR);
        assertTrue(auditor.fullText().startsWith("Decision without personal data: nothing cited"), auditor.fullText());
    }

    @Test
    void whySeeingExplainsTheItemAtAPositionWithTheModelThatRankedIt() {
        dev.fairway.guard.monitor.LiveExposure exposure = dev.fairway.guard.monitor.LiveExposure
                .builder(List.of("a", "b")).build();
        Guard guard = Guard.builder(GuardTest.PLAN, LiveCounts.builder(GuardTest.GROUPS).build())
                .model("ranker-v1", LinearModel.of(0, new double[] {0.01, 0, 0, 0.02}, GuardExplainTest.NAMES))
                .dropDefault("income", 42).explainers(BG).ranking(exposure, dev.fairway.fairness.ranking.BrowsingModel.log2())
                .notices(ReasonPolicy.builder(CATALOGUE, "mean of the reference").build(), BG, NoticeRenderer.standard())
                .build();
        guard.consent("alice", GuardTest.snapshot("alice", "profile_selection", "contextual_selection"),
                EnumSet.noneOf(RequestMode.class));
        // candidate 1 has the higher income (90 vs 20) and is shown first; its income helped it (0.01 (90 - 40) = 0.5),
        // its tenure 3 sits at the reference mean (0)
        RankedSlate slate = guard.rank("alice", new double[] {20, 30, 0, 3, 90, 30, 0, 3}, new int[] {0, 1}, 2);
        assertEquals(1, slate.candidate(0));
        Notice n = guard.whySeeing("alice", slate, 0, Locale.ENGLISH, Audience.PERSON);
        assertEquals(NoticeKind.FAVOURABLE, n.kind());
        assertEquals("ranker-v1", n.model());
        assertEquals("What helped our decision:\n1. Your income in relation to the amount of credit requested\n" + FOOTER,
                n.fullText());
        assertEquals(0.5, n.reasons().cited().get(0).impact(), 1e-9);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> guard.whySeeing("alice", slate, 2, Locale.ENGLISH, Audience.PERSON));
    }

    static Stream<Arguments> seeds() {
        return IntStream.range(0, 40).mapToObj(i -> Arguments.of(2026L + i));
    }

    /**
     * Property: for random consent, rows and weights, no notice (person or auditor, adverse or
     * favourable) cites a reason covering a feature withheld from the decision, and the person's
     * text never holds such a reason's text.
     */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void withheldFeaturesAreNeverCited(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[4];
        for (int j = 0; j < 4; j++) {
            w[j] = (r.nextDouble() - 0.5) * (j == 2 ? 0.0001 : 0.04);
        }
        Guard guard = guard(w);
        List<String> purposes = new ArrayList<>();
        for (String p : List.of("profile_selection", "profile_building", "measurement", "contextual_selection")) {
            if (r.nextBoolean()) {
                purposes.add(p);
            }
        }
        guard.consent("s", GuardTest.snapshot("s", purposes.toArray(new String[0])), EnumSet.noneOf(RequestMode.class));
        Decision d = new Decision();
        for (int k = 0; k < 5; k++) {
            double[] row = {r.nextDouble(0, 100), r.nextDouble(18, 80), r.nextDouble(1000, 30000), r.nextDouble(0, 10)};
            guard.decide("s", row, 0, d);
            for (Audience audience : Audience.values()) {
                Notice n = guard.notice("s", row, d, Locale.ENGLISH, audience);
                for (CitedReason c : n.reasons().cited()) {
                    for (String p : c.players()) {
                        assertFalse(d.withheld().contains(p), "seed " + seed + ": cited " + c.code() + " for withheld " + p);
                    }
                    for (String covered : CATALOGUE.reason(c.code()).covers()) {
                        assertFalse(d.withheld().contains(covered), "seed " + seed + ": " + c.code() + " covers " + covered);
                    }
                }
                if (audience == Audience.PERSON) {
                    for (ReasonCode rc : CATALOGUE.reasons()) {
                        if (d.withheld().contains(rc.covers().get(0))) {
                            String text = NoticeRenderer.standard().message(rc.messageKey(), Locale.ENGLISH);
                            assertFalse(n.fullText().contains(text), "seed " + seed + ": " + n.fullText());
                        }
                    }
                }
            }
        }
    }
}
