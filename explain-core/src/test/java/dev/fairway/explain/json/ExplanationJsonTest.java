package dev.fairway.explain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.AttributionMethod;
import dev.fairway.explain.Background;
import dev.fairway.explain.LinearModel;
import dev.fairway.explain.Link;
import dev.fairway.explain.Players;
import dev.fairway.explain.Provenance;
import dev.fairway.explain.ShapleyExplainer;
import dev.fairway.explain.reasons.AdverseDirection;
import dev.fairway.explain.reasons.Audience;
import dev.fairway.explain.reasons.NoticeRenderer;
import dev.fairway.explain.reasons.ReasonCatalogue;
import dev.fairway.explain.reasons.ReasonPolicy;
import dev.fairway.explain.reasons.ReasonPolicyTest;
import dev.fairway.explain.reasons.ReasonResult;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ExplanationJsonTest {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    @Test
    void auditorViewCarriesEverything() {
        LinearModel model = LinearModel.of(1, new double[] {2, -3, 0.5});
        Background bg = Background.of(new double[] {0, 0, 0, 2, 4, 6}, 2, 3);
        Attribution a = ShapleyExplainer.builder(model, bg).players(Players.of(List.of("income", "debt", "age")))
                .build().explain(new double[] {3, 1, 5});
        JsonNode doc = MAPPER.readTree(ExplanationJson.of(a).write(Audience.AUDITOR));
        assertEquals("fairway-explanation/v1", doc.get("schema").stringValue());
        assertEquals("auditor", doc.get("view").stringValue());
        assertEquals("exact", doc.get("method").stringValue());
        assertEquals(6.5, doc.get("prediction").doubleValue(), 1e-12);
        assertEquals(-1.5, doc.get("base_value").doubleValue(), 1e-12);
        assertEquals(3, doc.get("attributions").size());
        assertEquals("debt", doc.get("attributions").get(1).get("feature").stringValue());
        assertEquals(3.0, doc.get("attributions").get(1).get("value").doubleValue(), 1e-12);
        assertEquals(0.0, doc.get("attributions").get(1).get("std_error").doubleValue());
        JsonNode prov = doc.get("provenance");
        assertEquals(bg.digest(), prov.get("background_digest").stringValue());
        assertEquals(8, prov.get("coalitions").intValue());
        assertEquals(16, prov.get("evaluations").intValue());
        assertTrue(prov.has("seed") && prov.has("additivity_residual") && prov.has("max_std_error"));
    }

    @Test
    void personViewHidesWithheldAttributionsImpactsAndSuppressedReasons() {
        Attribution a = ReasonPolicyTest.attribution(-0.30, -0.20, -0.05, -0.25, -0.10, -0.15);
        ReasonResult r = ReasonPolicy.builder(ReasonPolicyTest.catalogue(), "approved applicants")
                .protectedPlayers(Set.of("age")).withheldPlayers(Set.of("postcode")).build()
                .select(a, ReasonPolicyTest.DEV);
        ExplanationJson doc = ExplanationJson.of(a).reasons(r, NoticeRenderer.standard(), Locale.GERMAN)
                .hidden(Set.of("age", "postcode"));
        JsonNode person = MAPPER.readTree(doc.write(Audience.PERSON));
        String text = person.toString();
        assertFalse(text.contains("postcode") || text.contains("\"age\""), text);
        assertEquals(4, person.get("attributions").size());
        JsonNode reasons = person.get("reasons");
        assertEquals("de", reasons.get("locale").stringValue());
        assertEquals(4, reasons.get("cited").size());
        assertFalse(reasons.get("cited").get(0).has("impact"));
        assertFalse(reasons.has("suppressed"));
        assertEquals("Einkommen für den beantragten Kreditbetrag nicht ausreichend",
                reasons.get("cited").get(0).get("text").stringValue());
        assertTrue(reasons.get("notice").stringValue().startsWith("Die wesentlichen Gründe"));
        JsonNode auditor = MAPPER.readTree(doc.write(Audience.AUDITOR));
        assertEquals(6, auditor.get("attributions").size());
        assertEquals(2, auditor.get("reasons").get("suppressed").size());
        assertEquals("withheld", auditor.get("reasons").get("suppressed").get(1).get("cause").stringValue());
    }

    @Test
    void unestimatedStandardErrorIsNull() {
        Provenance p = new Provenance(AttributionMethod.KERNEL, 7, 10, 10, "sha256:x", 0, Double.NaN, Link.IDENTITY);
        Attribution a = new Attribution(List.of("a"), new double[] {1}, new double[] {Double.NaN}, 0, 1, p);
        JsonNode doc = MAPPER.readTree(ExplanationJson.of(a).write(Audience.AUDITOR));
        assertTrue(doc.get("attributions").get(0).get("std_error").isNull());
        assertTrue(doc.get("provenance").get("max_std_error").isNull());
        assertEquals(7, doc.get("provenance").get("seed").intValue());
    }

    @Test
    void readsCatalogueAndNamesBadFields() {
        ReasonCatalogue c = ExplanationJson.readCatalogue("""
                {"id": "credit", "version": "1", "reasons": [
                  {"code": "R01", "message_key": "reason.income.insufficient", "covers": ["income"],
                   "direction": "below_reference", "tags": ["credit"]},
                  {"code": "R02", "message_key": "reason.inquiries", "covers": ["inquiries"]}]}
                """);
        assertEquals(2, c.reasons().size());
        assertEquals(AdverseDirection.BELOW_REFERENCE, c.reason("R01").direction());
        assertEquals(AdverseDirection.ANY, c.reason("R02").direction());
        assertEquals(Set.of("credit"), c.reason("R01").tags());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExplanationJson.readCatalogue(
                "{\"id\":\"c\",\"version\":\"1\",\"reasons\":[{\"code\":\"R\",\"covers\":[\"x\"]}]}"));
        assertTrue(e.getMessage().contains("reasons[0] field 'message_key'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExplanationJson.readCatalogue("{\"id\": "));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExplanationJson.readCatalogue(
                "{\"id\":\"c\",\"version\":\"1\",\"reasons\":[{\"code\":\"R\",\"message_key\":\"k\",\"covers\":[\"x\"],"
                        + "\"direction\":\"up\"}]}"));
        assertTrue(e.getMessage().contains("reasons[0].direction"), e.getMessage());
    }
}
