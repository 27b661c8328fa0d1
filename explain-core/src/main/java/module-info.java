/**
 * Fairway explanations: attributions, reason codes, recourse and ranked-list explanations that
 * never cite a feature the person's consent withholds.
 *
 * <p>Feature names and groups are plain lists, or come from consent-core's catalogue and filter
 * plan through {@code ConsentFeatures}.
 */
module dev.fairway.explain {
    requires transitive dev.fairway.consent;
    requires tools.jackson.databind;

    exports dev.fairway.explain;
    exports dev.fairway.explain.minimisation;
}
