package dev.fairway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VocabularyTest {

    @Test
    void standardPurposesMapTheTcfPurposesOfTheIssue() {
        assertEquals(List.of(11), Purpose.CONTEXTUAL_SELECTION.tcfPurposeIds());
        assertEquals(List.of(5), Purpose.PROFILE_BUILDING.tcfPurposeIds());
        assertEquals(List.of(6), Purpose.PROFILE_SELECTION.tcfPurposeIds());
        assertEquals(List.of(8), Purpose.MEASUREMENT.tcfPurposeIds());
        assertEquals(List.of(10), Purpose.MODEL_TRAINING.tcfPurposeIds());
        assertEquals(List.of(3, 4), Purpose.PERSONALISED_ADS.tcfPurposeIds());
        assertFalse(Purpose.SECURITY_FRAUD.consentable());
        assertFalse(Purpose.FAIRNESS_MONITORING.consentable());
        assertEquals(LawfulBasis.LEGAL_OBLIGATION, Purpose.FAIRNESS_MONITORING.defaultBasis());
        assertEquals(Purpose.PROFILE_SELECTION, Purpose.standard("profile_selection"));
        assertThrows(IllegalArgumentException.class, () -> Purpose.standard("nope"));
    }

    @ParameterizedTest
    @EnumSource(value = LawfulBasis.class, names = {"CONTRACT", "LEGITIMATE_INTERESTS"})
    void profilingAndAdsCannotRestOnContractOrLegitimateInterest(LawfulBasis basis) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Purpose("p", "P", basis,
                true, false, false, true, null, List.of(), null, null));
        assertTrue(e.getMessage().contains("'p'") && e.getMessage().contains(basis.name()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Purpose("p", "P", basis,
                false, true, false, true, null, List.of(), null, null));
    }

    @Test
    void otherRulesAreChecked() {
        // TCF purposes 3 to 6 need consent from v2.2 on
        assertThrows(IllegalArgumentException.class, () -> new Purpose("p", "P", LawfulBasis.LEGITIMATE_INTERESTS,
                false, false, false, true, null, List.of(4), null, null));
        // TCF has purposes 1..11
        assertThrows(IllegalArgumentException.class, () -> new Purpose("p", "P", LawfulBasis.CONSENT,
                false, false, false, true, null, List.of(12), null, null));
        assertThrows(IllegalArgumentException.class, () -> new Purpose("p", "P", LawfulBasis.CONSENT,
                false, false, false, true, null, List.of(1, 1), null, null));
        // a purpose outside the person's choice cannot rest on consent
        assertThrows(IllegalArgumentException.class, () -> new Purpose("p", "P", LawfulBasis.CONSENT,
                false, false, false, false, null, List.of(), null, null));
        assertThrows(IllegalArgumentException.class, () -> new Purpose("p", "P", LawfulBasis.CONSENT,
                false, false, false, true, Duration.ZERO, List.of(), null, null));
        assertThrows(IllegalArgumentException.class, () -> new Purpose("Bad Id", "P", LawfulBasis.CONSENT,
                false, false, false, true, null, List.of(), null, null));
        // profiling on explicit consent is fine
        new Purpose("p", "P", LawfulBasis.EXPLICIT_CONSENT, true, false, true, true, null, List.of(), null, null);
    }

    @Test
    void purposeBuilderSetsEveryFieldAndChecksTheSameRules() {
        Purpose built = Purpose.builder("p").name("P").defaultBasis(LawfulBasis.CONSENT).profiling(true)
                .directMarketing(true).significantEffect(true).maxConsentAge(Duration.ofDays(30)).tcfPurposeIds(3, 4)
                .dpv("dpv:X").googleConsentMode("ad_storage").build();
        assertEquals(new Purpose("p", "P", LawfulBasis.CONSENT, true, true, true, true, Duration.ofDays(30),
                List.of(3, 4), "dpv:X", "ad_storage"), built);
        // defaults: consentable, nothing else
        assertEquals(new Purpose("q", "Q", LawfulBasis.LEGAL_OBLIGATION, false, false, false, true, null, List.of(),
                null, null), Purpose.builder("q").name("Q").defaultBasis(LawfulBasis.LEGAL_OBLIGATION).build());
        assertThrows(IllegalArgumentException.class, () -> Purpose.builder("p").name("P")
                .defaultBasis(LawfulBasis.CONTRACT).profiling(true).build());
        assertThrows(IllegalArgumentException.class, () -> Purpose.builder("Bad Id"));
        assertThrows(IllegalArgumentException.class, () -> Purpose.builder("p").maxConsentAge(Duration.ZERO));
        assertThrows(NullPointerException.class, () -> Purpose.builder("p").defaultBasis(null));
        assertThrows(NullPointerException.class, () -> Purpose.builder("p").name("P").build());
    }

    @Test
    void featureBuilderSetsEveryFieldAndNeedsIndexAndAction() {
        DenialAction drop = new DenialAction.Drop();
        assertEquals(new Feature("f", 3, List.of("a", "b"), List.of("health"), drop),
                Feature.builder("f").index(3).purposes("a", "b").dataCategories("health").onDenial(drop).build());
        assertEquals(new Feature("f", 0, List.of(), List.of(), drop), Feature.builder("f").index(0).onDenial(drop).build());
        assertThrows(IllegalStateException.class, () -> Feature.builder("f").onDenial(drop).build());
        assertThrows(NullPointerException.class, () -> Feature.builder("f").index(0).build());
        assertThrows(IllegalArgumentException.class, () -> Feature.builder("f").index(-1));
        assertThrows(IllegalArgumentException.class, () -> Feature.builder(" "));
    }

    @Test
    void standardCategorySetsHaveTheSizesOfTheirSources() {
        // GDPR Art. 9(1) lists eight categories
        assertEquals(8, DataCategory.GDPR_ARTICLE_9.size());
        DataCategory.GDPR_ARTICLE_9.forEach(c -> assertEquals(Sensitivity.SPECIAL_CATEGORY, c.sensitivity()));
        // SIGNALS.md: usnat SensitiveDataProcessing has 16 entries, (3) is health, (8) precise geolocation,
        // (11) union membership, (16) transgender or nonbinary status
        assertEquals(16, DataCategory.USNAT_SENSITIVE.size());
        assertEquals(16, new HashSet<>(DataCategory.USNAT_SENSITIVE).size());
        assertEquals(DataCategory.HEALTH, DataCategory.USNAT_SENSITIVE.get(2));
        assertEquals(DataCategory.PRECISE_GEOLOCATION, DataCategory.USNAT_SENSITIVE.get(7));
        assertEquals(DataCategory.UNION_MEMBERSHIP, DataCategory.USNAT_SENSITIVE.get(10));
        assertEquals(DataCategory.TRANSGENDER_NONBINARY, DataCategory.USNAT_SENSITIVE.get(15));
        assertEquals(12, DataCategory.CPRA_SENSITIVE.size());
        assertEquals(Sensitivity.US_SENSITIVE, DataCategory.PRECISE_GEOLOCATION.sensitivity());
    }

    @Test
    void vocabularyIsOpenAndHoldsEveryStandardEntry() {
        Vocabulary v = Vocabulary.standard();
        assertEquals(Purpose.STANDARD.size(), v.purposes().size());
        Set<DataCategory> all = new HashSet<>(DataCategory.GDPR_ARTICLE_9);
        all.addAll(DataCategory.CPRA_SENSITIVE);
        all.addAll(DataCategory.USNAT_SENSITIVE);
        all.addAll(DataCategory.ORDINARY);
        assertEquals(all, new HashSet<>(v.categories()));
        Purpose mine = new Purpose("explicit_profiling", "Profiling on sensitive data", LawfulBasis.EXPLICIT_CONSENT,
                true, false, false, true, null, List.of(), null, null);
        Vocabulary w = v.withPurpose(mine);
        assertEquals(mine, w.purpose("explicit_profiling").orElseThrow());
        assertTrue(v.purpose("explicit_profiling").isEmpty());
        assertTrue(w.withCategory(new DataCategory("x", "X", Sensitivity.NONE)).category("x").isPresent());
    }
}
