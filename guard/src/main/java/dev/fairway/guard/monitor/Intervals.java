package dev.fairway.guard.monitor;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Intervals for proportions and their combinations. Each group's proportion gets an interval at
 * level {@code alpha / m} (Bonferroni over the {@code m} intervals of one evaluation), so all hold
 * together with probability at least {@code 1 - alpha}; a function of the proportions that is
 * monotone in each gets the interval of its extreme values.
 *
 * <p>Fixed-sample intervals are Wilson score intervals (Hoeffding's for the mean of observations in
 * [0, 1] that are not 0/1, such as a group's exposure in one slate). Anytime-valid intervals are the two-sided
 * normal-mixture confidence sequence for the mean of observations in [0, 1] (sub-Gaussian with
 * variance proxy 1/4, Hoeffding): with {@code V = n/4} and mixing precision {@code rho},
 * {@code |S_n - n p| < sqrt((V + rho) ln((V + rho) / (rho alpha^2)))} for every n at once with
 * probability at least {@code 1 - alpha} (Ville's inequality on the mixture martingale
 * {@code sqrt(rho/(V+rho)) exp(S^2 / (2(V+rho)))}; Howard, Ramdas, McAuliffe and Sekhon 2021).
 */
final class Intervals {
    private static final NormalDistribution STANDARD = NormalDistribution.of(0, 1);

    private Intervals() {
    }

    /** Wilson score interval for x successes in n, two-sided level alpha; [0, 1] when n = 0. */
    static void wilson(long x, long n, double alpha, double[] out, int at) {
        if (n == 0) {
            out[at] = 0;
            out[at + 1] = 1;
            return;
        }
        double z = STANDARD.inverseSurvivalProbability(alpha / 2);
        double p = (double) x / n;
        double z2 = z * z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        out[at] = Math.max(0, centre - half);
        out[at + 1] = Math.min(1, centre + half);
    }

    /** Mixing precision that makes the boundary tightest near n observations (Howard et al., eq. for rho). */
    static double rho(long n, double alpha) {
        double l = Math.log(1 / alpha);
        return (n / 4.0) / (2 * l + Math.log(1 + 2 * l));
    }

    /** Normal-mixture confidence sequence at n: anytime-valid, two-sided level alpha. */
    static void sequence(long x, long n, double alpha, double rho, double[] out, int at) {
        sequenceOfMean(n == 0 ? 0 : (double) x / n, n, alpha, rho, out, at);
    }

    /**
     * The same confidence sequence for the mean of n observations in [0, 1] that need not be 0 or 1
     * (the bound only uses that they lie in [0, 1]).
     */
    static void sequenceOfMean(double mean, long n, double alpha, double rho, double[] out, int at) {
        if (n == 0) {
            out[at] = 0;
            out[at + 1] = 1;
            return;
        }
        double v = n / 4.0 + rho;
        double radius = Math.sqrt(v * Math.log(v / (rho * alpha * alpha))) / n;
        out[at] = Math.max(0, mean - radius);
        out[at + 1] = Math.min(1, mean + radius);
    }

    /**
     * Hoeffding's fixed-sample interval for the mean of n independent observations in [0, 1]:
     * {@code mean ± sqrt(ln(2 / alpha) / (2 n))}, clipped to [0, 1]; [0, 1] when n = 0.
     */
    static void hoeffding(double mean, long n, double alpha, double[] out, int at) {
        if (n == 0) {
            out[at] = 0;
            out[at + 1] = 1;
            return;
        }
        double half = Math.sqrt(Math.log(2 / alpha) / (2.0 * n));
        out[at] = Math.max(0, mean - half);
        out[at + 1] = Math.min(1, mean + half);
    }

    /**
     * Interval of max - min (difference) or min / max (ratio) over groups whose proportions lie in
     * [lo[i], hi[i]].
     */
    static void betweenGroups(double[] iv, int groups, boolean ratio, double[] out) {
        double maxLo = 0;
        double maxHi = 0;
        double minLo = 1;
        double minHi = 1;
        for (int i = 0; i < groups; i++) {
            double lo = iv[2 * i];
            double hi = iv[2 * i + 1];
            maxLo = Math.max(maxLo, lo);
            maxHi = Math.max(maxHi, hi);
            minLo = Math.min(minLo, lo);
            minHi = Math.min(minHi, hi);
        }
        if (ratio) {
            out[0] = maxHi == 0 ? 0 : minLo / maxHi;
            out[1] = maxLo == 0 ? 1 : Math.min(1, minHi / maxLo);
        } else {
            out[0] = Math.max(0, maxLo - minHi);
            out[1] = maxHi - minLo;
        }
    }

    /** Interval of unprivileged - privileged (difference) or unprivileged / privileged (ratio). */
    static void toReference(double[] iv, boolean ratio, double[] out) {
        double uLo = iv[0];
        double uHi = iv[1];
        double pLo = iv[2];
        double pHi = iv[3];
        if (ratio) {
            out[0] = pHi == 0 ? 0 : uLo / pHi;
            out[1] = pLo == 0 ? Double.POSITIVE_INFINITY : uHi / pLo;
        } else {
            out[0] = uLo - pHi;
            out[1] = uHi - pLo;
        }
    }

    /** Alpha spent on window k (1-based) since the start: alpha 6 / (pi^2 k^2), summing to alpha. */
    static double spent(double alpha, long k) {
        return alpha * 6 / (Math.PI * Math.PI * (double) k * (double) k);
    }
}
