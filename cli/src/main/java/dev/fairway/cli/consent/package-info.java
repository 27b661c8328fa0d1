/**
 * {@code fairway consent}: decode a consent signal ({@code decode}) and filter feature rows by each
 * person's consent ledger ({@code filter}).
 *
 * <p>Start from {@link dev.fairway.cli.consent.ConsentCommand}.
 */
package dev.fairway.cli.consent;
