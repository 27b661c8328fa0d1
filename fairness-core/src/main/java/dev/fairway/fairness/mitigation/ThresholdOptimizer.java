package dev.fairway.fairness.mitigation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Post-processing with Fairlearn 0.12's {@code ThresholdOptimizer} semantics: per group, a
 * possibly randomised threshold on a score, chosen to maximise an objective under a fairness
 * constraint.
 *
 * <pre>{@code
 * ThresholdPolicy policy = ThresholdOptimizer.builder(FairnessConstraint.EQUALIZED_ODDS,
 *         ThresholdObjective.ACCURACY_SCORE).build().fit(scores, labels, race);
 * boolean[] decisions = policy.apply(newScores, newRace, 42L);
 * }</pre>
 *
 * <p>The algorithm, step by step as in Fairlearn (groups in sorted order of their text):
 * <ol>
 * <li>Per group, the distinct scores sorted descending give the candidate thresholds
 *     {@code +Infinity}, the midpoints {@code (s_k + s_{k+1}) / 2} of consecutive distinct scores,
 *     and {@code -Infinity}; the operation is always {@code score > threshold}, so ties are never
 *     split. Each threshold gives a point (x, y): x the constrained rate (selection rate, TPR or
 *     FPR; FPR with TPR as y under equalized odds), y the objective within the group.
 * <li>The points sorted by (x, y) are reduced to their upper convex hull (monotone chain, points
 *     on a segment dropped) and interpolated on the grid {@code x_i = i * (1.0 / gridSize)},
 *     {@code x_gridSize = 1}: at x the rule mixes the two neighbouring hull points with
 *     probabilities {@code p0 = (x_{k+1} - x) / (x_{k+1} - x_k)} and {@code p1 = 1 - p0}.
 * <li>Simple constraints: the grid point maximising {@code sum_g (n_g / n) y_g(x)} (the first on a
 *     tie). Equalized odds: {@code y_min(x) = min_g TPR_g(x)}, the objective evaluated on the
 *     overall counts {@code (n_neg x, n_pos y_min)} and rounded to 15 decimals (numpy's
 *     {@code around}) before taking the first maximum; each group then ignores the score with
 *     probability {@code p_ignore = (y_g - y_best) / (y_g - x_best)} (0 on the diagonal),
 *     predicting positive with probability {@code x_best}.
 * </ol>
 * Weights are not used: Fairlearn 0.12 ignores {@code sample_weight} here too. A group whose
 * labels are all equal is an error (Fairlearn's "Degenerate labels").
 *
 * <p>Immutable and thread-safe.
 */
public final class ThresholdOptimizer {
    private final FairnessConstraint constraint;
    private final ThresholdObjective objective;
    private final int gridSize;

    private ThresholdOptimizer(FairnessConstraint constraint, ThresholdObjective objective, int gridSize) {
        this.constraint = constraint;
        this.objective = objective;
        this.gridSize = gridSize;
    }

    /**
     * Starts configuring an optimizer (grid size 1,000, as Fairlearn's default).
     *
     * @param constraint the fairness constraint
     * @param objective the objective
     * @return a new builder
     */
    public static Builder builder(FairnessConstraint constraint, ThresholdObjective objective) {
        return new Builder(Objects.requireNonNull(constraint, "constraint"), Objects.requireNonNull(objective, "objective"));
    }

    /**
     * Fits the per-group thresholds.
     *
     * @param scores the scores (finite)
     * @param labels the labels, true for the positive class
     * @param groups each row's group (grouped by {@code toString()})
     * @return the policy
     * @throws IllegalArgumentException on a length mismatch, a non-finite score, a null group, or
     *     a group with only one label class
     */
    public ThresholdPolicy fit(double[] scores, boolean[] labels, List<?> groups) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(groups, "groups");
        int n = scores.length;
        if (n == 0 || labels.length != n || groups.size() != n) {
            throw new IllegalArgumentException("scores, labels and groups need the same positive number of rows, got "
                    + n + ", " + labels.length + " and " + groups.size());
        }
        Map<String, Integer> codeOf = new TreeMap<>();
        Object[] keys = new Object[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("score at row " + i + " is not finite: " + scores[i]);
            }
            Object g = groups.get(i);
            if (g == null) {
                throw new IllegalArgumentException("group at row " + i + " is null");
            }
            // consecutive rows often share a group value: reuse its text
            texts[i] = i > 0 && g == keys[i - 1] ? texts[i - 1] : g.toString();
            keys[i] = g;
            codeOf.putIfAbsent(texts[i], 0);
        }
        List<String> names = new ArrayList<>(codeOf.keySet());
        for (int k = 0; k < names.size(); k++) {
            codeOf.put(names.get(k), k);
        }
        int[] codes = new int[n];
        int[] positives = new int[names.size()];
        int[] sizes = new int[names.size()];
        for (int i = 0; i < n; i++) {
            int c = i > 0 && texts[i] == texts[i - 1] ? codes[i - 1] : codeOf.get(texts[i]);
            codes[i] = c;
            sizes[c]++;
            positives[c] += labels[i] ? 1 : 0;
        }
        double[] grid = new double[gridSize + 1];
        double step = 1.0 / gridSize;
        for (int i = 0; i < gridSize; i++) {
            grid[i] = i * step;
        }
        grid[gridSize] = 1.0;
        boolean eo = constraint == FairnessConstraint.EQUALIZED_ODDS;
        String yMetric = eo ? "true_positive_rate" : objective.jsonName();
        List<GroupData> data = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            GroupData d = GroupData.of(names.get(k), k, codes, positives[k], sizes[k], scores, labels);
            d.curve = interpolate(hull(d.points(constraint.xMetric(), yMetric)), grid);
            data.add(d);
        }
        int best;
        double objectiveValue;
        double yBest = Double.NaN;
        if (!eo) {
            double[] overall = new double[grid.length];
            for (GroupData d : data) {
                double share = (double) d.n / n;
                for (int i = 0; i < grid.length; i++) {
                    overall[i] += share * d.curve.y[i];
                }
            }
            best = firstMax(overall);
            objectiveValue = overall[best];
        } else {
            long pos = 0;
            for (boolean y : labels) {
                pos += y ? 1 : 0;
            }
            double nPos = pos;
            double nNeg = n - pos;
            double[] yMin = new double[grid.length];
            double[] values = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                double m = Double.POSITIVE_INFINITY;
                for (GroupData d : data) {
                    m = Math.min(m, d.curve.y[i]);
                }
                yMin[i] = m;
                double fp = nNeg * grid[i];
                double tn = nNeg * (1.0 - grid[i]);
                double tp = nPos * m;
                double fn = nPos * (1.0 - m);
                values[i] = around15(objective.of(tp, fp, tn, fn));
            }
            best = firstMax(values);
            objectiveValue = values[best];
            yBest = yMin[best];
        }
        double xBest = grid[best];
        Map<String, GroupThresholds> out = new LinkedHashMap<>();
        for (GroupData d : data) {
            Curve c = d.curve;
            double p0 = c.p0[best];
            double p1 = c.p1[best];
            double pIgnore = 0;
            if (eo && c.y[best] != c.x[best]) {
                pIgnore = (c.y[best] - yBest) / (c.y[best] - c.x[best]);
            }
            double[] r0 = d.rates(c.t0[best]);
            double[] r1 = d.rates(c.t1[best]);
            double[] expected = new double[3];
            for (int k = 0; k < 3; k++) {
                expected[k] = p0 * r0[k] + p1 * r1[k];
                if (eo) {
                    expected[k] = pIgnore * xBest + (1 - pIgnore) * expected[k];
                }
            }
            out.put(d.name, new GroupThresholds(d.name, p0, c.t0[best], p1, c.t1[best], pIgnore, eo ? xBest : 0.0,
                    expected[0], expected[1], expected[2]));
        }
        return new ThresholdPolicy(constraint, objective, gridSize, xBest, yBest, objectiveValue, out);
    }

    /** numpy.around(v, 15): multiply by 1e15, round half to even, divide. */
    static double around15(double v) {
        return Math.rint(v * 1e15) / 1e15;
    }

    private static int firstMax(double[] v) {
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && (best < 0 || v[i] > v[best])) {
                best = i;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("the objective is undefined at every grid point");
        }
        return best;
    }

    /** Upper convex hull of points sorted by (x, y): Andrew's monotone chain, collinear points dropped. */
    static Points hull(Points p) {
        Points h = new Points(p.size);
        for (int k = 0; k < p.size; k++) {
            double x2 = p.x[k];
            double y2 = p.y[k];
            while (h.size >= 2) {
                int r1 = h.size - 1;
                int r0 = h.size - 2;
                if ((h.y[r1] - h.y[r0]) * (x2 - h.x[r0]) <= (y2 - h.y[r0]) * (h.x[r1] - h.x[r0])) {
                    h.size--;
                } else {
                    break;
                }
            }
            h.add(x2, y2, p.t[k]);
        }
        return h;
    }

    /** The hull interpolated on the grid. */
    static Curve interpolate(Points hull, double[] grid) {
        Curve c = new Curve(grid.length);
        int i = 0;
        double x0 = hull.x[0];
        while (hull.x[i + 1] == x0) {
            i++;
        }
        for (int k = 0; k < grid.length; k++) {
            double x = grid[k];
            while (x > hull.x[i + 1]) {
                i++;
            }
            double p0 = (hull.x[i + 1] - x) / (hull.x[i + 1] - hull.x[i]);
            double p1 = 1 - p0;
            c.x[k] = x;
            c.y[k] = p0 * hull.y[i] + p1 * hull.y[i + 1];
            c.p0[k] = p0;
            c.p1[k] = p1;
            c.t0[k] = hull.t[i];
            c.t1[k] = hull.t[i + 1];
        }
        return c;
    }

    /** Trade-off points as parallel primitive arrays: x, y and the threshold. */
    static final class Points {
        final double[] x;
        final double[] y;
        final double[] t;
        int size;

        Points(int capacity) {
            x = new double[capacity];
            y = new double[capacity];
            t = new double[capacity];
        }

        void add(double px, double py, double pt) {
            x[size] = px;
            y[size] = py;
            t[size] = pt;
            size++;
        }

        /** Stable sort by y within each run of equal x (x is already non-decreasing). */
        void sortRunsByY() {
            for (int a = 0; a < size;) {
                int b = a + 1;
                while (b < size && x[b] == x[a]) {
                    b++;
                }
                if (b - a > 32) {
                    sortLongRun(a, b);
                    a = b;
                    continue;
                }
                // insertion sort: runs are short and usually already ordered
                for (int k = a + 1; k < b; k++) {
                    double yk = y[k];
                    double tk = t[k];
                    int m = k - 1;
                    while (m >= a && y[m] > yk) {
                        y[m + 1] = y[m];
                        t[m + 1] = t[m];
                        m--;
                    }
                    y[m + 1] = yk;
                    t[m + 1] = tk;
                }
                a = b;
            }
        }

        /** Stable sort of [a, b) by y (TimSort on indices). */
        private void sortLongRun(int a, int b) {
            Integer[] idx = new Integer[b - a];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = a + k;
            }
            Arrays.sort(idx, (u, v) -> Double.compare(y[u], y[v]));
            double[] ys = new double[idx.length];
            double[] ts = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                ys[k] = y[idx[k]];
                ts[k] = t[idx[k]];
            }
            System.arraycopy(ys, 0, y, a, ys.length);
            System.arraycopy(ts, 0, t, a, ts.length);
        }
    }

    /** An interpolated trade-off curve. */
    static final class Curve {
        final double[] x;
        final double[] y;
        final double[] p0;
        final double[] p1;
        final double[] t0;
        final double[] t1;

        Curve(int n) {
            x = new double[n];
            y = new double[n];
            p0 = new double[n];
            p1 = new double[n];
            t0 = new double[n];
            t1 = new double[n];
        }
    }

    /** One group's positive and negative scores, each sorted ascending. */
    private static final class GroupData {
        final String name;
        final int n;
        final long positives;
        final double[] pos;
        final double[] neg;
        Curve curve;

        private GroupData(String name, double[] pos, double[] neg) {
            this.name = name;
            this.pos = pos;
            this.neg = neg;
            this.n = pos.length + neg.length;
            this.positives = pos.length;
        }

        static GroupData of(String name, int code, int[] codes, int p, int size, double[] scores, boolean[] labels) {
            if (p == 0 || p == size) {
                throw new IllegalArgumentException("Degenerate labels for group '" + name
                        + "': it needs both positive and negative labels");
            }
            double[] pos = new double[p];
            double[] neg = new double[size - p];
            int a = 0;
            int b = 0;
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] != code) {
                    continue;
                }
                if (labels[i]) {
                    pos[a++] = scores[i];
                } else {
                    neg[b++] = scores[i];
                }
            }
            Arrays.sort(pos);
            Arrays.sort(neg);
            return new GroupData(name, pos, neg);
        }

        /**
         * Points for every candidate threshold, sorted by (x, y). They are generated by decreasing
         * threshold, so x never decreases; a stable sort by (x, y) only reorders runs of equal x.
         */
        Points points(String xMetric, String yMetric) {
            long nNeg = neg.length;
            Points pts = new Points(pos.length + neg.length + 1);
            long fp = 0;
            long tp = 0;
            pts.add(metric(xMetric, tp, fp, nNeg, positives), metric(yMetric, tp, fp, nNeg, positives),
                    Double.POSITIVE_INFINITY);
            int i = pos.length - 1;
            int j = neg.length - 1;
            while (i >= 0 || j >= 0) {
                double s = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY, j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
                while (i >= 0 && pos[i] == s) {
                    tp++;
                    i--;
                }
                while (j >= 0 && neg[j] == s) {
                    fp++;
                    j--;
                }
                double next = Math.max(i >= 0 ? pos[i] : Double.NEGATIVE_INFINITY,
                        j >= 0 ? neg[j] : Double.NEGATIVE_INFINITY);
                pts.add(metric(xMetric, tp, fp, nNeg, positives), metric(yMetric, tp, fp, nNeg, positives), (s + next) / 2);
            }
            pts.sortRunsByY();
            return pts;
        }

        private static double metric(String name, long tpCount, long fpCount, long nNeg, long nPos) {
            return metric(name, new double[] {tpCount, fpCount, nNeg - fpCount, nPos - tpCount});
        }

        private static double metric(String name, double[] c) {
            double tp = c[0];
            double fp = c[1];
            double tn = c[2];
            double fn = c[3];
            return switch (name) {
                case "selection_rate" -> (tp + fp) / (tp + tn + fp + fn);
                case "true_positive_rate" -> tp / (tp + fn);
                case "false_positive_rate" -> fp / (tn + fp);
                case "accuracy_score" -> ThresholdObjective.ACCURACY_SCORE.of(tp, fp, tn, fn);
                case "balanced_accuracy_score" -> ThresholdObjective.BALANCED_ACCURACY_SCORE.of(tp, fp, tn, fn);
                default -> throw new IllegalStateException(name);
            };
        }

        /** {selection rate, TPR, FPR} of the deterministic rule score > t. */
        double[] rates(double t) {
            long selPos = above(pos, t);
            long selNeg = above(neg, t);
            return new double[] {(double) (selPos + selNeg) / n, (double) selPos / positives,
                (double) selNeg / neg.length};
        }

        /** Number of entries of an ascending array strictly above t. */
        private static long above(double[] ascending, double t) {
            int lo = 0;
            int hi = ascending.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (ascending[mid] > t) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return ascending.length - lo;
        }
    }

    /**
     * Configures a {@link ThresholdOptimizer}.
     *
     * <p>Not thread-safe: use one builder from one thread.
     */
    public static final class Builder {
        private final FairnessConstraint constraint;
        private final ThresholdObjective objective;
        private int gridSize = 1000;

        private Builder(FairnessConstraint constraint, ThresholdObjective objective) {
            this.constraint = constraint;
            this.objective = objective;
        }

        /**
         * Sets the number of grid intervals (Fairlearn's {@code grid_size}, default 1,000: 1,001
         * grid points).
         *
         * @param gridSize at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder gridSize(int gridSize) {
            if (gridSize < 1) {
                throw new IllegalArgumentException("gridSize must be at least 1, got " + gridSize);
            }
            this.gridSize = gridSize;
            return this;
        }

        /**
         * Builds the optimizer.
         *
         * @return the optimizer
         */
        public ThresholdOptimizer build() {
            return new ThresholdOptimizer(constraint, objective, gridSize);
        }
    }
}
