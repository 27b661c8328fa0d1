package dev.fairway.explain.trees;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random tree ensembles for the brute-force and property tests: random features (repeats on
 * a path included), float32 thresholds on a small grid (so rows hit them exactly), random default
 * directions, random leaf values, and covers that add up from random positive leaf covers.
 */
final class RandomTrees {
    private RandomTrees() {
    }

    static TreeEnsemble ensemble(SplittableRandom rng, int features, int trees, int maxDepth, Objective objective,
            int outputs) {
        int total = 0;
        int[][] l = new int[trees][];
        int[][] r = new int[trees][];
        int[][] f = new int[trees][];
        float[][] thr = new float[trees][];
        boolean[][] dl = new boolean[trees][];
        double[][] val = new double[trees][];
        double[][] cov = new double[trees][];
        int depth = 0;
        for (int t = 0; t < trees; t++) {
            int cap = (1 << (maxDepth + 1)) - 1;
            l[t] = new int[cap];
            r[t] = new int[cap];
            f[t] = new int[cap];
            thr[t] = new float[cap];
            dl[t] = new boolean[cap];
            val[t] = new double[cap];
            cov[t] = new double[cap];
            int[] count = {0};
            depth = Math.max(depth, grow(rng, features, maxDepth, 0, count, l[t], r[t], f[t], thr[t], dl[t], val[t], cov[t]));
            int n = count[0];
            l[t] = java.util.Arrays.copyOf(l[t], n);
            r[t] = java.util.Arrays.copyOf(r[t], n);
            f[t] = java.util.Arrays.copyOf(f[t], n);
            thr[t] = java.util.Arrays.copyOf(thr[t], n);
            dl[t] = java.util.Arrays.copyOf(dl[t], n);
            val[t] = java.util.Arrays.copyOf(val[t], n);
            cov[t] = java.util.Arrays.copyOf(cov[t], n);
            total += n;
        }
        int[] left = new int[total];
        int[] right = new int[total];
        int[] missing = new int[total];
        int[] feature = new int[total];
        float[] threshold = new float[total];
        double[] value = new double[total];
        double[] cover = new double[total];
        int[] roots = new int[trees];
        int[] group = new int[trees];
        int base = 0;
        for (int t = 0; t < trees; t++) {
            roots[t] = base;
            group[t] = t % outputs;
            for (int i = 0; i < l[t].length; i++) {
                boolean leaf = l[t][i] < 0;
                left[base + i] = leaf ? TreeEnsemble.LEAF : base + l[t][i];
                right[base + i] = leaf ? TreeEnsemble.LEAF : base + r[t][i];
                missing[base + i] = leaf ? TreeEnsemble.LEAF : dl[t][i] ? left[base + i] : right[base + i];
                feature[base + i] = f[t][i];
                threshold[base + i] = thr[t][i];
                value[base + i] = val[t][i];
                cover[base + i] = cov[t][i];
            }
            base += l[t].length;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            names.add("x" + j);
        }
        float baseScore = objective == Objective.BINARY_LOGISTIC || objective == Objective.COUNT_POISSON ? 0.4f : 0.25f;
        return new TreeEnsemble(objective, names, outputs, baseScore, left, right, missing, feature, threshold, value, cover,
                roots, group, depth);
    }

    /** Grows a subtree at the next free slot; returns its depth below the tree's root. */
    private static int grow(SplittableRandom rng, int features, int maxDepth, int d, int[] count, int[] l, int[] r, int[] f,
            float[] thr, boolean[] dl, double[] val, double[] cov) {
        int n = count[0]++;
        if (d == maxDepth || (d > 0 && rng.nextInt(4) == 0)) {
            l[n] = -1;
            r[n] = -1;
            val[n] = (float) (rng.nextDouble() * 2 - 1);
            cov[n] = 0.5 + rng.nextInt(20);
            return d;
        }
        f[n] = rng.nextInt(features);
        thr[n] = (float) (rng.nextInt(9) - 4) / 2;
        dl[n] = rng.nextBoolean();
        int a = grow(rng, features, maxDepth, d + 1, count, l, r, f, thr, dl, val, cov);
        l[n] = n + 1;
        int rc = count[0];
        int b = grow(rng, features, maxDepth, d + 1, count, l, r, f, thr, dl, val, cov);
        r[n] = rc;
        cov[n] = cov[l[n]] + cov[rc];
        return Math.max(a, b);
    }

    /** A random row on the thresholds' grid (values at thresholds included), with some NaN. */
    static double[] row(SplittableRandom rng, int features, boolean missing) {
        double[] x = new double[features];
        for (int j = 0; j < features; j++) {
            x[j] = missing && rng.nextInt(6) == 0 ? Double.NaN : (rng.nextInt(11) - 5) / 2.0 + (rng.nextBoolean() ? 0 : 0.25);
        }
        return x;
    }
}
