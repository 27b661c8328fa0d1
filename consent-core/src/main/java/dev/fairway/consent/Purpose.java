package dev.fairway.consent;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A purpose of processing, with its default lawful basis, the flags that decide which rules apply
 * to it and its names in external vocabularies.
 *
 * <p>The catalogue is open ({@link Vocabulary#withPurpose(Purpose)}); the constants below are the
 * shipped standard entries. Rules checked in the constructor:
 * <ul>
 *   <li>profiling and direct marketing (personalised ads) cannot rest on {@link LawfulBasis#CONTRACT}
 *       or {@link LawfulBasis#LEGITIMATE_INTERESTS} (EDPB Guidelines 2/2019 and 8/2020, CJEU C-252/21);</li>
 *   <li>a purpose mapped to TCF purposes 3 to 6 must rest on consent (TCF v2.2 removed legitimate
 *       interest for them);</li>
 *   <li>a purpose that is not consentable cannot rest on consent;</li>
 *   <li>TCF purpose ids lie in 1..11 and are distinct; a maximum consent age is positive.</li>
 * </ul>
 *
 * <p>Standard consents last at most 395 days (13 months, the CNIL's recommended maximum before asking
 * again). DPV names are DPV 1.0 purpose concepts.
 *
 * <p>How a ledger state grants a purpose: a consentable purpose resting on consent is granted only
 * by a live {@code GIVEN} event (an explicit one if the basis is {@link LawfulBasis#EXPLICIT_CONSENT});
 * a consentable purpose on another basis is granted unless the person refused, withdrew, objected
 * or opted out; a purpose that is not consentable is always granted.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param id                the identifier, lower snake case
 * @param name              a human-readable name
 * @param defaultBasis      the lawful basis the purpose rests on unless an event says otherwise
 * @param profiling         whether the purpose profiles the person (GDPR Art. 4(4)); cleared by non-profiling mode
 * @param directMarketing   whether the purpose is direct marketing or personalised advertising
 * @param significantEffect whether decisions under it have legal or similarly significant effects (Art. 22)
 * @param consentable       whether the person's choices affect the purpose at all
 * @param maxConsentAge     how long a consent stays valid after it was given, or null for no limit
 * @param tcfPurposeIds     the IAB TCF v2.2 purpose ids this purpose needs (all of them), possibly empty
 * @param dpv               the W3C Data Privacy Vocabulary concept, or null
 * @param googleConsentMode the Google Consent Mode parameter this purpose corresponds to, or null
 */
public record Purpose(String id, String name, LawfulBasis defaultBasis, boolean profiling, boolean directMarketing,
        boolean significantEffect, boolean consentable, Duration maxConsentAge, List<Integer> tcfPurposeIds,
        String dpv, String googleConsentMode) {

    /** Contextual selection of content with limited data (TCF purpose 11). */
    public static final Purpose CONTEXTUAL_SELECTION = new Purpose("contextual_selection",
            "Use limited data to select content", LawfulBasis.LEGITIMATE_INTERESTS, false, false, false, true,
            null, List.of(11), "dpv:ServiceProvision", null);
    /** Building a profile to personalise content (TCF purpose 5). */
    public static final Purpose PROFILE_BUILDING = new Purpose("profile_building",
            "Create profiles to personalise content", LawfulBasis.CONSENT, true, false, false, true,
            Duration.ofDays(395), List.of(5), "dpv:ServicePersonalisation", null);
    /** Selecting content from a profile (TCF purpose 6). */
    public static final Purpose PROFILE_SELECTION = new Purpose("profile_selection",
            "Use profiles to select personalised content", LawfulBasis.CONSENT, true, false, false, true,
            Duration.ofDays(395), List.of(6), "dpv:ProvidePersonalisedRecommendations", null);
    /** Measuring content performance (TCF purpose 8). */
    public static final Purpose MEASUREMENT = new Purpose("measurement",
            "Measure content performance", LawfulBasis.CONSENT, false, false, false, true,
            Duration.ofDays(395), List.of(8), "dpv:ServiceUsageAnalytics", "analytics_storage");
    /** Training and improving models (TCF purpose 10, "develop and improve services"). */
    public static final Purpose MODEL_TRAINING = new Purpose("model_training",
            "Develop and improve services, including model training", LawfulBasis.CONSENT, false, false, false,
            true, Duration.ofDays(395), List.of(10), "dpv:ImproveExistingProductsAndServices", null);
    /** Personalised advertising (TCF purposes 3 and 4). */
    public static final Purpose PERSONALISED_ADS = new Purpose("personalised_ads",
            "Create and use profiles for personalised advertising", LawfulBasis.CONSENT, true, true, false, true,
            Duration.ofDays(395), List.of(3, 4), "dpv:PersonalisedAdvertising", "ad_personalization");
    /** Sale or sharing of personal data with third parties (CCPA/CPRA opt-out rights, GPC). */
    public static final Purpose SALE_SHARING = new Purpose("sale_sharing",
            "Sell or share personal data with third parties", LawfulBasis.CONSENT, false, true, false, true,
            null, List.of(), "dpv:SellDataToThirdParties", "ad_user_data");
    /** Security and fraud prevention: not consentable (TCF special purpose 1). */
    public static final Purpose SECURITY_FRAUD = new Purpose("security_fraud",
            "Ensure security, prevent and detect fraud", LawfulBasis.LEGITIMATE_INTERESTS, false, false, false,
            false, null, List.of(), "dpv:FraudPreventionAndDetection", null);
    /**
     * Fairness monitoring: bias detection and correction under a legal obligation (EU AI Act Art. 10(5)
     * with GDPR Art. 9(2)(g)); not consentable. Protected attributes may feed fairness audits under this
     * purpose while a model plan serving another purpose withholds them.
     */
    public static final Purpose FAIRNESS_MONITORING = new Purpose("fairness_monitoring",
            "Detect and correct bias in automated decisions", LawfulBasis.LEGAL_OBLIGATION, false, false, false,
            false, null, List.of(), "dpv:LegalCompliance", null);

    /**
     * Personalisation that uses special-category data (for example health interests), on explicit
     * consent: the standard purpose a special-category model feature can name.
     */
    public static final Purpose SENSITIVE_PERSONALISATION = new Purpose("sensitive_personalisation",
            "Personalise content using special-category data", LawfulBasis.EXPLICIT_CONSENT, true, false, false, true,
            Duration.ofDays(395), List.of(), "dpv:ServicePersonalisation", null);

    /** Every standard purpose, in declaration order. */
    public static final List<Purpose> STANDARD = List.of(CONTEXTUAL_SELECTION, PROFILE_BUILDING, PROFILE_SELECTION,
            MEASUREMENT, MODEL_TRAINING, PERSONALISED_ADS, SALE_SHARING, SECURITY_FRAUD, FAIRNESS_MONITORING,
            SENSITIVE_PERSONALISATION);

    /**
     * Validates the fields and the rules listed on the type.
     *
     * @throws IllegalArgumentException naming the field when a rule is broken
     * @throws NullPointerException     if {@code id}, {@code name}, {@code defaultBasis} or {@code tcfPurposeIds} is null
     */
    public Purpose {
        Ids.check(id, "id");
        Ids.nonBlank(name, "name");
        Objects.requireNonNull(defaultBasis, "defaultBasis");
        Objects.requireNonNull(tcfPurposeIds, "tcfPurposeIds");
        tcfPurposeIds = List.copyOf(tcfPurposeIds);
        if ((profiling || directMarketing)
                && (defaultBasis == LawfulBasis.CONTRACT || defaultBasis == LawfulBasis.LEGITIMATE_INTERESTS)) {
            throw new IllegalArgumentException("purpose '" + id + "': defaultBasis " + defaultBasis
                    + " is not allowed for profiling or direct marketing");
        }
        if (!consentable && defaultBasis.isConsent()) {
            throw new IllegalArgumentException("purpose '" + id + "': defaultBasis " + defaultBasis
                    + " needs a consentable purpose");
        }
        if (maxConsentAge != null && (maxConsentAge.isNegative() || maxConsentAge.isZero())) {
            throw new IllegalArgumentException("purpose '" + id + "': maxConsentAge must be positive, got " + maxConsentAge);
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer t : tcfPurposeIds) {
            if (t < 1 || t > 11 || !seen.add(t)) {
                throw new IllegalArgumentException("purpose '" + id + "': tcfPurposeIds must be distinct ids in 1..11, got "
                        + tcfPurposeIds);
            }
            if (t >= 3 && t <= 6 && !defaultBasis.isConsent()) {
                throw new IllegalArgumentException("purpose '" + id + "': TCF purpose " + t
                        + " needs consent, defaultBasis is " + defaultBasis);
            }
        }
    }

    /**
     * Returns the standard purpose with this id.
     *
     * @param id the id
     * @return the standard purpose
     * @throws IllegalArgumentException if no standard purpose has this id
     */
    public static Purpose standard(String id) {
        Objects.requireNonNull(id, "id");
        for (Purpose p : STANDARD) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("id: no standard purpose '" + id + "'");
    }
}
