/**
 * Fairway explanations: attributions, reason codes, recourse and ranked-list explanations that
 * never cite a feature the person's consent withholds.
 *
 * <p>Feature names and groups are plain lists here; the consent catalogue is wired in by the
 * caller, so this module does not depend on consent-core.
 */
module dev.fairway.explain {
    requires tools.jackson.databind;

    exports dev.fairway.explain;
}
