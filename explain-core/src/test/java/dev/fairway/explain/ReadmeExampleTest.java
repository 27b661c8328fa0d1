package dev.fairway.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fairway.explain.reasons.AdverseDirection;
import dev.fairway.explain.reasons.Audience;
import dev.fairway.explain.reasons.NoticeRenderer;
import dev.fairway.explain.reasons.ReasonCatalogue;
import dev.fairway.explain.reasons.ReasonCode;
import dev.fairway.explain.reasons.ReasonPolicy;
import dev.fairway.explain.reasons.ReasonResult;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's explain example, kept true: a model and an applicant to a German notice. */
class ReadmeExampleTest {

    @Test
    void fromModelAndApplicantToAGermanNotice() {
        // --- README example start
        LogisticModel model = LogisticModel.of(-0.5, new double[] {0.8, -2.0, 0.25, -0.5, 0.05});
        Players players = Players.of(List.of("income", "debt_ratio", "history_years", "inquiries", "age"));
        Background approved = Background.of(new double[] {
            5, 0.2, 8, 0, 45, 4, 0.3, 6, 1, 38, 6, 0.1, 10, 0, 52, 5, 0.4, 4, 1, 33}, 4, 5);
        double[] applicant = {2.5, 0.6, 2, 3.5, 24};

        Attribution phi = ShapleyExplainer.builder(model, approved).players(players).link(Link.LOGIT).build()
                .explain(applicant);
        ReasonCatalogue catalogue = ReasonCatalogue.of("credit", "2026-11", List.of(
                ReasonCode.of("R01", "reason.income.insufficient", List.of("income"),
                        AdverseDirection.BELOW_REFERENCE, Set.of()),
                ReasonCode.of("R02", "reason.obligations.excessive", List.of("debt_ratio"),
                        AdverseDirection.ABOVE_REFERENCE, Set.of()),
                ReasonCode.of("R03", "reason.history.insufficient", List.of("history_years"),
                        AdverseDirection.BELOW_REFERENCE, Set.of()),
                ReasonCode.of("R04", "reason.inquiries", List.of("inquiries"), AdverseDirection.ANY, Set.of()),
                ReasonCode.of("R05", "reason.employment.length", List.of("age"), AdverseDirection.ANY, Set.of())));
        ReasonPolicy policy = ReasonPolicy.builder(catalogue, "approved applicants")
                .protectedPlayers(Set.of("age"))
                .notices(NoticeRenderer.standard(), Locale.ENGLISH, Locale.GERMAN)   // every key checked now
                .build();
        ReasonResult reasons = policy.select(phi, ReasonPolicy.deviations(players, applicant, approved));
        String notice = NoticeRenderer.standard().render(reasons, Locale.GERMAN, Audience.PERSON);
        // --- README example end
        // Log-odds contributions w_j (x_j − mean_j): income −2.0, debt −0.7, history −1.25,
        // inquiries −1.5, age −0.9 (protected, never cited) ⇒ R01, R04, R03, R02.
        assertEquals("Die wesentlichen Gründe für unsere Entscheidung:\n"
                + "1. Einkommen für den beantragten Kreditbetrag nicht ausreichend\n"
                + "2. Zu viele Kreditanfragen in letzter Zeit\n"
                + "3. Kredithistorie zu kurz\n"
                + "4. Zu hohe Verpflichtungen im Verhältnis zum Einkommen\n"
                + "Sie können erfragen, welche Daten verwendet wurden und wie eine Änderung das Ergebnis beeinflussen würde.",
                notice);
        assertEquals("R05", reasons.suppressed().get(0).code());
    }
}
