package dev.fairway.consent.filter;

/**
 * The legal regime a plan is compiled for; it decides which data categories need which consent.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum Jurisdiction {
    /** GDPR (EU, EEA, UK): special categories need explicit consent. */
    EU,
    /**
     * US state laws: in addition, US-sensitive categories need a consent-based purpose (opt-in, as
     * in Virginia, Colorado and Connecticut).
     */
    US,
    /** Both rule sets at once, for a service that does not know where the person is. */
    GLOBAL
}
