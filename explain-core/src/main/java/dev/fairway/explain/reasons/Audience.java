package dev.fairway.explain.reasons;

/**
 * Who reads a rendered explanation.
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum Audience {
    /** The person the decision is about: cited reasons only, in plain words. */
    PERSON,
    /** An auditor: cited reasons with codes and impacts, plus suppressed reasons and their cause. */
    AUDITOR
}
