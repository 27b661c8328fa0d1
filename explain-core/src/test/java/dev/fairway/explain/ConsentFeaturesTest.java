package dev.fairway.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.Jurisdiction;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Players and withheld sets from a consent catalogue and plan, checked by hand. */
class ConsentFeaturesTest {

    private static Feature f(String name, int index, List<String> purposes, List<String> categories) {
        return new Feature(name, index, purposes, categories, new DenialAction.Drop());
    }

    /** Declared out of column order on purpose. */
    private static FeatureCatalogue catalogue() {
        return FeatureCatalogue.of(List.of(
                f("views", 3, List.of("profile_building"), List.of("behaviour")),
                f("income", 0, List.of("profile_selection"), List.of()),
                f("debt", 1, List.of("contextual_selection"), List.of()),
                f("clicks", 2, List.of("profile_selection", "profile_building"), List.of("behaviour"))));
    }

    private static long grant(FilterPlan plan, String... purposes) {
        long mask = 0;
        for (String p : purposes) {
            int bit = plan.purposeIds().indexOf(p);
            if (bit < 0) {
                throw new AssertionError("plan has no purpose " + p + ": " + plan.purposeIds());
            }
            mask |= 1L << bit;
        }
        return mask;
    }

    @Test
    void playersFollowColumnOrder() {
        assertEquals(List.of("income", "debt", "clicks", "views"), ConsentFeatures.players(catalogue()).names());
        Players byCategory = ConsentFeatures.playersByCategory(catalogue());
        assertEquals(List.of("income", "debt", "behaviour"), byCategory.names());
        assertEquals(byCategory.playerOf(2), byCategory.playerOf(3));
    }

    @Test
    void withheldAreTheFeaturesWhosePurposesAreNotAllGranted() {
        FilterPlan plan = FilterPlan.compile(catalogue(), FilterPolicy.serving(), Jurisdiction.EU);
        long granted = grant(plan, "profile_selection", "contextual_selection");
        // clicks also needs profile_building; views needs only profile_building
        assertEquals(Set.of("clicks", "views"), ConsentFeatures.withheldFeatures(plan, granted));
        assertEquals(Set.of("clicks", "views"),
                ConsentFeatures.withheldPlayers(ConsentFeatures.players(catalogue()), plan, granted));
        assertEquals(Set.of("behaviour"),
                ConsentFeatures.withheldPlayers(ConsentFeatures.playersByCategory(catalogue()), plan, granted));
        long all = grant(plan, "profile_selection", "contextual_selection", "profile_building");
        assertEquals(Set.of(), ConsentFeatures.withheldFeatures(plan, all));
        assertEquals(Set.of("income", "debt", "clicks", "views"), ConsentFeatures.withheldFeatures(plan, 0L));
    }

    @Test
    void mismatchesAndGapsAreRejected() {
        FilterPlan plan = FilterPlan.compile(catalogue(), FilterPolicy.serving(), Jurisdiction.EU);
        Players other = Players.of(List.of("income", "debt", "views", "clicks"));
        assertThrows(IllegalArgumentException.class, () -> ConsentFeatures.withheldPlayers(other, plan, 0L));
        FeatureCatalogue gap = FeatureCatalogue.of(List.of(f("a", 0, List.of("profile_selection"), List.of()),
                f("b", 2, List.of("profile_selection"), List.of())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConsentFeatures.players(gap));
        assertEquals("feature 'b' has index 2 but players need the columns 0..1 without gaps", e.getMessage());
    }
}
