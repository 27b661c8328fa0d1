package dev.fairway.consent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fairway.consent.filter.DecisionRecord;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.JsonLinesAuditSink;
import dev.fairway.consent.filter.Jurisdiction;
import dev.fairway.consent.filter.Pseudonymizer;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.log.FsyncPolicy;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's consent example, line for line, so that it stays true. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    /** The README's complete catalogue example, character for character. */
    static final String CATALOG = """
            {
              "purposes": [
                {"id": "explicit_profiling", "name": "Profile on explicit consent", "basis": "explicit_consent",
                 "profiling": true, "max_consent_age_days": 365}
              ],
              "categories": [
                {"id": "browsing", "name": "Browsing history", "sensitivity": "none"}
              ],
              "features": [
                {"name": "clicks_7d", "index": 0, "purposes": ["profile_selection"], "categories": ["browsing"],
                 "on_denial": {"action": "mask", "neutral": 0}},
                {"name": "age", "index": 1, "purposes": ["personalised_ads"],
                 "on_denial": {"action": "coarsen", "coarsen": "age_band", "width": 10}},
                {"name": "zip", "index": 2, "purposes": ["personalised_ads"], "on_denial": {"action": "drop"}},
                {"name": "religion", "index": 3, "purposes": ["explicit_profiling"], "categories": ["religious_beliefs"],
                 "on_denial": {"action": "drop"}}
              ]
            }
            """;

    @Test
    void readmeExampleRuns() throws IOException {
        Files.writeString(dir.resolve("catalog.json"), CATALOG);
        double[] row = {7, 34, 10115, 1};
        double[] filtered = new double[4];
        Pseudonymizer pseudonymizer = Pseudonymizer.of("a key of 16 bytes".getBytes(StandardCharsets.UTF_8));
        Path catalog = dir.resolve("catalog.json");
        Path ledgerFile = dir.resolve("ledger.jsonl");
        Path auditFile = dir.resolve("audit.jsonl");
        // --- README ---
        FeatureCatalogue catalogue = FeatureCatalogue.fromJson(catalog);
        Vocabulary vocabulary = catalogue.extend(Vocabulary.standard());   // standard + declared purposes
        FilterPolicy policy = FilterPolicy.of(vocabulary, "profile_selection", "personalised_ads", "explicit_profiling");
        FilterPlan plan = FilterPlan.compile(catalogue, policy, Jurisdiction.EU);
        try (var store = JsonLinesConsentStore.open(ledgerFile, FsyncPolicy.EVERY_APPEND);
             var audit = JsonLinesAuditSink.open(auditFile)) {
            var ledger = ConsentLedger.of(store, vocabulary, Clock.systemUTC());
            ledger.record(ConsentEvent.direct("alice", "profile_selection", ConsentState.GIVEN, false, Instant.now()));
            ConsentSnapshot snapshot = ledger.snapshot("alice");
            long granted = plan.grantedMask(snapshot, Set.of());   // once per consent change
            plan.apply(granted, row, filtered);                     // per request: drop, mask or coarsen
            audit.write(DecisionRecord.of(plan, snapshot, Set.of(), pseudonymizer));
        }
        // --- end ---
        // clicks kept (consent given); no ad consent: age coarsened to its band floor(34 / 10) * 10 and
        // zip dropped; no explicit consent for religion: dropped
        assertArrayEquals(new double[] {7, 30, Double.NaN, Double.NaN}, filtered);
        assertEquals(1, Files.readAllLines(auditFile).size());
        assertEquals(List.of("explicit_profiling"), catalogue.declaredPurposes().stream().map(Purpose::id).toList());
    }

    @Test
    void readmeBuildersMatchTheCatalogueJson() throws IOException {
        FeatureCatalogue fromJson = FeatureCatalogue.fromJson(new java.io.ByteArrayInputStream(
                CATALOG.getBytes(StandardCharsets.UTF_8)));
        // --- README builders ---
        Purpose explicitProfiling = Purpose.builder("explicit_profiling").name("Profile on explicit consent")
                .defaultBasis(LawfulBasis.EXPLICIT_CONSENT).profiling(true).maxConsentAge(Duration.ofDays(365))
                .build();
        Feature age = Feature.builder("age").index(1).purposes("personalised_ads")
                .onDenial(new DenialAction.Coarsen(new Coarsening.AgeBand(10))).build();
        // --- end ---
        assertEquals(explicitProfiling, fromJson.declaredPurposes().get(0));
        assertEquals(age, fromJson.feature("age").orElseThrow());
    }
}
