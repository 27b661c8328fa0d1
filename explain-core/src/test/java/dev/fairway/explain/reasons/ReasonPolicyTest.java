package dev.fairway.explain.reasons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.AttributionMethod;
import dev.fairway.explain.Link;
import dev.fairway.explain.Provenance;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reason selection and rendering on hand-made attributions whose answers are counted by hand. */
public class ReasonPolicyTest {
    /** Public only for the helpers other test packages share; JUnit creates it. */
    ReasonPolicyTest() {
    }

    static final List<String> PLAYERS = List.of("income", "debt", "history", "age", "postcode", "inquiries");

    public static ReasonCatalogue catalogue() {
        return ReasonCatalogue.of("credit", "2026-11", List.of(
                ReasonCode.of("R01", "reason.income.insufficient", List.of("income"), AdverseDirection.BELOW_REFERENCE, Set.of()),
                ReasonCode.of("R02", "reason.obligations.excessive", List.of("debt"), AdverseDirection.ABOVE_REFERENCE, Set.of()),
                ReasonCode.of("R03", "reason.history.insufficient", List.of("history"), AdverseDirection.ANY, Set.of()),
                ReasonCode.of("R04", "reason.residence.length", List.of("postcode"), AdverseDirection.ANY, Set.of("location")),
                ReasonCode.of("R05", "reason.inquiries", List.of("inquiries"), AdverseDirection.ANY, Set.of()),
                ReasonCode.of("R06", "reason.employment.length", List.of("age"), AdverseDirection.ANY, Set.of("protected"))));
    }

    public static Attribution attribution(double... phi) {
        Provenance p = new Provenance(AttributionMethod.EXACT, 0, 0, 0, "sha256:test", 0, 0, Link.IDENTITY);
        double sum = 0;
        for (double v : phi) {
            sum += v;
        }
        return new Attribution(PLAYERS, phi, new double[phi.length], 0.5, 0.5 + sum, p);
    }

    // Deviations: income below, debt above, history below, age above, postcode above, inquiries above.
    public static final int[] DEV = {-1, 1, -1, 1, 1, 1};

    @Test
    void ranksByImpactAndCitesTopFour() {
        // Adverse contribution = −φ: income .30, debt .20, history .05, age .25, postcode .10, inquiries .15
        ReasonResult r = ReasonPolicy.builder(catalogue(), "approved applicants").protectedPlayers(Set.of("age"))
                .build().select(attribution(-0.30, -0.20, -0.05, -0.25, -0.10, -0.15), DEV);
        // Ranking by hand: R01 .30, R06 .25 (protected), R02 .20, R05 .15, R04 .10, R03 .05.
        assertEquals(List.of("R01", "R02", "R05", "R04"), r.cited().stream().map(CitedReason::code).toList());
        assertEquals(List.of(1, 3, 4, 5), r.cited().stream().map(CitedReason::rank).toList());
        assertEquals(0.30, r.cited().get(0).impact(), 1e-12);
        assertEquals(1, r.suppressed().size());
        SuppressedReason s = r.suppressed().get(0);
        assertEquals("R06", s.code());
        assertEquals(2, s.rank());
        assertFalse(r.noSpecificReason());
        assertTrue(r.personView().suppressed().isEmpty());
    }

    @Test
    void protectedAndWithheldAreNeverCited() {
        ReasonPolicy policy = ReasonPolicy.builder(catalogue(), "approved applicants")
                .protectedPlayers(Set.of("age")).withheldPlayers(Set.of("postcode")).build();
        ReasonResult r = policy.select(attribution(-0.30, -0.20, -0.05, -0.25, -0.10, -0.15), DEV);
        assertEquals(List.of("R01", "R02", "R05", "R03"), r.cited().stream().map(CitedReason::code).toList());
        assertEquals(List.of("R06", "R04"), r.suppressed().stream().map(SuppressedReason::code).toList());
        assertEquals(SuppressedReason.Cause.PROTECTED, r.suppressed().get(0).cause());
        assertEquals(SuppressedReason.Cause.WITHHELD, r.suppressed().get(1).cause());
        String person = NoticeRenderer.standard().render(r, Locale.ENGLISH, Audience.PERSON);
        assertFalse(person.contains("Length of residence"), person);
        assertFalse(person.contains("Length of employment"), person);
    }

    @Test
    void directionMustMatch() {
        // Debt hurts (φ < 0) but lies below the reference: the "excessive obligations" reason does not apply.
        int[] dev = DEV.clone();
        dev[1] = -1;
        ReasonResult r = ReasonPolicy.builder(catalogue(), "ref").build()
                .select(attribution(0, -0.4, 0, 0, 0, 0), dev);
        assertTrue(r.noSpecificReason());
        assertTrue(r.cited().isEmpty());
    }

    @Test
    void tiesFollowCatalogueOrder() {
        ReasonResult r = ReasonPolicy.builder(catalogue(), "ref").topK(2).build()
                .select(attribution(0, 0, -0.1, 0, 0, -0.1), DEV);
        assertEquals(List.of("R03", "R05"), r.cited().stream().map(CitedReason::code).toList());
        ReasonResult one = ReasonPolicy.builder(catalogue(), "ref").topK(1).build()
                .select(attribution(0, 0, -0.1, 0, 0, -0.1), DEV);
        assertEquals(List.of("R03"), one.cited().stream().map(CitedReason::code).toList());
    }

    @Test
    void floatingPointNoiseDoesNotBreakTies() {
        // −1.25 from a closed form and −1.2500000000000153 from an enumeration are the same impact.
        ReasonResult r = ReasonPolicy.builder(catalogue(), "ref").topK(2).build()
                .select(attribution(0, 0, -1.2500000000000153, 0, 0, -1.25), DEV);
        assertEquals(List.of("R03", "R05"), r.cited().stream().map(CitedReason::code).toList());
        r = ReasonPolicy.builder(catalogue(), "ref").topK(2).build()
                .select(attribution(0, 0, -1.25, 0, 0, -1.2500000000000153), DEV);
        assertEquals(List.of("R03", "R05"), r.cited().stream().map(CitedReason::code).toList());
    }

    @Test
    void minimumImpactAndNoSpecificReason() {
        ReasonPolicy policy = ReasonPolicy.builder(catalogue(), "ref").minimumImpact(0.05).build();
        ReasonResult r = policy.select(attribution(-0.049, 0.3, -0.01, 0, 0, 0.2), DEV);
        assertTrue(r.noSpecificReason());
        assertEquals("No specific reason stands out: the decision reflects your application as a whole.\n"
                + "You may ask which information was used and how a change would alter the outcome.",
                NoticeRenderer.standard().render(r, Locale.ENGLISH, Audience.PERSON));
        ReasonResult r2 = policy.select(attribution(-0.05, 0, 0, 0, 0, 0), DEV);
        assertEquals(List.of("R01"), r2.cited().stream().map(CitedReason::code).toList());
    }

    @Test
    void riskScoresFlipTheSign() {
        ReasonResult r = ReasonPolicy.builder(catalogue(), "ref").higherIsFavourable(false).build()
                .select(attribution(0.2, -0.3, 0, 0, 0, 0.1), DEV);
        assertEquals(List.of("R01", "R05"), r.cited().stream().map(CitedReason::code).toList());
    }

    @Test
    void germanNoticeForPersonAndAuditor() {
        ReasonPolicy policy = ReasonPolicy.builder(catalogue(), "Mittelwert genehmigter Anträge")
                .protectedPlayers(Set.of("age")).build();
        ReasonResult r = policy.select(attribution(-0.5, -0.25, 0, -0.375, 0, 0), DEV);
        assertEquals("Die wesentlichen Gründe für unsere Entscheidung:\n"
                + "1. Einkommen für den beantragten Kreditbetrag nicht ausreichend\n"
                + "2. Zu hohe Verpflichtungen im Verhältnis zum Einkommen\n"
                + "Sie können erfragen, welche Daten verwendet wurden und wie eine Änderung das Ergebnis beeinflussen würde.",
                NoticeRenderer.standard().render(r, Locale.GERMAN, Audience.PERSON));
        assertEquals("Gründe (Katalog credit, Version 2026-11; Referenz: Mittelwert genehmigter Anträge)\n"
                + "1. Einkommen für den beantragten Kreditbetrag nicht ausreichend [R01]: Einfluss 0,5000\n"
                + "3. Zu hohe Verpflichtungen im Verhältnis zum Einkommen [R02]: Einfluss 0,2500\n"
                + "Aus dem Bescheid entfernt: Rang 2, R06 (geschütztes Merkmal), Einfluss 0,3750",
                NoticeRenderer.standard().render(r, Locale.GERMAN, Audience.AUDITOR));
        assertTrue(NoticeRenderer.standard().render(r, Locale.ENGLISH, Audience.AUDITOR)
                .contains("[R01]: impact 0.5000"));
    }

    @Test
    void catalogueValidation() {
        assertThrows(IllegalArgumentException.class, () -> ReasonCatalogue.of("c", "1", List.of(
                ReasonCode.of("A", "k", List.of("x"), AdverseDirection.ANY, Set.of()),
                ReasonCode.of("A", "k", List.of("y"), AdverseDirection.ANY, Set.of()))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReasonCatalogue.of("c", "1",
                List.of(ReasonCode.of("A", "k", List.of("x"), AdverseDirection.ABOVE_REFERENCE, Set.of()),
                        ReasonCode.of("B", "k", List.of("x"), AdverseDirection.ANY, Set.of()))));
        assertTrue(e.getMessage().contains("'x'"), e.getMessage());
        // Opposite directions on one player are fine.
        ReasonCatalogue.of("c", "1", List.of(
                ReasonCode.of("A", "k", List.of("x"), AdverseDirection.ABOVE_REFERENCE, Set.of()),
                ReasonCode.of("B", "k", List.of("x"), AdverseDirection.BELOW_REFERENCE, Set.of())));
        assertThrows(IllegalArgumentException.class, () -> ReasonPolicy.builder(catalogue(), " "));
        assertThrows(IllegalArgumentException.class, () -> ReasonPolicy.builder(catalogue(), "r").topK(0));
    }

    @Test
    void missingKeyNamesKeyAndLocale() {
        ReasonCatalogue c = ReasonCatalogue.of("c", "1",
                List.of(ReasonCode.of("A", "reason.nowhere", List.of("income"), AdverseDirection.ANY, Set.of())));
        ReasonResult r = ReasonPolicy.builder(c, "ref").build().select(attribution(-1, 0, 0, 0, 0, 0), DEV);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NoticeRenderer.standard().render(r, Locale.GERMAN, Audience.PERSON));
        assertTrue(e.getMessage().contains("reason.nowhere") && e.getMessage().contains("de"), e.getMessage());
    }

    @Test
    void everyMessageKeyIsCheckedInEveryLocaleWhenThePolicyIsBuilt() {
        // the shipped bundles hold every key of the test catalogue in English and German
        ReasonPolicy.builder(catalogue(), "approved applicants")
                .notices(NoticeRenderer.standard(), Locale.ENGLISH, Locale.GERMAN).build();
        ReasonCatalogue withMissing = ReasonCatalogue.of("area", "1", List.of(
                ReasonCode.of("R01", "reason.income.insufficient", List.of("income"), AdverseDirection.ANY, Set.of()),
                ReasonCode.of("R09", "reason.area.risk", List.of("postcode"), AdverseDirection.ANY, Set.of())));
        ReasonPolicy.Builder b = ReasonPolicy.builder(withMissing, "approved applicants")
                .notices(NoticeRenderer.standard(), Locale.ENGLISH, Locale.GERMAN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals("reason catalogue area 1: message key missing: 'reason.area.risk' (reason R09) for locale en, "
                + "'reason.area.risk' (reason R09) for locale de", e.getMessage());
        // a caller's bundle that has the key, in one locale only
        java.util.ListResourceBundle english = new java.util.ListResourceBundle() {
            @Override
            protected Object[][] getContents() {
                return new Object[][] {{"reason.area.risk", "Area risk"}};
            }
        };
        NoticeRenderer custom = NoticeRenderer.withBundles(l -> "en".equals(l.getLanguage()) ? english : null);
        ReasonPolicy.builder(withMissing, "approved applicants").notices(custom, Locale.ENGLISH).build();
        IllegalArgumentException de = assertThrows(IllegalArgumentException.class,
                () -> ReasonPolicy.builder(withMissing, "approved applicants").notices(custom, Locale.GERMAN).build());
        assertTrue(de.getMessage().contains("'reason.area.risk' (reason R09) for locale de"), de.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ReasonPolicy.builder(withMissing, "approved applicants").notices(custom));
        // without notices() nothing is looked up (the policy is usable with keys only the caller resolves)
        ReasonPolicy.builder(withMissing, "approved applicants").build();
    }
}
