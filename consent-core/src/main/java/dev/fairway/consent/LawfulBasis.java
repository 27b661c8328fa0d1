package dev.fairway.consent;

/**
 * The six lawful bases of GDPR Art. 6(1), with explicit consent (Art. 9(2)(a), Art. 22(2)(c))
 * distinguished from ordinary consent.
 *
 * <p>Thread-safety: an enum, immutable and safe to share between threads.
 */
public enum LawfulBasis {
    /** Art. 6(1)(a): the person has given consent. */
    CONSENT,
    /** Art. 9(2)(a): explicit consent, the only consent that lifts the ban on special categories. */
    EXPLICIT_CONSENT,
    /** Art. 6(1)(b): necessary for a contract with the person. */
    CONTRACT,
    /** Art. 6(1)(c): necessary to comply with a legal obligation. */
    LEGAL_OBLIGATION,
    /** Art. 6(1)(d): necessary to protect someone's vital interests. */
    VITAL_INTERESTS,
    /** Art. 6(1)(e): necessary for a task in the public interest. */
    PUBLIC_TASK,
    /** Art. 6(1)(f): necessary for legitimate interests that the person's rights do not override. */
    LEGITIMATE_INTERESTS;

    /**
     * Tells whether this basis is a form of consent, so that it depends on the person's choice.
     *
     * @return true for {@link #CONSENT} and {@link #EXPLICIT_CONSENT}
     */
    public boolean isConsent() {
        return this == CONSENT || this == EXPLICIT_CONSENT;
    }
}
