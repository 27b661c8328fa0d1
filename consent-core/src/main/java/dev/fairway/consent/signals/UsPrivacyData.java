package dev.fairway.consent.signals;

/**
 * What a US Privacy (CCPA) string says: each field is {@code 'Y'}, {@code 'N'} or {@code '-'} (not applicable).
 *
 * <p>Thread-safety: an immutable record, safe to share between threads.
 *
 * @param version    the version (1)
 * @param notice     notice and opportunity to opt out given
 * @param optOutSale the person opted out of sale
 * @param lspaCovered the transaction is covered by the LSPA
 */
public record UsPrivacyData(int version, char notice, char optOutSale, char lspaCovered) {
}
