package dev.fairway.explain.trees;

import dev.fairway.explain.Attribution;
import dev.fairway.explain.AttributionMethod;
import dev.fairway.explain.Background;
import dev.fairway.explain.Link;
import dev.fairway.explain.Players;
import dev.fairway.explain.Provenance;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Exact Shapley values of one margin of a {@link TreeEnsemble}, computed from the trees' structure
 * (TreeSHAP) rather than by evaluating coalitions.
 *
 * <ul>
 *   <li><b>Path-dependent</b> (the default; what XGBoost's {@code pred_contribs} and SHAP's
 *       {@code feature_perturbation="tree_path_dependent"} compute, Lundberg et al. 2020): the value
 *       of a coalition {@code S} is the tree's output with the features outside {@code S} integrated
 *       out by the training covers: at a split on an absent feature both children are followed,
 *       weighted by {@code cover(child) / cover(node)}. Per leaf, the game is
 *       {@code v(S) = value · Π_{j∈S} o_j · Π_{j∉S} z_j} over the leaf's path players {@code j},
 *       with {@code z_j} the product of the path's cover ratios at splits on {@code j} and
 *       {@code o_j} one if the row follows the path at all of them (zero otherwise). Its Shapley
 *       values have a closed form: with {@code H} the players the row follows (hot), {@code C} the
 *       others (cold), {@code d = |H| + |C|} and {@code W(k) = k!(d−k−1)!/d!}, every cold player
 *       receives {@code −value · Π_C z · Σ_k e_k W(k)} and a hot player {@code i} receives
 *       {@code value · Π_C z · (1 − z_i) · Σ_k e_k^{(i)} W(k)}, where {@code e_k} are the
 *       coefficients of {@code Π_{j∈H}(z_j + y)} and {@code e^{(i)}} those of the same product
 *       without {@code i}. So one pass per leaf costs {@code O(|H|²)} and cold players share one
 *       number: the same values as Algorithm 2, in fewer operations when rows leave the path
 *       early. The base value is the cover-weighted mean of the trees plus the base margin.
 *   <li><b>Interventional</b> ({@link Builder#interventional(Background)}; SHAP's
 *       {@code feature_perturbation="interventional"}): {@code v(S) = Σ_k w_k m(x_S, b_k,−S)} over
 *       the background rows {@code b_k}, the same game as explain-core's exact
 *       {@link dev.fairway.explain.ShapleyExplainer} on the margin. Per background row and leaf,
 *       the leaf is reached iff the players where only the row follows the path ({@code A}) are in
 *       {@code S} and those where only the background row does ({@code B}) are not; its value
 *       splits as {@code value · (|A|−1)! |B|! / (|A|+|B|)!} to each of {@code A} and minus
 *       {@code value · |A|! (|B|−1)! / (|A|+|B|)!} to each of {@code B}. The background's rows must
 *       be finite; the explained row may have missing values.
 * </ul>
 *
 * <p><b>Scale.</b> Values add up on the margin: {@code baseValue + Σ φ = prediction =} the
 * margin. For {@link Objective#BINARY_LOGISTIC} the margin is the log-odds of the model's
 * probability, so the provenance records {@link Link#LOGIT}, as explain-core records a logistic
 * model explained in log-odds; otherwise it records {@link Link#IDENTITY} (for
 * {@link Objective#COUNT_POISSON} the margin is the log of the mean, for
 * {@link Objective#MULTI_SOFTPROB} the chosen class's margin). Probability-scale values of a tree
 * model are not a tree computation: explain the {@link TreeEnsemble} with
 * {@link dev.fairway.explain.ShapleyExplainer} for those.
 *
 * <p><b>Consent.</b> A withheld feature ({@link #explain(double[], Set)}) is a never-present player
 * in both games: path-dependent, its splits are always integrated out by cover (the factor
 * {@code z_j} in every coalition); interventional, its value is always the background row's. Its
 * player's attribution is exactly zero, so it is never cited, the other players keep the Shapley
 * values of the game without it, the base value is unchanged, and the prediction is the margin
 * expected with the feature absent. A withheld feature is not routed as missing: that would
 * use its default direction as if it were an observed value.
 *
 * <p><b>Players.</b> Features, or groups of features that enter coalitions together
 * ({@link Players#grouped}); both methods are exact for groups.
 *
 * <p>Thread-safety: immutable; {@link #explain} allocates its own small scratch space, so one
 * explainer may serve many threads.
 */
public final class TreeShapExplainer {
    private final TreeEnsemble model;
    private final Players players;
    private final int[] playerOf;
    private final Background background;
    private final int output;
    private final Link link;
    /** W[d][k] = k!(d−k−1)!/d!. */
    private final double[][] shapleyWeight;
    /** Per tree of the explained output, its index; trees of other outputs are skipped. */
    private final int[] trees;
    /** The per-model tables of the path-dependent fast path, or null (interventional, or too large). */
    private final PathTables tables;
    /** The base value: the base margin plus the explained trees' cover-weighted means. */
    private final double baseValue;

    private TreeShapExplainer(Builder b) {
        this.model = b.model;
        this.players = b.players;
        this.background = b.background;
        this.output = b.output;
        this.link = model.objective().logistic() ? Link.LOGIT : Link.IDENTITY;
        int m = model.features();
        this.playerOf = new int[m];
        for (int j = 0; j < m; j++) {
            playerOf[j] = players.playerOf(j);
        }
        int dmax = model.depth + 1;
        shapleyWeight = new double[dmax + 1][];
        for (int d = 1; d <= dmax; d++) {
            shapleyWeight[d] = new double[d];
            double binom = 1; // C(d-1, k)
            for (int k = 0; k < d; k++) {
                shapleyWeight[d][k] = 1.0 / (d * binom);
                binom = binom * (d - 1 - k) / (k + 1);
            }
        }
        int count = 0;
        for (int t = 0; t < model.roots.length; t++) {
            if (model.group[t] == output) {
                count++;
            }
        }
        trees = new int[count];
        for (int t = 0, i = 0; t < model.roots.length; t++) {
            if (model.group[t] == output) {
                trees[i++] = t;
            }
        }
        double base = model.baseMargin;
        for (int t : trees) {
            base += model.expected[t];
        }
        baseValue = base;
        tables = background == null && b.precompute
                ? PathTables.build(model, trees, playerOf, players.size(), shapleyWeight) : null;
    }

    /**
     * Returns the bytes of the path-dependent precomputation, or 0 if this explainer has none
     * (interventional, or the tables would exceed {@link PathTables#MAX_TABLE}).
     */
    long precomputedBytes() {
        return tables == null ? 0 : tables.bytes();
    }

    /**
     * Starts a builder: path-dependent, output 0, one player per feature named by the model.
     *
     * @param model the tree ensemble
     * @return a builder
     */
    public static Builder builder(TreeEnsemble model) {
        return new Builder(model);
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
     * Returns the method: {@link AttributionMethod#TREE_PATH_DEPENDENT} or
     * {@link AttributionMethod#TREE_INTERVENTIONAL}.
     *
     * @return the method the provenance records
     */
    public AttributionMethod method() {
        return background == null ? AttributionMethod.TREE_PATH_DEPENDENT : AttributionMethod.TREE_INTERVENTIONAL;
    }

    /**
     * Returns the link the provenance records: {@link Link#LOGIT} for a logistic model (the margin
     * is the probability's log-odds), {@link Link#IDENTITY} otherwise.
     *
     * @return the link
     */
    public Link link() {
        return link;
    }

    /**
     * Explains one row.
     *
     * @param x the row, one value per feature; NaN is a missing value (not modified)
     * @return the attribution of the configured output's margin
     * @throws IllegalArgumentException if {@code x} has the wrong length or an infinite value
     */
    public Attribution explain(double[] x) {
        return explain(x, Set.of());
    }

    /**
     * Explains one row with some features absent for this call (a subject's withheld features):
     * every player holding one is a never-present player, so its attribution is exactly zero (see
     * the class description).
     *
     * @param x the row, one value per feature; NaN is a missing value (not modified; withheld
     *     features' values are never used)
     * @param withheld names of the features absent for this call
     * @return the attribution of the configured output's margin
     * @throws IllegalArgumentException if {@code x} has the wrong length or an infinite value, or a
     *     withheld name is not a feature
     */
    public Attribution explain(double[] x, Set<String> withheld) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(withheld, "withheld");
        int m = model.features();
        if (x.length != m) {
            throw new IllegalArgumentException("x has " + x.length + " values, the model has " + m + " features");
        }
        List<String> names = players.featureNames();
        for (int j = 0; j < m; j++) {
            if (Double.isInfinite(x[j])) {
                throw new IllegalArgumentException("x[" + j + "] (" + names.get(j) + ") is " + x[j]
                        + "; a tree model takes finite values or NaN for missing");
            }
        }
        boolean[] absent = new boolean[players.size()];
        boolean anyAbsent = false;
        for (String f : withheld) {
            int j = names.indexOf(f);
            if (j < 0) {
                throw new IllegalArgumentException("withheld feature '" + f + "' is not one of " + names);
            }
            absent[playerOf[j]] = true;
            anyAbsent = true;
        }
        double[] phi = new double[players.size()];
        double[] v = new double[2];
        String digest;
        long evaluations;
        if (background == null && tables != null && !anyAbsent) {
            v[0] = baseValue;
            v[1] = model.baseMargin + tables.explain(x, phi, new boolean[model.left.length]);
            digest = model.digest();
            evaluations = 0;
        } else if (background == null) {
            new PathDependent(x, absent, phi).run(v);
            digest = model.digest();
            evaluations = 0;
        } else {
            new Interventional(x, absent, phi).run(v);
            digest = background.digest();
            evaluations = background.rows();
        }
        double sum = 0;
        for (double p : phi) {
            sum += p;
        }
        Provenance prov = new Provenance(method(), 0L, evaluations, 0L, digest, v[1] - v[0] - sum, 0.0, link);
        return new Attribution(players.names(), phi, new double[phi.length], v[0], v[1], prov);
    }

    /** One path-dependent explanation: the scratch of one call. */
    private final class PathDependent {
        private final double[] x;
        private final boolean[] absent;
        private final double[] phi;
        /** The unique players on the current path, their zero fractions and whether the row follows them. */
        private final int[] pathPlayer;
        private final double[] pathZero;
        private final boolean[] pathHot;
        /** Per player, its position on the current path, or −1. */
        private final int[] position;
        private final double[] poly;
        private final int[] hot;
        private final double[] out;
        private int unique;
        private double vN;

        PathDependent(double[] x, boolean[] absent, double[] phi) {
            this.x = x;
            this.absent = absent;
            this.phi = phi;
            int width = model.depth + 1;
            pathPlayer = new int[width];
            pathZero = new double[width];
            pathHot = new boolean[width];
            position = new int[players.size()];
            java.util.Arrays.fill(position, -1);
            poly = new double[width + 1];
            hot = new int[width];
            out = new double[width];
        }

        void run(double[] v) {
            double base = model.baseMargin;
            for (int t : trees) {
                base += model.expected[t];
                node(model.roots[t], 1.0);
            }
            v[0] = base;
            v[1] = model.baseMargin + vN;
        }

        private void node(int n, double scale) {
            if (model.left[n] == TreeEnsemble.LEAF) {
                leaf(unique, scale * model.value[n]);
                return;
            }
            int f = model.feature[n];
            int p = playerOf[f];
            double c = model.cover[n];
            int l = model.left[n];
            int r = model.right[n];
            if (absent[p]) {
                node(l, scale * (model.cover[l] / c));
                node(r, scale * (model.cover[r] / c));
                return;
            }
            int hotChild = model.next(n, x[f]);
            child(l, scale, p, model.cover[l] / c, hotChild == l);
            child(r, scale, p, model.cover[r] / c, hotChild == r);
        }

        /** Descends with player p's fractions extended (a new path player, or merged), then restores them. */
        private void child(int n, double scale, int p, double ratio, boolean follows) {
            int q = position[p];
            if (q < 0) {
                q = unique++;
                pathPlayer[q] = p;
                pathZero[q] = ratio;
                pathHot[q] = follows;
                position[p] = q;
                node(n, scale);
                position[p] = -1;
                unique--;
            } else {
                double z = pathZero[q];
                boolean h = pathHot[q];
                pathZero[q] = z * ratio;
                pathHot[q] = h & follows;
                node(n, scale);
                pathZero[q] = z;
                pathHot[q] = h;
            }
        }

        private void leaf(int d, double val) {
            if (val == 0) {
                return;
            }
            boolean all = true;
            for (int i = 0; i < d; i++) {
                all &= pathHot[i];
            }
            if (all) {
                vN += val;
            }
            if (d == 0) {
                return;
            }
            closedForm(d, pathZero, pathHot, val, shapleyWeight[d], poly, hot, out, 0);
            for (int i = 0; i < d; i++) {
                phi[pathPlayer[i]] += out[i];
            }
        }
    }

    /**
     * The closed form of one leaf's Shapley values (see the class description): writes to
     * {@code out[off + i]} the value of path position {@code i}, {@code −value · Π_C z · Σ_k e_k W(k)}
     * for a cold position and {@code value · Π_C z · (1 − z_i) · Σ_k e^{(i)}_k W(k)} for a hot one.
     * {@code poly} (d + 1 long) and {@code hot} (d long) are scratch.
     */
    static void closedForm(int d, double[] zero, boolean[] hotAt, double val, double[] w, double[] poly, int[] hot,
            double[] out, int off) {
        double zc = 1;
        int h = 0;
        for (int i = 0; i < d; i++) {
            if (hotAt[i]) {
                hot[h++] = i;
            } else {
                zc *= zero[i];
            }
        }
        // poly = Π_{hot}(z_j + y), lowest degree first
        poly[0] = 1;
        for (int a = 0; a < h; a++) {
            double z = zero[hot[a]];
            poly[a + 1] = poly[a];
            for (int k = a; k > 0; k--) {
                poly[k] = poly[k - 1] + z * poly[k];
            }
            poly[0] *= z;
        }
        double scaled = val * zc;
        if (h < d) {
            double s = 0;
            for (int k = 0; k <= h; k++) {
                s += poly[k] * w[k];
            }
            double cold = -(scaled * s);
            for (int i = 0; i < d; i++) {
                if (!hotAt[i]) {
                    out[off + i] = cold;
                }
            }
        }
        for (int a = 0; a < h; a++) {
            int i = hot[a];
            double z = zero[i];
            // quotient = poly / (z + y), by synthetic division from the top
            double s = 0;
            double qk = poly[h];
            for (int k = h - 1; k >= 0; k--) {
                s += qk * w[k];
                qk = poly[k] - z * qk;
            }
            out[off + i] = scaled * (1 - z) * s;
        }
    }

    /** One interventional explanation: the scratch of one call. */
    private final class Interventional {
        private static final byte NONE = 0;
        private static final byte ONLY_ROW = 1;
        private static final byte ONLY_BACKGROUND = 2;
        private final double[] x;
        private final boolean[] absent;
        private final double[] phi;
        private final byte[] state;
        private final int[] onlyRow;
        private final int[] onlyBackground;
        private final double[] b;
        private double v0;
        private double vN;

        Interventional(double[] x, boolean[] absent, double[] phi) {
            this.x = x;
            this.absent = absent;
            this.phi = phi;
            this.state = new byte[players.size()];
            this.onlyRow = new int[model.depth + 1];
            this.onlyBackground = new int[model.depth + 1];
            this.b = new double[model.features()];
        }

        void run(double[] v) {
            double[] weights = background.weights();
            int m = model.features();
            for (int k = 0; k < background.rows(); k++) {
                for (int j = 0; j < m; j++) {
                    b[j] = background.value(k, j);
                }
                double w = weights[k];
                v0 += w * model.baseMargin;
                vN += w * model.baseMargin;
                for (int t : trees) {
                    node(model.roots[t], 0, 0, w);
                }
            }
            v[0] = v0;
            v[1] = vN;
        }

        private void node(int n, int a, int nb, double w) {
            if (model.left[n] == TreeEnsemble.LEAF) {
                leaf(a, nb, w * model.value[n]);
                return;
            }
            int f = model.feature[n];
            int p = playerOf[f];
            int bd = model.next(n, b[f]);
            int xd = absent[p] ? bd : model.next(n, x[f]);
            if (xd == bd) {
                node(xd, a, nb, w);
                return;
            }
            byte s = state[p];
            if (s == ONLY_ROW) {
                node(xd, a, nb, w);
            } else if (s == NONE) {
                state[p] = ONLY_ROW;
                onlyRow[a] = p;
                node(xd, a + 1, nb, w);
                state[p] = ONLY_BACKGROUND;
                onlyBackground[nb] = p;
                node(bd, a, nb + 1, w);
                state[p] = NONE;
            } else {
                node(bd, a, nb, w);
            }
        }

        private void leaf(int a, int nb, double val) {
            if (a == 0) {
                v0 += val;
            }
            if (nb == 0) {
                vN += val;
            }
            if (a > 0) {
                // (a−1)! nb! / (a+nb)! = 1 / (a · C(a+nb, a))
                double each = val / (a * binomial(a + nb, a));
                for (int i = 0; i < a; i++) {
                    phi[onlyRow[i]] += each;
                }
            }
            if (nb > 0) {
                double each = val / (nb * binomial(a + nb, nb));
                for (int i = 0; i < nb; i++) {
                    phi[onlyBackground[i]] -= each;
                }
            }
        }
    }

    static double binomial(int n, int k) {
        double r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return Math.rint(r);
    }

    /**
     * Configures a {@link TreeShapExplainer}.
     *
     * <p>Thread-safety: not thread-safe; build on one thread, then share the explainer.
     */
    public static final class Builder {
        private final TreeEnsemble model;
        private Players players;
        private Background background;
        private int output;
        private boolean precompute;

        private Builder(TreeEnsemble model) {
            this.model = Objects.requireNonNull(model, "model");
            this.players = Players.of(model.featureNames());
        }

        /**
         * Sets the players (feature names and groups), for example
         * {@link dev.fairway.explain.ConsentFeatures#players} of a catalogue.
         *
         * @param players players over exactly the model's features, in its column order
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
         * Chooses path-dependent TreeSHAP (the default).
         *
         * @return this builder
         */
        public Builder pathDependent() {
            this.background = null;
            return this;
        }

        /**
         * Chooses interventional TreeSHAP against a background.
         *
         * @param background the background rows (finite), as many features as the model
         * @return this builder
         * @throws IllegalArgumentException if the background's width differs from the model's
         */
        public Builder interventional(Background background) {
            Objects.requireNonNull(background, "background");
            if (background.features() != model.features()) {
                throw new IllegalArgumentException("background has " + background.features() + " features, the model has "
                        + model.features());
            }
            this.background = background;
            return this;
        }

        /**
         * Sets which output (class) of a multi-output model to explain.
         *
         * @param output in {@code [0, model.outputs())}
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
         * Turns the path-dependent precomputation on or off (off by default: on the benchmark model,
         * 150 trees of depth 6 over 11 features, JMH measured 704 µs per explanation with the tables
         * and 484 µs without on a 2-core VM, 2026-12-08, the 11 MB of tables missing the cache; see
         * benchmarks/README.md). On, {@link #build()}
         * computes per leaf of the explained trees and per hot/cold pattern of its path players
         * the values of the leaf's closed form ({@code 8 · Σ_leaves d·2^d} bytes, {@code d} the
         * leaf's unique path players; about 11 MB for 150 trees of depth 6 over 11 features), so
         * that a row without withheld players costs {@code O(T·L·D)}; it is skipped when it would
         * exceed 64 MiB or a path has more than 12 players. Off, every row runs the per-leaf
         * closed form, {@code O(T·L·D²)} and no tables. Both give the same values.
         *
         * @param on whether to precompute
         * @return this builder
         */
        public Builder precompute(boolean on) {
            this.precompute = on;
            return this;
        }

        /**
         * Builds the explainer.
         *
         * @return the explainer
         */
        public TreeShapExplainer build() {
            return new TreeShapExplainer(this);
        }
    }
}
