package dev.fairway.explain.minimisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.LinearModel;
import dev.fairway.explain.ShapleyMethod;
import dev.fairway.explain.Players;
import dev.fairway.explain.ShapleyExplainer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MinimisationReportTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static FeatureCatalogue catalogue() throws IOException {
        String json = "{\"features\": ["
                + "{\"name\": \"a\", \"index\": 0, \"purposes\": [\"profile_selection\"], \"categories\": [\"behaviour\"],"
                + " \"on_denial\": {\"action\": \"drop\"}},"
                + "{\"name\": \"b\", \"index\": 1, \"purposes\": [\"profile_selection\"], \"on_denial\": {\"action\": \"drop\"}},"
                + "{\"name\": \"d\", \"index\": 2, \"purposes\": [\"profile_selection\"], \"on_denial\": {\"action\": \"drop\"}}]}";
        return FeatureCatalogue.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Model 2a + 0.01b + 0c over the rows (0,0,0), (2,2,2), (0,2,0), (2,0,2): every mean is 1 and
     * every |x - mean| is 1, so the closed-form linear attributions have mean absolute values 2,
     * 0.01 and 0 (hand count): shares 2/2.01, 0.01/2.01 and 0.
     */
    @Test
    void handComputedShares() throws IOException {
        double[] rows = {0, 0, 0, 2, 2, 2, 0, 2, 0, 2, 0, 2};
        Background bg = Background.of(rows, 4, 3);
        ShapleyExplainer explainer = ShapleyExplainer.builder(LinearModel.of(0.5, new double[] {2, 0.01, 0}), bg)
                .players(Players.of(List.of("a", "b", "c"))).method(ShapleyMethod.LINEAR).build();
        List<Attribution> attributions = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            attributions.add(explainer.explain(new double[] {rows[3 * r], rows[3 * r + 1], rows[3 * r + 2]}));
        }
        MinimisationReport report = MinimisationReport.builder(catalogue()).attributions(attributions).share(0.01).build();
        assertEquals("a", report.used().get(0).feature());
        assertEquals(2.0, report.used().get(0).meanAbsoluteAttribution(), 1e-12);
        assertEquals(2 / 2.01, report.used().get(0).share(), 1e-12);
        assertEquals(0.01 / 2.01, report.used().get(1).share(), 1e-12);
        assertEquals(List.of("b", "c"), report.dropCandidates());
        assertEquals(List.of("profile_selection"), report.used().get(0).purposes());
        assertEquals(List.of("behaviour"), report.used().get(0).dataCategories());
        assertFalse(report.used().get(2).inCatalogue());
        assertEquals(List.of("d"), report.unusedCatalogueFeatures());
        JsonNode json = JSON.readTree(report.toJson());
        assertEquals(MinimisationReport.SCHEMA, json.get("schema").asString());
        assertEquals(4, json.get("explained_rows").asInt());
        assertEquals(2, json.get("drop_candidates").size());
        assertTrue(report.toText().contains("NOT IN CATALOGUE"));
        assertThrows(IllegalStateException.class, () -> MinimisationReport.builder(catalogue()).build());
        assertThrows(IllegalArgumentException.class, () -> MinimisationReport.builder(catalogue()).share(2));
    }
}
