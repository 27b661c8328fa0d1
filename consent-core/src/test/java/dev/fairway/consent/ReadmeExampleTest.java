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
import dev.fairway.consent.ledger.FsyncPolicy;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's consent example, line for line, so that it stays true. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void readmeExampleRuns() throws IOException {
        Files.writeString(dir.resolve("catalog.json"), "{\"features\": ["
                + "{\"name\": \"clicks\", \"index\": 0, \"purposes\": [\"profile_selection\"], \"on_denial\": {\"action\": \"mask\", \"neutral\": 0}},"
                + "{\"name\": \"ads\", \"index\": 1, \"purposes\": [\"personalised_ads\"], \"on_denial\": {\"action\": \"drop\"}}]}");
        double[] row = {7, 3};
        double[] filtered = new double[2];
        Pseudonymizer pseudonymizer = new Pseudonymizer("a key of 16 bytes".getBytes(StandardCharsets.UTF_8));
        Path catalog = dir.resolve("catalog.json");
        Path ledgerFile = dir.resolve("ledger.jsonl");
        Path auditFile = dir.resolve("audit.jsonl");
        // --- README ---
        FeatureCatalogue catalogue = FeatureCatalogue.fromJson(catalog);
        FilterPlan plan = FilterPlan.compile(catalogue, FilterPolicy.serving("profile_selection"), Jurisdiction.EU);
        try (var store = JsonLinesConsentStore.open(ledgerFile, FsyncPolicy.EVERY_APPEND);
             var audit = new JsonLinesAuditSink(auditFile)) {
            var ledger = new ConsentLedger(store, Vocabulary.standard(), Clock.systemUTC());
            ledger.record(ConsentEvent.direct("alice", "profile_selection", ConsentState.GIVEN, false, Instant.now()));
            ConsentSnapshot snapshot = ledger.snapshot("alice");
            long granted = plan.grantedMask(snapshot, Set.of());   // once per consent change
            plan.apply(granted, row, filtered);                     // per request: drop, mask or coarsen
            audit.write(DecisionRecord.of(plan, snapshot, Set.of(), pseudonymizer));
        }
        // --- end ---
        // clicks kept (consent given); ads not served by this plan: dropped
        assertArrayEquals(new double[] {7, Double.NaN}, filtered);
        assertEquals(1, Files.readAllLines(auditFile).size());
    }
}
