/**
 * Reason codes and notices: a versioned catalogue of reasons, the policy that picks the principal
 * reasons from an attribution (never citing a protected or consent-withheld player), and the
 * renderer that turns them into text for the person or an auditor.
 *
 * <p>Start from {@link dev.fairway.explain.reasons.ReasonPolicy#builder} over a
 * {@link dev.fairway.explain.reasons.ReasonCatalogue}; render its
 * {@link dev.fairway.explain.reasons.ReasonResult} with {@link dev.fairway.explain.reasons.NoticeRenderer}.
 */
package dev.fairway.explain.reasons;
