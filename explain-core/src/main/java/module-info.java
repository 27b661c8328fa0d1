/**
 * Fairway explanations: attributions, reason codes, recourse and ranked-list explanations that
 * never cite a feature the person's consent withholds.
 *
 * <p>Where to start, by job:
 * <ul>
 *   <li>attribute a model's output to its features: {@link dev.fairway.explain.ShapleyExplainer}
 *       over a {@link dev.fairway.explain.Model} ({@code dev.fairway.explain});</li>
 *   <li>turn attributions into reason codes and notices: {@link dev.fairway.explain.reasons.ReasonPolicy}
 *       and {@link dev.fairway.explain.reasons.NoticeRenderer} ({@code dev.fairway.explain.reasons});</li>
 *   <li>find what a person could change: {@link dev.fairway.explain.recourse.RecourseSearch}
 *       ({@code dev.fairway.explain.recourse});</li>
 *   <li>explain a ranked list and report its main parameters:
 *       {@link dev.fairway.explain.ranking.RankedListExplainer} ({@code dev.fairway.explain.ranking});</li>
 *   <li>read and write the JSON files: {@link dev.fairway.explain.json.ExplanationJson}
 *       ({@code dev.fairway.explain.json}).</li>
 * </ul>
 *
 * <p>Feature names and groups are plain lists, or come from consent-core's catalogue and filter
 * plan through {@link dev.fairway.explain.ConsentFeatures}.
 */
module dev.fairway.explain {
    requires transitive dev.fairway.consent;
    requires tools.jackson.databind;

    exports dev.fairway.explain;
    exports dev.fairway.explain.json;
    exports dev.fairway.explain.minimisation;
    exports dev.fairway.explain.ranking;
    exports dev.fairway.explain.reasons;
    exports dev.fairway.explain.recourse;
}
