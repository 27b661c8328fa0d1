/**
 * Fairway explanations: attributions, reason codes, recourse and ranked-list explanations that
 * never cite a feature the person's consent withholds.
 */
module dev.fairway.explain {
    requires dev.fairway.consent;
}
