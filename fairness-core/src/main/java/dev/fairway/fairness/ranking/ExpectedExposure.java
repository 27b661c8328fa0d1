package dev.fairway.fairness.ranking;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Expected exposure of one query's stochastic ranking (Diaz, Mitra, Ekstrand, Biega and Carterette,
 * CIKM 2020), from sampled rankings.
 *
 * <p>The run exposure e(d) of item d is the mean over samples of the browsing weight of its
 * position ({@code rbp:p}: p<sup>i-1</sup>; {@code gerr:p,u}: p<sup>i-1</sup> (1-u)<sup>r</sup>, r the
 * relevant items above). The target exposure e*(d) gives every item of one relevance grade the
 * mean weight of the block of positions that grade occupies in a ranking sorted by grade. Then
 * <ul>
 *   <li>disparity = Σ<sub>d</sub> e(d)<sup>2</sup>, over the items of the run;</li>
 *   <li>relevance = Σ<sub>d</sub> e(d) e*(d);</li>
 *   <li>difference = Σ<sub>d</sub> (e(d) − e*(d))<sup>2</sup>, over the union of run and target.</li>
 * </ul>
 * The group versions sum e and e* over each group's judged items first (an item in several groups
 * counts for each). In the complete mode (re-ranking; expeval's {@code -C}) every judged item is in
 * the target; in the retrieval mode only items with grade &gt; 0 are, and only they count for
 * groups. The raw values equal expeval's.
 *
 * <p>Normalised values are (v − lower) / (upper − lower) with bounds over all stochastic rankings,
 * given for {@code rbp} individual figures (n judged items in the complete mode, a corpus of
 * unbounded size in the retrieval mode): disparity in [(Σ<sub>i&lt;n</sub> p<sup>i</sup>)<sup>2</sup>/n,
 * Σ<sub>i&lt;n</sub> p<sup>2i</sup>] (complete) or [0, 1/(1 − p<sup>2</sup>)] (retrieval); relevance in
 * [Σ<sub>i</sub> p<sup>i</sup> e*<sub>↑</sub>(i), Σ e*<sup>2</sup>] (complete, e*<sub>↑</sub> sorted
 * ascending) or [0, Σ e*<sup>2</sup>]; difference in [0, Σ<sub>i</sub> (p<sup>i</sup> −
 * e*<sub>↑</sub>(i))<sup>2</sup>] (complete) or [0, Σ e*<sup>2</sup> + 1/(1 − p<sup>2</sup>)]. For
 * {@code gerr} and for groups they are NaN with a reason: expeval's gerr bounds use p·u where the
 * model stops with 1 − u, its retrieval difference bound adds 1/(1 − p) instead of
 * 1/(1 − p<sup>2</sup>), and its group relevance upper bound is always 0; Fairway does not copy
 * these.
 *
 * <p>Not thread-safe: one instance per query.
 */
public final class ExpectedExposure {
    private final BrowsingModel model;
    private final boolean complete;
    private final Map<String, Double> target = new LinkedHashMap<>();
    private final Map<String, Double> grades = new HashMap<>();
    private final Map<String, List<String>> groups;
    private final Map<String, Double> run = new LinkedHashMap<>();
    private final int judged;
    private final int levels;
    private int samples;

    private ExpectedExposure(BrowsingModel model, boolean complete, Map<String, Double> judgments,
            Map<String, List<String>> groups) {
        this.model = model;
        this.complete = complete;
        this.groups = groups;
        double p = model.patience();
        double u = model.isGerr() ? model.utility() : 0;
        TreeMap<Double, Integer> perLevel = new TreeMap<>();
        for (Map.Entry<String, Double> e : judgments.entrySet()) {
            if (complete || e.getValue() > 0) {
                grades.put(e.getKey(), e.getValue());
                perLevel.merge(e.getValue(), 1, Integer::sum);
            }
        }
        Map<Double, Double> perGrade = new HashMap<>();
        int b = 0;
        for (Map.Entry<Double, Integer> level : perLevel.descendingMap().entrySet()) {
            int m = level.getValue();
            double te;
            if (model.isRbp()) {
                te = (Math.pow(p, b) - Math.pow(p, b + m)) / (m * (1 - p));
            } else if (level.getKey() > 0) {
                double pp = p * (1 - u);
                te = (Math.pow(pp, b) - Math.pow(pp, b + m)) / (m * (1 - pp));
            } else {
                te = Math.pow(1 - u, b) * (Math.pow(p, b) - Math.pow(p, b + m)) / (m * (1 - p));
            }
            perGrade.put(level.getKey(), te);
            b += m;
        }
        for (Map.Entry<String, Double> e : judgments.entrySet()) {
            if (grades.containsKey(e.getKey())) {
                target.put(e.getKey(), perGrade.get(e.getValue()));
            }
        }
        this.judged = grades.size();
        this.levels = perLevel.size();
    }

    /**
     * Starts a query.
     *
     * @param model {@code rbp} or {@code gerr}
     * @param complete the complete (re-ranking) mode when true, the retrieval mode when false
     * @param judgments the relevance grade of each judged item, each finite and &gt;= 0
     * @param itemGroups the groups of each judged item, or {@code null} for individual figures only
     * @return the accumulator
     * @throws IllegalArgumentException if the model is neither rbp nor gerr, a grade is out of
     *     range, or no item is in the target (retrieval mode without a relevant item)
     */
    public static ExpectedExposure of(BrowsingModel model, boolean complete, Map<String, Double> judgments,
            Map<String, List<String>> itemGroups) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(judgments, "judgments");
        if (!model.isRbp() && !model.isGerr()) {
            throw new IllegalArgumentException("expected exposure needs the rbp or gerr browsing model, got " + model);
        }
        for (Map.Entry<String, Double> e : judgments.entrySet()) {
            double g = e.getValue();
            if (!(g >= 0 && g < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("relevance of item '" + e.getKey() + "' must be finite and >= 0, got " + g);
            }
        }
        ExpectedExposure x = new ExpectedExposure(model, complete, judgments,
                itemGroups == null ? null : new HashMap<>(itemGroups));
        if (x.judged == 0) {
            throw new IllegalArgumentException("no item in the target exposure"
                    + (complete ? " (no judged item)" : " (no relevant item; the retrieval mode judges only grade > 0)"));
        }
        return x;
    }

    /**
     * Records one sampled ranking.
     *
     * @param itemsByRank the items in rank order, each once
     * @throws IllegalArgumentException if the ranking is empty or holds an item twice
     */
    public void sample(List<String> itemsByRank) {
        Objects.requireNonNull(itemsByRank, "itemsByRank");
        if (itemsByRank.isEmpty()) {
            throw new IllegalArgumentException("a sampled ranking needs at least one item");
        }
        if (itemsByRank.stream().distinct().count() != itemsByRank.size()) {
            throw new IllegalArgumentException("a sampled ranking holds an item twice");
        }
        double p = model.patience();
        double stay = 1;
        double pi = 1;
        for (String d : itemsByRank) {
            run.merge(d, model.isGerr() ? pi * stay : pi, Double::sum); // a sum; divided by the sample count when read
            pi *= p;
            Double g = grades.get(d);
            if (g != null && g > 0) {
                stay *= 1 - model.utility();
            }
        }
        samples++;
    }

    /**
     * The figures of one level (individual items or groups).
     *
     * @param disparity Σ e²
     * @param relevance Σ e·e*
     * @param difference Σ (e − e*)²
     * @param normalizedDisparity the disparity scaled to [0, 1] by its bounds, or NaN
     * @param normalizedRelevance the relevance scaled to [0, 1], or NaN
     * @param normalizedDifference the difference scaled to [0, 1], or NaN
     * @param normalizedUndefinedReason why the normalised values are NaN, or {@code null}
     */
    public record Figures(double disparity, double relevance, double difference, double normalizedDisparity,
            double normalizedRelevance, double normalizedDifference, String normalizedUndefinedReason) {
        /**
         * Builds the figures.
         *
         * @param disparity the disparity
         * @param relevance the relevance
         * @param difference the difference
         * @param normalizedDisparity the normalised disparity
         * @param normalizedRelevance the normalised relevance
         * @param normalizedDifference the normalised difference
         * @param normalizedUndefinedReason the reason, or null
         * @return the figures
         */
        public static Figures of(double disparity, double relevance, double difference, double normalizedDisparity,
                double normalizedRelevance, double normalizedDifference, String normalizedUndefinedReason) {
            return new Figures(disparity, relevance, difference, normalizedDisparity, normalizedRelevance,
                    normalizedDifference, normalizedUndefinedReason);
        }
    }

    /**
     * The number of samples recorded.
     *
     * @return the count
     */
    public int samples() {
        return samples;
    }

    /**
     * The run exposure of each item seen, the mean over samples.
     *
     * @return item to e(d)
     */
    public Map<String, Double> runExposure() {
        Map<String, Double> e = new LinkedHashMap<>();
        for (Map.Entry<String, Double> r : run.entrySet()) {
            e.put(r.getKey(), r.getValue() / samples);
        }
        return e;
    }

    /**
     * The target exposure of each item in the target.
     *
     * @return item to e*(d)
     */
    public Map<String, Double> targetExposure() {
        return new LinkedHashMap<>(target);
    }

    /**
     * The individual figures.
     *
     * @return disparity, relevance and difference over items
     * @throws IllegalStateException before the first sample
     */
    public Figures individual() {
        checkSamples();
        Map<String, Double> e = runExposure();
        double disparity = 0;
        for (double v : e.values()) {
            disparity += v * v;
        }
        double relevance = dot(e, target);
        double difference = distance(e, target);
        if (!model.isRbp()) {
            return new Figures(disparity, relevance, difference, Double.NaN, Double.NaN, Double.NaN,
                    "bounds are derived for rbp only; expeval's gerr bounds (with p*u) are not bounds");
        }
        double p = model.patience();
        double[] t = target.values().stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(t);
        double t2 = 0;
        for (double v : t) {
            t2 += v * v;
        }
        double dLo;
        double dHi;
        double rLo;
        double fHi;
        if (complete) {
            int n = judged;
            double sum = (1 - Math.pow(p, n)) / (1 - p);
            dLo = sum * sum / n;
            dHi = (1 - Math.pow(p * p, n)) / (1 - p * p);
            rLo = 0;
            fHi = 0;
            for (int i = 0; i < n; i++) {
                rLo += Math.pow(p, i) * t[i];
                double diff = Math.pow(p, i) - t[i];
                fHi += diff * diff;
            }
        } else {
            dLo = 0;
            dHi = 1 / (1 - p * p);
            rLo = 0;
            fHi = t2 + 1 / (1 - p * p);
        }
        double nd = scale(disparity, dLo, dHi);
        double nr = scale(relevance, rLo, t2);
        double nf = scale(difference, 0, fHi);
        String reason = Double.isNaN(nd) || Double.isNaN(nr) || Double.isNaN(nf)
                ? "a lower and upper bound coincide (one judged item or one relevance grade)" : null;
        return new Figures(disparity, relevance, difference, nd, nr, nf, reason);
    }

    /**
     * The group figures: e and e* summed over each group's judged items.
     *
     * @return the group figures (normalised values NaN, see the class documentation)
     * @throws IllegalStateException before the first sample or without groups
     */
    public Figures group() {
        checkSamples();
        if (groups == null) {
            throw new IllegalStateException("no groups were given for this query");
        }
        Map<String, Double> e = runExposure();
        Map<String, Double> ge = new TreeMap<>();
        Map<String, Double> gt = new TreeMap<>();
        for (String d : grades.keySet()) {
            List<String> gs = groups.get(d);
            if (gs == null) {
                continue;
            }
            for (String g : gs) {
                ge.merge(g, e.getOrDefault(d, 0.0), Double::sum);
                gt.merge(g, target.get(d), Double::sum);
            }
        }
        double disparity = 0;
        for (double v : ge.values()) {
            disparity += v * v;
        }
        return new Figures(disparity, dot(ge, gt), distance(ge, gt), Double.NaN, Double.NaN, Double.NaN,
                "group bounds are not derived; expeval's group relevance upper bound is always 0");
    }

    /**
     * The number of relevance grades in the target.
     *
     * @return the number of distinct grades
     */
    public int levels() {
        return levels;
    }

    private void checkSamples() {
        if (samples == 0) {
            throw new IllegalStateException("no sampled ranking recorded");
        }
    }

    private static double scale(double v, double lo, double hi) {
        return hi > lo ? (v - lo) / (hi - lo) : Double.NaN;
    }

    private static double dot(Map<String, Double> x, Map<String, Double> y) {
        double s = 0;
        for (Map.Entry<String, Double> e : x.entrySet()) {
            Double v = y.get(e.getKey());
            if (v != null) {
                s += e.getValue() * v;
            }
        }
        return s;
    }

    private static double distance(Map<String, Double> x, Map<String, Double> y) {
        double s = 0;
        for (Map.Entry<String, Double> e : x.entrySet()) {
            double d = e.getValue() - y.getOrDefault(e.getKey(), 0.0);
            s += d * d;
        }
        for (Map.Entry<String, Double> e : y.entrySet()) {
            if (!x.containsKey(e.getKey())) {
                s += e.getValue() * e.getValue();
            }
        }
        return s;
    }
}
