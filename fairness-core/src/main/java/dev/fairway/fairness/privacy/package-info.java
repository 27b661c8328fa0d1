/**
 * Privacy around fairness: proxies of sensitive attributes, differentially private audits with a
 * privacy accountant, small-cell suppression and re-identification risk.
 *
 * <p>Start from {@link dev.fairway.fairness.privacy.ProxyReport} to find features that stand in for a
 * sensitive attribute.
 */
package dev.fairway.fairness.privacy;
