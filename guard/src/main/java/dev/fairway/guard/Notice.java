package dev.fairway.guard;

import dev.fairway.explain.reasons.Audience;
import dev.fairway.explain.reasons.NoticeKind;
import dev.fairway.explain.reasons.ReasonResult;
import java.util.Locale;
import java.util.Objects;

/**
 * What a person (or an auditor) reads about one decision or ranked item, from
 * {@link Guard#notice} or {@link Guard#whySeeing}: a layered notice, one sentence first and the
 * full reasons behind it.
 *
 * <p>Thread-safety: an immutable record; safe to share.
 *
 * @param kind the decision's kind (adverse: principal reasons; favourable: what helped; without
 *     personal data: nothing cited)
 * @param shortText the first layer, one sentence
 * @param fullText the full reasons as rendered for the audience
 * @param reasons the reasons (the person's view carries no suppressed reasons)
 * @param locale the language
 * @param audience who reads it
 * @param model the version of the model explained (the one that decided), or of the
 *     non-personalised answer
 * @param route the route the decision took
 */
public record Notice(NoticeKind kind, String shortText, String fullText, ReasonResult reasons, Locale locale,
        Audience audience, String model, DecisionLog.Route route) {
    /**
     * Validates the record.
     *
     * @throws NullPointerException if a field other than model is null
     */
    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shortText, "shortText");
        Objects.requireNonNull(fullText, "fullText");
        Objects.requireNonNull(reasons, "reasons");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(route, "route");
    }
}
