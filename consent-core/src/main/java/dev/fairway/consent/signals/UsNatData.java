package dev.fairway.consent.signals;

import dev.fairway.consent.DataCategory;
import java.util.List;

/**
 * What a GPP {@code usnat} section says (MSPA US National, v2.0 layout; the older 12-category layout
 * is widened with zeros, "not applicable", as the IAB's reference decoder does).
 * Notices: 0 n/a, 1 yes, 2 no; opt-outs: 0 n/a, 1 opted out, 2 did not opt out; consents: 0 n/a,
 * 1 no consent, 2 consent.
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param sharingNotice                        SharingNotice
 * @param saleOptOutNotice                     SaleOptOutNotice
 * @param sharingOptOutNotice                  SharingOptOutNotice
 * @param targetedAdvertisingOptOutNotice      TargetedAdvertisingOptOutNotice
 * @param sensitiveDataProcessingOptOutNotice  SensitiveDataProcessingOptOutNotice
 * @param sensitiveDataLimitUseNotice          SensitiveDataLimitUseNotice
 * @param saleOptOut                           SaleOptOut
 * @param sharingOptOut                        SharingOptOut
 * @param targetedAdvertisingOptOut            TargetedAdvertisingOptOut
 * @param sensitiveDataProcessing              SensitiveDataProcessing, 16 entries in {@link DataCategory#USNAT_SENSITIVE} order
 * @param knownChildSensitiveDataConsents      KnownChildSensitiveDataConsents (13–16, under 13, 16–17)
 * @param personalDataConsents                 PersonalDataConsents
 * @param mspaCoveredTransaction               MspaCoveredTransaction
 * @param mspaOptOutOptionMode                 MspaOptOutOptionMode
 * @param mspaServiceProviderMode              MspaServiceProviderMode
 * @param gpc                                  the GPC sub-section's flag, false when the sub-section is absent
 */
public record UsNatData(int sharingNotice, int saleOptOutNotice, int sharingOptOutNotice,
        int targetedAdvertisingOptOutNotice, int sensitiveDataProcessingOptOutNotice, int sensitiveDataLimitUseNotice,
        int saleOptOut, int sharingOptOut, int targetedAdvertisingOptOut, List<Integer> sensitiveDataProcessing,
        List<Integer> knownChildSensitiveDataConsents, int personalDataConsents, int mspaCoveredTransaction,
        int mspaOptOutOptionMode, int mspaServiceProviderMode, boolean gpc) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a list is null
     */
    public UsNatData {
        sensitiveDataProcessing = List.copyOf(sensitiveDataProcessing);
        knownChildSensitiveDataConsents = List.copyOf(knownChildSensitiveDataConsents);
    }
}
