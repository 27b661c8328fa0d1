package dev.fairway.fairness.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final double U = 0x1.0p-53;
    private static final double LN2 = Math.log(2);
    /** What the enclosing DP may drop: coarse while looking for the crossing, fine to compare. */
    private static final double COARSE = 0x1.0p-30;
    private static final double FINE = 0x1.0p-40;

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
     * <p>The result is, bit for bit, what that bisection gives when every visited table's fail
     * probability is computed by {@link #failProbability}; only the work differs. A comparison of a
     * fail probability with α (or of two distances to α) is settled by a proven enclosure of
     * {@link #failProbability}'s value whenever the enclosure decides it, and by
     * {@link #failProbability} itself otherwise, which is also run for the table returned. The
     * enclosures come from a DP that additionally drops states whose remaining chance of failing,
     * by a Hoeffding bound, is negligible (error at most 2<sup>-30</sup> or 2<sup>-40</sup> plus
     * rounding), from
     * first-order (union) bounds between two bracketing tables, and from monotonicity: the fail
     * probability grows with the table and the tables grow with α'. A few secant steps in α' first
     * look for tables next to the crossing of α, so that most bisection steps are settled by
     * these facts without a DP (timings: benchmarks/README.md, ranking section).
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
        Search s = new Search(k, p, alpha, mode);
        Candidate min = s.candidate(0);
        Candidate max = s.candidate(alpha);
        s.narrow(max, min);
        double aMin = 0;
        double aMax = alpha;
        double aMid = (aMin + aMax) / 2;
        Candidate mid = s.candidate(aMid);
        int side;
        while (s.massBelow(min, max) && (side = s.side(mid)) != 0) {
            if (side < 0) {
                aMin = aMid;
                min = mid;
            } else {
                aMax = aMid;
                max = mid;
            }
            aMid = (aMin + aMax) / 2;
            mid = s.candidate(aMid);
            if (s.massApart(min, max, 1) || max.alpha - min.alpha <= EPS) {
                return s.table(s.closer(min, max) ? min : max);
            }
            if (s.massApart(min, max, 2) && s.massApart(mid, max, 1) && s.massApart(min, mid, 1)) {
                if (s.closer(mid, max) && s.closer(mid, min)) {
                    return s.table(mid);
                }
                return s.table(s.closer(min, mid) && s.closer(min, max) ? min : max);
            }
        }
        return s.table(mid);
    }

    /** One α' visited by the search; its table is computed only when needed. */
    private static final class Candidate {
        final double alpha;
        Tab t;

        Candidate(double alpha) {
            this.alpha = alpha;
        }
    }

    /**
     * One table of the family m_α' (α' in [0, α]), identified by its mass Σ m(i) (the tables are
     * ordered pointwise by α', so equal mass means equal table), with an enclosure [lo, hi] of its
     * fail probability as {@link #failProbability} computes it.
     */
    private static final class Tab {
        static final int NONE = 0;
        static final int FIRST_ORDER = 1;
        static final int DP = 2;
        static final int EXACT = 3;
        final int[] m;
        final long mass;
        double lo = Double.NaN;
        double hi = Double.NaN;
        int quality = NONE;
        /** Forward masses at counts m(i) and m(i)+1 (interleaved), from the DP enclosure. */
        double[] atBarrier;
        /** Mass of the table whose later m(j) bounded the DP's pruning (that table is >= this one). */
        long reachMass = -1;
        /** Bound on what the DP enclosure's pruning dropped (0 when exact). */
        double drop;

        Tab(int[] m) {
            this.m = m;
            long s = 0;
            for (int v : m) {
                s += v;
            }
            this.mass = s;
        }
    }

    /**
     * The state of one adjusted-α search: its arguments, the tables met so far (by mass), and what
     * is already certain about the sign of failProbability - α. The fail probability grows with the
     * table (pointwise), so a table whose value is below α by more than twice the DP's rounding
     * bound puts every table of smaller mass below α too, and likewise above. Nothing here changes
     * a result; it only decides what has to be computed.
     */
    private static final class Search {
        final int k;
        final double p;
        final double alpha;
        final FairMode mode;
        final int positions;
        final Bounds bounds;
        /** Twice the rounding bound of failProbability (plus its 1e-300 pruning). */
        final double margin;
        final Map<Long, Tab> tabs = new HashMap<>();
        long below = -1;
        long above = Long.MAX_VALUE;
        Tab belowTab;
        Tab aboveTab;
        double alphaBelow = Double.NEGATIVE_INFINITY;
        double alphaAbove = Double.POSITIVE_INFINITY;
        final List<Candidate> seen = new ArrayList<>();
        FirstOrder firstOrder;

        Search(int k, double p, double alpha, FairMode mode) {
            this.k = k;
            this.p = p;
            this.alpha = alpha;
            this.mode = mode;
            this.positions = mode == FairMode.CORRECT ? k : k - 1;
            this.bounds = new Bounds(p, positions);
            this.margin = 2 * (16.0 * (2.0 * positions + 2) * U + 1e-290);
        }

        Candidate candidate(double a) {
            return new Candidate(a);
        }

        /** The table of c, computed on first use. */
        Tab tab(Candidate c) {
            if (c.t == null) {
                Tab t = new Tab(mtable(k, p, c.alpha));
                Tab known = tabs.putIfAbsent(t.mass, t);
                c.t = known == null ? t : known;
                seen.add(c);
                place(c);
            }
            return c.t;
        }

        /** Moves the α' limits of what is known below and above alpha. */
        private void place(Candidate c) {
            if (c.t.mass <= below) {
                alphaBelow = Math.max(alphaBelow, c.alpha);
            }
            if (c.t.mass >= above) {
                alphaAbove = Math.min(alphaAbove, c.alpha);
            }
        }

        /**
         * Whether c's table certainly has mass &lt;= below without computing it: tables grow with
         * α', so an α' at or under one whose table is known to be below is below.
         */
        private boolean knownBelow(Candidate c) {
            return c.alpha <= alphaBelow || (c.t != null && c.t.mass <= below);
        }

        private boolean knownAbove(Candidate c) {
            return c.alpha >= alphaAbove || (c.t != null && c.t.mass >= above);
        }

        /** mass(a) &lt; mass(b). */
        boolean massBelow(Candidate a, Candidate b) {
            if (knownBelow(a) && knownAbove(b)) {
                return true;
            }
            return tab(a).mass < tab(b).mass;
        }

        /** mass(b) - mass(a) == d. */
        boolean massApart(Candidate a, Candidate b, int d) {
            if (knownBelow(a) && knownAbove(b) && above - below > d) {
                return false;
            }
            return tab(b).mass - tab(a).mass == d;
        }

        /**
         * Before the bisection: secant steps on log fail probability against log α' (kept inside
         * the bracket) find tables close to the crossing of α, until a step shrinks the range of
         * masses less than fourfold while that range is at most 512 and the bracketing tables
         * differ by at most 2 at every position; then first-order bounds between the two
         * bracketing tables are set up.
         * The bisection afterwards asks only for signs that these facts do not settle.
         */
        void narrow(Candidate top, Candidate bottom) {
            Tab hiTab = tab(top);
            Tab loTab = tab(bottom);
            evaluate(loTab, false);
            evaluate(hiTab, false);
            if (above != hiTab.mass || below != loTab.mass) {
                return;
            }
            double aHi = top.alpha;
            double aLo = bottom.alpha;
            // the two latest points (log alpha', log F/alpha) for the secant
            double x1 = Math.log(aHi);
            double y1 = Math.log(mid(hiTab) / alpha);
            double x0 = Double.NaN;
            double y0 = Double.NaN;
            long width = above - below;
            for (int iter = 0; iter < 64 && above - below > 1; iter++) {
                // secant in log-log (F grows like a power of alpha'), first step with slope 2/3;
                // kept strictly inside the bracket, else the bracket's geometric mean
                double x = Double.isNaN(x0) ? x1 - 1.5 * y1 : x1 - y1 * (x1 - x0) / (y1 - y0);
                double a = Math.exp(x);
                if (!(a > aLo && a < aHi)) {
                    a = aLo > 0 ? Math.sqrt(aLo * aHi) : aHi / 16;
                    if (!(a > aLo && a < aHi)) {
                        break;
                    }
                }
                Tab t = tab(candidate(a));
                if (t.mass <= below) {
                    aLo = a; // no new fact: alpha' moves, the table stays
                    continue;
                }
                if (t.mass >= above) {
                    aHi = a;
                    continue;
                }
                evaluate(t, false);
                if (t.mass != below && t.mass != above) {
                    return; // too close to alpha to be a fact: left to the bisection
                }
                long newWidth = above - below;
                boolean slow = 4 * newWidth > width;
                width = newWidth;
                if (t.mass == below) {
                    aLo = a;
                } else {
                    aHi = a;
                }
                x0 = x1;
                y0 = y1;
                x1 = Math.log(a);
                y1 = Math.log(Math.max(mid(t), Double.MIN_NORMAL) / alpha);
                if (slow && width <= 512 && FirstOrder.apart(belowTab, aboveTab, positions) <= 2) {
                    break; // step-like from here on: the first-order bounds take over
                }
            }
            if (above - below > 1) {
                firstOrder = FirstOrder.of(this, belowTab, aboveTab);
            }
        }

        private static double mid(Tab t) {
            return (t.lo + t.hi) / 2;
        }

        /**
         * Encloses t by the pruned DP (if not yet done at this precision) and learns from it:
         * coarse drops up to 2^-30, fine up to 2^-40.
         */
        private void evaluate(Tab t, boolean fine) {
            double drop = fine ? FINE : COARSE;
            if (t.quality < Tab.DP || (t.quality == Tab.DP && t.drop > drop)) {
                // the pruning may use the later m(j) of any table at or above t
                Tab reach = aboveTab != null && aboveTab.mass > t.mass ? aboveTab : t;
                bounds.run(t.m, reach.m, drop, t);
                t.reachMass = reach.mass;
                t.quality = Tab.DP;
            }
            learn(t);
        }

        private void learn(Tab t) {
            boolean moved = false;
            if (t.hi + margin < alpha) {
                if (t.mass > below) {
                    below = t.mass;
                    belowTab = t;
                    moved = true;
                }
            } else if (t.lo - margin > alpha) {
                if (t.mass < above) {
                    above = t.mass;
                    aboveTab = t;
                    moved = true;
                }
            }
            if (moved) {
                for (Candidate c : seen) {
                    place(c);
                }
            }
        }

        private double exact(Tab t) {
            if (t.quality < Tab.EXACT) {
                double f = failProbability(t.m, p, mode);
                t.lo = f;
                t.hi = f;
                t.quality = Tab.EXACT;
            }
            return t.lo;
        }

        /** The sign of failProbability(table of c) - alpha. */
        int side(Candidate c) {
            if (knownBelow(c)) {
                return -1;
            }
            if (knownAbove(c)) {
                return 1;
            }
            Tab t = tab(c);
            if (t.mass <= below) {
                return -1;
            }
            if (t.mass >= above) {
                return 1;
            }
            if (t.quality == Tab.NONE && firstOrder != null && firstOrder.enclose(t)) {
                learn(t);
                if (t.hi < alpha) {
                    return -1;
                }
                if (t.lo > alpha) {
                    return 1;
                }
            }
            for (int round = 0; round < 2; round++) {
                evaluate(t, round > 0);
                if (t.hi < alpha) {
                    return -1;
                }
                if (t.lo > alpha) {
                    return 1;
                }
            }
            double f = exact(t);
            return f < alpha ? -1 : f > alpha ? 1 : 0;
        }

        /** Whether |failProbability(a) - alpha| &lt;= |failProbability(b) - alpha| for their tables. */
        boolean closer(Candidate ca, Candidate cb) {
            Tab a = tab(ca);
            Tab b = tab(cb);
            if (a.quality == Tab.NONE && firstOrder != null) {
                firstOrder.enclose(a);
            }
            if (b.quality == Tab.NONE && firstOrder != null) {
                firstOrder.enclose(b);
            }
            while (true) {
                if (a.quality > Tab.NONE && b.quality > Tab.NONE) {
                    if (distHi(a) < distLo(b)) {
                        return true;
                    }
                    if (distLo(a) > distHi(b)) {
                        return false;
                    }
                }
                // tighten the wider enclosure one level (first-order, coarse DP, fine DP) first:
                // the other may already be tight enough
                int aLevel = level(a);
                int bLevel = level(b);
                if (aLevel == 3 && bLevel == 3) {
                    break;
                }
                Tab loose = aLevel == 3 ? b : bLevel == 3 ? a : a.hi - a.lo >= b.hi - b.lo ? a : b;
                evaluate(loose, level(loose) == 2);
            }
            return Math.abs(exact(a) - alpha) <= Math.abs(exact(b) - alpha);
        }

        /** 0 none or first-order, 2 coarse DP, 3 fine DP or exact. */
        private static int level(Tab t) {
            if (t.quality == Tab.EXACT || (t.quality == Tab.DP && t.drop <= FINE)) {
                return 3;
            }
            return t.quality == Tab.DP ? 2 : 0;
        }

        private double distLo(Tab t) {
            return t.lo > alpha ? t.lo - alpha : t.hi < alpha ? alpha - t.hi : 0;
        }

        private double distHi(Tab t) {
            return Math.max(Math.abs(t.lo - alpha), Math.abs(t.hi - alpha));
        }

        FairTable table(Candidate c) {
            Tab t = tab(c);
            return new FairTable(k, p, alpha, c.alpha, mode, t.m, exact(t));
        }
    }

    /**
     * First-order bounds for the tables between two bracketing tables L &lt;= T &lt;= H (pointwise,
     * differing by at most 2 at each position). A ranking that survives T survives L, and one that
     * survives L but fails T is at one of the "new" cells (i, c), L(i) &lt;= c &lt; T(i), so by the
     * union bound F(T) &lt;= F(L) + Σ δ(i, c) over those cells, and likewise F(T) &gt;= F(H) - Σ δ(i,
     * c) over the cells T(i) &lt;= c &lt; H(i), where δ(i, c) = P(survive L to i, c protected in the
     * top i) · P(survive L after i | c) is bounded from above by L's pruned forward DP (its
     * pruning bound holds for H) and a backward DP over L's constraints (counts beyond a band
     * treated as surviving surely). Rounding is covered by a relative factor and the margins.
     */
    private static final class FirstOrder {
        final Tab lower;
        final Tab upper;
        final int[] cells; // positions (0-based) where the bracketing tables differ
        final double[] delta; // δ at (i, L(i)) and (i, L(i)+1), interleaved by cell
        final double slack;

        private FirstOrder(Search s, Tab lower, Tab upper, int[] cells, double[] delta) {
            this.lower = lower;
            this.upper = upper;
            this.cells = cells;
            this.delta = delta;
            // the lower DP never drops a state on a cell (a cell lies below the reach line, where
            // the Hoeffding rule does not apply; the 1e-300 rule is covered by 1e-290), and the
            // dropped states reach cells later with probability at most drop in all; 9·drop is a
            // generous allowance for that
            this.slack = s.margin + 9 * lower.drop + 1e-290;
        }

        /** max over the first n positions of upper.m - lower.m (-1 if some is negative). */
        static int apart(Tab lower, Tab upper, int n) {
            int max = 0;
            for (int i = 0; i < n; i++) {
                int d = upper.m[i] - lower.m[i];
                if (d < 0) {
                    return -1;
                }
                max = Math.max(max, d);
            }
            return max;
        }

        static FirstOrder of(Search s, Tab lower, Tab upper) {
            if (lower == null || upper == null || lower.atBarrier == null || lower.quality < Tab.DP
                    || upper.quality < Tab.DP || lower.reachMass < upper.mass) {
                return null;
            }
            int n = s.positions;
            int[] l = lower.m;
            int[] h = upper.m;
            int count = 0;
            for (int i = 0; i < n; i++) {
                int d = h[i] - l[i];
                if (d < 0 || d > 2) {
                    return null;
                }
                if (d > 0) {
                    count++;
                }
            }
            int[] cells = new int[count];
            for (int i = 0, j = 0; i < n; i++) {
                if (h[i] != l[i]) {
                    cells[j++] = i;
                }
            }
            double[] g = backward(s.p, l, n, cells);
            double[] delta = new double[2 * count];
            double up = 1 + 64.0 * (n + 2) * U;
            for (int j = 0; j < count; j++) {
                int i = cells[j];
                delta[2 * j] = lower.atBarrier[2 * i] * g[2 * j] * up;
                delta[2 * j + 1] = lower.atBarrier[2 * i + 1] * g[2 * j + 1] * up;
            }
            return new FirstOrder(s, lower, upper, cells, delta);
        }

        /**
         * P(survive L's constraints after position i | c protected in the top i) for c = L(i) and
         * L(i)+1 at the given positions, from above: counts more than a Hoeffding band above L(i)
         * are taken to survive.
         */
        private static double[] backward(double p, int[] m, int n, int[] cells) {
            double q = 1 - p;
            double[] out = new double[2 * cells.length];
            int top = m[n - 1];
            double[] g = new double[top + 3]; // g[top + 1] = 1 stands for counts above top
            // reach[i] = max over j > i of m[j] - j·p
            double[] reach = new double[n];
            double r = Double.NEGATIVE_INFINITY;
            for (int j = n - 1; j >= 0; j--) {
                reach[j] = r;
                r = Math.max(r, m[j] - j * p);
            }
            int cell = cells.length - 1;
            // state after position index i: g[c] for c in [m[i], hiC]; above hiC the value is 1
            int i = n - 1;
            int hiC = m[i] - 1; // nothing stored: every count survives the (empty) rest
            while (true) {
                if (cell >= 0 && cells[cell] == i) {
                    int c0 = m[i];
                    out[2 * cell] = c0 <= hiC ? g[c0] : 1;
                    out[2 * cell + 1] = c0 + 1 <= hiC ? g[c0 + 1] : 1;
                    cell--;
                }
                if (i == 0 || cell < 0) {
                    break;
                }
                // to the state after position index i - 1: the count after i is c or c + 1, and
                // must reach m[i]
                int need = m[i];
                int left = n - i; // positions with a constraint from index i on
                // the band reaches a Hoeffding distance with failure probability below e^-4:
                // beyond it 1 is taken, an upper bound (it only loosens δ a little)
                double lnLeft = (32 - Integer.numberOfLeadingZeros(left)) * LN2;
                double t = Math.sqrt(left / 2.0 * (lnLeft + 4)) + Math.max(0, reach[i - 1] - (m[i - 1] - (i - 1) * p));
                int newHi = (int) Math.min(top, m[i - 1] + Math.ceil(t) + 2);
                for (int c = hiC + 1; c <= newHi + 1; c++) {
                    g[c] = 1;
                }
                int c = m[i - 1];
                if (c < need) {
                    g[c] = p * g[c + 1]; // c + 1 == need
                    c++;
                }
                for (; c <= newHi; c++) {
                    g[c] = q * g[c] + p * g[c + 1];
                }
                hiC = newHi;
                i--;
            }
            return out;
        }

        /** Sets t's enclosure from the bounds, if t lies between the bracketing tables. */
        boolean enclose(Tab t) {
            if (!(t.mass > lower.mass && t.mass < upper.mass)) {
                return false;
            }
            int[] l = lower.m;
            int[] h = upper.m;
            int[] m = t.m;
            double up = 0;
            double down = 0;
            for (int j = 0; j < cells.length; j++) {
                int i = cells[j];
                int a = m[i] - l[i];
                int b = h[i] - l[i];
                if (a < 0 || a > b) {
                    return false;
                }
                for (int c = 0; c < b; c++) {
                    if (c < a) {
                        up += delta[2 * j + c];
                    } else {
                        down += delta[2 * j + c];
                    }
                }
            }
            double f = 1 + 4.0 * (cells.length + 2) * U;
            t.hi = lower.hi + up * f + slack;
            t.lo = upper.lo - down * f - slack;
            t.quality = Tab.FIRST_ORDER;
            return true;
        }
    }

    /**
     * An enclosure of {@link #failProbability}'s value that costs a fraction of it: the same DP
     * with τ = drop/(n+1) instead of 1e-300/(n+1), so it is at most drop lower
     * (and the probability of going below the reach table, which the first-order bounds use, is
     * at most that much lower too). Rounding differences between the two DPs are below
     * 16·(n + m(n) + 2) unit roundoffs (each state's relative error grows by at most 3 roundoffs a
     * position, and at most m(n) values are summed). It also records the surviving mass at m(i)
     * and m(i)+1 after each position.
     */
    private static final class Bounds {
        final double p;
        final int positions;
        private double[] scratch = new double[0];
        private final double[] reach;

        Bounds(double p, int positions) {
            this.p = p;
            this.positions = positions;
            this.reach = new double[Math.max(positions, 0)];
        }

        void run(int[] m, int[] reachTable, double drop, Tab out) {
            out.drop = 0;
            if (positions <= 0 || m[positions - 1] == 0) {
                out.lo = 0;
                out.hi = 0;
                return;
            }
            double err = 16.0 * (positions + m[positions - 1] + 2) * U;
            double[] rec = new double[2 * positions];
            if (scratch.length < m[positions - 1] + 1) {
                scratch = new double[m[positions - 1] + 1];
            }
            double fail = dp(m, p, positions, reachTable, Math.log(drop / (positions + 1)), rec, scratch, reach);
            out.lo = fail - err;
            out.hi = fail + err + drop;
            out.drop = drop;
            out.atBarrier = rec;
        }
    }

    /** Positions between exact re-evaluations of the recurrence in {@link #mtable}. */
    private static final int RESYNC = 4096;
    /** Relative error allowed for commons-statistics' pmf and CDF values (generous). */
    private static final double COMMONS_REL = 1e-13;

    /**
     * m(1)..m(k) at α: m(i) is the smallest m with BinomCDF(m; i, p) &gt;= α. Since m(i) is m(i-1)
     * or m(i-1) + 1, one CDF value per position decides it: commons-statistics'
     * BinomialDistribution.cumulativeProbability(m(i-1)) at i trials. That value is followed by the
     * recurrences CDF(m; i) = CDF(m; i-1) - p·pmf(m; i-1) and pmf(m; i) = pmf(m; i-1)·q·i/(i-m), with
     * a running bound on their rounding error (restarted from commons' values every 4096 positions);
     * commons' CDF is called whenever the recurrence's value is not clearly on one side of α, so the
     * table is the one commons' CDF decides.
     *
     * @param k the length
     * @param p the protected proportion, in (0, 1)
     * @param alpha the level, in [0, 1]
     * @return the table, index i-1 holding m(i)
     */
    static int[] mtable(int k, double p, double alpha) {
        int[] m = new int[k];
        if (alpha <= 0) {
            return m; // every CDF value is >= 0
        }
        double q = 1 - p;
        int prev = 0;
        double pmf = 1; // pmf(prev; i - 1)
        double cdf = 1; // CDF(prev; i - 1)
        double err = 0; // bound on |cdf - CDF(prev; i - 1)|
        double pmfRel = 0; // bound on pmf's relative error
        double slack = 1e-9 * alpha; // covers commons' own error at the deciding value
        for (int i = 1; i <= k; i++) {
            if (i % RESYNC == 0) {
                BinomialDistribution b = BinomialDistribution.of(i, p);
                double c = b.cumulativeProbability(prev);
                boolean inc = !(c >= alpha);
                if (inc) {
                    prev++;
                }
                pmf = b.probability(prev);
                cdf = inc ? b.cumulativeProbability(prev) : c;
                err = COMMONS_REL * cdf;
                pmfRel = COMMONS_REL;
            } else {
                double pp = p * pmf;
                double c = cdf - pp;
                // both possible pmf factors, off the chain through the decision
                double fStay = q * i / (i - prev); // pmf(prev; i) = pmf(prev; i-1) · q·i/(i-prev)
                double fInc = p * i / (prev + 1); // pmf(prev+1; i) = pmf(prev; i-1) · p·i/(prev+1)
                double errHere = err + pp * (pmfRel + 2 * U) + 2 * U * (cdf + pp);
                if (Math.abs(c - alpha) <= errHere + slack) {
                    BinomialDistribution b = BinomialDistribution.of(i, p);
                    double exact = b.cumulativeProbability(prev);
                    boolean inc = !(exact >= alpha);
                    if (inc) {
                        prev++;
                    }
                    pmf = b.probability(prev);
                    cdf = inc ? b.cumulativeProbability(prev) : exact;
                    err = COMMONS_REL * cdf;
                    pmfRel = COMMONS_REL;
                } else {
                    boolean inc = c < alpha;
                    double next = pmf * (inc ? fInc : fStay);
                    pmfRel += 5 * U;
                    prev += inc ? 1 : 0;
                    cdf = inc ? c + next : c;
                    err = inc ? errHere + next * pmfRel + 2 * U * cdf : errHere;
                    pmf = next;
                }
            }
            m[i - 1] = prev;
        }
        return m;
    }

    /**
     * The fail probability of a table: the probability that a ranking of independent draws,
     * protected with probability p, has fewer than m(i) protected items in its top i for some i
     * (i = 1..k in {@link FairMode#CORRECT}, i = 1..k-1 in {@link FairMode#FAIRSEARCH_PY}).
     * Computed by a dynamic programme over the number of protected items in each prefix, at most
     * O(k · m(k)); states at the top of the band are dropped only when their mass, or their mass
     * times a bound on their chance of failing later, is below 1e-300, which changes the result by
     * less than 2·(k + 1)·1e-300.
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
        if (mtable[positions - 1] == 0) {
            return 0;
        }
        return dp(mtable, p, positions, mtable, Math.log(TINY / (positions + 1)), null, null, null);
    }

    /**
     * The DP over the number of protected items in the prefix: dist[c] is the probability of c
     * protected items in the top i with no violation so far; counts below m(i) are the failures
     * and counts at or above m(n) are pooled (no later position can be violated). Mass flows only
     * upwards, so only the top of the live band is ever dropped: a state whose mass is below
     * 1e-300, or whose mass v times a Hoeffding bound on the probability of failing later is below
     * τ = e<sup>lnTau</sup>. That bound, for N positions left and a state t above the highest later
     * m(j) - (j - i)·p of {@code reachTable} (a table at or above {@code m}, whose failures include
     * m's), is N·exp(-2t²/N). A position creates at most one state, so the dropped states change
     * the fail probability by at most (n + 1)·τ, downwards, plus (n + 1)·1e-300 (the 1e-300 rule
     * also keeps the arithmetic out of slow subnormal numbers).
     *
     * @param m the table, m(n) &gt; 0
     * @param p the protected proportion
     * @param positions n, the positions whose constraint counts
     * @param reachTable a table pointwise at or above m, of at least n entries
     * @param lnTau ln τ
     * @param rec if not null, receives after each position i the surviving mass at m(i) and m(i)+1
     *     (index 2i and 2i+1; the pooled mass of all counts &gt;= m(n) where that count is &gt;= m(n))
     * @param scratch null, or a zeroed array of at least m(n) + 1 entries, returned zeroed
     * @param reachScratch null, or an array of at least n entries
     * @return the fail probability
     */
    private static double dp(int[] m, double p, int positions, int[] reachTable, double lnTau, double[] rec,
            double[] scratch, double[] reachScratch) {
        int top = m[positions - 1];
        double[] reach = reachScratch != null ? reachScratch : new double[positions];
        double r = Double.NEGATIVE_INFINITY;
        for (int j = positions - 1; j >= 0; j--) {
            reach[j] = r;
            r = Math.max(r, reachTable[j] - j * p);
        }
        double[] d = scratch != null ? scratch : new double[top + 1];
        d[0] = 1;
        double q = 1 - p;
        double fail = 0;
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < positions; i++) {
            while (hi > lo && hi < top && d[hi] < TINY) {
                d[hi] = 0;
                hi--;
            }
            int newHi = hi < top && d[hi] * p < TINY ? hi : Math.min(hi + 1, top);
            if (newHi == top && hi == top) {
                d[top] = d[top] + d[top - 1] * p;
            } else if (newHi > hi) {
                d[newHi] = d[hi] * p;
            }
            for (int c = Math.min(hi, top - 1); c > lo; c--) {
                d[c] = d[c] * q + d[c - 1] * p;
            }
            if (lo < top) {
                d[lo] *= q;
            }
            hi = newHi;
            int need = m[i];
            while (lo < need) {
                fail += d[lo];
                d[lo] = 0;
                lo++;
            }
            int left = positions - 1 - i;
            if (left > 0) {
                double lnLeft = (32 - Integer.numberOfLeadingZeros(left)) * LN2; // >= ln(left)
                double twoOverLeft = 2.0 / left;
                double shift = reach[i] + i * p;
                while (hi > lo && hi < top) {
                    double v = d[hi];
                    double t = hi - shift;
                    // ln v < (exponent + 1) ln 2; drop when v · left · exp(-2 t^2 / left) < tau
                    if (v != 0 && !(t > 0 && (Math.getExponent(v) + 1) * LN2 + lnLeft - t * t * twoOverLeft < lnTau)) {
                        break;
                    }
                    d[hi] = 0;
                    hi--;
                }
            }
            if (rec != null) {
                // counts at or above top are pooled in d[top]: an upper bound for each of them
                int up = Math.min(need + 1, top);
                rec[2 * i] = need <= hi ? d[need] : 0;
                rec[2 * i + 1] = up <= hi ? d[up] : 0;
            }
        }
        if (scratch != null && lo <= Math.min(hi, top)) {
            Arrays.fill(d, lo, Math.min(hi, top) + 1, 0); // everything else is 0 already
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
