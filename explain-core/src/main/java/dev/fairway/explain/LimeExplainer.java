package dev.fairway.explain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * LIME for parity: a locally weighted ridge surrogate over the binary "player present" space.
 *
 * <p>Each sample switches players on or off: the number of present players is uniform in
 * {@code 0..n−1} (the first sample is the instance itself, all present) and which ones is uniform;
 * absent players take their values from one background row drawn by weight. The sample's target is
 * {@code g(f(·))} on the link scale. Its weight is LIME's exponential kernel
 * {@code π(z) = sqrt(exp(−d² / width²))}, with {@code d} the Euclidean distance from {@code z} to
 * the all-present vector, that is the square root of the number of absent players, and the
 * default width {@code 0.75·sqrt(n)} as in LIME's tabular explainer. The surrogate is ridge
 * regression with an unpenalised intercept (penalty 1 by default, as scikit-learn's
 * {@code Ridge}), solved by our own small linear solver. Its weighted R², local prediction and
 * intercept are reported; {@link #stability} measures how much the top players move over seeds.
 *
 * <p>Thread-safety: immutable; safe to share if the model is safe for concurrent calls.
 */
public final class LimeExplainer {
    /** The default number of samples. */
    public static final int DEFAULT_SAMPLES = 1000;
    /** The default ridge penalty. */
    public static final double DEFAULT_RIDGE = 1.0;

    private final Model model;
    private final Background background;
    private final Players players;
    private final Link link;
    private final int samples;
    private final double kernelWidth;
    private final double ridge;
    private final long seed;

    private LimeExplainer(Builder b) {
        this.model = b.model;
        this.background = b.background;
        this.players = b.players;
        this.link = b.link;
        this.samples = b.samples;
        this.kernelWidth = Double.isNaN(b.kernelWidth) ? 0.75 * Math.sqrt(b.players.size()) : b.kernelWidth;
        this.ridge = b.ridge;
        this.seed = b.seed;
    }

    /**
     * Starts a builder.
     *
     * @param model the model (output 0 is explained)
     * @param background the background that absent players draw from
     * @return a builder with one player per feature named {@code x0, x1, ...} (set them with
     *     {@link Builder#players(Players)}), 1000 samples, width {@code 0.75·sqrt(n)}, ridge 1,
     *     identity link, seed 0
     * @throws IllegalArgumentException if the model and background disagree on the number of features
     */
    public static Builder builder(Model model, Background background) {
        return new Builder(model, background);
    }

    /** LIME's kernel {@code sqrt(exp(−d²/width²))}. */
    static double kernel(double d, double width) {
        return Math.sqrt(Math.exp(-(d * d) / (width * width)));
    }

    /**
     * Explains one instance with this explainer's seed.
     *
     * @param x the instance
     * @return the explanation
     * @throws IllegalArgumentException if {@code x} has the wrong length or a non-finite value
     */
    public LimeExplanation explain(double[] x) {
        return explain(x, seed);
    }

    private LimeExplanation explain(double[] x, long useSeed) {
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
        int n = players.size();
        int[][] fop = players.featuresOfPlayers();
        SplittableRandom rng = new SplittableRandom(useSeed);
        double[] cumW = background.weightsInternal().clone();
        for (int r = 1; r < cumW.length; r++) {
            cumW[r] += cumW[r - 1];
        }
        double[] data = background.data();
        double[] z = new double[samples * n];
        double[] rows = new double[samples * m];
        int[] idx = new int[n];
        for (int s = 0; s < samples; s++) {
            int present = s == 0 ? n : rng.nextInt(n);
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            for (int i = 0; i < present; i++) {
                int r = i + rng.nextInt(n - i);
                int t = idx[i];
                idx[i] = idx[r];
                idx[r] = t;
                z[s * n + idx[i]] = 1;
            }
            int row = 0;
            if (s > 0) {
                double u = rng.nextDouble();
                while (row < cumW.length - 1 && u >= cumW[row]) {
                    row++;
                }
            }
            System.arraycopy(data, row * m, rows, s * m, m);
            for (int p = 0; p < n; p++) {
                if (z[s * n + p] == 1) {
                    for (int j : fop[p]) {
                        rows[s * m + j] = x[j];
                    }
                }
            }
        }
        double[] out = new double[samples * model.outputs()];
        model.predict(rows, samples, out);
        double[] y = new double[samples];
        double[] w = new double[samples];
        for (int s = 0; s < samples; s++) {
            y[s] = link.apply(out[s * model.outputs()]);
            int absent = 0;
            for (int p = 0; p < n; p++) {
                absent += z[s * n + p] == 0 ? 1 : 0;
            }
            w[s] = kernel(Math.sqrt(absent), kernelWidth);
        }
        // Weighted ridge with an unpenalised intercept: centre by the weighted means, then solve.
        double sw = 0;
        double ym = 0;
        double[] zm = new double[n];
        for (int s = 0; s < samples; s++) {
            sw += w[s];
            ym += w[s] * y[s];
            for (int p = 0; p < n; p++) {
                zm[p] += w[s] * z[s * n + p];
            }
        }
        ym /= sw;
        for (int p = 0; p < n; p++) {
            zm[p] /= sw;
        }
        double[][] aug = new double[n][n + 1];
        for (int s = 0; s < samples; s++) {
            double yc = y[s] - ym;
            for (int p = 0; p < n; p++) {
                double dp = z[s * n + p] - zm[p];
                if (dp == 0) {
                    continue;
                }
                double wd = w[s] * dp;
                for (int q = 0; q < n; q++) {
                    aug[p][q] += wd * (z[s * n + q] - zm[q]);
                }
                aug[p][n] += wd * yc;
            }
        }
        for (int p = 0; p < n; p++) {
            aug[p][p] += ridge;
        }
        double[] beta = ShapleyExplainer.solve(aug, n);
        double intercept = ym;
        double local = 0;
        for (int p = 0; p < n; p++) {
            intercept -= beta[p] * zm[p];
        }
        local = intercept;
        for (int p = 0; p < n; p++) {
            local += beta[p];
        }
        double ssRes = 0;
        double ssTot = 0;
        for (int s = 0; s < samples; s++) {
            double fit = intercept;
            for (int p = 0; p < n; p++) {
                fit += beta[p] * z[s * n + p];
            }
            ssRes += w[s] * (y[s] - fit) * (y[s] - fit);
            ssTot += w[s] * (y[s] - ym) * (y[s] - ym);
        }
        double r2 = ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1.0 : 0.0);
        double prediction = y[0];
        double sum = 0;
        for (double b : beta) {
            sum += b;
        }
        double[] se = new double[n];
        java.util.Arrays.fill(se, Double.NaN);
        Provenance prov = new Provenance(AttributionMethod.LIME, useSeed, samples, samples, background.digest(),
                prediction - intercept - sum, Double.NaN, link);
        Attribution a = new Attribution(players.names(), beta, se, intercept, prediction, prov);
        return new LimeExplanation(a, intercept, local, r2, kernelWidth, ridge);
    }

    /**
     * Measures stability: explains the instance with seeds {@code seed, seed+1, ...} and returns the
     * mean pairwise Jaccard overlap of the top-{@code k} players by absolute coefficient (1 means
     * the same top players every time).
     *
     * @param x the instance
     * @param repeats the number of runs, at least 2
     * @param k the size of the top set, at least 1 and at most the number of players
     * @return the mean overlap in [0, 1]
     * @throws IllegalArgumentException if {@code repeats} or {@code k} is out of range
     */
    public double stability(double[] x, int repeats, int k) {
        if (repeats < 2) {
            throw new IllegalArgumentException("repeats must be at least 2, was " + repeats);
        }
        if (k < 1 || k > players.size()) {
            throw new IllegalArgumentException("k must be in [1, " + players.size() + "], was " + k);
        }
        java.util.List<Set<Integer>> tops = new java.util.ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            double[] b = explain(x, seed + r).attribution().values();
            Integer[] order = new Integer[b.length];
            for (int i = 0; i < b.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (p, q) -> {
                int c = Double.compare(Math.abs(b[q]), Math.abs(b[p]));
                return c != 0 ? c : Integer.compare(p, q);
            });
            Set<Integer> top = new HashSet<>();
            for (int i = 0; i < k; i++) {
                top.add(order[i]);
            }
            tops.add(top);
        }
        double total = 0;
        int pairs = 0;
        for (int i = 0; i < repeats; i++) {
            for (int j = i + 1; j < repeats; j++) {
                Set<Integer> inter = new HashSet<>(tops.get(i));
                inter.retainAll(tops.get(j));
                Set<Integer> union = new HashSet<>(tops.get(i));
                union.addAll(tops.get(j));
                total += (double) inter.size() / union.size();
                pairs++;
            }
        }
        return total / pairs;
    }

    /**
     * Configures a {@link LimeExplainer}. Every setter checks its argument.
     *
     * <p>Thread-safety: not thread-safe; build on one thread, then share the explainer.
     */
    public static final class Builder {
        private final Model model;
        private final Background background;
        private Players players;
        private Link link = Link.IDENTITY;
        private int samples = DEFAULT_SAMPLES;
        private double kernelWidth = Double.NaN;
        private double ridge = DEFAULT_RIDGE;
        private long seed;

        private Builder(Model model, Background background) {
            this.model = Objects.requireNonNull(model, "model");
            this.background = Objects.requireNonNull(background, "background");
            if (model.features() != background.features()) {
                throw new IllegalArgumentException("model has " + model.features() + " features, background "
                        + background.features());
            }
            List<String> names = new ArrayList<>();
            for (int j = 0; j < model.features(); j++) {
                names.add("x" + j);
            }
            this.players = Players.of(names);
        }

        /**
         * Sets the players (feature names and groups), as {@link ShapleyExplainer.Builder#players(Players)}.
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
         * Sets the link.
         *
         * @param link the link
         * @return this builder
         */
        public Builder link(Link link) {
            this.link = Objects.requireNonNull(link, "link");
            return this;
        }

        /**
         * Sets the number of samples.
         *
         * @param samples at least 2
         * @return this builder
         * @throws IllegalArgumentException if below 2
         */
        public Builder samples(int samples) {
            if (samples < 2) {
                throw new IllegalArgumentException("samples must be at least 2, was " + samples);
            }
            this.samples = samples;
            return this;
        }

        /**
         * Sets the kernel width.
         *
         * @param kernelWidth positive and finite
         * @return this builder
         * @throws IllegalArgumentException if not positive and finite
         */
        public Builder kernelWidth(double kernelWidth) {
            if (!(kernelWidth > 0) || !Double.isFinite(kernelWidth)) {
                throw new IllegalArgumentException("kernelWidth must be positive and finite, was " + kernelWidth);
            }
            this.kernelWidth = kernelWidth;
            return this;
        }

        /**
         * Sets the ridge penalty.
         *
         * @param ridge finite and not negative (0 is plain weighted least squares)
         * @return this builder
         * @throws IllegalArgumentException if negative or not finite
         */
        public Builder ridge(double ridge) {
            if (!(ridge >= 0) || !Double.isFinite(ridge)) {
                throw new IllegalArgumentException("ridge must be finite and >= 0, was " + ridge);
            }
            this.ridge = ridge;
            return this;
        }

        /**
         * Sets the seed.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the explainer.
         *
         * @return the explainer
         */
        public LimeExplainer build() {
            return new LimeExplainer(this);
        }
    }
}
