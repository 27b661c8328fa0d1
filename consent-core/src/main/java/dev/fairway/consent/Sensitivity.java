package dev.fairway.consent;

/**
 * How sensitive a data category is under the law that is strictest about it.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum Sensitivity {
    /** Ordinary personal data. */
    NONE,
    /** Sensitive under US state laws (CPRA "sensitive personal information", MSPA {@code usnat}), not GDPR Art. 9. */
    US_SENSITIVE,
    /** A special category of GDPR Art. 9(1): processing needs explicit consent (or another Art. 9(2) ground). */
    SPECIAL_CATEGORY
}
