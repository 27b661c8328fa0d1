package dev.fairway.consent.signals;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a TC string (or a GPP {@code tcfeuv2} section) says, as decoded by the IAB's decoder.
 * Lists of purposes, special features and vendors hold the ids whose bit is 1, ascending.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param version                               the TC string version (2)
 * @param policyVersion                         the TCF policy version
 * @param serviceSpecific                       IsServiceSpecific
 * @param created                               Created
 * @param lastUpdated                           LastUpdated
 * @param cmpId                                 CmpId
 * @param cmpVersion                            CmpVersion
 * @param consentLanguage                       ConsentLanguage
 * @param vendorListVersion                     VendorListVersion
 * @param publisherCountryCode                  PublisherCC
 * @param purposeOneTreatment                   PurposeOneTreatment
 * @param specialFeatures                       SpecialFeatureOptIns
 * @param purposesConsent                       PurposesConsent
 * @param purposesLegitimateInterest            PurposesLITransparency
 * @param vendorConsents                        vendor consents
 * @param vendorLegitimateInterests             vendor legitimate interests
 * @param publisherPurposesConsent              PubPurposesConsent (publisher TC segment)
 * @param publisherPurposesLegitimateInterest   PubPurposesLITransparency
 * @param customPurposesConsent                 CustomPurposesConsent
 * @param customPurposesLegitimateInterest      CustomPurposesLITransparency
 * @param vendorsDisclosed                      disclosed vendors segment
 * @param vendorsAllowed                        allowed vendors segment
 * @param publisherRestrictions                 publisher restrictions, in string order
 */
public record TcfData(int version, int policyVersion, boolean serviceSpecific, Instant created, Instant lastUpdated,
        int cmpId, int cmpVersion, String consentLanguage, int vendorListVersion, String publisherCountryCode,
        boolean purposeOneTreatment, List<Integer> specialFeatures, List<Integer> purposesConsent,
        List<Integer> purposesLegitimateInterest, List<Integer> vendorConsents, List<Integer> vendorLegitimateInterests,
        List<Integer> publisherPurposesConsent, List<Integer> publisherPurposesLegitimateInterest,
        List<Integer> customPurposesConsent, List<Integer> customPurposesLegitimateInterest,
        List<Integer> vendorsDisclosed, List<Integer> vendorsAllowed, List<PublisherRestriction> publisherRestrictions) {

    /**
     * One publisher restriction: for a purpose, a restriction type for a list of vendors.
     * Thread-safety: an immutable record.
     *
     * @param purpose the TCF purpose id
     * @param type    0 not allowed, 1 require consent, 2 require legitimate interest
     * @param vendors the restricted vendor ids, ascending and distinct
     */
    public record PublisherRestriction(int purpose, int type, List<Integer> vendors) {
        /**
         * Copies the vendor list.
         *
         * @throws NullPointerException if {@code vendors} is null
         */
        public PublisherRestriction {
            vendors = List.copyOf(vendors);
        }
    }

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a field is null
     */
    public TcfData {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUpdated, "lastUpdated");
        Objects.requireNonNull(consentLanguage, "consentLanguage");
        Objects.requireNonNull(publisherCountryCode, "publisherCountryCode");
        specialFeatures = List.copyOf(specialFeatures);
        purposesConsent = List.copyOf(purposesConsent);
        purposesLegitimateInterest = List.copyOf(purposesLegitimateInterest);
        vendorConsents = List.copyOf(vendorConsents);
        vendorLegitimateInterests = List.copyOf(vendorLegitimateInterests);
        publisherPurposesConsent = List.copyOf(publisherPurposesConsent);
        publisherPurposesLegitimateInterest = List.copyOf(publisherPurposesLegitimateInterest);
        customPurposesConsent = List.copyOf(customPurposesConsent);
        customPurposesLegitimateInterest = List.copyOf(customPurposesLegitimateInterest);
        vendorsDisclosed = List.copyOf(vendorsDisclosed);
        vendorsAllowed = List.copyOf(vendorsAllowed);
        publisherRestrictions = List.copyOf(publisherRestrictions);
    }
}
