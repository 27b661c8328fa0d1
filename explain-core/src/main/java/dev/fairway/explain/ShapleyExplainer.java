package dev.fairway.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Shapley-value attributions of one model output over the interventional game with a weighted
 * background: {@code v(S) = Σ_k w_k g(f(x_S, b_k,−S))}, where {@code g} is the {@link Link}
 * applied to each row's output. The Shapley value of player {@code i} is
 * {@code φ_i = Σ_{S ⊆ N∖{i}} |S|! (n−|S|−1)! / n! · (v(S ∪ {i}) − v(S))}; the values add up to
 * {@code v(N) − v(∅) = g(f(x)) − E_B[g(f)]}.
 *
 * <p>Players whose features equal the background in every background row cannot change any
 * coalition's value; every method gives them exactly zero and leaves them out of the game.
 *
 * <ul>
 *   <li>{@link ShapleyMethod#EXACT} enumerates the {@code 2^n} coalitions of the remaining players, one
 *       batched model call per block of coalitions. Above {@link Builder#maxPlayers(int)} players
 *       it throws; it never falls back to sampling silently.
 *   <li>{@link ShapleyMethod#LINEAR} is the closed form {@code φ_p = Σ_{j∈p} w_j (x_j − E_B[x_j])} for a
 *       {@link LinearModel} with {@link Link#IDENTITY} or a {@link LogisticModel} with
 *       {@link Link#LOGIT}.
 *   <li>{@link ShapleyMethod#PERMUTATION} samples random orders of the players, each with its reverse
 *       (antithetic), and averages the marginal contributions; it stops when every standard
 *       error is at most {@link Builder#targetStandardError(double)} or the coalition budget is
 *       spent. One order and its reverse are exact for models with at most pairwise
 *       interactions.
 *   <li>{@link ShapleyMethod#KERNEL} fits KernelSHAP's constrained weighted least squares: sizes 1 and
 *       {@code n−1} are always enumerated (so the budget must allow {@code 2n + 2} coalitions),
 *       further sizes from the extremes inwards while their expected share of the budget covers
 *       them, and the rest are sampled in complementary pairs; with a budget of {@code 2^n}
 *       coalitions it equals the exact values. Its standard errors are not estimated (NaN) unless
 *       every coalition was enumerated (0).
 * </ul>
 *
 * <p>Results are deterministic given the seed, background and budget.
 *
 * <p>Thread-safety: immutable; {@link #explain(double[])} allocates its own scratch space, so one
 * explainer may serve many threads if the model is safe for concurrent calls.
 */
public final class ShapleyExplainer {
    /** The default cap on the number of players for {@link ShapleyMethod#EXACT}. */
    public static final int DEFAULT_MAX_PLAYERS = 16;
    /** The largest cap {@link Builder#maxPlayers(int)} accepts. */
    public static final int MAX_EXACT_PLAYERS = 30;
    /** The default coalition budget of the sampling methods. */
    public static final long DEFAULT_MAX_COALITIONS = 50_000;
    /**
     * The number of antithetic pairs the permutation method draws before its standard-error stop
     * rule may end the run, so that a few coinciding orders cannot fake a zero variance.
     */
    static final int MIN_PAIRS_FOR_STOP_RULE = 8;
    /** The default target standard error of {@link ShapleyMethod#PERMUTATION}. */
    public static final double DEFAULT_TARGET_STANDARD_ERROR = 0.01;

    private final Model model;
    private final Background background;
    private final Players players;
    private final ShapleyMethod method;
    private final Link link;
    private final int output;
    private final int maxPlayers;
    private final long seed;
    private final long maxCoalitions;
    private final double targetStandardError;

    private ShapleyExplainer(Builder b) {
        this.model = b.model;
        this.background = b.background;
        this.players = b.players;
        this.method = b.method;
        this.link = b.link;
        this.output = b.output;
        this.maxPlayers = b.maxPlayers;
        this.seed = b.seed;
        this.maxCoalitions = b.maxCoalitions;
        this.targetStandardError = b.targetStandardError;
    }

    /**
     * Starts a builder.
     *
     * @param model the model
     * @param background the background, with as many features as the model
     * @return a builder with the defaults: exact method, identity link, output 0, one player per
     *     feature named {@code x0, x1, ...}, seed 0
     * @throws IllegalArgumentException if the model and background disagree on the number of
     *     features
     */
    public static Builder builder(Model model, Background background) {
        return new Builder(model, background);
    }

    /**
     * Returns the players.
     *
     * @return the players this explainer attributes to
     */
    public Players players() {
        return players;
    }

    /**
     * Returns the method.
     *
     * @return the method
     */
    public ShapleyMethod method() {
        return method;
    }

    /**
     * Explains one instance.
     *
     * @param x the instance, one finite value per feature (not modified)
     * @return the attribution of the configured output
     * @throws IllegalArgumentException if {@code x} has the wrong length or a non-finite value,
     *     or (exact method) more players differ from the background than the cap allows, or (kernel
     *     method) more than 62 players differ from the background
     */
    public Attribution explain(double[] x) {
        return explain(x, Set.of());
    }

    /**
     * Explains one instance with some features absent for this call only, such as those a
     * subject's consent withholds: every player holding a withheld feature never enters a
     * coalition, so its features take the background values in every coalition, its attribution is
     * exactly zero, and the explained value {@code v(N)} is the model's expected output with those
     * features absent. The explainer is not rebuilt.
     *
     * @param x the instance, one finite value per feature (not modified; withheld features' values
     *     are never used, but must be finite)
     * @param withheld names of the features absent for this call
     * @return the attribution of the configured output
     * @throws IllegalArgumentException as {@link #explain(double[])}, or if a withheld name is not a
     *     feature
     */
    public Attribution explain(double[] x, Set<String> withheld) {
        Objects.requireNonNull(x, "x");
        boolean[] absent = absentPlayers(withheld);
        int m = background.features();
        if (x.length != m) {
            throw new IllegalArgumentException("x has " + x.length + " values, the model has " + m + " features");
        }
        for (int j = 0; j < m; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException("x[" + j + "] (" + players.featureNames().get(j) + ") is not finite: " + x[j]);
            }
        }
        double[] xc = x.clone();
        if (method == ShapleyMethod.LINEAR) {
            return linear(xc, absent);
        }
        Game game = new Game(model, background, players, xc, link, output);
        int[] active = present(activePlayers(xc), absent);
        int a = active.length;
        double[] phi = new double[players.size()];
        double[] se = new double[players.size()];
        double v0;
        double vN;
        if (method == ShapleyMethod.EXACT && a >= 1) {
            double[] v = exact(game, active, phi);
            v0 = v[0];
            vN = v[1];
        } else {
            double[] v = new double[2];
            int[] lo = {0, 0};
            int[] hi = {0, a};
            game.valuesOfRanges(active, lo, hi, 2, v);
            v0 = v[0];
            vN = v[1];
            if (a == 1) {
                phi[active[0]] = vN - v0;
            } else if (a > 1) {
                switch (method) {
                    case PERMUTATION -> permutation(game, active, v0, vN, phi, se);
                    case KERNEL -> kernel(game, active, v0, vN, phi, se);
                    default -> throw new IllegalStateException("method " + method + " is not a sampling method");
                }
            }
        }
        double sum = 0;
        double maxSe = 0;
        for (int p = 0; p < phi.length; p++) {
            sum += phi[p];
            maxSe = Double.isNaN(se[p]) || Double.isNaN(maxSe) ? Double.NaN : Math.max(maxSe, se[p]);
        }
        long usedSeed = method == ShapleyMethod.EXACT ? 0L : seed;
        Provenance prov = new Provenance(method.attributionMethod(), usedSeed, game.evaluations, game.coalitions, background.digest(),
                vN - v0 - sum, maxSe, link);
        return new Attribution(players.names(), phi, se, v0, vN, prov);
    }

    private int[] activePlayers(double[] x) {
        int[][] fop = players.featuresOfPlayers();
        int bgRows = background.rows();
        int m = background.features();
        double[] bg = background.data();
        int[] act = new int[fop.length];
        int a = 0;
        for (int p = 0; p < fop.length; p++) {
            boolean differs = false;
            for (int k = 0; k < bgRows && !differs; k++) {
                for (int j : fop[p]) {
                    if (bg[k * m + j] != x[j]) {
                        differs = true;
                        break;
                    }
                }
            }
            if (differs) {
                act[a++] = p;
            }
        }
        return Arrays.copyOf(act, a);
    }

    /** Players holding a withheld feature. */
    private boolean[] absentPlayers(Set<String> withheld) {
        Objects.requireNonNull(withheld, "withheld");
        boolean[] absent = new boolean[players.size()];
        List<String> names = players.featureNames();
        for (String f : withheld) {
            int j = names.indexOf(f);
            if (j < 0) {
                throw new IllegalArgumentException("withheld feature '" + f + "' is not one of " + names);
            }
            absent[players.playerOf(j)] = true;
        }
        return absent;
    }

    private static int[] present(int[] active, boolean[] absent) {
        int n = 0;
        int[] out = new int[active.length];
        for (int p : active) {
            if (!absent[p]) {
                out[n++] = p;
            }
        }
        return n == active.length ? active : Arrays.copyOf(out, n);
    }

    private Attribution linear(double[] xIn, boolean[] absent) {
        LinearModel lin = model instanceof LinearModel l ? l : ((LogisticModel) model).linear();
        double[] mean = background.means();
        double[] phi = new double[players.size()];
        double base = lin.intercept();
        // absent players' features stand at their background mean: v(N) of the interventional game
        double[] x = xIn.clone();
        for (int j = 0; j < x.length; j++) {
            if (absent[players.playerOf(j)]) {
                x[j] = mean[j];
            }
        }
        for (int j = 0; j < x.length; j++) {
            phi[players.playerOf(j)] += lin.coefficient(j) * (x[j] - mean[j]);
            base += lin.coefficient(j) * mean[j];
        }
        double pred = lin.score(x);
        double sum = 0;
        for (double p : phi) {
            sum += p;
        }
        Provenance prov = new Provenance(AttributionMethod.LINEAR, 0L, 0L, 0L, background.digest(), pred - base - sum, 0.0, link);
        return new Attribution(players.names(), phi, new double[phi.length], base, pred, prov);
    }

    /** Fills phi for the active players and returns {v(∅), v(N)}. */
    private double[] exact(Game game, int[] active, double[] phi) {
        int a = active.length;
        double[] v = allCoalitions(game, active);
        int n = v.length;
        // w[s] = s! (a-s-1)! / a! = 1 / (a * C(a-1, s))
        double[] w = new double[a];
        double binom = 1;
        for (int s = 0; s < a; s++) {
            w[s] = 1.0 / (a * binom);
            binom = binom * (a - 1 - s) / (s + 1);
        }
        double[] acc = new double[a];
        for (int mask = 0; mask < n; mask++) {
            int size = Integer.bitCount(mask);
            if (size == a) {
                continue;
            }
            double ws = w[size];
            double vm = v[mask];
            int free = ~mask & (n - 1);
            while (free != 0) {
                int i = Integer.numberOfTrailingZeros(free);
                free &= free - 1;
                acc[i] += ws * (v[mask | (1 << i)] - vm);
            }
        }
        for (int i = 0; i < a; i++) {
            phi[active[i]] = acc[i];
        }
        return new double[] {v[0], v[n - 1]};
    }

    private void permutation(Game game, int[] active, double v0, double vN, double[] phi, double[] se) {
        int a = active.length;
        long perPair = 2L * (a - 1);
        if (maxCoalitions - 2 < 2 * perPair) { // two pairs are the fewest that give a standard error
            throw new IllegalArgumentException("maxCoalitions=" + maxCoalitions + " is below the " + (2 + 2 * perPair)
                    + " coalitions that two antithetic pairs over " + a + " players need");
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = active.clone();
        int n = (int) perPair;
        int[] lo = new int[n];
        int[] hi = new int[n];
        antitheticBounds(a, lo, hi);
        double[] v = new double[n];
        double[] mean = new double[a];
        double[] m2 = new double[a];
        double[] y = new double[players.size()];
        long iterations = 0;
        long spent = 2;
        while (true) {
            for (int i = a - 1; i > 0; i--) {
                int r = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[r];
                order[r] = t;
            }
            antitheticPair(game, order, lo, hi, v, v0, vN, y);
            spent += perPair;
            iterations++;
            double maxSe = 0;
            for (int i = 0; i < a; i++) {
                double yi = y[active[i]];
                double d = yi - mean[i];
                mean[i] += d / iterations;
                m2[i] += d * (yi - mean[i]);
                if (iterations > 1) {
                    maxSe = Math.max(maxSe, Math.sqrt(m2[i] / (iterations - 1) / iterations));
                }
            }
            boolean converged = iterations >= MIN_PAIRS_FOR_STOP_RULE && maxSe <= targetStandardError;
            if (iterations >= 2 && (converged || spent + perPair > maxCoalitions)) {
                break;
            }
        }
        for (int i = 0; i < a; i++) {
            phi[active[i]] = mean[i];
            se[active[i]] = Math.sqrt(m2[i] / (iterations - 1) / iterations);
        }
    }

    /** Values of all 2^a coalitions of the active players, in batched blocks; enforces the cap. */
    private double[] allCoalitions(Game game, int[] active) {
        int a = active.length;
        if (a > maxPlayers) {
            throw new IllegalArgumentException(a + " players differ from the background, above the exact cap maxPlayers="
                    + maxPlayers + "; raise the cap or use the permutation or kernel method");
        }
        int n = 1 << a;
        double[] v = new double[n];
        long[] masks = new long[Math.min(n, Math.max(game.blockCoalitions(), 1))];
        for (int start = 0; start < n; start += masks.length) {
            int cnt = Math.min(masks.length, n - start);
            for (int c = 0; c < cnt; c++) {
                masks[c] = start + c;
            }
            game.valuesOfMasks(masks, 0, cnt, active, v, start);
        }
        return v;
    }

    /**
     * Computes the pairwise Shapley–Taylor interaction index (order 2) of one instance by exact
     * enumeration, whatever this explainer's method. The diagonal holds the main effects
     * {@code I_i = v({i}) − v(∅)}; each pair's interaction
     * {@code I_ij = (2/n) Σ_{S ⊆ N∖{i,j}} (v(S∪{i,j}) − v(S∪{i}) − v(S∪{j}) + v(S)) / C(n−1, |S|)}
     * is split in half between {@code [i][j]} and {@code [j][i]}, so the whole matrix adds up to
     * {@code v(N) − v(∅)}. Players equal to the background have zero rows and columns; {@code n}
     * counts the others.
     *
     * @param x the instance
     * @return the symmetric matrix, players × players
     * @throws IllegalArgumentException as {@link #explain(double[])} for the exact method
     */
    public double[][] interactions(double[] x) {
        Objects.requireNonNull(x, "x");
        int m = background.features();
        if (x.length != m) {
            throw new IllegalArgumentException("x has " + x.length + " values, the model has " + m + " features");
        }
        for (int j = 0; j < m; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException("x[" + j + "] is not finite: " + x[j]);
            }
        }
        double[] xc = x.clone();
        int[] active = activePlayers(xc);
        int a = active.length;
        int p = players.size();
        double[][] out = new double[p][p];
        if (a == 0) {
            return out;
        }
        double[] v = allCoalitions(new Game(model, background, players, xc, link, output), active);
        for (int i = 0; i < a; i++) {
            out[active[i]][active[i]] = v[1 << i] - v[0];
        }
        // C(a-1, s) for s = 0..a-2
        double[] c = new double[Math.max(a - 1, 1)];
        c[0] = 1;
        for (int s = 1; s < a - 1; s++) {
            c[s] = c[s - 1] * (a - s) / s;
        }
        int full = (1 << a) - 1;
        for (int i = 0; i < a; i++) {
            for (int j = i + 1; j < a; j++) {
                int bi = 1 << i;
                int bj = 1 << j;
                double sum = 0;
                int rest = full & ~bi & ~bj;
                // Enumerate the subsets S of rest.
                int sub = rest;
                while (true) {
                    double delta = v[sub | bi | bj] - v[sub | bi] - v[sub | bj] + v[sub];
                    sum += delta / c[Integer.bitCount(sub)];
                    if (sub == 0) {
                        break;
                    }
                    sub = (sub - 1) & rest;
                }
                double iij = 2.0 / a * sum;
                out[active[i]][active[j]] = iij / 2;
                out[active[j]][active[i]] = iij / 2;
            }
        }
        return out;
    }

    /**
     * Evaluates the forward and reverse prefixes of {@code order} and writes into {@code y} (indexed
     * by player) the mean of the two marginal contributions of each player.
     */
    static void antitheticPair(Game game, int[] order, int[] lo, int[] hi, double[] v, double v0, double vN, double[] y) {
        int a = order.length;
        game.valuesOfRanges(order, lo, hi, 2 * (a - 1), v);
        double prev = v0;
        for (int k = 1; k <= a; k++) {
            double cur = k == a ? vN : v[k - 1];
            y[order[k - 1]] = 0.5 * (cur - prev);
            prev = cur;
        }
        prev = v0;
        for (int k = 1; k <= a; k++) {
            double cur = k == a ? vN : v[a - 1 + k - 1];
            y[order[a - k]] += 0.5 * (cur - prev);
            prev = cur;
        }
    }

    /** The prefix bounds of {@link #antitheticPair}: forward prefixes, then reverse (suffix) ones. */
    static void antitheticBounds(int a, int[] lo, int[] hi) {
        for (int k = 1; k < a; k++) {
            lo[k - 1] = 0;
            hi[k - 1] = k;
            lo[a - 1 + k - 1] = a - k;
            hi[a - 1 + k - 1] = a;
        }
    }

    /** KernelSHAP's weight of one coalition of size s among m players: (m−1) / (C(m,s) s (m−s)). */
    static double kernelWeight(int m, int s) {
        return (m - 1.0) / (binomial(m, s) * s * (double) (m - s));
    }

    private void kernel(Game game, int[] active, double v0, double vN, double[] phi, double[] se) {
        int a = active.length;
        if (a > 62) {
            throw new IllegalArgumentException(a + " players differ from the background; the kernel method handles at most 62");
        }
        long budget = maxCoalitions - 2;
        if (budget < 2L * a) {
            throw new IllegalArgumentException("maxCoalitions=" + maxCoalitions + " is below the " + (2 + 2 * a)
                    + " coalitions the kernel method needs for " + a + " players");
        }
        CoalitionSet set = new CoalitionSet();
        boolean full = a <= 30 && budget >= (1L << a) - 2;
        int half = a / 2;
        double[] pairMass = new double[half + 1];
        long[] count = new long[half + 1];
        double remainingMass = 0;
        for (int s = 1; s <= half; s++) {
            double mass = (a - 1.0) / (s * (double) (a - s));
            boolean middle = s == a - s;
            pairMass[s] = middle ? mass : 2 * mass;
            double c = binomial(a, s);
            count[s] = c > 4e18 ? Long.MAX_VALUE : (long) c * (middle ? 1 : 2);
            remainingMass += pairMass[s];
        }
        long remaining = budget;
        int firstSampled = half + 1;
        for (int s = 1; s <= half; s++) {
            double expected = remaining * pairMass[s] / remainingMass;
            // Sizes 1 and n−1 are always enumerated (the budget is at least 2n), which makes the
            // regression identifiable; further sizes while their expected share of the budget covers them.
            boolean covered = count[s] != Long.MAX_VALUE && expected >= count[s] * (1 - 1e-9) && count[s] <= remaining;
            if (full || s == 1 || covered) {
                double perCoalition = kernelWeight(a, s);
                enumerateSize(a, s, perCoalition, set);
                if (s != a - s) {
                    enumerateSize(a, a - s, perCoalition, set);
                }
                remaining -= count[s];
                remainingMass -= pairMass[s];
            } else {
                firstSampled = s;
                break;
            }
        }
        boolean sampled = firstSampled <= half;
        if (sampled) {
            long pairs = remaining / 2;
            if (pairs > 0) {
                SplittableRandom rng = new SplittableRandom(seed);
                double each = remainingMass / (2.0 * pairs);
                int[] idx = new int[a];
                for (long t = 0; t < pairs; t++) {
                    double u = rng.nextDouble() * remainingMass;
                    int s = firstSampled;
                    while (s < half && u >= pairMass[s]) {
                        u -= pairMass[s];
                        s++;
                    }
                    for (int i = 0; i < a; i++) {
                        idx[i] = i;
                    }
                    long mask = 0;
                    for (int i = 0; i < s; i++) {
                        int r = i + rng.nextInt(a - i);
                        int tmp = idx[i];
                        idx[i] = idx[r];
                        idx[r] = tmp;
                        mask |= 1L << idx[i];
                    }
                    long all = (1L << a) - 1;
                    set.add(mask, each);
                    set.add(all & ~mask, each);
                }
            }
        }
        set.compact();
        int n = set.size();
        long[] ms = set.masks();
        double[] ws = set.weights();
        double[] v = new double[n];
        game.valuesOfMasks(ms, 0, n, active, v, 0);
        double delta = vN - v0;
        int q = a - 1;
        double[][] mat = new double[q][q + 1];
        double[] d = new double[q];
        for (int c = 0; c < n; c++) {
            long mask = ms[c];
            double zLast = (mask >>> (a - 1)) & 1L;
            double yc = v[c] - v0 - zLast * delta;
            for (int i = 0; i < q; i++) {
                d[i] = ((mask >>> i) & 1L) - zLast;
            }
            double w = ws[c];
            for (int i = 0; i < q; i++) {
                if (d[i] == 0) {
                    continue;
                }
                double wd = w * d[i];
                for (int j = 0; j < q; j++) {
                    mat[i][j] += wd * d[j];
                }
                mat[i][q] += wd * yc;
            }
        }
        double[] sol = solve(mat, q);
        double sum = 0;
        for (int i = 0; i < q; i++) {
            phi[active[i]] = sol[i];
            sum += sol[i];
        }
        phi[active[q]] = delta - sum;
        if (!full && sampled) {
            for (int p : active) {
                se[p] = Double.NaN;
            }
        }
    }

    /** Solves the q×q system in {@code aug} (last column the right-hand side) by Gaussian elimination. */
    static double[] solve(double[][] aug, int q) {
        double scale = 0;
        for (int i = 0; i < q; i++) {
            scale = Math.max(scale, Math.abs(aug[i][i]));
        }
        for (int col = 0; col < q; col++) {
            int piv = col;
            for (int r = col + 1; r < q; r++) {
                if (Math.abs(aug[r][col]) > Math.abs(aug[piv][col])) {
                    piv = r;
                }
            }
            if (!(Math.abs(aug[piv][col]) > 1e-12 * Math.max(scale, Double.MIN_NORMAL))) {
                throw new IllegalArgumentException("the kernel regression is singular: too few distinct coalitions; "
                        + "raise maxCoalitions");
            }
            double[] t = aug[piv];
            aug[piv] = aug[col];
            aug[col] = t;
            for (int r = col + 1; r < q; r++) {
                double f = aug[r][col] / aug[col][col];
                if (f != 0) {
                    for (int c = col; c <= q; c++) {
                        aug[r][c] -= f * aug[col][c];
                    }
                }
            }
        }
        double[] x = new double[q];
        for (int r = q - 1; r >= 0; r--) {
            double s = aug[r][q];
            for (int c = r + 1; c < q; c++) {
                s -= aug[r][c] * x[c];
            }
            x[r] = s / aug[r][r];
        }
        return x;
    }

    private static void enumerateSize(int a, int s, double w, CoalitionSet set) {
        // Gosper's hack over a-bit masks with s bits set.
        long mask = (1L << s) - 1;
        long limit = 1L << a;
        while (mask < limit) {
            set.add(mask, w);
            long c = mask & -mask;
            long r = mask + c;
            mask = (((r ^ mask) >>> 2) / c) | r;
        }
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r < 0x1p53 ? Math.rint(r) : r;
    }

    /**
     * Configures a {@link ShapleyExplainer}. Every setter checks its argument.
     *
     * <p>Thread-safety: not thread-safe; build on one thread, then share the explainer.
     */
    public static final class Builder {
        private final Model model;
        private final Background background;
        private Players players;
        private ShapleyMethod method = ShapleyMethod.EXACT;
        private Link link = Link.IDENTITY;
        private int output;
        private int maxPlayers = DEFAULT_MAX_PLAYERS;
        private long seed;
        private long maxCoalitions = DEFAULT_MAX_COALITIONS;
        private double targetStandardError = DEFAULT_TARGET_STANDARD_ERROR;

        private Builder(Model model, Background background) {
            this.model = Objects.requireNonNull(model, "model");
            this.background = Objects.requireNonNull(background, "background");
            if (model.features() != background.features()) {
                throw new IllegalArgumentException("model has " + model.features() + " features, background has "
                        + background.features());
            }
            List<String> names = new ArrayList<>();
            for (int j = 0; j < model.features(); j++) {
                names.add("x" + j);
            }
            this.players = Players.of(names);
        }

        /**
         * Sets the players (feature names and groups).
         *
         * @param players players over exactly the model's features
         * @return this builder
         * @throws IllegalArgumentException if the number of features differs from the model's
         */
        public Builder players(Players players) {
            Objects.requireNonNull(players, "players");
            if (players.features() != model.features()) {
                throw new IllegalArgumentException("players cover " + players.features() + " features, the model has "
                        + model.features());
            }
            this.players = players;
            return this;
        }

        /**
         * Sets the method.
         *
         * @param method a Shapley method: exact, linear, permutation or kernel
         * @return this builder
         * @throws NullPointerException if {@code method} is null
         */
        public Builder method(ShapleyMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Sets the link on whose scale the values add up.
         *
         * @param link the link
         * @return this builder
         */
        public Builder link(Link link) {
            this.link = Objects.requireNonNull(link, "link");
            return this;
        }

        /**
         * Sets which output of a multi-output model to explain.
         *
         * @param output the output index, in {@code [0, model.outputs())}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder output(int output) {
            if (output < 0 || output >= model.outputs()) {
                throw new IllegalArgumentException("output must be in [0, " + model.outputs() + "), was " + output);
            }
            this.output = output;
            return this;
        }

        /**
         * Sets the cap on the number of players that the exact method enumerates.
         *
         * @param maxPlayers in {@code [1, 30]}
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxPlayers(int maxPlayers) {
            if (maxPlayers < 1 || maxPlayers > MAX_EXACT_PLAYERS) {
                throw new IllegalArgumentException("maxPlayers must be in [1, " + MAX_EXACT_PLAYERS + "], was " + maxPlayers);
            }
            this.maxPlayers = maxPlayers;
            return this;
        }

        /**
         * Sets the seed of the sampling methods.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the coalition budget of the sampling methods, counting the empty and full
         * coalitions.
         *
         * @param maxCoalitions at least 4
         * @return this builder
         * @throws IllegalArgumentException if below 4
         */
        public Builder maxCoalitions(long maxCoalitions) {
            if (maxCoalitions < 4) {
                throw new IllegalArgumentException("maxCoalitions must be at least 4, was " + maxCoalitions);
            }
            this.maxCoalitions = maxCoalitions;
            return this;
        }

        /**
         * Sets the permutation method's stop rule: stop once every player's standard error is at
         * most this, checked from the {@value #MIN_PAIRS_FOR_STOP_RULE}th antithetic pair on; 0
         * spends the whole budget. The budget always wins, but at least two pairs are drawn.
         *
         * @param targetStandardError finite and not negative
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder targetStandardError(double targetStandardError) {
            if (!(targetStandardError >= 0) || !Double.isFinite(targetStandardError)) {
                throw new IllegalArgumentException("targetStandardError must be finite and >= 0, was " + targetStandardError);
            }
            this.targetStandardError = targetStandardError;
            return this;
        }

        /**
         * Builds the explainer.
         *
         * @return the explainer
         * @throws IllegalStateException if the linear method is chosen for a model or link it does
         *     not fit
         */
        public ShapleyExplainer build() {
            if (method == ShapleyMethod.LINEAR) {
                boolean ok = (model instanceof LinearModel && link == Link.IDENTITY)
                        || (model instanceof LogisticModel && link == Link.LOGIT);
                if (!ok) {
                    throw new IllegalStateException("method LINEAR needs a LinearModel with link IDENTITY or a "
                            + "LogisticModel with link LOGIT");
                }
            }
            return new ShapleyExplainer(this);
        }
    }
}
