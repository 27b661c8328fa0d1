package dev.fairway.consent;

import dev.fairway.consent.internal.Ids;
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
 * shipped standard entries. Build a new purpose with {@link #builder(String)}:
 * <pre>{@code
 * Purpose p = Purpose.builder("explicit_profiling").name("Profile on explicit consent")
 *         .defaultBasis(LawfulBasis.EXPLICIT_CONSENT).profiling(true).maxConsentAge(Duration.ofDays(365))
 *         .build();
 * }</pre>
 * Rules checked when it is built:
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
    public static final Purpose CONTEXTUAL_SELECTION = builder("contextual_selection")
            .name("Use limited data to select content")
            .defaultBasis(LawfulBasis.LEGITIMATE_INTERESTS).tcfPurposeIds(11)
            .dpv("dpv:ServiceProvision").build();
    /** Building a profile to personalise content (TCF purpose 5). */
    public static final Purpose PROFILE_BUILDING = builder("profile_building")
            .name("Create profiles to personalise content")
            .defaultBasis(LawfulBasis.CONSENT).profiling(true).maxConsentAge(Duration.ofDays(395)).tcfPurposeIds(5)
            .dpv("dpv:ServicePersonalisation").build();
    /** Selecting content from a profile (TCF purpose 6). */
    public static final Purpose PROFILE_SELECTION = builder("profile_selection")
            .name("Use profiles to select personalised content")
            .defaultBasis(LawfulBasis.CONSENT).profiling(true).maxConsentAge(Duration.ofDays(395)).tcfPurposeIds(6)
            .dpv("dpv:ProvidePersonalisedRecommendations").build();
    /** Measuring content performance (TCF purpose 8). */
    public static final Purpose MEASUREMENT = builder("measurement")
            .name("Measure content performance")
            .defaultBasis(LawfulBasis.CONSENT).maxConsentAge(Duration.ofDays(395)).tcfPurposeIds(8)
            .dpv("dpv:ServiceUsageAnalytics").googleConsentMode("analytics_storage").build();
    /** Training and improving models (TCF purpose 10, "develop and improve services"). */
    public static final Purpose MODEL_TRAINING = builder("model_training")
            .name("Develop and improve services, including model training")
            .defaultBasis(LawfulBasis.CONSENT).maxConsentAge(Duration.ofDays(395)).tcfPurposeIds(10)
            .dpv("dpv:ImproveExistingProductsAndServices").build();
    /** Personalised advertising (TCF purposes 3 and 4). */
    public static final Purpose PERSONALISED_ADS = builder("personalised_ads")
            .name("Create and use profiles for personalised advertising")
            .defaultBasis(LawfulBasis.CONSENT).profiling(true).directMarketing(true)
            .maxConsentAge(Duration.ofDays(395)).tcfPurposeIds(3, 4)
            .dpv("dpv:PersonalisedAdvertising").googleConsentMode("ad_personalization").build();
    /** Sale or sharing of personal data with third parties (CCPA/CPRA opt-out rights, GPC). */
    public static final Purpose SALE_SHARING = builder("sale_sharing")
            .name("Sell or share personal data with third parties")
            .defaultBasis(LawfulBasis.CONSENT).directMarketing(true)
            .dpv("dpv:SellDataToThirdParties").googleConsentMode("ad_user_data").build();
    /** Security and fraud prevention: not consentable (TCF special purpose 1). */
    public static final Purpose SECURITY_FRAUD = builder("security_fraud")
            .name("Ensure security, prevent and detect fraud")
            .defaultBasis(LawfulBasis.LEGITIMATE_INTERESTS).consentable(false)
            .dpv("dpv:FraudPreventionAndDetection").build();
    /**
     * Fairness monitoring: bias detection and correction under a legal obligation (EU AI Act Art. 10(5)
     * with GDPR Art. 9(2)(g)); not consentable. Protected attributes may feed fairness audits under this
     * purpose while a model plan serving another purpose withholds them.
     */
    public static final Purpose FAIRNESS_MONITORING = builder("fairness_monitoring")
            .name("Detect and correct bias in automated decisions")
            .defaultBasis(LawfulBasis.LEGAL_OBLIGATION).consentable(false)
            .dpv("dpv:LegalCompliance").build();

    /**
     * Personalisation that uses special-category data (for example health interests), on explicit
     * consent: the standard purpose a special-category model feature can name.
     */
    public static final Purpose SENSITIVE_PERSONALISATION = builder("sensitive_personalisation")
            .name("Personalise content using special-category data")
            .defaultBasis(LawfulBasis.EXPLICIT_CONSENT).profiling(true).maxConsentAge(Duration.ofDays(395))
            .dpv("dpv:ServicePersonalisation").build();

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

    /**
     * Starts a purpose. Defaults: every flag false except {@code consentable} (true), no maximum
     * consent age, no TCF purposes, no DPV concept and no Google Consent Mode parameter; the name and
     * the default basis must be set.
     *
     * @param id the identifier, lower snake case
     * @return a builder
     * @throws IllegalArgumentException if {@code id} is not lower snake case of 1 to 64 characters
     * @throws NullPointerException     if {@code id} is null
     */
    public static Builder builder(String id) {
        return new Builder(Ids.check(id, "id"));
    }

    /**
     * Builds a {@link Purpose}; {@link #build()} checks the rules listed on the type.
     *
     * <p>Thread-safety: not thread-safe; use one builder from one thread.
     */
    public static final class Builder {
        private final String id;
        private String name;
        private LawfulBasis defaultBasis;
        private boolean profiling;
        private boolean directMarketing;
        private boolean significantEffect;
        private boolean consentable = true;
        private Duration maxConsentAge;
        private List<Integer> tcfPurposeIds = List.of();
        private String dpv;
        private String googleConsentMode;

        private Builder(String id) {
            this.id = id;
        }

        /**
         * Sets the human-readable name (required).
         *
         * @param name the name, not blank
         * @return this builder
         * @throws IllegalArgumentException if {@code name} is blank
         * @throws NullPointerException     if {@code name} is null
         */
        public Builder name(String name) {
            this.name = Ids.nonBlank(name, "name");
            return this;
        }

        /**
         * Sets the lawful basis the purpose rests on unless an event says otherwise (required).
         *
         * @param defaultBasis the basis
         * @return this builder
         * @throws NullPointerException if {@code defaultBasis} is null
         */
        public Builder defaultBasis(LawfulBasis defaultBasis) {
            this.defaultBasis = Objects.requireNonNull(defaultBasis, "defaultBasis");
            return this;
        }

        /**
         * Sets whether the purpose profiles the person (GDPR Art. 4(4)); default false.
         *
         * @param profiling the flag
         * @return this builder
         */
        public Builder profiling(boolean profiling) {
            this.profiling = profiling;
            return this;
        }

        /**
         * Sets whether the purpose is direct marketing or personalised advertising; default false.
         *
         * @param directMarketing the flag
         * @return this builder
         */
        public Builder directMarketing(boolean directMarketing) {
            this.directMarketing = directMarketing;
            return this;
        }

        /**
         * Sets whether decisions under the purpose have legal or similarly significant effects
         * (Art. 22); default false.
         *
         * @param significantEffect the flag
         * @return this builder
         */
        public Builder significantEffect(boolean significantEffect) {
            this.significantEffect = significantEffect;
            return this;
        }

        /**
         * Sets whether the person's choices affect the purpose at all; default true.
         *
         * @param consentable the flag
         * @return this builder
         */
        public Builder consentable(boolean consentable) {
            this.consentable = consentable;
            return this;
        }

        /**
         * Sets how long a consent stays valid after it was given; default no limit.
         *
         * @param maxConsentAge a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code maxConsentAge} is zero or negative
         * @throws NullPointerException     if {@code maxConsentAge} is null
         */
        public Builder maxConsentAge(Duration maxConsentAge) {
            Objects.requireNonNull(maxConsentAge, "maxConsentAge");
            if (maxConsentAge.isNegative() || maxConsentAge.isZero()) {
                throw new IllegalArgumentException("purpose '" + id + "': maxConsentAge must be positive, got "
                        + maxConsentAge);
            }
            this.maxConsentAge = maxConsentAge;
            return this;
        }

        /**
         * Sets the IAB TCF v2.2 purpose ids this purpose needs (all of them); default none.
         *
         * @param ids distinct ids in 1..11 (checked by {@link #build()})
         * @return this builder
         * @throws NullPointerException if {@code ids} is null
         */
        public Builder tcfPurposeIds(int... ids) {
            Objects.requireNonNull(ids, "ids");
            List<Integer> list = new java.util.ArrayList<>(ids.length);
            for (int i : ids) {
                list.add(i);
            }
            return tcfPurposeIds(list);
        }

        /**
         * Sets the IAB TCF v2.2 purpose ids this purpose needs (all of them); default none.
         *
         * @param ids distinct ids in 1..11 (checked by {@link #build()})
         * @return this builder
         * @throws NullPointerException if {@code ids} or an element is null
         */
        public Builder tcfPurposeIds(List<Integer> ids) {
            this.tcfPurposeIds = List.copyOf(Objects.requireNonNull(ids, "ids"));
            return this;
        }

        /**
         * Sets the W3C Data Privacy Vocabulary concept; default none.
         *
         * @param dpv the concept, for example {@code dpv:ServicePersonalisation}, or null for none
         * @return this builder
         */
        public Builder dpv(String dpv) {
            this.dpv = dpv;
            return this;
        }

        /**
         * Sets the Google Consent Mode parameter the purpose corresponds to; default none.
         *
         * @param googleConsentMode the parameter, for example {@code ad_personalization}, or null for none
         * @return this builder
         */
        public Builder googleConsentMode(String googleConsentMode) {
            this.googleConsentMode = googleConsentMode;
            return this;
        }

        /**
         * Builds the purpose.
         *
         * @return the purpose
         * @throws IllegalArgumentException naming the field when a rule listed on {@link Purpose} is broken
         * @throws NullPointerException     if the name or the default basis was not set
         */
        public Purpose build() {
            return new Purpose(id, name, defaultBasis, profiling, directMarketing, significantEffect, consentable,
                    maxConsentAge, tcfPurposeIds, dpv, googleConsentMode);
        }
    }
}
