package dev.fairway.fairness.ranking;

import java.util.Objects;

/**
 * Prefix fairness of one ranking against a binary protected attribute: the protected share of every
 * top-i, and Yang &amp; Stoyanovich's rND, rKL and rRD ("Measuring Fairness in Ranked Outputs",
 * SSDBM 2017; reference implementation {@code DataResponsibly/FairRank}).
 *
 * <p>Notation: N items (the whole list), P of them protected, q = P / N, R = P / (N − P);
 * x(i) = the number of protected items among ranks 1..i. The cut points are i = s, 2s, 3s, ... up to
 * the depth D (s = the cut step, 10 in the paper; D = N in the paper), and each cut is discounted by
 * d(i) = 1 / log2(1 + i), the reference's discount (the paper prints 1 / log2 i, which is infinite
 * at i = 1 for a cut step of 1). The unnormalised sums are
 * <ul>
 *   <li>rND: Σ d(i) · |x(i)/i − q|;</li>
 *   <li>rKL: Σ d(i) · KL(p(i) ‖ q) with p(i) = x(i)/i and
 *       KL(p ‖ q) = p log2(p/q) + (1 − p) log2((1 − p)/(1 − q)), where 0 · log 0 = 0;</li>
 *   <li>rRD: Σ d(i) · max(0, R − x(i)/(i − x(i))), the protected-to-unprotected ratio of the top-i
 *       below the population's ratio (the one-sided form of the reference and of the authors'
 *       FATML 2016 poster; the paper reports rRD as meaningful only for that under-representation).</li>
 * </ul>
 * Each is divided by its normaliser Z, the maximum of the same sum over every arrangement of P
 * protected among N items (the paper's definition), computed exactly by a dynamic programme over the
 * protected count at each cut, O((D / s) · min(P, N − P)). For rRD the maximum is over the
 * arrangements for which rRD is defined. Normalised values lie in [0, 1].
 *
 * <p>Undefined cases give {@code NaN} with a reason, never a silent number: no protected item or no
 * unprotected item in the list (q is 0 or 1), no cut point (D &lt; s), a normaliser of 0 (every
 * arrangement scores 0, e.g. when the only cut is i = N), and, for rRD only, a top-i at a cut with no
 * unprotected item (x(i)/(i − x(i)) divides by zero; the paper and the reference both set that
 * ratio to 0, which scores the most protected top-i as the least).
 *
 * <p>All methods are static, allocate only their result, and are thread-safe.
 */
public final class PrefixFairness {
    /** The paper's cut step: top-10, top-20, ... */
    public static final int DEFAULT_CUT_STEP = 10;

    private static final double LN2 = Math.log(2);

    private PrefixFairness() {
    }

    /** The three measures. */
    public enum Measure {
        /** Normalised discounted difference. */
        RND,
        /** Normalised discounted KL divergence. */
        RKL,
        /** Normalised discounted ratio (one-sided). */
        RRD
    }

    /**
     * The prefix fairness of one ranking.
     *
     * @param n the list length N
     * @param protectedCount P
     * @param cutStep the cut step s
     * @param depth the last rank D that cut points may reach
     * @param rnd rND in [0, 1], or NaN
     * @param rkl rKL in [0, 1], or NaN
     * @param rrd rRD in [0, 1], or NaN
     * @param undefinedReason why rND and rKL are NaN, or null when they are defined
     * @param rrdUndefinedReason why rRD is NaN, or null when it is defined
     */
    public record Result(int n, int protectedCount, int cutStep, int depth, double rnd, double rkl, double rrd,
            String undefinedReason, String rrdUndefinedReason) {
        /**
         * Builds a result.
         *
         * @param n the list length
         * @param protectedCount the protected count
         * @param cutStep the cut step
         * @param depth the depth
         * @param rnd rND
         * @param rkl rKL
         * @param rrd rRD
         * @param undefinedReason the reason rND and rKL are NaN, or null
         * @param rrdUndefinedReason the reason rRD is NaN, or null
         * @return the result
         */
        public static Result of(int n, int protectedCount, int cutStep, int depth, double rnd, double rkl,
                double rrd, String undefinedReason, String rrdUndefinedReason) {
            return new Result(n, protectedCount, cutStep, depth, rnd, rkl, rrd, undefinedReason, rrdUndefinedReason);
        }

        /**
         * One measure's value.
         *
         * @param m the measure
         * @return its value, or NaN
         */
        public double value(Measure m) {
            return switch (Objects.requireNonNull(m, "m")) {
                case RND -> rnd;
                case RKL -> rkl;
                case RRD -> rrd;
            };
        }

        /**
         * Why one measure is undefined.
         *
         * @param m the measure
         * @return the reason, or null when the measure is defined
         */
        public String undefinedReason(Measure m) {
            return Objects.requireNonNull(m, "m") == Measure.RRD ? rrdUndefinedReason : undefinedReason;
        }
    }

    /**
     * The discount of the cut at rank i: 1 / log2(1 + i).
     *
     * @param i the 1-based rank
     * @return the discount
     */
    public static double discount(int i) {
        return 1 / (Math.log(i + 1) / LN2);
    }

    /**
     * The protected share x(i)/i of every top-i, i = 1..depth.
     *
     * @param protectedByRank whether the item at rank i+1 is protected
     * @param n the list length (at least 1, at most the array's length)
     * @param depth the last i (1..n)
     * @return the shares, index i−1 for the top-i
     * @throws IllegalArgumentException if n or depth is out of range
     */
    public static double[] protectedShare(boolean[] protectedByRank, int n, int depth) {
        checkList(protectedByRank, n);
        checkDepth(depth, n);
        double[] share = new double[depth];
        int x = 0;
        for (int i = 1; i <= depth; i++) {
            if (protectedByRank[i - 1]) {
                x++;
            }
            share[i - 1] = (double) x / i;
        }
        return share;
    }

    /**
     * The paper's figures: cut step 10, cut points up to the list's end.
     *
     * @param protectedByRank whether the item at rank i+1 is protected
     * @param n the list length
     * @return the result
     * @throws IllegalArgumentException if n is out of range
     */
    public static Result of(boolean[] protectedByRank, int n) {
        return of(protectedByRank, n, DEFAULT_CUT_STEP, n);
    }

    /**
     * rND, rKL and rRD with cut points s, 2s, ... up to depth; the population (N, P) is the whole
     * list of n items.
     *
     * @param protectedByRank whether the item at rank i+1 is protected
     * @param n the list length N (at least 1, at most the array's length)
     * @param cutStep the cut step s (at least 1)
     * @param depth the last rank a cut may reach, 1..n
     * @return the result
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static Result of(boolean[] protectedByRank, int n, int cutStep, int depth) {
        checkList(protectedByRank, n);
        checkStep(cutStep);
        checkDepth(depth, n);
        int p = 0;
        for (int i = 0; i < n; i++) {
            if (protectedByRank[i]) {
                p++;
            }
        }
        String reason = populationReason(n, p, cutStep, depth);
        if (reason != null) {
            return new Result(n, p, cutStep, depth, Double.NaN, Double.NaN, Double.NaN, reason, reason);
        }
        double[] z = new double[3];
        String[] why = new String[3];
        for (Measure m : Measure.values()) {
            z[m.ordinal()] = maximum(m, n, p, cutStep, depth);
            if (!(z[m.ordinal()] > 0)) {
                why[m.ordinal()] = "every arrangement of " + p + " protected among " + n
                        + " items scores 0 at cut points " + cutStep + ".." + depth + " (normaliser 0)";
            }
        }
        double[] raw = sums(protectedByRank, n, p, cutStep, depth);
        String rrdWhy = why[2];
        if (Double.isNaN(raw[2]) && rrdWhy == null) {
            rrdWhy = "the top-" + (int) raw[3] + " has no unprotected item: its protected/unprotected ratio divides by zero";
        }
        double rnd = why[0] == null ? raw[0] / z[0] : Double.NaN;
        double rkl = why[1] == null ? raw[1] / z[1] : Double.NaN;
        double rrd = rrdWhy == null ? raw[2] / z[2] : Double.NaN;
        String ndWhy = why[0] != null ? why[0] : why[1];
        return new Result(n, p, cutStep, depth, rnd, rkl, rrd, ndWhy, rrdWhy);
    }

    /**
     * The unnormalised sum of one measure (the reference's {@code calculateNDFairness} with
     * normaliser 1, without its quirks).
     *
     * @param m the measure
     * @param protectedByRank whether the item at rank i+1 is protected
     * @param n the list length N
     * @param cutStep the cut step
     * @param depth the last rank a cut may reach, 1..n
     * @return the sum (0 when there is no cut point), or NaN when the list has no protected or no
     *     unprotected item, or, for rRD, when a cut's top-i has no unprotected item
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static double unnormalized(Measure m, boolean[] protectedByRank, int n, int cutStep, int depth) {
        Objects.requireNonNull(m, "m");
        checkList(protectedByRank, n);
        checkStep(cutStep);
        checkDepth(depth, n);
        int p = 0;
        for (int i = 0; i < n; i++) {
            if (protectedByRank[i]) {
                p++;
            }
        }
        if (p == 0 || p == n) {
            return Double.NaN;
        }
        return sums(protectedByRank, n, p, cutStep, depth)[m.ordinal()];
    }

    /**
     * The normaliser Z: the maximum of the unnormalised sum over every arrangement of the protected
     * items (for rRD, every arrangement where it is defined), by dynamic programming.
     *
     * @param m the measure
     * @param n N, at least 1
     * @param protectedCount P, 1..N−1
     * @param cutStep the cut step, at least 1
     * @param depth the last rank a cut may reach, 1..n
     * @return Z (0 when there is no cut point)
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static double normalizer(Measure m, int n, int protectedCount, int cutStep, int depth) {
        Objects.requireNonNull(m, "m");
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        if (protectedCount < 1 || protectedCount >= n) {
            throw new IllegalArgumentException("protectedCount must be in 1.." + (n - 1) + ", got " + protectedCount);
        }
        checkStep(cutStep);
        checkDepth(depth, n);
        return maximum(m, n, protectedCount, cutStep, depth);
    }

    private static String populationReason(int n, int p, int cutStep, int depth) {
        if (p == 0) {
            return "no protected item in the list";
        }
        if (p == n) {
            return "every item in the list is protected";
        }
        if (depth < cutStep) {
            return "no cut point: depth " + depth + " is below the cut step " + cutStep;
        }
        return null;
    }

    /** The three sums, and (index 3) the first cut at which rRD is undefined. */
    private static double[] sums(boolean[] prot, int n, int p, int step, int depth) {
        double q = (double) p / n;
        double ratio = (double) p / (n - p);
        double nd = 0;
        double kl = 0;
        double rd = 0;
        int firstBad = 0;
        int x = 0;
        for (int i = 1; i <= depth; i++) {
            if (prot[i - 1]) {
                x++;
            }
            if (i % step == 0) {
                double d = Math.log(i + 1) / LN2;
                nd += term(Measure.RND, x, i, q, ratio) / d;
                kl += term(Measure.RKL, x, i, q, ratio) / d;
                if (x == i) {
                    if (firstBad == 0) {
                        firstBad = i;
                    }
                } else {
                    rd += term(Measure.RRD, x, i, q, ratio) / d;
                }
            }
        }
        return new double[] {nd, kl, firstBad == 0 ? rd : Double.NaN, firstBad};
    }

    private static double term(Measure m, int x, int i, double q, double ratio) {
        switch (m) {
            case RND:
                return Math.abs((double) x / i - q);
            case RKL: {
                double px = (double) x / i;
                double a = x == 0 ? 0 : px * (Math.log(px / q) / LN2);
                double b = x == i ? 0 : (1 - px) * (Math.log((1 - px) / (1 - q)) / LN2);
                return a + b;
            }
            default:
                return Math.max(0, ratio - (double) x / (i - x));
        }
    }

    /**
     * Max over prefix-count paths: x(c_j) in [max(0, c_j − (N − P)), min(c_j, P)] (for rRD also
     * at most c_j − 1), rising by 0..s between cuts; a sliding-window maximum over the previous
     * cut's values gives O(width) per cut.
     */
    private static double maximum(Measure m, int n, int p, int step, int depth) {
        int cuts = depth / step;
        if (cuts == 0) {
            return 0;
        }
        double q = (double) p / n;
        double ratio = (double) p / (n - p);
        int width = Math.min(p, n) + 1;
        double[] prev = new double[width];
        double[] cur = new double[width];
        int[] deque = new int[width];
        int prevLo = 0;
        int prevHi = 0;
        prev[0] = 0;
        for (int j = 1; j <= cuts; j++) {
            int c = j * step;
            int lo = Math.max(0, c - (n - p));
            int hi = Math.min(c, p);
            if (m == Measure.RRD) {
                hi = Math.min(hi, c - 1);
            }
            if (lo > hi) {
                return 0;
            }
            double d = Math.log(c + 1) / LN2;
            // window for x: previous x' in [x − step, x] ∩ [prevLo, prevHi]
            int head = 0;
            int tail = 0;
            int next = prevLo;
            boolean any = false;
            for (int x = lo; x <= hi; x++) {
                while (next <= Math.min(x, prevHi)) {
                    while (tail > head && prev[deque[tail - 1]] <= prev[next]) {
                        tail--;
                    }
                    deque[tail++] = next;
                    next++;
                }
                while (tail > head && deque[head] < x - step) {
                    head++;
                }
                if (tail > head) {
                    cur[x] = prev[deque[head]] + term(m, x, c, q, ratio) / d;
                } else {
                    cur[x] = Double.NEGATIVE_INFINITY;
                }
                any |= tail > head;
            }
            if (!any) {
                return 0;
            }
            double[] t = prev;
            prev = cur;
            cur = t;
            prevLo = lo;
            prevHi = hi;
        }
        double best = 0;
        for (int x = prevLo; x <= prevHi; x++) {
            best = Math.max(best, prev[x]);
        }
        return best;
    }

    private static void checkList(boolean[] protectedByRank, int n) {
        Objects.requireNonNull(protectedByRank, "protectedByRank");
        if (n < 1 || n > protectedByRank.length) {
            throw new IllegalArgumentException("ranking length " + n + " outside 1.." + protectedByRank.length);
        }
    }

    private static void checkStep(int cutStep) {
        if (cutStep < 1) {
            throw new IllegalArgumentException("cut step must be at least 1, got " + cutStep);
        }
    }

    private static void checkDepth(int depth, int n) {
        if (depth < 1 || depth > n) {
            throw new IllegalArgumentException("depth " + depth + " outside 1.." + n);
        }
    }
}
