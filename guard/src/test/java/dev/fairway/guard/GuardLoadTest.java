package dev.fairway.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.filter.RequestMode;
import dev.fairway.explain.LogisticModel;
import dev.fairway.fairness.Cell;
import dev.fairway.fairness.ConfusionCounts;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.LiveSnapshot;
import dev.fairway.guard.monitor.FairnessMonitor;
import dev.fairway.guard.monitor.MonitorRule;
import dev.fairway.guard.monitor.MonitorState;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard and its monitor under load (issue 17): 8 threads call {@link Guard#decide} for
 * {@code fairway.load.seconds} (60 in the {@code reliability} profile; the test does not run in
 * {@code verify}) with consent filtering, a logistic model, a fallback model, a monitor with two rules
 * checked every 256 decisions, a {@link DecisionLog} (blocking, so nothing may be dropped), outcomes for
 * every 4th decision and consent changes while deciding. Group f's incomes are higher, so the parity rule
 * trips during the run and the monitor moves the guard to the fallback model under load. Afterwards the log is read back and every count
 * must agree: the calls made, the decision lines in the log (each id exactly once), the live counts'
 * snapshot per group and prediction, the routes the callers saw, and the outcomes. The latency of each
 * {@code decide} call goes into a per-thread {@link LatencyHistogram}; p50/p99/p99.9 and the throughput
 * are printed for {@code benchmarks/README.md} ("Guard under load").
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GuardLoadTest {
    static final int THREADS = 8;
    static final long SECONDS = Long.getLong("fairway.load.seconds", 60);
    static final int SUBJECTS = 1_000;
    static final String[] PURPOSES = {"profile_selection", "profile_building", "measurement", "contextual_selection"};

    /** What one thread did. */
    static final class Tally {
        final LatencyHistogram latency = new LatencyHistogram();
        final long[][] byGroup = new long[2][2];
        final long[] routes = new long[DecisionLog.Route.values().length];
        long calls;
        long outcomes;
        long labelled;
    }

    static void consentSome(Guard guard, SplittableRandom r, int subject) {
        List<String> given = new ArrayList<>();
        for (String p : PURPOSES) {
            if (r.nextBoolean()) {
                given.add(p);
            }
        }
        Set<RequestMode> modes = r.nextInt(4) == 0 ? EnumSet.of(RequestMode.NON_PROFILING)
                : EnumSet.noneOf(RequestMode.class);
        String s = "subject-" + subject;
        guard.consent(s, GuardTest.snapshot(s, given.toArray(new String[0])), modes);
    }

    static Tally run(Guard guard, long seed, long deadline) {
        Tally t = new Tally();
        SplittableRandom r = new SplittableRandom(seed);
        Decision d = new Decision();
        double[] row = new double[4];
        while (true) {
            // 1 in 5 subjects has no cached consent (nothing granted)
            int subject = r.nextInt(SUBJECTS + SUBJECTS / 4);
            int group = r.nextInt(2);
            row[0] = 20 + r.nextDouble() * 80 + (group == 0 ? 25 : 0); // income, higher in group f
            row[1] = 18 + r.nextInt(60); // age
            row[2] = 10_000 + r.nextInt(90_000); // zip
            row[3] = r.nextInt(20); // tenure
            long start = System.nanoTime();
            guard.decide("subject-" + subject, row, group, d);
            long end = System.nanoTime();
            t.latency.record(end - start);
            t.calls++;
            t.byGroup[group][d.prediction() ? 1 : 0]++;
            t.routes[d.route().ordinal()]++;
            if (t.calls % 4 == 0) {
                t.outcomes++;
                if (guard.outcome(d.id(), r.nextBoolean())) {
                    t.labelled++;
                }
            }
            if (t.calls % 1_000 == 0) {
                consentSome(guard, r, r.nextInt(SUBJECTS));
            }
            if (end >= deadline) {
                return t;
            }
        }
    }

    /** The value of {@code "key":} in a line, up to the next comma or brace. */
    static String field(String line, String key) {
        int at = line.indexOf("\"" + key + "\":");
        if (at < 0) {
            return null;
        }
        int from = at + key.length() + 3;
        int to = from;
        while (to < line.length() && line.charAt(to) != ',' && line.charAt(to) != '}') {
            to++;
        }
        return line.substring(from, to);
    }

    @Test
    void eightThreadsLoseAndDoubleCountNoDecision(@TempDir Path dir) throws Exception {
        LiveCounts live = LiveCounts.builder(GuardTest.GROUPS).build();
        FairnessMonitor monitor = FairnessMonitor.builder()
                .rule(MonitorRule.of("demographic_parity_difference > 0.05", MonitorState.FALLBACK))
                .rule(MonitorRule.of("selection_rate < 0.02", MonitorState.WARN)).build();
        Path file = dir.resolve("decisions.jsonl");
        Tally total = new Tally();
        long wall;
        try (DecisionLog log = DecisionLog.builder(file, GuardTest.GROUPS).category("sex", "sex").open()) {
            Guard guard = Guard.builder(GuardTest.PLAN, live)
                    .model("credit-v1", LogisticModel.of(-2.0, new double[] {0.03, 0.01, 0, 0.02}))
                    .model("credit-v2", LogisticModel.of(-2.5, new double[] {0.035, 0.012, 0, 0.03}))
                    .fallback("fallback-1", LogisticModel.of(-1.0, new double[] {0.01, 0, 0, 0.01}))
                    .nonPersonalised("non-personalised", 0.5).dropDefault("income", 55)
                    .monitor(monitor, 256).log(log).build();
            SplittableRandom setup = new SplittableRandom(17);
            for (int s = 0; s < SUBJECTS; s++) {
                consentSome(guard, setup, s);
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(SECONDS);
            try {
                List<Future<Tally>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long seed = 1_000 + t;
                    futures.add(pool.submit(() -> run(guard, seed, deadline)));
                }
                for (Future<Tally> f : futures) {
                    Tally t = f.get(SECONDS + 600, TimeUnit.SECONDS);
                    total.latency.add(t.latency);
                    total.calls += t.calls;
                    total.outcomes += t.outcomes;
                    total.labelled += t.labelled;
                    for (int g = 0; g < 2; g++) {
                        for (int p = 0; p < 2; p++) {
                            total.byGroup[g][p] += t.byGroup[g][p];
                        }
                    }
                    for (int k = 0; k < total.routes.length; k++) {
                        total.routes[k] += t.routes[k];
                    }
                }
            } finally {
                pool.shutdown();
            }
            wall = System.nanoTime() - start;
            assertEquals(0, log.dropped(), "a blocking decision log drops nothing");
        }

        // read the log back: one decision line per call, each id once
        BitSet ids = new BitSet();
        long[][] logged = new long[2][2];
        long[] routes = new long[DecisionLog.Route.values().length];
        long decisions = 0;
        long outcomes = 0;
        long duplicates = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            assertTrue(line != null && line.contains("\"schema\""), "the header comes first");
            while ((line = in.readLine()) != null) {
                String id = field(line, "id");
                if (line.contains("\"label\":")) {
                    outcomes++;
                    continue;
                }
                assertTrue(id != null && line.contains("\"prediction\":"), line);
                decisions++;
                int i = Integer.parseInt(id);
                if (ids.get(i)) {
                    duplicates++;
                }
                ids.set(i);
                int group = Integer.parseInt(field(line, "sex")); // levels f, m: code = group index
                logged[group][Integer.parseInt(field(line, "prediction"))]++;
                String route = field(line, "route");
                for (DecisionLog.Route r : DecisionLog.Route.values()) {
                    if (route.equals("\"" + r.jsonName() + "\"")) {
                        routes[r.ordinal()]++;
                    }
                }
            }
        }
        LiveSnapshot snap = live.snapshot();
        ConfusionCounts counted = snap.decisions();
        assertEquals(0, duplicates, "no decision is logged twice");
        assertEquals(total.calls, decisions, "one decision line per call");
        assertEquals(total.calls, ids.cardinality());
        assertEquals(total.calls, ids.nextClearBit(0), "the ids are 0 .. calls-1");
        assertEquals(total.calls, snap.decisionCount(), "the live counts saw every call once");
        for (int g = 0; g < 2; g++) {
            long negatives = counted.count(g, Cell.TRUE_NEGATIVE) + counted.count(g, Cell.FALSE_NEGATIVE);
            long positives = counted.count(g, Cell.FALSE_POSITIVE) + counted.count(g, Cell.TRUE_POSITIVE);
            assertEquals(total.byGroup[g][0], logged[g][0], "group " + g + " refusals: callers vs log");
            assertEquals(total.byGroup[g][1], logged[g][1], "group " + g + " approvals: callers vs log");
            assertEquals(logged[g][0], negatives, "group " + g + " refusals: log vs snapshot");
            assertEquals(logged[g][1], positives, "group " + g + " approvals: log vs snapshot");
        }
        for (DecisionLog.Route r : DecisionLog.Route.values()) {
            assertEquals(total.routes[r.ordinal()], routes[r.ordinal()], "route " + r + ": callers vs log");
        }
        assertEquals(total.outcomes, outcomes, "one outcome line per outcome call");
        long labelled = 0;
        for (int g = 0; g < 2; g++) {
            labelled += snap.labelled().count(g);
        }
        assertEquals(total.labelled, labelled, "labelled decisions: callers vs snapshot");
        assertEquals(total.outcomes, labelled + snap.unmatchedLabels(), "every outcome was counted or unmatched");

        LatencyHistogram h = total.latency;
        assertEquals(total.calls, h.count());
        System.out.printf("guard load: %d threads, %.1f s, %,d decisions (%,.0f/s), %,d outcomes, routes %s, alerts %d;"
                + " decide latency p50 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f ms%n", THREADS, wall / 1e9,
                total.calls, total.calls / (wall / 1e9), total.outcomes, routeText(total.routes),
                monitor.alerts().size(), h.quantile(0.5) / 1e3, h.quantile(0.99) / 1e3, h.quantile(0.999) / 1e3,
                h.max() / 1e6);
        assertTrue(total.calls >= THREADS, "every thread decided");
    }

    static String routeText(long[] routes) {
        StringBuilder b = new StringBuilder();
        for (DecisionLog.Route r : DecisionLog.Route.values()) {
            b.append(b.length() == 0 ? "" : " ").append(r.jsonName()).append('=').append(routes[r.ordinal()]);
        }
        return b.toString();
    }
}
