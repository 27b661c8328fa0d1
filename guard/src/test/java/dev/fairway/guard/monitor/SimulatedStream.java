package dev.fairway.guard.monitor;

import java.util.SplittableRandom;

/**
 * A seeded stream of decisions of two groups (codes 0 and 1, equal shares) with selection rates
 * that can change at a known decision, and labels drawn so that a group's true positive rate is
 * its selection rate's partner: outcome positive with probability 0.5 independently.
 */
final class SimulatedStream {
    final int[] group;
    final boolean[] prediction;
    final boolean[] label;

    /** Group 0 selects with p0 throughout; group 1 with p1 before {@code change} and p1 - shift from it on. */
    SimulatedStream(long seed, int n, double p0, double p1, int change, double shift) {
        SplittableRandom r = new SplittableRandom(seed);
        group = new int[n];
        prediction = new boolean[n];
        label = new boolean[n];
        for (int i = 0; i < n; i++) {
            group[i] = r.nextInt(2);
            double p = group[i] == 0 ? p0 : (i < change ? p1 : p1 - shift);
            prediction[i] = r.nextDouble() < p;
            label[i] = r.nextDouble() < 0.5;
        }
    }

    /**
     * The monitor's decision rule for {@code demographic_parity_difference > threshold} with
     * sequential evidence, tumbling count windows and no minimum support, evaluated after every
     * decision, on primitive counts: the decision index at which it first trips, or -1.
     */
    int firstTrip(int window, double alpha, long horizon, double threshold) {
        long[] x = new long[2];
        long[] n = new long[2];
        double[] iv = new double[4];
        double[] out = new double[2];
        long k = 1;
        double a = Intervals.spent(alpha, k);
        double rho = Intervals.rho(horizon, a);
        for (int i = 0; i < group.length; i++) {
            if (i > 0 && i % window == 0) {
                x[0] = x[1] = n[0] = n[1] = 0;
                k++;
                a = Intervals.spent(alpha, k);
                rho = Intervals.rho(horizon, a);
            }
            int g = group[i];
            n[g]++;
            x[g] += prediction[i] ? 1 : 0;
            if (n[0] == 0 || n[1] == 0) {
                continue;
            }
            Intervals.sequence(x[0], n[0], a / 2, rho, iv, 0);
            Intervals.sequence(x[1], n[1], a / 2, rho, iv, 2);
            Intervals.betweenGroups(iv, 2, false, out);
            if (out[0] > threshold) {
                return i;
            }
        }
        return -1;
    }
}
