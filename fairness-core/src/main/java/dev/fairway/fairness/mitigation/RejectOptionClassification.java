package dev.fairway.fairness.mitigation;

import java.util.Objects;

/**
 * Reject-option classification (Kamiran, Karim and Zhang 2012, as AIF360 0.6.1's
 * {@code RejectOptionClassification} with the metric "Statistical parity difference"): a grid
 * search over a classification threshold and a margin around it in which decisions are flipped
 * in favour of the unprivileged group.
 *
 * <pre>{@code
 * RejectOptionPolicy p = RejectOptionClassification.builder().build()
 *         .fit(favorableProbability, favorableLabel, privileged, null);
 * boolean[] decisions = p.predict(newScores, newPrivileged);
 * }</pre>
 *
 * <p>Grid as numpy builds it: thresholds {@code t_i = low + i (high - low) / (count - 1)}, the last
 * exactly {@code high}; for each t the margins {@code m_j = j (h / (margins - 1))}, the last exactly
 * {@code h}, with {@code h = t} if {@code t <= 0.5} else {@code 1 - t}; threshold-major order. A row
 * is favourable iff {@code score > t}, except in the critical region {@code t - m < score <= t + m},
 * where privileged rows are unfavourable and unprivileged rows favourable. Among grid points whose
 * statistical parity difference (instance-weighted, unprivileged minus privileged, of the
 * predictions) lies in {@code [lower, upper]}, the first with the largest balanced accuracy wins;
 * if none does, the first with the smallest statistical parity difference, and
 * {@link RejectOptionPolicy#constraintSatisfied()} is false.
 *
 * <p>Each grid point costs {@code O(log n)}: a privileged row is favourable iff
 * {@code score > t + m} and an unprivileged one iff {@code score > t - m} (the two rules above
 * combined), so every weighted count is a suffix sum over scores sorted once per (group, label).
 *
 * <p>Immutable and thread-safe.
 */
public final class RejectOptionClassification {
    private final double lowThreshold;
    private final double highThreshold;
    private final int thresholds;
    private final int margins;
    private final double metricLower;
    private final double metricUpper;

    private RejectOptionClassification(Builder b) {
        this.lowThreshold = b.lowThreshold;
        this.highThreshold = b.highThreshold;
        this.thresholds = b.thresholds;
        this.margins = b.margins;
        this.metricLower = b.metricLower;
        this.metricUpper = b.metricUpper;
    }

    /**
     * Starts configuring with AIF360's defaults: thresholds 0.01 to 0.99 in 100 steps, 50 margins,
     * bounds -0.05 and 0.05.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    static boolean predict(double score, boolean privileged, double t, double m) {
        if (score <= t + m && score > t - m) {
            return !privileged;
        }
        return score > t;
    }

    /**
     * Searches the grid.
     *
     * @param scores each row's probability of the favourable label
     * @param favorable whether each row's true label is favourable
     * @param privileged whether each row is privileged
     * @param instanceWeights instance weights (finite, at least 0), or {@code null}
     * @return the chosen policy
     * @throws IllegalArgumentException on a length mismatch, a non-finite score or a bad weight
     */
    public RejectOptionPolicy fit(double[] scores, boolean[] favorable, boolean[] privileged, double[] instanceWeights) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(favorable, "favorable");
        Objects.requireNonNull(privileged, "privileged");
        int n = scores.length;
        if (n == 0 || favorable.length != n || privileged.length != n
                || (instanceWeights != null && instanceWeights.length != n)) {
            throw new IllegalArgumentException("scores, labels, privileged and weights need the same positive number of rows");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score at row " + i + " is not finite: " + scores[i]);
            }
            if (instanceWeights != null && (!(instanceWeights[i] >= 0) || instanceWeights[i] == Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weight at row " + i + " must be finite and at least 0, got "
                        + instanceWeights[i]);
            }
        }
        // rows by (privileged, favourable label), scores ascending with suffix sums of weights: a
        // privileged row is favourable iff score > t + m, an unprivileged one iff score > t - m
        Category[] cat = new Category[4];
        for (int k = 0; k < 4; k++) {
            cat[k] = Category.of(scores, favorable, privileged, instanceWeights, k >= 2, k % 2 == 1);
        }
        double tStep = (highThreshold - lowThreshold) / (thresholds - 1);
        RejectOptionPolicy best = null;
        RejectOptionPolicy smallest = null;
        for (int i = 0; i < thresholds; i++) {
            double t = i == thresholds - 1 ? highThreshold : i * tStep + lowThreshold;
            double h = t <= 0.5 ? t : 1.0 - t;
            double mStep = h / (margins - 1);
            for (int j = 0; j < margins; j++) {
                double m = j == margins - 1 ? h : j * mStep;
                RejectOptionPolicy p = evaluate(cat, t, m, i, j);
                if (p.constraintSatisfied() && (best == null || p.balancedAccuracy() > best.balancedAccuracy())) {
                    best = p;
                }
                if (smallest == null || p.statisticalParityDifference() < smallest.statisticalParityDifference()) {
                    smallest = p;
                }
            }
        }
        return best != null ? best : smallest;
    }

    private RejectOptionPolicy evaluate(Category[] cat, double t, double m, int ti, int mi) {
        // cat index: 2 * privileged + favourable label
        double hi = t + m;
        double lo = t - m;
        Category uu = cat[0];
        Category uf = cat[1];
        Category pu = cat[2];
        Category pf = cat[3];
        double favP = pf.weightAbove(hi) + pu.weightAbove(hi);
        double favU = uf.weightAbove(lo) + uu.weightAbove(lo);
        double allP = pf.total + pu.total;
        double allU = uf.total + uu.total;
        double tp = pf.weightAbove(hi) + uf.weightAbove(lo);
        double pos = pf.total + uf.total;
        double neg = pu.total + uu.total;
        double tn = neg - (pu.weightAbove(hi) + uu.weightAbove(lo));
        long count = pf.countAbove(hi) + pu.countAbove(hi) + uf.countAbove(lo) + uu.countAbove(lo);
        double rateP = favP / allP;
        double rateU = favU / allU;
        double spd = rateU - rateP;
        double balanced = 0.5 * (tp / pos + tn / neg);
        double accuracy = (tp + tn) / (pos + neg);
        boolean ok = spd >= metricLower && spd <= metricUpper;
        return new RejectOptionPolicy(t, m, ti, mi, ok, spd, balanced, accuracy, rateP, rateU, count);
    }

    /** One (group, label) category: scores ascending and the weight of every suffix. */
    private static final class Category {
        final double[] sorted;
        final double[] suffix;
        final double total;

        private Category(double[] sorted, double[] suffix) {
            this.sorted = sorted;
            this.suffix = suffix;
            this.total = suffix[0];
        }

        static Category of(double[] scores, boolean[] favorable, boolean[] privileged, double[] w, boolean priv,
                boolean fav) {
            int n = 0;
            for (int i = 0; i < scores.length; i++) {
                n += privileged[i] == priv && favorable[i] == fav ? 1 : 0;
            }
            int k = 0;
            // sort rows by score, carrying their weights: sort indices through the scores' order
            Integer[] idx = new Integer[n];
            for (int i = 0; i < scores.length; i++) {
                if (privileged[i] == priv && favorable[i] == fav) {
                    idx[k++] = i;
                }
            }
            java.util.Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
            double[] sorted = new double[n];
            double[] suffix = new double[n + 1];
            for (int r = 0; r < n; r++) {
                sorted[r] = scores[idx[r]];
            }
            for (int r = n - 1; r >= 0; r--) {
                suffix[r] = suffix[r + 1] + (w == null ? 1.0 : w[idx[r]]);
            }
            return new Category(sorted, suffix);
        }

        /** Index of the first score strictly above x. */
        private int firstAbove(double x) {
            int lo = 0;
            int hi = sorted.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted[mid] > x) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }

        double weightAbove(double x) {
            return suffix[firstAbove(x)];
        }

        long countAbove(double x) {
            return sorted.length - firstAbove(x);
        }
    }

    /**
     * Configures a {@link RejectOptionClassification}.
     *
     * <p>Not thread-safe: use one builder from one thread.
     */
    public static final class Builder {
        private double lowThreshold = 0.01;
        private double highThreshold = 0.99;
        private int thresholds = 100;
        private int margins = 50;
        private double metricLower = -0.05;
        private double metricUpper = 0.05;

        private Builder() {
        }

        /**
         * Sets the threshold grid (AIF360's {@code low_class_thresh}, {@code high_class_thresh},
         * {@code num_class_thresh}).
         *
         * @param low the first threshold, in (0, 1)
         * @param high the last threshold, in (low, 1)
         * @param count the number of thresholds, at least 2
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder thresholds(double low, double high, int count) {
            if (!(low > 0 && low < high && high < 1) || count < 2) {
                throw new IllegalArgumentException("need 0 < low < high < 1 and count >= 2, got " + low + ", " + high
                        + ", " + count);
            }
            this.lowThreshold = low;
            this.highThreshold = high;
            this.thresholds = count;
            return this;
        }

        /**
         * Sets the number of margins per threshold (AIF360's {@code num_ROC_margin}).
         *
         * @param count at least 2
         * @return this builder
         * @throws IllegalArgumentException if below 2
         */
        public Builder margins(int count) {
            if (count < 2) {
                throw new IllegalArgumentException("margins must be at least 2, got " + count);
            }
            this.margins = count;
            return this;
        }

        /**
         * Sets the bounds of the statistical parity difference (AIF360's {@code metric_lb},
         * {@code metric_ub}).
         *
         * @param lower the lower bound
         * @param upper the upper bound, at least {@code lower}
         * @return this builder
         * @throws IllegalArgumentException if {@code lower > upper} or either is NaN
         */
        public Builder metricBounds(double lower, double upper) {
            if (!(lower <= upper)) {
                throw new IllegalArgumentException("need lower <= upper, got " + lower + ", " + upper);
            }
            this.metricLower = lower;
            this.metricUpper = upper;
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search
         */
        public RejectOptionClassification build() {
            return new RejectOptionClassification(this);
        }
    }
}
