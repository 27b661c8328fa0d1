package dev.fairway.fairness.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.AuditData;
import dev.fairway.fairness.ConfusionCounts;
import org.junit.jupiter.api.Test;

/** The README's privacy example, line for line, so that it stays true. */
class PrivacyReadmeExampleTest {

    @Test
    void readmeExampleRuns() {
        int n = 2000;
        Object[] race = new Object[n];
        Object[] zip = new Object[n];
        Object[] ageBand = new Object[n];
        double[] age = new double[n];
        boolean[] y = new boolean[n];
        boolean[] p = new boolean[n];
        for (int i = 0; i < n; i++) {
            race[i] = i % 2 == 0 ? "A" : "B";
            zip[i] = (i % 2 == 0 ? "1" : "2") + (i % 5);   // leaks race
            age[i] = 20 + i % 50;
            ageBand[i] = (20 + i % 50) / 10 * 10;
            y[i] = i % 3 == 0;
            p[i] = i % 4 == 0;
        }
        AuditData data = AuditData.builder().labels("y", y).predictions("p", p).sensitive("race", race).build();
        // --- README ---
        ProxyReport proxies = ProxyReport.builder()
                .sensitive("race", race).categorical("zip", zip).numeric("age", age).build();
        PrivacyAccountant accountant = PrivacyAccountant.of(PrivacyBudget.of(1.0, 0));    // pure epsilon = 1
        AuditRelease release = AuditRelease.builder(ConfusionCounts.of(data))
                .noise(NoiseMechanism.LAPLACE, 1.0, accountant)    // charged before any noise is drawn
                .build();                                          // groups under 10 people suppressed
        String json = release.toJson();                            // fairway-audit/v1 + "privacy" + "suppression"
        ReidentificationRisk risk = ReidentificationRisk.builder().quasi("zip", zip).quasi("age_band", ageBand).build();
        // --- end ---
        assertEquals("zip", proxies.proxies().get(0).feature());
        assertTrue(proxies.proxies().get(0).proxy());
        assertTrue(json.contains("\"privacy\""));
        assertEquals(0.0, accountant.remaining(), 0);
        assertTrue(risk.kAnonymity() >= 1);
    }
}
