package dev.fairway.fairness.ranking;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.statistics.distribution.BinomialDistribution;

/**
 * An FA*IR table (Zehlike et al., CIKM 2017): m(i), the minimum number of protected items in
 * the top i for i = 1..k, with m(i) the smallest m such that BinomCDF(m; i, p) &gt;= α, and the
 * table's fail probability: the probability that a ranking whose positions are independently
 * protected with probability p misses m(i) at some position.
 *
 * <p>{@link #of} gives the table at α; {@link #adjusted} applies the multiple-test correction: it
 * searches α' in [0, α] by the bisection both references use (fairsearch-fair-java and
 * fairsearch-fair-python) and returns the table among the last candidates whose fail probability
 * is closest to α, with the α' it was made from. Fail probabilities come from a dynamic programme
 * over the number of protected items in each prefix, O(k · m(k)) per table, instead of the
 * references' recursion (about 100 s for k = 1000 in both).
 *
 * <p>Immutable and thread-safe.
 */
public final class FairTable {
    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;

    private final int k;
    private final double p;
    private final double alpha;
    private final double adjustedAlpha;
    private final FairMode mode;
    private final int[] m;
    private final double failProbability;

    private FairTable(int k, double p, double alpha, double adjustedAlpha, FairMode mode, int[] m, double failProbability) {
        this.k = k;
        this.p = p;
        this.alpha = alpha;
        this.adjustedAlpha = adjustedAlpha;
        this.mode = mode;
        this.m = m;
        this.failProbability = failProbability;
    }

    /**
     * The unadjusted table at α.
     *
     * @param k the length of the top (at least 1)
     * @param p the target proportion of protected items, in (0, 1)
     * @param alpha the significance level, in (0, 1)
     * @param mode how the fail probability is computed
     * @return the table, with adjusted α = α
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static FairTable of(int k, double p, double alpha, FairMode mode) {
        check(k, p, alpha, mode);
        int[] m = mtable(k, p, alpha);
        return new FairTable(k, p, alpha, alpha, mode, m, failProbability(m, p, mode));
    }

    /**
     * The table adjusted for multiple tests: the table, among those at some α' in [0, α], whose
     * fail probability is closest to α (the references' bisection).
     *
     * @param k the length of the top (at least 1)
     * @param p the target proportion of protected items, in (0, 1)
     * @param alpha the significance level, in (0, 1)
     * @param mode how the fail probability is computed
     * @return the adjusted table
     * @throws IllegalArgumentException if an argument is out of range
     */
    public static FairTable adjusted(int k, double p, double alpha, FairMode mode) {
        check(k, p, alpha, mode);
        Cdf cdf = new Cdf(k, p);
        Candidate min = candidate(cdf, 0, mode);
        Candidate max = candidate(cdf, alpha, mode);
        double aMin = 0;
        double aMax = alpha;
        double aMid = (aMin + aMax) / 2;
        Candidate mid = candidate(cdf, aMid, mode);
        while (min.mass < max.mass && mid.fail != alpha) {
            if (mid.fail < alpha) {
                aMin = aMid;
                min = mid;
            } else if (mid.fail > alpha) {
                aMax = aMid;
                max = mid;
            }
            aMid = (aMin + aMax) / 2;
            mid = candidate(cdf, aMid, mode);
            if (max.mass - min.mass == 1 || max.alpha - min.alpha <= EPS) {
                return (Math.abs(min.fail - alpha) <= Math.abs(max.fail - alpha) ? min : max).table(alpha, mode);
            }
            if (max.mass - mid.mass == 1 && mid.mass - min.mass == 1) {
                double dMin = Math.abs(min.fail - alpha);
                double dMax = Math.abs(max.fail - alpha);
                double dMid = Math.abs(mid.fail - alpha);
                if (dMid <= dMax && dMid <= dMin) {
                    return mid.table(alpha, mode);
                }
                return (dMin <= dMid && dMin <= dMax ? min : max).table(alpha, mode);
            }
        }
        return mid.table(alpha, mode);
    }

    /** One table visited by the bisection. */
    private record Candidate(int k, double p, double alpha, int[] m, long mass, double fail) {
        FairTable table(double target, FairMode mode) {
            return new FairTable(k, p, target, alpha, mode, m, fail);
        }
    }

    private static Candidate candidate(Cdf cdf, double alpha, FairMode mode) {
        int[] m = cdf.mtable(alpha);
        long mass = 0;
        for (int v : m) {
            mass += v;
        }
        return new Candidate(cdf.k, cdf.p, alpha, m, mass, failProbability(m, cdf.p, mode));
    }

    /**
     * BinomCDF(m; i, p) for the tables of one bisection, remembering the last few (i, m) values
     * asked for each i: the tables visited differ in few places, so most values repeat.
     */
    private static final class Cdf {
        private static final int SLOTS = 4;
        final int k;
        final double p;
        private final int[] keys;
        private final double[] values;
        private final byte[] next;

        Cdf(int k, double p) {
            this.k = k;
            this.p = p;
            keys = new int[(k + 1) * SLOTS];
            Arrays.fill(keys, -1);
            values = new double[(k + 1) * SLOTS];
            next = new byte[k + 1];
        }

        double at(int i, int m) {
            int base = i * SLOTS;
            for (int j = 0; j < SLOTS; j++) {
                if (keys[base + j] == m) {
                    return values[base + j];
                }
            }
            double v = BinomialDistribution.of(i, p).cumulativeProbability(m);
            int slot = base + next[i];
            next[i] = (byte) ((next[i] + 1) % SLOTS);
            keys[slot] = m;
            values[slot] = v;
            return v;
        }

        int[] mtable(double alpha) {
            int[] m = new int[k];
            int prev = 0;
            for (int i = 1; i <= k; i++) {
                if (!(at(i, prev) >= alpha)) {
                    prev++;
                }
                m[i - 1] = prev;
            }
            return m;
        }
    }

    /**
     * m(1)..m(k) at α: m(i) is the smallest m with BinomCDF(m; i, p) &gt;= α. Since m(i) is m(i-1)
     * or m(i-1) + 1, one CDF value per position decides it.
     *
     * @param k the length
     * @param p the protected proportion, in (0, 1)
     * @param alpha the level, in [0, 1]
     * @return the table, index i-1 holding m(i)
     */
    static int[] mtable(int k, double p, double alpha) {
        int[] m = new int[k];
        int prev = 0;
        for (int i = 1; i <= k; i++) {
            double cdf = BinomialDistribution.of(i, p).cumulativeProbability(prev);
            if (!(cdf >= alpha)) {
                prev++;
            }
            m[i - 1] = prev;
        }
        return m;
    }

    /**
     * The fail probability of a table: the probability that a ranking of independent draws,
     * protected with probability p, has fewer than m(i) protected items in its top i for some i
     * (i = 1..k in {@link FairMode#CORRECT}, i = 1..k-1 in {@link FairMode#FAIRSEARCH_PY}).
     *
     * @param mtable m(1)..m(k), non-decreasing, m(i) &lt;= i, steps of at most 1
     * @param p the protected proportion, in (0, 1)
     * @param mode the mode
     * @return the fail probability
     * @throws IllegalArgumentException if the table is malformed or p is out of range
     */
    public static double failProbability(int[] mtable, double p, FairMode mode) {
        Objects.requireNonNull(mtable, "mtable");
        Objects.requireNonNull(mode, "mode");
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        int prev = 0;
        for (int i = 0; i < mtable.length; i++) {
            if (mtable[i] < prev || mtable[i] > prev + 1 || mtable[i] > i + 1) {
                throw new IllegalArgumentException("m-table is malformed at position " + (i + 1) + ": " + mtable[i]
                        + " after " + prev);
            }
            prev = mtable[i];
        }
        int positions = mode == FairMode.CORRECT ? mtable.length : mtable.length - 1;
        if (positions <= 0) {
            return 0;
        }
        // dist[c]: probability of c protected items so far with no violation yet; c >= top is
        // absorbing (no later position can be violated).
        int top = mtable[positions - 1];
        if (top == 0) {
            return 0;
        }
        double[] dist = new double[top + 1];
        dist[0] = 1;
        double q = 1 - p;
        double fail = 0;
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < positions; i++) {
            // states whose mass is below 1e-300 are dropped (the fail probability changes by less than
            // k * 1e-300); this also keeps the arithmetic out of slow subnormal numbers
            while (hi > lo && hi < top && dist[hi] < TINY) {
                dist[hi] = 0;
                hi--;
            }
            int newHi = hi < top && dist[hi] * p < TINY ? hi : Math.min(hi + 1, top);
            if (newHi == top && hi == top) {
                dist[top] = dist[top] + dist[top - 1] * p;
            } else if (newHi > hi) {
                dist[newHi] = dist[hi] * p;
            }
            for (int c = Math.min(hi, top - 1); c > lo; c--) {
                dist[c] = dist[c] * q + dist[c - 1] * p;
            }
            if (lo < top) {
                dist[lo] *= q;
            }
            hi = newHi;
            int need = mtable[i];
            while (lo < need) {
                fail += dist[lo];
                dist[lo] = 0;
                lo++;
            }
        }
        return fail;
    }

    private static void check(int k, double p, double alpha, FairMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }

    /**
     * The length of the top the table covers.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * The target proportion of protected items.
     *
     * @return p
     */
    public double p() {
        return p;
    }

    /**
     * The significance level asked for.
     *
     * @return α
     */
    public double alpha() {
        return alpha;
    }

    /**
     * The level the table was made at: α for {@link #of}, the corrected α' for {@link #adjusted}.
     *
     * @return the adjusted α
     */
    public double adjustedAlpha() {
        return adjustedAlpha;
    }

    /**
     * The fail-probability mode.
     *
     * @return the mode
     */
    public FairMode mode() {
        return mode;
    }

    /**
     * The minimum number of protected items in the top i.
     *
     * @param i the 1-based position, 1..k
     * @return m(i)
     * @throws IndexOutOfBoundsException if i is outside 1..k
     */
    public int m(int i) {
        if (i < 1 || i > k) {
            throw new IndexOutOfBoundsException("position " + i + " outside 1.." + k);
        }
        return m[i - 1];
    }

    /**
     * The whole table.
     *
     * @return a copy of m(1)..m(k)
     */
    public int[] mtable() {
        return m.clone();
    }

    /**
     * The fail probability of this table in its mode.
     *
     * @return the probability
     */
    public double failProbability() {
        return failProbability;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FairTable t && t.k == k && Double.compare(t.p, p) == 0 && Double.compare(t.alpha, alpha) == 0
                && Double.compare(t.adjustedAlpha, adjustedAlpha) == 0 && t.mode == mode && Arrays.equals(t.m, m);
    }

    @Override
    public int hashCode() {
        return Objects.hash(k, p, alpha, adjustedAlpha, mode, Arrays.hashCode(m));
    }

    @Override
    public String toString() {
        return "FairTable[k=" + k + ", p=" + p + ", alpha=" + alpha + ", adjusted_alpha=" + adjustedAlpha + ", mode=" + mode
                + ", fail_probability=" + failProbability + "]";
    }
}
