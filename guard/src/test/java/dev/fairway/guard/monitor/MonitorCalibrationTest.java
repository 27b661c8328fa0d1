package dev.fairway.guard.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.fairness.GroupIndex;
import dev.fairway.fairness.live.LiveCounts;
import dev.fairway.fairness.live.Windowing;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * False-alarm rate and detection delay of the sequential monitor for
 * {@code demographic_parity_difference > 0} (the least favourable fair case: equal rates sit on the
 * threshold), alpha 0.05, tumbling windows of 20,000 decisions, checked after every decision.
 *
 * <p>Run at full size (1,000 streams of 100,000 decisions, 200 streams per shift) with
 * {@code mvn -pl guard -am test -Pcalibration -Dtest=MonitorCalibrationTest -Dsurefire.failIfNoSpecifiedTests=false};
 * {@code verify} runs a smaller version (system properties set by the module's pom).
 */
class MonitorCalibrationTest {
    static final double ALPHA = 0.05;
    static final int WINDOW = 20_000;
    static final long HORIZON = 2_000;
    static final int STREAMS = Integer.getInteger("fairway.calibration.streams", 40);
    static final int DECISIONS = Integer.getInteger("fairway.calibration.decisions", 20_000);

    @Test
    void fairStreamsFireAtMostAlpha() {
        int fired = 0;
        for (int s = 0; s < STREAMS; s++) {
            // rates vary by stream, equal between the groups: 0.1 .. 0.9
            double p = 0.1 + 0.8 * s / Math.max(1, STREAMS - 1);
            SimulatedStream stream = new SimulatedStream(10_000 + s, DECISIONS, p, p, DECISIONS, 0);
            if (stream.firstTrip(WINDOW, ALPHA, HORIZON, 0.0) >= 0) {
                fired++;
            }
        }
        double rate = (double) fired / STREAMS;
        // Monte-Carlo standard error at the bound alpha itself
        double se = Math.sqrt(ALPHA * (1 - ALPHA) / STREAMS);
        System.out.printf(Locale.ROOT, "calibration: %d of %d fair streams of %d decisions fired (%.4f); "
                + "Monte-Carlo SE at alpha %.4f; exact 95%% upper bound for the rate %.4f%n", fired, STREAMS, DECISIONS,
                rate, se, clopperPearsonUpper(fired, STREAMS));
        assertTrue(rate <= ALPHA, "false-alarm rate " + rate + " over " + STREAMS + " streams");
    }

    @Test
    void shiftsAreDetectedAfterTheChangeAndNeverBefore() {
        int change = 30_000;
        int n = change + Math.max(DECISIONS, 30_000);
        int per = Math.max(10, STREAMS / 5);
        StringBuilder table = new StringBuilder();
        for (double shift : new double[] {0.05, 0.10, 0.20}) {
            long[] delays = new long[per];
            int detected = 0;
            for (int s = 0; s < per; s++) {
                SimulatedStream stream = new SimulatedStream(20_000 + s, n, 0.5, 0.5, change, shift);
                int at = stream.firstTrip(WINDOW, ALPHA, HORIZON, 0.0);
                assertTrue(at < 0 || at >= change, "shift " + shift + " stream " + s + " fired before the change at " + at);
                delays[s] = at < 0 ? Long.MAX_VALUE : at - change;
                detected += at < 0 ? 0 : 1;
            }
            Arrays.sort(delays);
            long median = delays[per / 2];
            table.append(String.format(Locale.ROOT, "shift %.2f: detected %d of %d within %d decisions, median delay %s%n",
                    shift, detected, per, n - change, median == Long.MAX_VALUE ? "not reached" : median));
            if (shift >= 0.10) {
                assertEquals(per, detected, "every stream with a shift of " + shift + " is detected");
            }
        }
        System.out.print(table);
    }

    /** The fast replica above is the monitor's rule: the full monitor trips at the same decision. */
    @Test
    void theMonitorTripsWhereTheReplicaDoes() {
        GroupIndex groups = GroupIndex.of(List.of("g"), List.of(List.of(0), List.of(1)));
        for (int s = 0; s < 3; s++) {
            SimulatedStream stream = new SimulatedStream(30_000 + s, 45_000, 0.5, 0.5, 30_000, 0.10);
            int expected = stream.firstTrip(WINDOW, ALPHA, HORIZON, 0.0);
            LiveCounts live = LiveCounts.builder(groups).windowing(Windowing.tumblingCount(WINDOW)).build();
            FairnessMonitor monitor = FairnessMonitor.builder()
                    .rule(MonitorRule.of("demographic_parity_difference > 0", MonitorState.FALLBACK))
                    .alpha(ALPHA).sequentialHorizon(HORIZON).build();
            int tripped = -1;
            for (int i = 0; i < stream.group.length && tripped < 0; i++) {
                live.record(stream.group[i], stream.prediction[i], i);
                if (monitor.check(live, i, i) != MonitorState.OK) {
                    tripped = i;
                }
            }
            assertTrue(expected >= 30_000, "replica trips after the change");
            assertEquals(expected, tripped, "stream " + s);
        }
    }

    /** Exact one-sided 95% upper bound for a binomial rate (Clopper-Pearson), by bisection. */
    static double clopperPearsonUpper(int k, int n) {
        if (k == n) {
            return 1;
        }
        double lo = (double) k / n;
        double hi = 1;
        for (int it = 0; it < 60; it++) {
            double mid = (lo + hi) / 2;
            // P(X <= k | mid)
            double cdf = 0;
            double term = Math.pow(1 - mid, n);
            for (int i = 0; i <= k; i++) {
                cdf += term;
                term *= (double) (n - i) / (i + 1) * mid / (1 - mid);
            }
            if (cdf > 0.05) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
