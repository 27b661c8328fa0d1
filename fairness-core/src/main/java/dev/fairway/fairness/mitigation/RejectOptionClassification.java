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
        double tStep = (highThreshold - lowThreshold) / (thresholds - 1);
        RejectOptionPolicy best = null;
        RejectOptionPolicy smallest = null;
        for (int i = 0; i < thresholds; i++) {
            double t = i == thresholds - 1 ? highThreshold : i * tStep + lowThreshold;
            double h = t <= 0.5 ? t : 1.0 - t;
            double mStep = h / (margins - 1);
            for (int j = 0; j < margins; j++) {
                double m = j == margins - 1 ? h : j * mStep;
                RejectOptionPolicy p = evaluate(scores, favorable, privileged, instanceWeights, t, m, i, j);
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

    private RejectOptionPolicy evaluate(double[] scores, boolean[] favorable, boolean[] privileged, double[] w,
            double t, double m, int ti, int mi) {
        double favP = 0;
        double allP = 0;
        double favU = 0;
        double allU = 0;
        double tp = 0;
        double pos = 0;
        double tn = 0;
        double neg = 0;
        long count = 0;
        for (int i = 0; i < scores.length; i++) {
            double wi = w == null ? 1.0 : w[i];
            boolean pred = predict(scores[i], privileged[i], t, m);
            count += pred ? 1 : 0;
            if (privileged[i]) {
                allP += wi;
                favP += pred ? wi : 0;
            } else {
                allU += wi;
                favU += pred ? wi : 0;
            }
            if (favorable[i]) {
                pos += wi;
                tp += pred ? wi : 0;
            } else {
                neg += wi;
                tn += pred ? 0 : wi;
            }
        }
        double rateP = favP / allP;
        double rateU = favU / allU;
        double spd = rateU - rateP;
        double balanced = 0.5 * (tp / pos + tn / neg);
        double accuracy = (tp + tn) / (pos + neg);
        boolean ok = spd >= metricLower && spd <= metricUpper;
        return new RejectOptionPolicy(t, m, ti, mi, ok, spd, balanced, accuracy, rateP, rateU, count);
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
