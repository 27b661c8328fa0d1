package dev.fairway.consent.ledger;

/**
 * Where a consent event came from: a direct choice on the service, or a machine-readable signal.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum ConsentSource {
    /** A choice the person made directly on this service (a consent dialog, a settings page). */
    DIRECT(false),
    /** An IAB TCF v2.2/2.3 TC string. */
    TCF(true),
    /** An IAB GPP string (its {@code tcfeuv2}, {@code uspv1} or {@code usnat} section). */
    GPP(true),
    /** An IAB US Privacy (CCPA) string. */
    US_PRIVACY(true),
    /** A Global Privacy Control signal ({@code Sec-GPC: 1}). */
    GPC(true),
    /** An import from another system of record. */
    IMPORT(false);

    private final boolean signal;

    ConsentSource(boolean signal) {
        this.signal = signal;
    }

    /**
     * Tells whether events from this source come from an automated signal rather than a direct choice.
     *
     * @return true for TCF, GPP, US Privacy and GPC
     */
    public boolean isSignal() {
        return signal;
    }
}
