/**
 * Privacy around fairness: proxies of sensitive attributes, differentially private audits with a
 * privacy accountant, small-cell suppression and re-identification risk.
 *
 * <p>Start from {@link dev.fairway.fairness.privacy.ProxyReport} to find features that stand in for a
 * sensitive attribute, from {@link dev.fairway.fairness.privacy.AuditRelease} to release an audit
 * with differentially private noise and small groups suppressed, and from
 * {@link dev.fairway.fairness.privacy.ReidentificationRisk} to measure k-anonymity over
 * quasi-identifiers.
 */
package dev.fairway.fairness.privacy;
