package dev.fairway.consent;

import dev.fairway.consent.internal.Json;
import dev.fairway.io.JsonLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The features a model reads, by name and position.
 *
 * <p>Names are unique; positions are checked when a plan is compiled. A catalogue loads from JSON:
 * <pre>{@code
 * {"features": [
 *   {"name": "age", "index": 0, "purposes": ["profile_selection"], "categories": ["demographic"],
 *    "on_denial": {"action": "coarsen", "coarsen": "age_band", "width": 10}},
 *   {"name": "clicks_7d", "index": 1, "purposes": ["profile_selection"], "on_denial": {"action": "mask", "neutral": 0}},
 *   {"name": "religion", "index": 2, "purposes": ["explicit_profiling"], "categories": ["religious_beliefs"],
 *    "on_denial": {"action": "drop"}}]}
 * }</pre>
 * Optional top-level arrays declare purposes and data categories beyond the standard ones, for
 * {@link #extend(Vocabulary)}: {@code "purposes": [{"id": "explicit_profiling", "name": "…", "basis":
 * "explicit_consent", "profiling": true, "max_consent_age_days": 365, "tcf_purposes": [], "consentable": true}]}
 * (flags default to false, {@code consentable} to true) and {@code "categories": [{"id": "…", "name": "…",
 * "sensitivity": "special_category"}]}.
 * Coarsenings: {@code geo_round} ({@code decimals}), {@code age_band} ({@code width}), {@code time_truncate}
 * ({@code unit_seconds}), {@code ip_prefix} ({@code bits}), {@code buckets} ({@code bounds}: array),
 * {@code taxonomy_parent} ({@code parents}: object from child code to parent code). Every error names
 * the entry ({@code features[2] ('religion')}) and the field. Input is limited to
 * {@value #MAX_JSON_BYTES} bytes, a nesting depth of 64, strings of 65,536 characters and numbers
 * of 100 characters (Jackson's {@code StreamReadConstraints}); a document past a limit is an
 * {@link IllegalArgumentException} naming the limit.
 *
 * <p>Thread-safety: immutable, safe to share between threads.
 */
public final class FeatureCatalogue {
    /** The largest JSON document {@link #fromJson(InputStream)} reads. */
    public static final int MAX_JSON_BYTES = 16 * 1024 * 1024;

    private final List<Feature> features;
    private final Map<String, Feature> byName;
    private final List<Purpose> declaredPurposes;
    private final List<DataCategory> declaredCategories;

    private FeatureCatalogue(List<Feature> features, List<Purpose> declaredPurposes,
            List<DataCategory> declaredCategories) {
        this.features = List.copyOf(features);
        this.declaredPurposes = List.copyOf(declaredPurposes);
        this.declaredCategories = List.copyOf(declaredCategories);
        Map<String, Feature> map = new HashMap<>();
        for (Feature f : this.features) {
            if (map.put(f.name(), f) != null) {
                throw new IllegalArgumentException("features: duplicate feature name '" + f.name() + "'");
            }
        }
        this.byName = Collections.unmodifiableMap(map);
    }

    /**
     * Creates a catalogue from features.
     *
     * @param features the features
     * @return the catalogue
     * @throws IllegalArgumentException if two features share a name
     */
    public static FeatureCatalogue of(List<Feature> features) {
        Objects.requireNonNull(features, "features");
        return new FeatureCatalogue(features, List.of(), List.of());
    }

    /**
     * Returns the purposes the JSON document declared in its optional {@code purposes} array.
     *
     * @return the declared purposes, empty for a catalogue built with {@link #of(List)}
     */
    public List<Purpose> declaredPurposes() {
        return declaredPurposes;
    }

    /**
     * Returns the data categories the JSON document declared in its optional {@code categories} array.
     *
     * @return the declared categories, empty for a catalogue built with {@link #of(List)}
     */
    public List<DataCategory> declaredCategories() {
        return declaredCategories;
    }

    /**
     * Returns a vocabulary with this catalogue's declared purposes and categories added to a base.
     *
     * @param base the base vocabulary, usually {@link Vocabulary#standard()}
     * @return the extended vocabulary
     */
    public Vocabulary extend(Vocabulary base) {
        Vocabulary v = Objects.requireNonNull(base, "base");
        for (Purpose p : declaredPurposes) {
            v = v.withPurpose(p);
        }
        for (DataCategory c : declaredCategories) {
            v = v.withCategory(c);
        }
        return v;
    }

    /**
     * Returns the features in the order given.
     *
     * @return an unmodifiable list
     */
    public List<Feature> features() {
        return features;
    }

    /**
     * Looks up a feature by name.
     *
     * @param name the name
     * @return the feature, or empty if the catalogue does not know it
     */
    public Optional<Feature> feature(String name) {
        return Optional.ofNullable(byName.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Reads a catalogue from a JSON file.
     *
     * @param file the file
     * @return the catalogue
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException naming the entry and field if the content is invalid
     */
    public static FeatureCatalogue fromJson(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return fromJson(in);
        }
    }

    /**
     * Reads a catalogue from a JSON stream; the stream is not closed.
     *
     * @param in the stream
     * @return the catalogue
     * @throws IOException              if the stream cannot be read
     * @throws IllegalArgumentException naming the entry and field if the content is invalid or too large
     */
    public static FeatureCatalogue fromJson(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        byte[] bytes = in.readNBytes(MAX_JSON_BYTES + 1);
        if (bytes.length > MAX_JSON_BYTES) {
            throw new IllegalArgumentException("catalogue: larger than " + MAX_JSON_BYTES + " bytes");
        }
        JsonNode root = JsonLimits.DEFAULTS.read(bytes, "catalogue");
        JsonNode list = root == null ? null : root.get("features");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("catalogue: field 'features' must be an array");
        }
        List<Feature> features = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode node = list.get(i);
            String where = "features[" + i + "]";
            if (!node.isObject()) {
                throw new IllegalArgumentException(where + ": must be an object");
            }
            String name = Json.nonBlankText(node, "name", where);
            where = where + " ('" + name + "')";
            Integer previous = seen.put(name, i);
            if (previous != null) {
                throw new IllegalArgumentException(where + ": duplicate name, first at features[" + previous + "]");
            }
            try {
                JsonNode indexNode = node.get("index");
                if (indexNode == null || !indexNode.isInt()) {
                    throw new IllegalArgumentException("field 'index' must be an integer");
                }
                features.add(Feature.builder(name).index(indexNode.intValue()).purposes(Json.strings(node, "purposes"))
                        .dataCategories(Json.strings(node, "categories")).onDenial(action(node.get("on_denial"))).build());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new FeatureCatalogue(features, purposes(root.get("purposes")), categories(root.get("categories")));
    }

    private static List<Purpose> purposes(JsonNode list) {
        List<Purpose> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("catalogue: field 'purposes' must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = "purposes[" + i + "]";
            if (!n.isObject()) {
                throw new IllegalArgumentException(where + ": must be an object");
            }
            String id = Json.nonBlankText(n, "id", where);
            where = where + " ('" + id + "')";
            try {
                JsonNode age = n.get("max_consent_age_days");
                if (age != null && !age.isInt()) {
                    throw new IllegalArgumentException("field 'max_consent_age_days' must be an integer");
                }
                List<Integer> tcf = new ArrayList<>();
                JsonNode t = n.get("tcf_purposes");
                if (t != null) {
                    if (!t.isArray()) {
                        throw new IllegalArgumentException("field 'tcf_purposes' must be an array of integers");
                    }
                    for (int k = 0; k < t.size(); k++) {
                        if (!t.get(k).isInt()) {
                            throw new IllegalArgumentException("field 'tcf_purposes[" + k + "]' must be an integer");
                        }
                        tcf.add(t.get(k).intValue());
                    }
                }
                Purpose.Builder b = Purpose.builder(id).name(Json.nonBlankText(n, "name", where))
                        .defaultBasis(Json.enumIgnoringCase(LawfulBasis.class, n, "basis"))
                        .profiling(Json.flag(n, "profiling", false)).directMarketing(Json.flag(n, "direct_marketing", false))
                        .significantEffect(Json.flag(n, "significant_effect", false))
                        .consentable(Json.flag(n, "consentable", true)).tcfPurposeIds(tcf)
                        .dpv(Json.text(n, "dpv", false)).googleConsentMode(Json.text(n, "google_consent_mode", false));
                if (age != null) {
                    b.maxConsentAge(java.time.Duration.ofDays(age.intValue()));
                }
                out.add(b.build());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<DataCategory> categories(JsonNode list) {
        List<DataCategory> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("catalogue: field 'categories' must be an array");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode n = list.get(i);
            String where = "categories[" + i + "]";
            if (!n.isObject()) {
                throw new IllegalArgumentException(where + ": must be an object");
            }
            String id = Json.nonBlankText(n, "id", where);
            where = where + " ('" + id + "')";
            try {
                out.add(new DataCategory(id, Json.nonBlankText(n, "name", where),
                        Json.enumIgnoringCase(Sensitivity.class, n, "sensitivity")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static DenialAction action(JsonNode a) {
        if (a == null || !a.isObject()) {
            throw new IllegalArgumentException("field 'on_denial' must be an object");
        }
        String kind = a.path("action").isString() ? a.get("action").stringValue() : "";
        switch (kind) {
            case "drop":
                return new DenialAction.Drop();
            case "mask":
                return new DenialAction.Mask(Json.number(a, "on_denial.neutral", "neutral"));
            case "coarsen":
                return new DenialAction.Coarsen(coarsening(a));
            default:
                throw new IllegalArgumentException("field 'on_denial.action' must be drop, mask or coarsen, got '"
                        + kind + "'");
        }
    }

    private static Coarsening coarsening(JsonNode a) {
        String kind = a.path("coarsen").isString() ? a.get("coarsen").stringValue() : "";
        switch (kind) {
            case "geo_round":
                return new Coarsening.GeoRound(Json.integer(a, "on_denial.decimals", "decimals"));
            case "age_band":
                return new Coarsening.AgeBand(Json.integer(a, "on_denial.width", "width"));
            case "time_truncate":
                return new Coarsening.TimeTruncate(Json.integer(a, "on_denial.unit_seconds", "unit_seconds"));
            case "ip_prefix":
                return new Coarsening.IpPrefix(Json.integer(a, "on_denial.bits", "bits"));
            case "buckets": {
                JsonNode b = a.get("bounds");
                if (b == null || !b.isArray()) {
                    throw new IllegalArgumentException("field 'on_denial.bounds' must be an array of numbers");
                }
                List<Double> bounds = new ArrayList<>();
                for (int i = 0; i < b.size(); i++) {
                    if (!b.get(i).isNumber()) {
                        throw new IllegalArgumentException("field 'on_denial.bounds[" + i + "]' must be a number");
                    }
                    bounds.add(b.get(i).doubleValue());
                }
                return new Coarsening.Buckets(bounds);
            }
            case "taxonomy_parent": {
                JsonNode p = a.get("parents");
                if (p == null || !p.isObject()) {
                    throw new IllegalArgumentException("field 'on_denial.parents' must be an object");
                }
                Map<Long, Long> parents = new HashMap<>();
                for (Map.Entry<String, JsonNode> e : p.properties()) {
                    long child;
                    try {
                        child = Long.parseLong(e.getKey());
                    } catch (NumberFormatException ex) {
                        throw new IllegalArgumentException("field 'on_denial.parents' key '" + e.getKey()
                                + "' must be an integer code", ex);
                    }
                    if (!e.getValue().isIntegralNumber()) {
                        throw new IllegalArgumentException("field 'on_denial.parents." + e.getKey()
                                + "' must be an integer code");
                    }
                    parents.put(child, e.getValue().longValue());
                }
                return new Coarsening.TaxonomyParent(parents);
            }
            default:
                throw new IllegalArgumentException("field 'on_denial.coarsen' must be one of geo_round, age_band,"
                        + " time_truncate, ip_prefix, buckets, taxonomy_parent, got '" + kind + "'");
        }
    }

}
