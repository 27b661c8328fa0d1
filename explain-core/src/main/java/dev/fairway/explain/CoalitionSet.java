package dev.fairway.explain;

import java.util.Arrays;

/**
 * A growable multiset of coalitions (bit masks) with weights, on primitive arrays; duplicates are
 * merged, their weights added, by {@link #compact()}. Not thread-safe: one per explanation.
 */
final class CoalitionSet {
    private long[] masks = new long[64];
    private double[] weights = new double[64];
    private int size;

    void add(long mask, double weight) {
        if (size == masks.length) {
            masks = Arrays.copyOf(masks, size * 2);
            weights = Arrays.copyOf(weights, size * 2);
        }
        masks[size] = mask;
        weights[size] = weight;
        size++;
    }

    /** Merges duplicate masks; afterwards masks are ascending and distinct. */
    void compact() {
        long[] unique = Arrays.copyOf(masks, size);
        Arrays.sort(unique);
        int u = 0;
        for (int i = 0; i < unique.length; i++) {
            if (i == 0 || unique[i] != unique[i - 1]) {
                unique[u++] = unique[i];
            }
        }
        unique = Arrays.copyOf(unique, u);
        double[] w = new double[u];
        for (int i = 0; i < size; i++) {
            w[Arrays.binarySearch(unique, masks[i])] += weights[i];
        }
        masks = unique;
        weights = w;
        size = u;
    }

    int size() {
        return size;
    }

    long[] masks() {
        return masks;
    }

    double[] weights() {
        return weights;
    }
}
