package dev.fairway.explain.minimisation;

import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.explain.Attribution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A data-minimisation report ({@code fairway-minimisation/v1}): for every feature a model uses, its
 * purposes and data categories from the consent catalogue, its mean absolute attribution over a
 * set of explained rows and its share of the total; features whose share is below a stated
 * threshold are candidates to drop, and catalogue features the model never uses are listed apart.
 *
 * <pre>{@code
 * List<Attribution> attributions = new ArrayList<>();
 * for (double[] row : rows) {
 *     attributions.add(explainer.explain(row));     // e.g. a ShapleyExplainer over a background
 * }
 * MinimisationReport report = MinimisationReport.builder(catalogue).attributions(attributions).share(0.01).build();
 * }</pre>
 *
 * <p>The share of feature {@code j} is {@code mean_i |phi_ij| / sum_k mean_i |phi_ik|}; with every
 * attribution 0 every share is 0 and every feature is a candidate. A feature the model uses but
 * the catalogue does not declare is flagged ({@code in_catalogue: false}): it has no purpose.
 *
 * <p>Immutable and thread-safe; the builder is not.
 */
public final class MinimisationReport {
    /** The schema identifier written in every JSON report. */
    public static final String SCHEMA = "fairway-minimisation/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One feature the model uses. Immutable and thread-safe.
     *
     * @param feature its name
     * @param inCatalogue whether the catalogue declares it
     * @param purposes its purposes (empty when not in the catalogue)
     * @param dataCategories its data categories
     * @param meanAbsoluteAttribution mean of |attribution| over the explained rows
     * @param share its share of the sum of the means
     * @param dropCandidate whether the share is below the threshold
     */
    public record UsedFeature(String feature, boolean inCatalogue, List<String> purposes, List<String> dataCategories,
            double meanAbsoluteAttribution, double share, boolean dropCandidate) {
        /**
         * Copies the lists.
         *
         * @throws IllegalArgumentException if the mean or the share is negative or not finite
         */
        public UsedFeature {
            Objects.requireNonNull(feature, "feature");
            purposes = List.copyOf(purposes);
            dataCategories = List.copyOf(dataCategories);
            if (!(meanAbsoluteAttribution >= 0) || !Double.isFinite(meanAbsoluteAttribution) || !(share >= 0)) {
                throw new IllegalArgumentException("feature '" + feature + "': mean and share must be finite and >= 0");
            }
        }

        /**
         * Creates a used feature.
         *
         * @param feature its name
         * @param inCatalogue whether the catalogue declares it
         * @param purposes its purposes
         * @param dataCategories its data categories
         * @param meanAbsoluteAttribution mean |attribution|
         * @param share share of the total
         * @param dropCandidate whether it is below the threshold
         * @return the record
         */
        public static UsedFeature of(String feature, boolean inCatalogue, List<String> purposes,
                List<String> dataCategories, double meanAbsoluteAttribution, double share, boolean dropCandidate) {
            return new UsedFeature(feature, inCatalogue, purposes, dataCategories, meanAbsoluteAttribution, share,
                    dropCandidate);
        }
    }

    private final double threshold;
    private final int rows;
    private final List<UsedFeature> used;
    private final List<String> unused;

    private MinimisationReport(double threshold, int rows, List<UsedFeature> used, List<String> unused) {
        this.threshold = threshold;
        this.rows = rows;
        this.used = used;
        this.unused = unused;
    }

    /**
     * Starts a report against a catalogue.
     *
     * @param catalogue the consent feature catalogue
     * @return a builder
     */
    public static Builder builder(FeatureCatalogue catalogue) {
        return new Builder(Objects.requireNonNull(catalogue, "catalogue"));
    }

    /**
     * Returns the features the model uses, largest share first.
     *
     * @return the features
     */
    public List<UsedFeature> used() {
        return used;
    }

    /**
     * Returns the catalogue features the model does not use.
     *
     * @return feature names, in catalogue order
     */
    public List<String> unusedCatalogueFeatures() {
        return unused;
    }

    /**
     * Returns the names of the used features below the share threshold.
     *
     * @return drop candidates
     */
    public List<String> dropCandidates() {
        return used.stream().filter(UsedFeature::dropCandidate).map(UsedFeature::feature).toList();
    }

    /**
     * Renders the report as JSON.
     *
     * @return pretty-printed JSON
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("share_threshold", threshold);
        root.put("explained_rows", rows);
        root.put("share_definition", "mean |attribution| of the feature over the explained rows / sum of those means");
        ArrayNode list = root.putArray("features");
        for (UsedFeature f : used) {
            ObjectNode o = list.addObject();
            o.put("feature", f.feature());
            o.put("in_catalogue", f.inCatalogue());
            ArrayNode p = o.putArray("purposes");
            f.purposes().forEach(p::add);
            ArrayNode c = o.putArray("data_categories");
            f.dataCategories().forEach(c::add);
            o.put("mean_abs_attribution", f.meanAbsoluteAttribution());
            o.put("share", f.share());
            o.put("drop_candidate", f.dropCandidate());
        }
        ArrayNode drop = root.putArray("drop_candidates");
        dropCandidates().forEach(drop::add);
        ArrayNode un = root.putArray("unused_catalogue_features");
        unused.forEach(un::add);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + System.lineSeparator();
    }

    /**
     * Renders the report as text.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        sb.append(String.format(Locale.ROOT, "Fairway data minimisation: %d features used, %d rows explained;"
                + " drop candidates have a share below %s%n", used.size(), rows, threshold));
        for (UsedFeature f : used) {
            sb.append(String.format(Locale.ROOT, "%-2s %-24s share %.4f  mean|phi| %.6g  purposes %s  categories %s%s%n",
                    f.dropCandidate() ? "-" : "", f.feature(), f.share(), f.meanAbsoluteAttribution(), f.purposes(),
                    f.dataCategories(), f.inCatalogue() ? "" : "  NOT IN CATALOGUE"));
        }
        sb.append("drop candidates: ").append(dropCandidates()).append(nl);
        sb.append("catalogue features the model does not use: ").append(unused).append(nl);
        return sb.toString();
    }

    /**
     * Collects attributions. Not thread-safe.
     */
    public static final class Builder {
        private final FeatureCatalogue catalogue;
        private final List<Attribution> attributions = new ArrayList<>();
        private double threshold = 0.01;

        private Builder(FeatureCatalogue catalogue) {
            this.catalogue = catalogue;
        }

        /**
         * Adds attributions of explained rows; every one must have the same players.
         *
         * @param values the attributions
         * @return this builder
         * @throws IllegalArgumentException if the players differ from earlier ones
         */
        public Builder attributions(List<Attribution> values) {
            for (Attribution a : values) {
                Objects.requireNonNull(a, "attribution");
                if (!attributions.isEmpty() && !attributions.get(0).players().equals(a.players())) {
                    throw new IllegalArgumentException("attributions over different players: " + attributions.get(0).players()
                            + " and " + a.players());
                }
                attributions.add(a);
            }
            return this;
        }

        /**
         * Sets the share below which a used feature is a candidate to drop (default 0.01).
         *
         * @param value in [0, 1]
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder share(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("share must be in [0, 1], got " + value);
            }
            threshold = value;
            return this;
        }

        /**
         * Computes the report.
         *
         * @return the report
         * @throws IllegalStateException without attributions
         */
        public MinimisationReport build() {
            if (attributions.isEmpty()) {
                throw new IllegalStateException("no attributions: explain at least one row");
            }
            List<String> players = attributions.get(0).players();
            double[] mean = new double[players.size()];
            for (Attribution a : attributions) {
                for (int j = 0; j < mean.length; j++) {
                    mean[j] += Math.abs(a.value(j));
                }
            }
            double total = 0;
            for (int j = 0; j < mean.length; j++) {
                mean[j] /= attributions.size();
                total += mean[j];
            }
            List<UsedFeature> used = new ArrayList<>();
            Map<String, Boolean> seen = new LinkedHashMap<>();
            for (int j = 0; j < mean.length; j++) {
                String name = players.get(j);
                Optional<Feature> f = catalogue.feature(name);
                double share = total > 0 ? mean[j] / total : 0;
                used.add(UsedFeature.of(name, f.isPresent(), f.map(Feature::purposes).orElse(List.of()),
                        f.map(Feature::dataCategories).orElse(List.of()), mean[j], share, share < threshold || total == 0));
                seen.put(name, true);
            }
            used.sort((a, b) -> Double.compare(b.share(), a.share()));
            List<String> unused = new ArrayList<>();
            for (Feature f : catalogue.features()) {
                if (!seen.containsKey(f.name())) {
                    unused.add(f.name());
                }
            }
            return new MinimisationReport(threshold, attributions.size(), List.copyOf(used), List.copyOf(unused));
        }
    }
}
