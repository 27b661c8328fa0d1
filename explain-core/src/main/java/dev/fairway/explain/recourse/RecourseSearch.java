package dev.fairway.explain.recourse;

import dev.fairway.explain.Background;
import dev.fairway.explain.LinearModel;
import dev.fairway.explain.LogisticModel;
import dev.fairway.explain.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Finds counterfactuals: changes the person is allowed to make that bring the model's output to
 * at least a threshold (a higher output is the favourable decision).
 *
 * <p>Features without a declared {@link FeatureAction} are immutable; consent-withheld features
 * are immutable whatever their action says and never appear in a counterfactual.
 *
 * <p><b>Exact search</b> ({@link LinearModel} or {@link LogisticModel} with the
 * {@link RecourseCost#MAD_L1} cost): the score is {@code b + w·x} (the log-odds for a logistic
 * model, whose threshold is a probability in (0, 1)), so reaching it at least cost is a
 * fractional knapsack: numeric features are used in order of gain per unit of cost,
 * {@code |w_j|·MAD_j}, each up to its bound, and every combination of categorical transitions is
 * tried. For continuous features the result is the minimum-cost counterfactual. A stepped
 * feature's change is rounded up to its step, which keeps the counterfactual valid and may cost
 * up to one step more than the optimum. Besides the optimum it returns the cheapest
 * single-feature counterfactuals, up to k in all. The sparsity cap applies to the model-agnostic
 * search only.
 *
 * <p><b>Model-agnostic search</b> (any model, any cost): random candidates that change one to
 * {@code maxChanged} mutable features within their constraints are scored in batches; each valid
 * one is made sparser (reverting changes while it stays valid) and cheaper (moving it back
 * towards the person along a line); up to k are returned, cheapest first, preferring distinct
 * sets of changed features. Unbounded numeric features are sampled within the background's range
 * widened by its width on each side. The result is deterministic given the seed.
 *
 * <p>Thread-safety: immutable; safe to share if the model is safe for concurrent calls.
 */
public final class RecourseSearch {
    /** The default number of counterfactuals returned. */
    public static final int DEFAULT_K = 3;
    /** The default cap on changed features in the model-agnostic search. */
    public static final int DEFAULT_MAX_CHANGED = 3;
    /** The default number of random candidates of the model-agnostic search. */
    public static final int DEFAULT_CANDIDATES = 2000;
    /** The most categorical combinations the exact search enumerates. */
    public static final int MAX_CATEGORICAL_COMBINATIONS = 4096;

    private static final int BLOCK = 512;
    private static final int SHRINK_STEPS = 15;

    private final Model model;
    private final List<String> names;
    private final FeatureAction[] actions;
    private final boolean[] mutable;
    private final RecourseCost costKind;
    private final double threshold;
    private final int k;
    private final int maxChanged;
    private final int candidates;
    private final long seed;
    private final double[] mad;
    private final double[][] sortedColumns;
    private final double[] sampleLo;
    private final double[] sampleHi;

    private RecourseSearch(Builder b) {
        this.model = b.model;
        this.names = b.names;
        int m = names.size();
        this.actions = new FeatureAction[m];
        this.mutable = new boolean[m];
        for (int j = 0; j < m; j++) {
            FeatureAction a = b.actions.get(names.get(j));
            actions[j] = a == null ? FeatureAction.immutable(names.get(j)) : a;
            mutable[j] = actions[j].mutable() && !b.withheld.contains(names.get(j));
        }
        this.costKind = b.cost;
        this.threshold = b.threshold;
        this.k = b.k;
        this.maxChanged = b.maxChanged;
        this.candidates = b.candidates;
        this.seed = b.seed;
        Background bg = b.background;
        this.mad = new double[m];
        this.sortedColumns = new double[m][];
        this.sampleLo = new double[m];
        this.sampleHi = new double[m];
        for (int j = 0; j < m; j++) {
            double[] col = new double[bg.rows()];
            for (int r = 0; r < col.length; r++) {
                col[r] = bg.value(r, j);
            }
            Arrays.sort(col);
            sortedColumns[j] = col;
            double med = median(col);
            double[] dev = new double[col.length];
            for (int r = 0; r < col.length; r++) {
                dev[r] = Math.abs(col[r] - med);
            }
            Arrays.sort(dev);
            double d = median(dev);
            mad[j] = d > 0 ? d : 1.0;
            double width = col[col.length - 1] - col[0];
            if (width == 0) {
                width = Math.max(1.0, Math.abs(col[0]));
            }
            sampleLo[j] = Math.max(actions[j].lower(), col[0] - width);
            sampleHi[j] = Math.min(actions[j].upper(), col[col.length - 1] + width);
        }
    }

    /**
     * Starts a builder.
     *
     * @param model the model; its output 0 is compared with the threshold
     * @param background the background that scales the costs
     * @return a builder with features named {@code x0, x1, ...} (set them with
     *     {@link Builder#featureNames(List)}), k 3, at most 3 changes, 2000 candidates, seed 0,
     *     MAD-L1 cost, threshold 0.5, every feature immutable
     * @throws IllegalArgumentException if the model and background disagree on the number of features
     */
    public static Builder builder(Model model, Background background) {
        return new Builder(model, background);
    }

    /**
     * Searches for counterfactuals, exactly for a linear or logistic model under the MAD-L1 cost,
     * model-agnostically otherwise.
     *
     * @param x the person's values
     * @return the result
     * @throws IllegalArgumentException if {@code x} has the wrong length or a non-finite value,
     *     or the exact search would enumerate more than {@value #MAX_CATEGORICAL_COMBINATIONS}
     *     categorical combinations
     */
    public RecourseResult find(double[] x) {
        double[] xc = check(x);
        if (predict(xc) >= threshold) {
            return new RecourseResult(RecourseResult.Status.ALREADY_FAVOURABLE, List.of(), false, 1, 0);
        }
        LinearModel lin = model instanceof LinearModel l ? l
                : model instanceof LogisticModel lg ? lg.linear() : null;
        if (lin != null && costKind == RecourseCost.MAD_L1) {
            return exactLinear(xc, lin, model instanceof LogisticModel);
        }
        return agnostic(xc);
    }

    /**
     * Searches model-agnostically whatever the model.
     *
     * @param x the person's values
     * @return the result
     * @throws IllegalArgumentException if {@code x} has the wrong length or a non-finite value
     */
    public RecourseResult findModelAgnostic(double[] x) {
        double[] xc = check(x);
        if (predict(xc) >= threshold) {
            return new RecourseResult(RecourseResult.Status.ALREADY_FAVOURABLE, List.of(), false, 1, seed);
        }
        return agnostic(xc);
    }

    /**
     * Returns the cost of moving from {@code x} to {@code to} under this search's cost.
     *
     * @param x the person's values
     * @param to the changed values
     * @return the cost
     */
    public double cost(double[] x, double[] to) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(to, "to");
        double c = 0;
        for (int j = 0; j < x.length; j++) {
            if (x[j] == to[j]) {
                continue;
            }
            if (actions[j].categorical()) {
                c += 1;
            } else if (costKind == RecourseCost.MAD_L1) {
                c += Math.abs(to[j] - x[j]) / mad[j];
            } else {
                c += Math.abs(cdf(j, to[j]) - cdf(j, x[j]));
            }
        }
        return c;
    }

    private double cdf(int j, double v) {
        double[] col = sortedColumns[j];
        int below = lowerBound(col, v);
        int upTo = upperBound(col, v);
        return (below + 0.5 * (upTo - below)) / col.length;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    private double[] check(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length != names.size()) {
            throw new IllegalArgumentException("x has " + x.length + " values, expected " + names.size());
        }
        for (int j = 0; j < x.length; j++) {
            if (!Double.isFinite(x[j])) {
                throw new IllegalArgumentException("x[" + j + "] (" + names.get(j) + ") is not finite: " + x[j]);
            }
        }
        return x.clone();
    }

    private double predict(double[] row) {
        double[] out = new double[model.outputs()];
        model.predict(row, 1, out);
        return out[0];
    }

    // ---- exact search for linear and logistic scores --------------------------------------

    private RecourseResult exactLinear(double[] x, LinearModel lin, boolean logistic) {
        double tau = threshold;
        if (logistic) {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold of a logistic model must be in (0, 1), was " + threshold);
            }
            tau = Math.log(threshold / (1 - threshold));
        }
        double gap = tau - lin.score(x);
        // Aim a hair above the threshold so that rounding in b + w·x' cannot leave it just below.
        double margin = 1e-12 * Math.max(1.0, Math.abs(tau));
        int m = x.length;
        List<Integer> cats = new ArrayList<>();
        List<double[]> catOptions = new ArrayList<>();
        long combos = 1;
        for (int j = 0; j < m; j++) {
            if (mutable[j] && actions[j].categorical()) {
                double[] o = options(j, x[j]);
                cats.add(j);
                catOptions.add(o);
                combos *= o.length + 1;
                if (combos > MAX_CATEGORICAL_COMBINATIONS) {
                    throw new IllegalArgumentException("the exact search would try more than "
                            + MAX_CATEGORICAL_COMBINATIONS + " categorical combinations; use findModelAgnostic");
                }
            }
        }
        Integer[] order = numericOrder(lin, x);
        List<double[]> found = new ArrayList<>();
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        int[] choice = new int[cats.size()];
        for (long c = 0; c < combos; c++) {
            long rest = c;
            double[] cand = x.clone();
            double need = gap + margin;
            for (int t = 0; t < cats.size(); t++) {
                int base = catOptions.get(t).length + 1;
                choice[t] = (int) (rest % base);
                rest /= base;
                if (choice[t] > 0) {
                    int j = cats.get(t);
                    cand[j] = catOptions.get(t)[choice[t] - 1];
                    need -= lin.coefficient(j) * (cand[j] - x[j]);
                }
            }
            if (greedy(lin, x, cand, need, margin, order, -1)) {
                double cc = cost(x, cand);
                if (cc < bestCost) {
                    bestCost = cc;
                    best = cand;
                }
            }
        }
        if (best != null) {
            found.add(best);
        }
        // Cheapest single-feature alternatives, for diversity.
        for (int j = 0; j < m; j++) {
            if (!mutable[j]) {
                continue;
            }
            if (actions[j].categorical()) {
                for (double v : actions[j].transitions().getOrDefault(x[j], Set.of())) {
                    double[] cand = x.clone();
                    cand[j] = v;
                    if (v != x[j] && lin.coefficient(j) * (v - x[j]) >= gap + margin) {
                        found.add(cand);
                    }
                }
            } else {
                double[] cand = x.clone();
                if (greedy(lin, x, cand, gap + margin, margin, order, j)) {
                    found.add(cand);
                }
            }
        }
        return finish(x, found, best, true, 0);
    }

    private Integer[] numericOrder(LinearModel lin, double[] x) {
        List<Integer> idx = new ArrayList<>();
        for (int j = 0; j < x.length; j++) {
            if (mutable[j] && !actions[j].categorical() && lin.coefficient(j) != 0) {
                idx.add(j);
            }
        }
        Integer[] order = idx.toArray(new Integer[0]);
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(lin.coefficient(j)) * mad[j])
                .thenComparingInt(j -> j));
        return order;
    }

    /**
     * Fills cand greedily with numeric changes (only feature {@code only} if not -1); true if the
     * need is met up to the margin that was added to it.
     */
    private boolean greedy(LinearModel lin, double[] x, double[] cand, double need, double margin, Integer[] order,
            int only) {
        for (int j : order) {
            if (need <= margin) {
                break;
            }
            if (only >= 0 && j != only) {
                continue;
            }
            double w = lin.coefficient(j);
            double[] range = actions[j].range(x[j]);
            double capacity = w > 0 ? range[1] - x[j] : x[j] - range[0];
            double step = actions[j].step();
            if (step > 0) {
                capacity = Math.floor(capacity / step + 1e-9) * step;
            }
            if (!(capacity > 0)) {
                continue;
            }
            double amount = need / Math.abs(w);
            if (step > 0) {
                amount = Math.ceil(amount / step - 1e-9) * step;
            }
            amount = Math.min(amount, capacity);
            cand[j] = x[j] + Math.signum(w) * amount;
            need -= Math.abs(w) * amount;
        }
        return need <= margin;
    }

    // ---- model-agnostic batched search ------------------------------------------------------

    private RecourseResult agnostic(double[] x) {
        int m = x.length;
        int[] mut = new int[m];
        int nm = 0;
        for (int j = 0; j < m; j++) {
            if (mutable[j]) {
                mut[nm++] = j;
            }
        }
        long[] evals = {1};
        if (nm == 0) {
            return new RecourseResult(RecourseResult.Status.NO_FEASIBLE_RECOURSE, List.of(), false, evals[0], seed);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] rows = new double[BLOCK * m];
        double[] out = new double[BLOCK * model.outputs()];
        List<double[]> valid = new ArrayList<>();
        int[] pool = Arrays.copyOf(mut, nm);
        for (int start = 0; start < candidates; start += BLOCK) {
            int cnt = Math.min(BLOCK, candidates - start);
            for (int c = 0; c < cnt; c++) {
                int off = c * m;
                System.arraycopy(x, 0, rows, off, m);
                int s = 1 + rng.nextInt(Math.min(maxChanged, nm));
                for (int i = 0; i < s; i++) {
                    int r = i + rng.nextInt(nm - i);
                    int t = pool[i];
                    pool[i] = pool[r];
                    pool[r] = t;
                    int j = pool[i];
                    rows[off + j] = sampleValue(j, x[j], rng);
                }
            }
            model.predict(rows, cnt, out);
            evals[0] += cnt;
            for (int c = 0; c < cnt; c++) {
                if (out[c * model.outputs()] >= threshold) {
                    double[] cand = Arrays.copyOfRange(rows, c * m, (c + 1) * m);
                    if (!Arrays.equals(cand, x)) {
                        valid.add(cand);
                    }
                }
            }
        }
        List<double[]> refined = new ArrayList<>();
        for (double[] cand : valid) {
            refined.add(shrink(x, sparsify(x, cand, evals), evals));
        }
        return finish(x, refined, null, false, evals[0]);
    }

    /** The values a categorical feature at xj may move to, ascending, without xj itself. */
    private double[] options(int j, double xj) {
        Set<Double> opts = actions[j].transitions().getOrDefault(xj, Set.of());
        double[] o = new double[opts.size()];
        int n = 0;
        for (double v : opts) {
            if (v != xj) {
                o[n++] = v;
            }
        }
        o = Arrays.copyOf(o, n);
        Arrays.sort(o);
        return o;
    }

    private double sampleValue(int j, double xj, SplittableRandom rng) {
        FeatureAction a = actions[j];
        if (a.categorical()) {
            double[] o = options(j, xj);
            return o.length == 0 ? xj : o[rng.nextInt(o.length)];
        }
        double[] range = a.range(xj);
        double lo = Math.max(range[0], Math.min(sampleLo[j], xj));
        double hi = Math.min(range[1], Math.max(sampleHi[j], xj));
        if (!(hi > lo)) {
            return xj;
        }
        double step = a.step();
        if (step > 0) {
            long kmin = (long) Math.ceil((lo - xj) / step - 1e-9);
            long kmax = (long) Math.floor((hi - xj) / step + 1e-9);
            if (kmax <= kmin) {
                return xj + kmin * step;
            }
            return xj + (kmin + rng.nextLong(kmax - kmin + 1)) * step;
        }
        return lo + rng.nextDouble() * (hi - lo);
    }

    /** Reverts changes one at a time, cheapest-result first, while the candidate stays valid. */
    private double[] sparsify(double[] x, double[] cand, long[] evals) {
        int m = x.length;
        double[] cur = cand;
        while (true) {
            List<Integer> changed = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if (cur[j] != x[j]) {
                    changed.add(j);
                }
            }
            if (changed.size() <= 1) {
                return cur;
            }
            int n = changed.size();
            double[] rows = new double[n * m];
            for (int i = 0; i < n; i++) {
                System.arraycopy(cur, 0, rows, i * m, m);
                rows[i * m + changed.get(i)] = x[changed.get(i)];
            }
            double[] out = new double[n * model.outputs()];
            model.predict(rows, n, out);
            evals[0] += n;
            double[] best = null;
            double bestCost = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (out[i * model.outputs()] >= threshold) {
                    double[] r = Arrays.copyOfRange(rows, i * m, (i + 1) * m);
                    double c = cost(x, r);
                    if (c < bestCost) {
                        bestCost = c;
                        best = r;
                    }
                }
            }
            if (best == null) {
                return cur;
            }
            cur = best;
        }
    }

    /** Moves the numeric changes back towards x along a line, keeping the cheapest valid point. */
    private double[] shrink(double[] x, double[] cand, long[] evals) {
        int m = x.length;
        double[] rows = new double[SHRINK_STEPS * m];
        for (int s = 0; s < SHRINK_STEPS; s++) {
            double alpha = (s + 1.0) / (SHRINK_STEPS + 1);
            for (int j = 0; j < m; j++) {
                double v = cand[j];
                if (v != x[j] && !actions[j].categorical()) {
                    v = x[j] + alpha * (cand[j] - x[j]);
                    double step = actions[j].step();
                    if (step > 0) {
                        v = x[j] + Math.signum(cand[j] - x[j]) * Math.ceil(Math.abs(v - x[j]) / step - 1e-9) * step;
                    }
                }
                rows[s * m + j] = v;
            }
        }
        double[] out = new double[SHRINK_STEPS * model.outputs()];
        model.predict(rows, SHRINK_STEPS, out);
        evals[0] += SHRINK_STEPS;
        double[] best = cand;
        double bestCost = cost(x, cand);
        for (int s = 0; s < SHRINK_STEPS; s++) {
            if (out[s * model.outputs()] >= threshold) {
                double[] r = Arrays.copyOfRange(rows, s * m, (s + 1) * m);
                double c = cost(x, r);
                if (c < bestCost && !Arrays.equals(r, x)) {
                    bestCost = c;
                    best = r;
                }
            }
        }
        return best;
    }

    /** Verifies, dedupes, orders by cost (the optimum first if given) and picks up to k diverse ones. */
    private RecourseResult finish(double[] x, List<double[]> found, double[] first, boolean exact, long evals) {
        int m = x.length;
        List<double[]> checked = new ArrayList<>();
        if (!found.isEmpty()) {
            double[] rows = new double[found.size() * m];
            for (int i = 0; i < found.size(); i++) {
                System.arraycopy(found.get(i), 0, rows, i * m, m);
            }
            double[] out = new double[found.size() * model.outputs()];
            model.predict(rows, found.size(), out);
            evals += found.size();
            for (int i = 0; i < found.size(); i++) {
                double p = out[i * model.outputs()];
                if (p >= threshold && !Arrays.equals(found.get(i), x)) {
                    double[] withPred = Arrays.copyOf(found.get(i), m + 1);
                    withPred[m] = p;
                    checked.add(withPred);
                }
            }
        }
        if (checked.isEmpty()) {
            return new RecourseResult(RecourseResult.Status.NO_FEASIBLE_RECOURSE, List.of(), exact, evals,
                    exact ? 0 : seed);
        }
        Map<double[], Double> costs = new HashMap<>();
        for (double[] c : checked) {
            costs.put(c, cost(x, Arrays.copyOf(c, m)));
        }
        List<double[]> sorted = new ArrayList<>(checked);
        sorted.sort(Comparator.comparingDouble((double[] c) -> first != null && Arrays.equals(Arrays.copyOf(c, m), first)
                ? Double.NEGATIVE_INFINITY : costs.get(c)).thenComparing(Arrays::compare));
        List<double[]> picked = new ArrayList<>();
        Set<String> supports = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (double[] c : sorted) {
            String support = support(x, c);
            if (picked.size() < k && supports.add(support)) {
                picked.add(c);
                seen.add(Arrays.toString(c));
            }
        }
        for (double[] c : sorted) {
            if (picked.size() >= k) {
                break;
            }
            if (seen.add(Arrays.toString(c))) {
                picked.add(c);
            }
        }
        picked.sort(Comparator.comparingDouble((double[] c) -> first != null && Arrays.equals(Arrays.copyOf(c, m), first)
                ? Double.NEGATIVE_INFINITY : costs.get(c)).thenComparing(Arrays::compare));
        List<Counterfactual> cfs = new ArrayList<>();
        for (double[] c : picked) {
            List<Change> changes = new ArrayList<>();
            for (int j = 0; j < m; j++) {
                if (c[j] != x[j]) {
                    changes.add(new Change(names.get(j), x[j], c[j]));
                }
            }
            cfs.add(new Counterfactual(changes, costs.get(c), c[m]));
        }
        return new RecourseResult(RecourseResult.Status.FOUND, cfs, exact, evals, exact ? 0 : seed);
    }

    private static String support(double[] x, double[] c) {
        StringBuilder sb = new StringBuilder();
        for (int j = 0; j < x.length; j++) {
            sb.append(c[j] != x[j] ? '1' : '0');
        }
        return sb.toString();
    }

    /**
     * Configures a {@link RecourseSearch}. Every setter checks its argument.
     *
     * <p>Thread-safety: not thread-safe; build on one thread, then share the search.
     */
    public static final class Builder {
        private final Model model;
        private final Background background;
        private List<String> names;
        private final Map<String, FeatureAction> actions = new HashMap<>();
        private Set<String> withheld = Set.of();
        private RecourseCost cost = RecourseCost.MAD_L1;
        private double threshold = 0.5;
        private int k = DEFAULT_K;
        private int maxChanged = DEFAULT_MAX_CHANGED;
        private int candidates = DEFAULT_CANDIDATES;
        private long seed;

        private Builder(Model model, Background background) {
            this.model = Objects.requireNonNull(model, "model");
            this.background = Objects.requireNonNull(background, "background");
            if (model.features() != background.features()) {
                throw new IllegalArgumentException("model has " + model.features() + " features, background "
                        + background.features());
            }
            List<String> defaults = new ArrayList<>();
            for (int j = 0; j < model.features(); j++) {
                defaults.add("x" + j);
            }
            this.names = List.copyOf(defaults);
        }

        /**
         * Sets the feature names in column order; actions and withheld features name them.
         *
         * @param featureNames one distinct name per model feature
         * @return this builder
         * @throws IllegalArgumentException if the number of names differs from the model's features or
         *     a name repeats
         */
        public Builder featureNames(List<String> featureNames) {
            List<String> list = List.copyOf(Objects.requireNonNull(featureNames, "featureNames"));
            if (list.size() != model.features()) {
                throw new IllegalArgumentException("model has " + model.features() + " features, featureNames "
                        + list.size());
            }
            if (Set.copyOf(list).size() != list.size()) {
                throw new IllegalArgumentException("featureNames repeats a name");
            }
            this.names = list;
            return this;
        }

        /**
         * Declares what can be done about some features; the others stay immutable.
         *
         * @param actions the actions, at most one per feature (names are checked against the
         *     feature names by {@link #build()})
         * @return this builder
         * @throws IllegalArgumentException if an action names a feature twice
         */
        public Builder actions(List<FeatureAction> actions) {
            Objects.requireNonNull(actions, "actions");
            Map<String, FeatureAction> map = new HashMap<>();
            for (FeatureAction a : actions) {
                if (map.put(a.feature(), a) != null) {
                    throw new IllegalArgumentException("feature '" + a.feature() + "' has two actions");
                }
            }
            this.actions.clear();
            this.actions.putAll(map);
            return this;
        }

        /**
         * Sets the features the person's consent withholds: immutable and never mentioned.
         *
         * @param features feature names
         * @return this builder
         */
        public Builder withheld(Set<String> features) {
            this.withheld = Set.copyOf(Objects.requireNonNull(features, "features"));
            return this;
        }

        /**
         * Sets the cost.
         *
         * @param cost the cost
         * @return this builder
         */
        public Builder cost(RecourseCost cost) {
            this.cost = Objects.requireNonNull(cost, "cost");
            return this;
        }

        /**
         * Sets the threshold the model's output must reach (a probability for a logistic model).
         *
         * @param threshold finite
         * @return this builder
         * @throws IllegalArgumentException if not finite
         */
        public Builder threshold(double threshold) {
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be finite, was " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /**
         * Sets how many counterfactuals are returned at most.
         *
         * @param k at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder k(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("k must be at least 1, was " + k);
            }
            this.k = k;
            return this;
        }

        /**
         * Sets the cap on changed features of the model-agnostic search.
         *
         * @param maxChanged at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxChanged(int maxChanged) {
            if (maxChanged < 1) {
                throw new IllegalArgumentException("maxChanged must be at least 1, was " + maxChanged);
            }
            this.maxChanged = maxChanged;
            return this;
        }

        /**
         * Sets the number of random candidates of the model-agnostic search.
         *
         * @param candidates at least 1
         * @return this builder
         * @throws IllegalArgumentException if below 1
         */
        public Builder candidates(int candidates) {
            if (candidates < 1) {
                throw new IllegalArgumentException("candidates must be at least 1, was " + candidates);
            }
            this.candidates = candidates;
            return this;
        }

        /**
         * Sets the seed of the model-agnostic search.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search
         * @throws IllegalArgumentException if an action names an unknown feature
         */
        public RecourseSearch build() {
            for (String f : actions.keySet()) {
                if (!names.contains(f)) {
                    throw new IllegalArgumentException("action names unknown feature '" + f + "'");
                }
            }
            return new RecourseSearch(this);
        }
    }
}
