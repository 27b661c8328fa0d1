package dev.fairway.fairness.slices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Finds the worst-off slices of a model's rows: the top-K conjunctions of {@code feature = value}
 * predicates (at most one per feature) whose error is far above the average, by SliceLine
 * (S. Sagadeeva and M. Boehm, "SliceLine: Fast, Linear-Algebra-based Slice Finding for ML Model
 * Debugging", SIGMOD 2021), with the paper's exact pruning.
 *
 * <p>The score of a slice {@code S} of {@code |S|} rows among {@code n}, with mean error
 * {@code e(S)} and overall mean error {@code ē}, is
 * {@code alpha * (e(S) / ē - 1) - (1 - alpha) * (n / |S| - 1)}. The result holds the {@code top}
 * highest-scoring slices with {@code |S| >= minSupport}, score above 0 and at most {@code maxLevel}
 * predicates, ordered by score (descending), then size (descending), then predicates (feature
 * order, then level order).
 *
 * <p>The lattice is enumerated level by level. A slice of level {@code L} is built only from two
 * level-{@code L - 1} slices sharing their first {@code L - 2} predicates, and only when all its
 * {@code L} parents survived. Its size, error sum and largest row error are at most the smallest of
 * its parents', which bounds its score and every descendant's (the paper's upper bound, maximised
 * exactly over the admissible sizes); a slice whose bound is not above 0, or below the K-th best
 * score found so far, is pruned with all its descendants, so pruning never changes the result.
 * Rows are bit sets: a slice's rows are the AND of its predicates' bit sets, its size and error
 * sum two population counts. Cost: {@code O(C * L * n / 64)} word operations for {@code C}
 * evaluated candidates, memory {@code n / 8} bytes per frequent predicate.
 *
 * <p>Immutable and thread-safe once built; {@link #find} may run from many threads at once.
 */
public final class SliceFinder {
    private final double alpha;
    private final int minSupport;
    private final int maxLevel;
    private final int top;

    private SliceFinder(Builder b) {
        this.alpha = b.alpha;
        this.minSupport = b.minSupport;
        this.maxLevel = b.maxLevel;
        this.top = b.top;
    }

    /**
     * Starts a configuration: alpha 0.95, min support 32, max level 2, top 10.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A frequent slice kept for the next level: its predicates and its statistics. */
    private record Node(int[] predicates, long size, long errors) {
    }

    /** An int[] with value equality, as a hash key. */
    private record Key(int[] p) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(p, k.p);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(p);
        }

        @Override
        public String toString() {
            return Arrays.toString(p);
        }
    }

    /**
     * Finds the top slices.
     *
     * @param features the features, with distinct names and one code per row each
     * @param errors each row's error
     * @return the slices and the overall figures
     * @throws IllegalArgumentException if there are no features, names repeat or lengths differ
     */
    public SliceReport find(List<SliceFeature> features, boolean[] errors) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(errors, "errors");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("features is empty");
        }
        int n = errors.length;
        if (n == 0) {
            throw new IllegalArgumentException("errors is empty: no rows");
        }
        for (int f = 0; f < features.size(); f++) {
            if (features.get(f).codesView().length != n) {
                throw new IllegalArgumentException("feature '" + features.get(f).name() + "' has "
                        + features.get(f).codesView().length + " rows, errors " + n);
            }
            for (int g = 0; g < f; g++) {
                if (features.get(g).name().equals(features.get(f).name())) {
                    throw new IllegalArgumentException("feature '" + features.get(f).name() + "' is given twice");
                }
            }
        }
        int words = (n + 63) >>> 6;
        long[] errorBits = new long[words];
        long totalErrors = 0;
        for (int i = 0; i < n; i++) {
            if (errors[i]) {
                errorBits[i >>> 6] |= 1L << i;
                totalErrors++;
            }
        }
        double mean = (double) totalErrors / n;
        Search s = new Search(n, mean, words, errorBits);
        // level 1: one predicate id per (feature, level) with at least minSupport rows
        List<int[]> ids = new ArrayList<>();
        List<long[]> bits = new ArrayList<>();
        List<Node> frontier = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            SliceFeature feature = features.get(f);
            int[] codes = feature.codesView();
            long[][] levelBits = new long[feature.levels().size()][words];
            long[] counts = new long[feature.levels().size()];
            for (int i = 0; i < n; i++) {
                if (codes[i] >= 0) {
                    levelBits[codes[i]][i >>> 6] |= 1L << i;
                    counts[codes[i]]++;
                }
            }
            for (int l = 0; l < counts.length; l++) {
                if (counts[l] >= minSupport && totalErrors > 0) {
                    ids.add(new int[] {f, l});
                    bits.add(levelBits[l]);
                }
            }
        }
        s.bits = bits.toArray(new long[0][]);
        s.feature = ids.stream().mapToInt(a -> a[0]).toArray();
        s.level = ids.stream().mapToInt(a -> a[1]).toArray();
        for (int p = 0; p < s.bits.length; p++) {
            Node node = s.evaluate(new int[] {p});
            if (node != null) {
                frontier.add(node);
            }
        }
        for (int level = 2; level <= maxLevel && frontier.size() > 1; level++) {
            frontier = s.nextLevel(frontier, level);
        }
        List<SliceReport.Slice> slices = new ArrayList<>();
        List<Candidate> best = new ArrayList<>(s.best);
        best.sort(Search.ORDER);
        for (Candidate c : best) {
            Map<String, String> predicates = new LinkedHashMap<>();
            for (int p : c.predicates) {
                SliceFeature feature = features.get(s.feature[p]);
                predicates.put(feature.name(), feature.levels().get(s.level[p]));
            }
            slices.add(new SliceReport.Slice(predicates, c.size, (double) c.errors / c.size, c.score));
        }
        return new SliceReport(n, mean, alpha, minSupport, maxLevel, top, s.evaluated, slices);
    }

    /** A scored slice. */
    private record Candidate(int[] predicates, long size, long errors, double score) {
    }

    /** One search's state. Not thread-safe; one per call. */
    private final class Search {
        /** Best first: score descending, size descending, then predicates in order. */
        static final Comparator<Candidate> ORDER = Comparator.comparingDouble(Candidate::score).reversed()
                .thenComparing(Comparator.comparingLong(Candidate::size).reversed())
                .thenComparing(Candidate::predicates, Arrays::compare);

        final int n;
        final double mean;
        final long[] errorBits;
        final long[] scratch;
        long[][] bits;
        int[] feature;
        int[] level;
        long evaluated;
        /** The current best, worst at the head. */
        final PriorityQueue<Candidate> best = new PriorityQueue<>(ORDER.reversed());

        Search(int n, double mean, int words, long[] errorBits) {
            this.n = n;
            this.mean = mean;
            this.errorBits = errorBits;
            this.scratch = new long[words];
        }

        double score(long size, long errors) {
            return alpha * (((double) errors / size) / mean - 1) - (1 - alpha) * ((double) n / size - 1);
        }

        /**
         * The largest score of a slice whose size is at most {@code size} (and at least minSupport),
         * whose error sum is at most {@code errors} and whose row errors are at most
         * {@code maxError}: the score is piecewise monotone in the size, so the maximum is at
         * minSupport, at {@code errors / maxError} or at {@code size}.
         */
        double bound(long size, long errors, int maxError) {
            if (size < minSupport || maxError == 0 || errors == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            double ub = Double.NEGATIVE_INFINITY;
            double[] sizes = {minSupport, Math.min(size, Math.max(minSupport, (double) errors / maxError)), size};
            for (double sz : sizes) {
                double e = Math.min(errors, sz * maxError) / sz;
                ub = Math.max(ub, alpha * (e / mean - 1) - (1 - alpha) * (n / sz - 1));
            }
            return ub;
        }

        /** Whether a bound can still reach the result. */
        boolean promising(double ub) {
            if (!(ub > 0)) {
                return false;
            }
            return best.size() < top || ub >= best.peek().score;
        }

        /** Counts a slice's rows and errors, offers it to the result and returns it if its descendants may matter. */
        Node evaluate(int[] predicates) {
            evaluated++;
            long[] first = bits[predicates[0]];
            System.arraycopy(first, 0, scratch, 0, scratch.length);
            for (int k = 1; k < predicates.length; k++) {
                long[] b = bits[predicates[k]];
                for (int w = 0; w < scratch.length; w++) {
                    scratch[w] &= b[w];
                }
            }
            long size = 0;
            long errors = 0;
            for (int w = 0; w < scratch.length; w++) {
                size += Long.bitCount(scratch[w]);
                errors += Long.bitCount(scratch[w] & errorBits[w]);
            }
            if (size < minSupport) {
                return null;
            }
            double score = score(size, errors);
            if (score > 0) {
                Candidate c = new Candidate(predicates, size, errors, score);
                if (best.size() < top) {
                    best.add(c);
                } else if (ORDER.compare(c, best.peek()) < 0) {
                    best.poll();
                    best.add(c);
                }
            }
            return promising(bound(size, errors, errors > 0 ? 1 : 0)) ? new Node(predicates, size, errors) : null;
        }

        /** Joins the frontier of level {@code level - 1} into the next, pruning by the parents' bounds. */
        List<Node> nextLevel(List<Node> frontier, int level) {
            Map<Key, Node> byKey = new HashMap<>();
            for (Node node : frontier) {
                byKey.put(new Key(node.predicates), node);
            }
            frontier.sort((a, b) -> Arrays.compare(a.predicates, b.predicates));
            List<Node> next = new ArrayList<>();
            int[] parent = new int[level - 1];
            for (int i = 0; i < frontier.size(); i++) {
                int[] a = frontier.get(i).predicates;
                for (int j = i + 1; j < frontier.size(); j++) {
                    int[] b = frontier.get(j).predicates;
                    if (Arrays.compare(a, 0, level - 2, b, 0, level - 2) != 0) {
                        break;
                    }
                    if (feature[a[level - 2]] == feature[b[level - 2]]) {
                        continue;
                    }
                    int[] c = Arrays.copyOf(a, level);
                    c[level - 1] = b[level - 2];
                    long size = Long.MAX_VALUE;
                    long errors = Long.MAX_VALUE;
                    boolean all = true;
                    for (int drop = 0; drop < level && all; drop++) {
                        for (int k = 0, m = 0; k < level; k++) {
                            if (k != drop) {
                                parent[m++] = c[k];
                            }
                        }
                        Node p = byKey.get(new Key(parent));
                        if (p == null) {
                            all = false;
                        } else {
                            size = Math.min(size, p.size);
                            errors = Math.min(errors, p.errors);
                        }
                    }
                    if (!all || !promising(bound(size, errors, 1))) {
                        continue;
                    }
                    Node node = evaluate(c);
                    if (node != null) {
                        next.add(node);
                    }
                }
            }
            return next;
        }
    }

    /** Configures a {@link SliceFinder}. Not thread-safe; {@link #build()} returns an immutable finder. */
    public static final class Builder {
        private double alpha = 0.95;
        private int minSupport = 32;
        private int maxLevel = 2;
        private int top = 10;

        private Builder() {
        }

        /**
         * Sets the weight of the error term against the size term.
         *
         * @param alpha a weight in {@code (0, 1]}
         * @return this builder
         * @throws IllegalArgumentException if alpha is outside {@code (0, 1]}
         */
        public Builder alpha(double alpha) {
            if (!(alpha > 0 && alpha <= 1)) {
                throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
            }
            this.alpha = alpha;
            return this;
        }

        /**
         * Sets the fewest rows a slice may have.
         *
         * @param rows at least 1
         * @return this builder
         * @throws IllegalArgumentException if rows is below 1
         */
        public Builder minSupport(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("minSupport must be at least 1, got " + rows);
            }
            this.minSupport = rows;
            return this;
        }

        /**
         * Sets the most predicates in a slice.
         *
         * @param level at least 1
         * @return this builder
         * @throws IllegalArgumentException if level is below 1
         */
        public Builder maxLevel(int level) {
            if (level < 1) {
                throw new IllegalArgumentException("maxLevel must be at least 1, got " + level);
            }
            this.maxLevel = level;
            return this;
        }

        /**
         * Sets how many slices to return.
         *
         * @param k at least 1
         * @return this builder
         * @throws IllegalArgumentException if k is below 1
         */
        public Builder top(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("top must be at least 1, got " + k);
            }
            this.top = k;
            return this;
        }

        /**
         * Builds the finder.
         *
         * @return the finder
         */
        public SliceFinder build() {
            return new SliceFinder(this);
        }
    }
}
