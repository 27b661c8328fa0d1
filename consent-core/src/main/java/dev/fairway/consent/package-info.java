/**
 * Consent vocabulary, ledger, signals and the compiled feature filter.
 *
 * <p>Everything here fails closed: missing, expired, withdrawn or invalid consent grants nothing.
 */
package dev.fairway.consent;
