package dev.fairway.explain;

import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.explain.reasons.ReasonPolicy;
import dev.fairway.explain.recourse.FeatureAction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The bridge from consent-core: players named and ordered by a {@link FeatureCatalogue}, and the
 * players and features a person's consent withholds under a compiled {@link FilterPlan}, to pass
 * to {@link ReasonPolicy} (never cited) and to recourse ({@link FeatureAction#immutable(String)},
 * never mentioned).
 *
 * <pre>{@code
 * Players players = ConsentFeatures.players(catalogue);
 * Set<String> withheld = ConsentFeatures.withheldPlayers(players, plan, plan.grantedMask(snapshot, Set.of()));
 * ReasonPolicy policy = ReasonPolicy.builder(reasons, "approved applicants").withheldPlayers(withheld).build();
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ConsentFeatures {
    private ConsentFeatures() {
    }

    /**
     * Makes every catalogue feature its own player, in column ({@link Feature#index()}) order.
     *
     * @param catalogue the feature catalogue
     * @return the players
     * @throws IllegalArgumentException if the feature indices are not exactly {@code 0 .. n-1}
     */
    public static Players players(FeatureCatalogue catalogue) {
        return Players.of(columnNames(catalogue));
    }

    /**
     * Makes the features of each data category one player, named after the category; a feature
     * joins the group of its first data category, and features without a category stay players
     * of their own.
     *
     * @param catalogue the feature catalogue
     * @return the players
     * @throws IllegalArgumentException if the feature indices are not exactly {@code 0 .. n-1}, or
     *     a category id equals the name of an ungrouped feature
     */
    public static Players playersByCategory(FeatureCatalogue catalogue) {
        List<String> names = columnNames(catalogue);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (Feature f : sorted(catalogue)) {
            if (!f.dataCategories().isEmpty()) {
                groups.computeIfAbsent(f.dataCategories().get(0), k -> new ArrayList<>()).add(f.name());
            }
        }
        return Players.grouped(names, groups);
    }

    /**
     * Returns the names of the features the plan does not keep under a granted mask: dropped,
     * masked or coarsened because a purpose they need is not granted.
     *
     * @param plan the compiled filter plan
     * @param granted the person's granted mask ({@link FilterPlan#grantedMask})
     * @return the withheld feature names, in column order
     */
    public static Set<String> withheldFeatures(FilterPlan plan, long granted) {
        Objects.requireNonNull(plan, "plan");
        Set<String> out = new LinkedHashSet<>();
        for (int j = 0; j < plan.width(); j++) {
            String name = plan.featureName(j);
            if (name != null && !plan.isKept(granted, j)) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * Returns the players that contain at least one withheld feature: a group is withheld as a
     * whole when any of its features is.
     *
     * @param players the players (their feature names must be the plan's, in column order)
     * @param plan the compiled filter plan
     * @param granted the person's granted mask
     * @return the withheld player names
     * @throws IllegalArgumentException if the players' features differ from the plan's
     */
    public static Set<String> withheldPlayers(Players players, FilterPlan plan, long granted) {
        Objects.requireNonNull(players, "players");
        Objects.requireNonNull(plan, "plan");
        if (players.features() != plan.width()) {
            throw new IllegalArgumentException("players have " + players.features() + " features but the plan has "
                    + plan.width() + " columns");
        }
        Set<String> out = new LinkedHashSet<>();
        for (int j = 0; j < plan.width(); j++) {
            if (!players.featureNames().get(j).equals(plan.featureName(j))) {
                throw new IllegalArgumentException("column " + j + " is '" + players.featureNames().get(j)
                        + "' among the players but '" + plan.featureName(j) + "' in the plan");
            }
            if (!plan.isKept(granted, j)) {
                out.add(players.names().get(players.playerOf(j)));
            }
        }
        return out;
    }

    private static List<Feature> sorted(FeatureCatalogue catalogue) {
        List<Feature> features = new ArrayList<>(Objects.requireNonNull(catalogue, "catalogue").features());
        features.sort(Comparator.comparingInt(Feature::index));
        return features;
    }

    private static List<String> columnNames(FeatureCatalogue catalogue) {
        List<String> names = new ArrayList<>();
        for (Feature f : sorted(catalogue)) {
            if (f.index() != names.size()) {
                throw new IllegalArgumentException("feature '" + f.name() + "' has index " + f.index()
                        + " but players need the columns 0.." + (catalogue.features().size() - 1) + " without gaps");
            }
            names.add(f.name());
        }
        return names;
    }
}
