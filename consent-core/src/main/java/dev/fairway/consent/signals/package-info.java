/**
 * Machine-readable consent signals: IAB TCF v2.2/2.3, GPP ({@code tcfeuv2}, {@code uspv1},
 * {@code usnat}), US Privacy strings and Global Privacy Control, decoded into consent events.
 *
 * <p>Start from {@link dev.fairway.consent.signals.ConsentSignals}; it returns a
 * {@link dev.fairway.consent.signals.DecodedSignal} whose events go into the ledger, and throws only
 * {@link dev.fairway.consent.signals.InvalidSignalException} for bad input.
 */
package dev.fairway.consent.signals;
