package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.Vocabulary;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentLedger;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.ledger.InMemoryConsentStore;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.explain.Background;
import dev.fairway.explain.Model;
import dev.fairway.explain.reasons.Audience;
import dev.fairway.explain.reasons.NoticeKind;
import dev.fairway.explain.reasons.NoticeRenderer;
import dev.fairway.explain.reasons.ReasonPolicy;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keeps the README's guard example true: the block between the markers is the README's code. */
class ReadmeExampleTest {
    @TempDir
    Path dir;

    @Test
    void serviceExampleRuns() throws Exception {
        FilterPlan plan = GuardTest.PLAN;
        Model model = new GuardTest.Recording(0);
        Model fallbackModel = new GuardTest.Recording(0.1);
        ConsentLedger ledger = ConsentLedger.of(InMemoryConsentStore.empty(), Vocabulary.standard(), Clock.systemUTC());
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        ledger.record(ConsentEvent.direct("alice", "profile_selection", ConsentState.GIVEN, true, yesterday));
        ledger.record(ConsentEvent.direct("alice", "measurement", ConsentState.GIVEN, true, yesterday));
        Background background = Background.of(GuardExplainTest.BG, 2, 4);
        ReasonPolicy policy = ReasonPolicy.builder(GuardNoticeTest.CATALOGUE, "mean of the reference applicants").build();
        byte[] key = GuardSinkTest.KEY;
        double[] row = {80, 37, 12345, 7};
        DecisionLog decisionLog = DecisionLog.builder(dir.resolve("decisions.jsonl"),
                GroupIndex.of(List.of("sex"), List.of(List.of("f"), List.of("m")))).open();
        // README:start
        GroupIndex groups = GroupIndex.of(List.of("sex"), List.of(List.of("f"), List.of("m")));
        LiveCounts counts = LiveCounts.builder(groups).windowing(Windowing.tumblingCount(10_000)).build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.1", MonitorState.WARN))
                .rule(MonitorRule.of("demographic_parity_ratio < 0.5", MonitorState.FALLBACK)).build();
        Guard guard = Guard.builder(plan, counts)
                .model("credit-v2", model).fallback("rules-v1", fallbackModel).nonPersonalised("default", 0.0)
                .dropDefault("income", 2.5).monitor(monitor, 1_000).log(decisionLog)
                .consentFrom(ledger, Set.of())              // follows withdrawals, opt-outs and expiry
                .nonPersonalisedWithoutPersonalData()       // no consent: the non-personalised answer
                .explainers(background)                     // explains whichever model decided
                .notices(policy, background, NoticeRenderer.standard())
                .pseudonyms(SubjectPseudonym.hmacSha256("2026-12", key)).build();  // never the raw id
        Decision d = new Decision();                                          // one per thread, reused
        guard.decide("alice", row, guard.group(Map.of("sex", "f")), d);       // per request
        Notice notice = guard.notice("alice", row, d, Locale.ENGLISH, Audience.PERSON);
        guard.outcome(d.id(), true);                                          // when the outcome arrives
        // README:end
        guard.close();
        decisionLog.close();
        assertEquals(DecisionLog.Route.PRIMARY, d.route());
        assertEquals(0.8, d.score(), 1e-12);
        assertEquals(NoticeKind.FAVOURABLE, notice.kind());
        assertEquals("credit-v2", notice.model());
        assertEquals(1, counts.snapshot().labelled().rows());
        String readme = Files.readString(Path.of("..", "README.md"));
        String test = Files.readString(Path.of("src", "test", "java", "dev", "fairway", "guard", "ReadmeExampleTest.java"));
        String block = test.substring(test.indexOf("// README:start") + 16, test.indexOf("        // README:end"));
        for (String line : block.strip().lines().toList()) {
            assertTrue(readme.contains(line.strip()), "README lacks: " + line.strip());
        }
    }
}
