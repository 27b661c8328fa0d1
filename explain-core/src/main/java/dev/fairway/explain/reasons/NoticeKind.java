package dev.fairway.explain.reasons;

/**
 * What kind of decision a notice speaks of, so that its words fit the outcome: the principal
 * reasons of an adverse decision, what helped a favourable one, or a decision made without the
 * person's information.
 *
 * <p>Thread-safety: an enum; immutable and safe to share.
 */
public enum NoticeKind {
    /** The decision went against the person: its principal reasons are cited. */
    ADVERSE,
    /** The decision went the person's way: what helped it is cited. */
    FAVOURABLE,
    /**
     * No personal information was used (the person withheld it all, or gave no consent): the
     * notice says the decision was made without the information withheld, and cites nothing.
     */
    WITHOUT_PERSONAL_DATA
}
