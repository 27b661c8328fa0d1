/**
 * The privacy commands of {@code fairway}: {@code proxies} (features that stand in for a sensitive
 * attribute) and {@code risk} (re-identification risk over quasi-identifiers), plus the
 * differential-privacy options of {@code fairway audit}.
 *
 * <p>Start from {@link dev.fairway.cli.privacy.ProxiesCommand}.
 */
package dev.fairway.cli.privacy;
