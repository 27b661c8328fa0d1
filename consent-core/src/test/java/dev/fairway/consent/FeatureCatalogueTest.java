package dev.fairway.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.Jurisdiction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeatureCatalogueTest {

    static FeatureCatalogue parse(String json) throws IOException {
        return FeatureCatalogue.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void loadsEveryActionAndCoarsening() throws IOException {
        FeatureCatalogue c = parse("{\"features\": ["
                + "{\"name\": \"age\", \"index\": 0, \"purposes\": [\"profile_selection\"], \"categories\": [\"demographic\"],"
                + " \"on_denial\": {\"action\": \"coarsen\", \"coarsen\": \"age_band\", \"width\": 10}},"
                + "{\"name\": \"clicks\", \"index\": 1, \"purposes\": [\"profile_selection\", \"profile_building\"],"
                + " \"on_denial\": {\"action\": \"mask\", \"neutral\": 0.5}},"
                + "{\"name\": \"religion\", \"index\": 2, \"purposes\": [\"fairness_monitoring\"],"
                + " \"categories\": [\"religious_beliefs\"], \"on_denial\": {\"action\": \"drop\"}},"
                + "{\"name\": \"lat\", \"index\": 3, \"purposes\": [\"contextual_selection\"],"
                + " \"on_denial\": {\"action\": \"coarsen\", \"coarsen\": \"geo_round\", \"decimals\": 1}},"
                + "{\"name\": \"ts\", \"index\": 4, \"purposes\": [\"contextual_selection\"],"
                + " \"on_denial\": {\"action\": \"coarsen\", \"coarsen\": \"time_truncate\", \"unit_seconds\": 3600}},"
                + "{\"name\": \"ip\", \"index\": 5, \"purposes\": [\"security_fraud\"],"
                + " \"on_denial\": {\"action\": \"coarsen\", \"coarsen\": \"ip_prefix\", \"bits\": 24}},"
                + "{\"name\": \"spend\", \"index\": 6, \"purposes\": [\"profile_selection\"],"
                + " \"on_denial\": {\"action\": \"coarsen\", \"coarsen\": \"buckets\", \"bounds\": [0, 10, 100]}},"
                + "{\"name\": \"cat\", \"index\": 7, \"purposes\": [\"profile_selection\"],"
                + " \"on_denial\": {\"action\": \"coarsen\", \"coarsen\": \"taxonomy_parent\", \"parents\": {\"1101\": 11}}}"
                + "]}");
        assertEquals(8, c.features().size());
        Feature age = c.feature("age").orElseThrow();
        assertEquals(new Feature("age", 0, List.of("profile_selection"), List.of("demographic"),
                new DenialAction.Coarsen(new Coarsening.AgeBand(10))), age);
        assertEquals(new DenialAction.Mask(0.5), c.feature("clicks").orElseThrow().onDenial());
        assertEquals(new DenialAction.Drop(), c.feature("religion").orElseThrow().onDenial());
        assertEquals(new DenialAction.Coarsen(new Coarsening.Buckets(List.of(0.0, 10.0, 100.0))),
                c.feature("spend").orElseThrow().onDenial());
        assertEquals(new DenialAction.Coarsen(new Coarsening.TaxonomyParent(Map.of(1101L, 11L))),
                c.feature("cat").orElseThrow().onDenial());
        assertEquals(new DenialAction.Coarsen(new Coarsening.IpPrefix(24)), c.feature("ip").orElseThrow().onDenial());
        assertTrue(c.feature("nope").isEmpty());
    }

    @Test
    void declaredPurposesAndCategoriesExtendTheVocabulary() throws IOException {
        FeatureCatalogue c = parse("{\"purposes\": [{\"id\": \"explicit_profiling\", \"name\": \"Profiling on health data\","
                + " \"basis\": \"explicit_consent\", \"profiling\": true, \"max_consent_age_days\": 30}],"
                + " \"categories\": [{\"id\": \"sleep\", \"name\": \"Sleep data\", \"sensitivity\": \"special_category\"}],"
                + " \"features\": [{\"name\": \"sleep_hours\", \"index\": 0, \"purposes\": [\"explicit_profiling\"],"
                + " \"categories\": [\"sleep\"], \"on_denial\": {\"action\": \"drop\"}}]}");
        Purpose p = new Purpose("explicit_profiling", "Profiling on health data", LawfulBasis.EXPLICIT_CONSENT, true,
                false, false, true, java.time.Duration.ofDays(30), List.of(), null, null);
        assertEquals(List.of(p), c.declaredPurposes());
        assertEquals(List.of(new DataCategory("sleep", "Sleep data", Sensitivity.SPECIAL_CATEGORY)),
                c.declaredCategories());
        Vocabulary v = c.extend(Vocabulary.standard());
        assertEquals(p, v.purpose("explicit_profiling").orElseThrow());
        // the special-category feature compiles against the extended vocabulary and not against the standard one
        FilterPlan.compile(c, new FilterPolicy(v, List.of()), Jurisdiction.EU);
        assertThrows(IllegalArgumentException.class,
                () -> FilterPlan.compile(c, new FilterPolicy(Vocabulary.standard(), List.of()), Jurisdiction.EU));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"purposes\": [{\"id\": \"p\", \"name\": \"P\", \"basis\": \"whim\"}], \"features\": []}|purposes[0] ('p'): field 'basis' must be one of",
        "{\"purposes\": [{\"id\": \"p\", \"name\": \"P\", \"basis\": \"legitimate_interests\", \"profiling\": true}], \"features\": []}|purposes[0] ('p'): purpose 'p': defaultBasis LEGITIMATE_INTERESTS is not allowed",
        "{\"categories\": [{\"id\": \"c\", \"name\": \"C\"}], \"features\": []}|categories[0] ('c'): field 'sensitivity' must be one of",
        "{\"features\": 3}|field 'features' must be an array",
        "{\"features\": [{\"index\": 0}]}|features[0]: field 'name'",
        "{\"features\": [{\"name\": \"a\", \"on_denial\": {\"action\": \"drop\"}}]}|features[0] ('a'): field 'index'",
        "{\"features\": [{\"name\": \"a\", \"index\": -1, \"on_denial\": {\"action\": \"drop\"}}]}|features[0] ('a'): feature 'a': index must be non-negative",
        "{\"features\": [{\"name\": \"a\", \"index\": 0, \"on_denial\": {\"action\": \"zap\"}}]}|features[0] ('a'): field 'on_denial.action'",
        "{\"features\": [{\"name\": \"a\", \"index\": 0, \"on_denial\": {\"action\": \"mask\"}}]}|features[0] ('a'): field 'on_denial.neutral'",
        "{\"features\": [{\"name\": \"a\", \"index\": 0, \"on_denial\": {\"action\": \"coarsen\", \"coarsen\": \"age_band\", \"width\": 0}}]}|features[0] ('a'): width must be positive",
        "{\"features\": [{\"name\": \"a\", \"index\": 0, \"purposes\": [1], \"on_denial\": {\"action\": \"drop\"}}]}|features[0] ('a'): field 'purposes[0]'",
        "{\"features\": [{\"name\": \"a\", \"index\": 0, \"on_denial\": {\"action\": \"drop\"}}, {\"name\": \"a\", \"index\": 1, \"on_denial\": {\"action\": \"drop\"}}]}|features[1] ('a'): duplicate name, first at features[0]",
        "{\"features\": [|malformed JSON",
    })
    void errorsNameTheEntryAndField(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
