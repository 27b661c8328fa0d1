package dev.fairway.cli.monitor;

import dev.fairway.consent.ledger.ConsentSnapshot;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import dev.fairway.consent.DenialAction;
import dev.fairway.consent.Feature;
import dev.fairway.consent.FeatureCatalogue;
import dev.fairway.consent.filter.FilterPlan;
import dev.fairway.consent.filter.FilterPolicy;
import dev.fairway.consent.filter.Jurisdiction;
import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.Model;
import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import dev.fairway.guard.Decision;
import dev.fairway.guard.DecisionLog;
import dev.fairway.guard.Guard;
import dev.fairway.guard.monitor.Alert;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import dev.fairway.guard.monitor.MonitorTimeline;
import dev.fairway.guard.monitor.TimelineRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The seeded simulated service behind {@code fairway demo --monitor}: a loan model served through a
 * {@link Guard} drifts at decision {@value #CHANGE} and starts to penalise a postcode area where
 * most of group {@code b} lives (the model never sees the group). The monitor, checked after every
 * decision, moves to {@code WARN} and {@code FALLBACK}; from then on the guard serves the
 * non-personalised fallback model until an operator calls {@code resume()}, which the simulation
 * does after {@value #DECISIONS} decisions. A {@link TimelineRecorder} on the monitor records the
 * live timeline of those decisions (the resume after the last one is not in the decision log, and
 * so not in the timeline either).
 *
 * <p>Not thread-safe; each {@link #run(Path)} builds its own service.
 */
public final class MonitorDemo {
    /** The decision at which the model turns unfair. */
    public static final int CHANGE = 30_000;
    /** The number of decisions simulated. */
    public static final int DECISIONS = 60_000;
    /** Decisions per tumbling window. */
    public static final int WINDOW = 10_000;
    /** The warning rule. */
    public static final String WARN_RULE = "demographic_parity_difference > 0.02";
    /** The fallback rule. */
    public static final String FALLBACK_RULE = "demographic_parity_difference > 0.1";
    /** The guard checks its monitor after every decision. */
    public static final int CHECK_EVERY = 1;
    /** When the first decision is made. */
    public static final long START = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

    private MonitorDemo() {
    }

    /**
     * What the simulation saw.
     *
     * @param alerts every transition, the final {@code resume()} included
     * @param routes how many decisions each route answered, by {@link DecisionLog.Route} ordinal
     * @param timeline the live timeline of the logged decisions, taken before the final {@code resume()}
     */
    public record Result(List<Alert> alerts, long[] routes, MonitorTimeline timeline) {
    }

    /** A model that drifts: from its {@value #CHANGE}-th call it takes 0.3 off applicants in postcode area 1. */
    private static final class DriftingModel implements Model {
        private long calls;

        @Override
        public int features() {
            return 2;
        }

        @Override
        public void predict(double[] rowMajor, int rows, double[] out) {
            for (int r = 0; r < rows; r++) {
                double income = rowMajor[2 * r];
                boolean area1 = rowMajor[2 * r + 1] == 1;
                out[r] = income - (calls >= CHANGE && area1 ? 0.3 : 0);
                calls++;
            }
        }
    }

    /** The fallback: a non-personalised score from income alone. */
    private static final class IncomeOnly implements Model {
        @Override
        public int features() {
            return 2;
        }

        @Override
        public void predict(double[] rowMajor, int rows, double[] out) {
            for (int r = 0; r < rows; r++) {
                out[r] = rowMajor[2 * r];
            }
        }
    }

    /**
     * Runs the simulation, writing the decision log.
     *
     * @param log the decision log file to write (replaced)
     * @return what the monitor did
     * @throws UncheckedIOException if the log cannot be written
     */
    public static Result run(Path log) {
        FilterPlan plan = FilterPlan.compile(FeatureCatalogue.of(List.of(
                new Feature("income", 0, List.of("profile_selection"), List.of(), new DenialAction.Mask(0.5)),
                new Feature("postcode_area", 1, List.of("profile_selection"), List.of(), new DenialAction.Mask(0)))),
                FilterPolicy.serving(), Jurisdiction.EU);
        GroupIndex groups = GroupIndex.of(List.of("group"), List.of(List.of("a"), List.of("b")));
        LiveCounts counts = LiveCounts.builder(groups).windowing(Windowing.tumblingCount(WINDOW)).build();
        List<Alert> alerts = new ArrayList<>();
        TimelineRecorder recorder = TimelineRecorder.of(() -> 0); // the simulation has no outcomes
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of(WARN_RULE, MonitorState.WARN))
                .rule(MonitorRule.of(FALLBACK_RULE, MonitorState.FALLBACK))
                .listener(alerts::add).listener(recorder).build();
        MonitorTimeline timeline;
        long[] routes = new long[DecisionLog.Route.values().length];
        long[] clock = {START};
        try {
            java.nio.file.Files.deleteIfExists(log);
            try (DecisionLog decisions = DecisionLog.builder(log, groups).category("group", "racial_or_ethnic_origin")
                    .open()) {
                Guard guard = Guard.builder(plan, counts).model("loan-v1", new DriftingModel())
                        .fallback("income-only-v1", new IncomeOnly()).nonPersonalised("approve-half", 0.5)
                        .monitor(monitor, CHECK_EVERY).log(decisions).clock(() -> clock[0]).build();
                ConsentSnapshot consent = new ConsentSnapshot("applicants", Instant.ofEpochMilli(START), 1,
                        Map.of("profile_selection", new ConsentSnapshot.Entry(ConsentState.GIVEN, true,
                                ConsentSource.DIRECT, 1)), List.of());
                guard.consent("applicant", consent, EnumSet.noneOf(RequestMode.class));
                SplittableRandom r = new SplittableRandom(2026);
                Decision d = new Decision();
                double[] row = new double[2];
                for (int i = 0; i < DECISIONS; i++) {
                    int g = r.nextInt(2);
                    row[0] = r.nextDouble();
                    row[1] = r.nextDouble() < (g == 1 ? 0.9 : 0.1) ? 1 : 0;
                    clock[0] = START + 1_000L * i;
                    guard.decide("applicant", row, g, d);
                    routes[d.route().ordinal()]++;
                }
                timeline = recorder.live(log.toString(), monitor, counts, CHECK_EVERY, DECISIONS);
                guard.resume();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(alerts, routes, timeline);
    }
}
