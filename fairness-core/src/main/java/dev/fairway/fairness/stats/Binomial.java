package dev.fairway.fairness.stats;

import java.util.SplittableRandom;

/**
 * Binomial and multinomial variates in O(1) expected time per draw: inversion by summing
 * geometric waiting times when {@code n * min(p, 1-p) < 10}, otherwise Hörmann's transformed
 * rejection (BTRD, 1993) with the exact acceptance test through Stirling-series tails.
 */
final class Binomial {
    private static final double[] TAIL = {0.0810614667953272, 0.0413406959554092, 0.0276779256849983,
        0.02079067210376509, 0.0166446911898211, 0.0138761288230707, 0.0118967099458917, 0.0104112652619720,
        0.00925546218271273, 0.00833056343336287};

    private Binomial() {
    }

    /** One draw of Binomial(n, p). */
    static long sample(SplittableRandom rng, long n, double p) {
        if (n <= 0 || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return n;
        }
        if (p > 0.5) {
            return n - sample(rng, n, 1 - p);
        }
        if (n * p < 10) {
            return inversion(rng, n, p);
        }
        return btrd(rng, n, p);
    }

    /**
     * Fills {@code out[from .. from+k)} with a multinomial draw of {@code n} over cells whose
     * probabilities are proportional to {@code counts[from .. from+k)} (which sum to {@code total}).
     */
    static void multinomial(SplittableRandom rng, long n, long[] counts, int from, int k, long total, long[] out) {
        long remaining = n;
        long mass = total;
        for (int j = from; j < from + k; j++) {
            long c = counts[j];
            if (remaining == 0 || c == 0) {
                out[j] = 0;
            } else if (c >= mass) {
                out[j] = remaining;
                remaining = 0;
            } else {
                long x = sample(rng, remaining, (double) c / mass);
                out[j] = x;
                remaining -= x;
            }
            mass -= c;
        }
    }

    private static long inversion(SplittableRandom rng, long n, double p) {
        double logq = Math.log1p(-p);
        double sum = 0;
        long x = 0;
        while (true) {
            sum += Math.ceil(Math.log(rng.nextDouble()) / logq);
            if (sum > n) {
                return x;
            }
            x++;
        }
    }

    private static long btrd(SplittableRandom rng, long n, double p) {
        double spq = Math.sqrt(n * p * (1 - p));
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        double r = p / (1 - p);
        double alpha = (2.83 + 5.1 / b) * spq;
        double m = Math.floor((n + 1) * p);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            double k = Math.floor((2 * a / us + b) * u + c);
            if (us >= 0.07 && v <= vr) {
                return (long) k;
            }
            if (k < 0 || k > n) {
                continue;
            }
            v = Math.log(v * alpha / (a / (us * us) + b));
            double bound = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1)))
                    + (n + 1) * Math.log((n - m + 1) / (n - k + 1))
                    + (k + 0.5) * Math.log(r * (n - k + 1) / (k + 1))
                    + tail(m) + tail(n - m) - tail(k) - tail(n - k);
            if (v <= bound) {
                return (long) k;
            }
        }
    }

    /** log(k!) minus Stirling's approximation of it. */
    private static double tail(double k) {
        if (k <= 9) {
            return TAIL[(int) k];
        }
        double kp1sq = (k + 1) * (k + 1);
        return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / (k + 1);
    }
}
