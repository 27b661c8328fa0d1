package dev.fairway.explain.json;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.LimeExplanation;
import dev.fairway.explain.Provenance;
import dev.fairway.explain.reasons.AdverseDirection;
import dev.fairway.explain.reasons.Audience;
import dev.fairway.explain.reasons.CitedReason;
import dev.fairway.explain.reasons.NoticeRenderer;
import dev.fairway.explain.reasons.ReasonCatalogue;
import dev.fairway.explain.reasons.ReasonCode;
import dev.fairway.explain.reasons.ReasonResult;
import dev.fairway.explain.reasons.SuppressedReason;
import dev.fairway.explain.recourse.Change;
import dev.fairway.explain.recourse.Counterfactual;
import dev.fairway.explain.recourse.RecourseCost;
import dev.fairway.explain.recourse.RecourseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@value #SCHEMA} JSON document: attributions, reasons and provenance in one versioned shape,
 * in a person's view or an auditor's view; and the reader of reason catalogues.
 *
 * <p>Document (snake_case, as in the rest of Fairway):
 * <pre>{@code
 * {"schema": "fairway-explanation/v1", "view": "person" | "auditor",
 *  "method": "exact", "link": "identity", "prediction": 0.8, "base_value": 0.5,
 *  "attributions": [{"feature": "income", "value": 0.2, "std_error": 0.0}],
 *  "reasons": {"catalogue": "credit", "version": "2026-11", "reference": "...", "locale": "de",
 *              "no_specific_reason": false,
 *              "cited": [{"rank": 1, "code": "R01", "text": "...", "impact": 0.3}],
 *              "suppressed": [...auditor only...], "notice": "rendered text"},
 *  "recourse": {"status": "found" | "no_feasible_recourse" | "already_favourable", "threshold": 0.5,
 *              "cost": "mad_l1", "counterfactuals": [{"changes": [{"feature": "income", "from": 2.5,
 *              "to": 4.0}], "cost": 0.75, "prediction": 0.52}], "exact": true (auditor), ...},
 *  "provenance": {"method": "exact", "seed": 0, "evaluations": 16, "coalitions": 8,
 *                 "background_digest": "sha256:...", "additivity_residual": 0.0,
 *                 "max_std_error": 0.0, "link": "identity"}}
 * }</pre>
 * A standard error that was not estimated is {@code null}. The person's view leaves out the
 * attributions of hidden players (protected or consent-withheld), the impacts of reasons and the
 * suppressed reasons, and numbers the cited reasons 1..n (the auditor's ranks count suppressed
 * reasons too, and a gap would betray one); the auditor's view has everything.
 *
 * <p>Reading untrusted JSON: {@link #readCatalogue(String)}, {@link ModelFile} and
 * {@link RecourseFile} read under Jackson {@code StreamReadConstraints} of at most 1 MiB
 * (1,048,576 characters or bytes) per document, a nesting depth of 64, strings of 65,536 characters
 * and numbers of 100 characters. A document past a limit is an {@link IllegalArgumentException}
 * naming the limit, for example {@code catalogue: JSON past the limit of nesting depth 64 (...)}.
 *
 * <p>Thread-safety: not thread-safe while being configured (it is a builder); the static reader
 * is safe to call from any thread.
 */
public final class ExplanationJson {
    /** The schema identifier written into every document. */
    public static final String SCHEMA = "fairway-explanation/v1";
    /** The largest catalogue document {@link #readCatalogue(String)} accepts, in characters. */
    public static final int MAX_CATALOGUE_CHARS = 1 << 20;

    private final Attribution attribution;
    private ReasonResult reasons;
    private NoticeRenderer renderer;
    private Locale locale;
    private Set<String> hidden = Set.of();
    private RecourseResult recourse;
    private LimeExplanation lime;
    private RecourseCost recourseCost;
    private double recourseThreshold;

    private ExplanationJson(Attribution attribution) {
        this.attribution = attribution;
    }

    /**
     * Starts a document for a LIME explanation: its attribution plus a {@code "lime"} object with
     * the surrogate's {@code r2}, {@code local_prediction}, {@code intercept}, {@code kernel_width}
     * and {@code ridge}.
     *
     * @param lime the LIME explanation
     * @return the document builder
     */
    public static ExplanationJson of(LimeExplanation lime) {
        ExplanationJson doc = new ExplanationJson(Objects.requireNonNull(lime, "lime").attribution());
        doc.lime = lime;
        return doc;
    }

    /**
     * Starts a document for an attribution.
     *
     * @param attribution the attribution
     * @return the document builder
     */
    public static ExplanationJson of(Attribution attribution) {
        return new ExplanationJson(Objects.requireNonNull(attribution, "attribution"));
    }

    /**
     * Adds the reasons and the language to render them in.
     *
     * @param reasons the chosen reasons
     * @param renderer the renderer of their texts
     * @param locale the language
     * @return this builder
     */
    public ExplanationJson reasons(ReasonResult reasons, NoticeRenderer renderer, Locale locale) {
        this.reasons = Objects.requireNonNull(reasons, "reasons");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.locale = Objects.requireNonNull(locale, "locale");
        return this;
    }

    /**
     * Adds counterfactuals.
     *
     * @param recourse the search result
     * @param cost the cost the search used
     * @param threshold the threshold the search aimed for
     * @return this builder
     */
    public ExplanationJson recourse(RecourseResult recourse, RecourseCost cost, double threshold) {
        this.recourse = Objects.requireNonNull(recourse, "recourse");
        this.recourseCost = Objects.requireNonNull(cost, "cost");
        this.recourseThreshold = threshold;
        return this;
    }

    /**
     * Sets the players whose attributions the person's view leaves out (protected attributes and
     * consent-withheld features).
     *
     * @param players player names
     * @return this builder
     */
    public ExplanationJson hidden(Set<String> players) {
        this.hidden = Set.copyOf(Objects.requireNonNull(players, "players"));
        return this;
    }

    /** Builds the document as a JSON tree; package-private so that Jackson stays out of the API. */
    ObjectNode toTree(Audience view) {
        Objects.requireNonNull(view, "view");
        boolean auditor = view == Audience.AUDITOR;
        Provenance p = attribution.provenance();
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("view", view.name().toLowerCase(Locale.ROOT));
        root.put("method", p.method().id());
        root.put("link", p.link().name().toLowerCase(Locale.ROOT));
        putNumber(root, "prediction", attribution.prediction());
        putNumber(root, "base_value", attribution.baseValue());
        if (lime != null) {
            ObjectNode ln = root.putObject("lime");
            putNumber(ln, "r2", lime.r2());
            putNumber(ln, "local_prediction", lime.localPrediction());
            putNumber(ln, "intercept", lime.intercept());
            ln.put("kernel_width", lime.kernelWidth());
            ln.put("ridge", lime.ridge());
        }
        ArrayNode attrs = root.putArray("attributions");
        double[] values = attribution.values();
        double[] se = attribution.standardErrors();
        List<String> names = attribution.players();
        for (int i = 0; i < values.length; i++) {
            if (!auditor && hidden.contains(names.get(i))) {
                continue;
            }
            ObjectNode a = attrs.addObject();
            a.put("feature", names.get(i));
            a.put("value", values[i]);
            putNumber(a, "std_error", se[i]);
        }
        if (reasons != null) {
            ReasonResult r = auditor ? reasons : reasons.personView();
            ObjectNode rn = root.putObject("reasons");
            rn.put("catalogue", r.catalogueId());
            rn.put("version", r.catalogueVersion());
            rn.put("reference", r.reference());
            rn.put("locale", locale.toLanguageTag());
            rn.put("no_specific_reason", r.noSpecificReason());
            ArrayNode cited = rn.putArray("cited");
            for (int i = 0; i < r.cited().size(); i++) {
                CitedReason c = r.cited().get(i);
                ObjectNode cn = cited.addObject();
                // The person sees positions 1..n: a gap in the ranks would betray a suppressed reason.
                cn.put("rank", auditor ? c.rank() : i + 1);
                cn.put("code", c.code());
                cn.put("text", renderer.message(c.messageKey(), locale));
                if (auditor) {
                    cn.put("impact", c.impact());
                    ArrayNode ps = cn.putArray("players");
                    c.players().forEach(ps::add);
                }
            }
            if (auditor) {
                ArrayNode sup = rn.putArray("suppressed");
                for (SuppressedReason s : r.suppressed()) {
                    ObjectNode sn = sup.addObject();
                    sn.put("rank", s.rank());
                    sn.put("code", s.code());
                    sn.put("cause", s.cause().name().toLowerCase(Locale.ROOT));
                    sn.put("impact", s.impact());
                    ArrayNode ps = sn.putArray("players");
                    s.players().forEach(ps::add);
                }
            }
            rn.put("notice", renderer.render(r, locale, view));
        }
        if (recourse != null) {
            ObjectNode rc = root.putObject("recourse");
            rc.put("status", recourse.status().name().toLowerCase(Locale.ROOT));
            rc.put("threshold", recourseThreshold);
            rc.put("cost", recourseCost.name().toLowerCase(Locale.ROOT));
            ArrayNode cfs = rc.putArray("counterfactuals");
            for (Counterfactual c : recourse.counterfactuals()) {
                ObjectNode cn = cfs.addObject();
                ArrayNode ch = cn.putArray("changes");
                for (Change change : c.changes()) {
                    ObjectNode o = ch.addObject();
                    o.put("feature", change.feature());
                    o.put("from", change.from());
                    o.put("to", change.to());
                }
                cn.put("cost", c.cost());
                cn.put("prediction", c.prediction());
            }
            if (auditor) {
                rc.put("exact", recourse.exact());
                rc.put("evaluations", recourse.evaluations());
                rc.put("seed", recourse.seed());
            }
        }
        ObjectNode pn = root.putObject("provenance");
        pn.put("method", p.method().id());
        pn.put("seed", p.seed());
        pn.put("evaluations", p.evaluations());
        pn.put("coalitions", p.coalitions());
        pn.put("background_digest", p.backgroundDigest());
        pn.put("additivity_residual", p.additivityResidual());
        putNumber(pn, "max_std_error", p.maxStandardError());
        pn.put("link", p.link().name().toLowerCase(Locale.ROOT));
        attribution.modelVersion().ifPresent(v -> pn.put("model", v));
        attribution.route().ifPresent(r -> pn.put("route", r));
        return root;
    }

    /**
     * Writes the document as indented JSON.
     *
     * @param view the audience
     * @return the JSON text
     */
    public String write(Audience view) {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(view));
    }

    private static void putNumber(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.putNull(field);
        }
    }

    /**
     * Reads a reason catalogue:
     * <pre>{@code
     * {"id": "credit", "version": "2026-11", "reasons": [
     *   {"code": "R01", "message_key": "reason.income.insufficient", "covers": ["income"],
     *    "direction": "below_reference", "tags": ["credit"]}]}
     * }</pre>
     * {@code direction} is {@code any} (the default), {@code above_reference} or
     * {@code below_reference}; {@code tags} may be left out.
     *
     * @param json the document, at most {@link #MAX_CATALOGUE_CHARS} characters
     * @return the catalogue
     * @throws IllegalArgumentException if the document is too large, malformed, or a field is
     *     missing or of the wrong type (the message names the field and reason index)
     */
    public static ReasonCatalogue readCatalogue(String json) {
        Objects.requireNonNull(json, "json");
        if (json.length() > MAX_CATALOGUE_CHARS) {
            throw new IllegalArgumentException("catalogue is " + json.length() + " characters, above the limit of "
                    + MAX_CATALOGUE_CHARS);
        }
        JsonNode root = Json.parse(json, "catalogue");
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("catalogue must be a JSON object");
        }
        String id = Json.text(root, "id", "catalogue");
        String version = Json.text(root, "version", "catalogue");
        JsonNode rs = root.get("reasons");
        if (rs == null || !rs.isArray()) {
            throw new IllegalArgumentException("catalogue field 'reasons' must be an array");
        }
        List<ReasonCode> reasons = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            JsonNode r = rs.get(i);
            String where = "reasons[" + i + "]";
            if (!r.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            String code = Json.text(r, "code", where);
            String key = Json.text(r, "message_key", where);
            List<String> covers = Json.strings(r, "covers", where, true);
            String dir = r.has("direction") ? Json.text(r, "direction", where) : "any";
            AdverseDirection direction;
            try {
                direction = AdverseDirection.valueOf(dir.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ".direction must be any, above_reference or below_reference, was '"
                        + dir + "'", e);
            }
            Set<String> tags = new HashSet<>(Json.strings(r, "tags", where, false));
            reasons.add(ReasonCode.of(code, key, covers, direction, tags));
        }
        return ReasonCatalogue.of(id, version, reasons);
    }
}
