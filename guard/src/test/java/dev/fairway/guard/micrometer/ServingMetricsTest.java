package dev.fairway.guard.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.Jurisdiction;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.ledger.InMemoryConsentStore;
import dev.fairway.explain.Model;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.fairness.ranking.BrowsingModel;
import dev.fairway.guard.Decision;
import dev.fairway.guard.Guard;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.LiveExposure;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decision counters by route and model version, consent counters by purpose and state, tags for several monitors. */
class ServingMetricsTest {
    static final FilterPlan PLAN = FilterPlan.compile(FeatureCatalogue.of(List.of(
            new Feature("income", 0, List.of("profile_selection"), List.of(), new DenialAction.Mask(0)))),
            FilterPolicy.serving(), Jurisdiction.EU);
    static final GroupIndex GROUPS = GroupIndex.of(List.of("g"), List.of(List.of("a"), List.of("b")));

    /** Scores income over 100. */
    static final class Income implements Model {
        @Override
        public int features() {
            return 1;
        }

        @Override
        public void predict(double[] rowMajor, int rows, double[] out) {
            for (int r = 0; r < rows; r++) {
                out[r] = rowMajor[r] / 100;
            }
        }
    }

    @Test
    void decisionsAreCountedByRouteAndModelVersion() {
        Guard guard = Guard.builder(PLAN, LiveCounts.builder(GROUPS).build()).model("v1", new Income())
                .model("v2", new Income()).nonPersonalised("default", 0.1).nonPersonalisedWithoutPersonalData().build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GuardMetrics.of(guard).withTags("service", "loans").bindTo(registry);
        Decision d = new Decision();
        for (int i = 0; i < 3; i++) {
            guard.decide("nobody", new double[] {50}, 0, d); // no consent: non_personalised
        }
        guard.rollback();
        guard.decide("nobody", new double[] {50}, 0, d);
        assertEquals(4, registry.get("fairway.guard.decisions").tag("route", "non_personalised").tag("model", "default")
                .tag("service", "loans").functionCounter().count());
        assertEquals(0, registry.get("fairway.guard.decisions").tag("route", "primary").tag("model", "v2")
                .functionCounter().count());
        assertEquals(0, registry.get("fairway.guard.non_finite_scores").functionCounter().count());
    }

    @Test
    void consentEventsAreCountedByPurposeAndState() {
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(),
                Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConsentMetrics metrics = ConsentMetrics.of(ledger).withTags("service", "loans")) {
            metrics.bindTo(registry);
            Instant t = Instant.parse("2026-05-01T00:00:00Z");
            ledger.record(ConsentEvent.direct("a", "measurement", ConsentState.GIVEN, true, t));
            ledger.record(ConsentEvent.direct("b", "measurement", ConsentState.GIVEN, true, t));
            ledger.record(ConsentEvent.direct("a", "measurement", ConsentState.WITHDRAWN, false, t));
            ledger.record(ConsentEvent.direct("c", "personalised_ads", ConsentState.OPTED_OUT, false, t));
            assertEquals(2, registry.get("fairway.consent.events").tag("purpose", "measurement").tag("state", "given")
                    .counter().count());
            assertEquals(1, registry.get("fairway.consent.events").tag("purpose", "measurement").tag("state", "withdrawn")
                    .counter().count());
            assertEquals(1, registry.get("fairway.consent.events").tag("purpose", "personalised_ads")
                    .tag("state", "opted_out").tag("service", "loans").counter().count());
            assertThrows(IllegalStateException.class, () -> metrics.bindTo(registry));
        }
    }

    @Test
    void twoMonitorsBindToOneRegistryByTheirTagsWithRuleIdsAndExposure() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LiveCounts live = LiveCounts.builder(GROUPS).windowing(Windowing.tumblingCount(1_000)).build();
        FairnessMonitor eu = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.2", MonitorState.FALLBACK)).build();
        FairnessMonitor us = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_ratio < 0.8", MonitorState.WARN)).build();
        LiveExposure exposure = LiveExposure.builder(List.of("major", "indie")).build();
        MonitorMetrics.of(eu, live).withTags("model", "credit", "monitor", "eu").withRuleIds(List.of("dp-diff"))
                .withExposure(exposure).bindTo(registry);
        MonitorMetrics.of(us, live).withTags("model", "credit", "monitor", "us").bindTo(registry);
        assertTrue(Double.isNaN(registry.get("fairway.monitor.rule.value").tag("monitor", "eu").tag("rule", "dp-diff")
                .gauge().value()));
        assertEquals(0, registry.get("fairway.monitor.rule.tripped").tag("monitor", "us").tag("rule", "rule-1")
                .gauge().value());
        // one slate: major at position 1 (weight 1), indie at position 2 (weight 1/log2(3)), by hand
        Guard g = Guard.builder(PLAN, live).model("r1", new Income()).ranking(exposure, BrowsingModel.log2()).build();
        g.rank("nobody", new double[] {90, 10}, new int[] {0, 1}, 2);
        assertEquals(1.0, registry.get("fairway.live.exposure").tag("group", "major").gauge().value(), 1e-12);
        assertEquals(1 / (Math.log(3) / Math.log(2)), registry.get("fairway.live.exposure").tag("group", "indie")
                .gauge().value(), 1e-12);
        assertEquals(1 / (Math.log(3) / Math.log(2)), registry.get("fairway.live.exposure_ratio").gauge().value(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MonitorMetrics.of(eu, live).withTags("rule", "x"));
        assertThrows(IllegalArgumentException.class, () -> MonitorMetrics.of(eu, live).withRuleIds(List.of("a", "b")));
    }
}
