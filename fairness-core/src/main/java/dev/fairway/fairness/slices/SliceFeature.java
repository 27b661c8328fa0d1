package dev.fairway.fairness.slices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One feature of a slice search, dictionary-encoded: each row's level code, or -1 where the value
 * is missing (a missing value is in no predicate on that feature).
 *
 * <p>Immutable and thread-safe (the arrays are copied in and never handed out).
 *
 * @param name the feature's name
 * @param codes each row's level, {@code -1 .. levels.size() - 1}
 * @param levels the text of each level, as printed in a predicate
 */
public record SliceFeature(String name, int[] codes, List<String> levels) {
    /** Validates and copies the feature. */
    public SliceFeature {
        Objects.requireNonNull(name, "name");
        codes = Objects.requireNonNull(codes, "codes").clone();
        levels = List.copyOf(levels);
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < -1 || codes[i] >= levels.size()) {
                throw new IllegalArgumentException("feature '" + name + "' row " + i + " has level " + codes[i]
                        + " outside -1.." + (levels.size() - 1));
            }
        }
    }

    /** The level codes (a copy). */
    @Override
    public int[] codes() {
        return codes.clone();
    }

    /** The level codes without a copy, for this package. */
    int[] codesView() {
        return codes;
    }

    /**
     * A categorical feature: one level per distinct value (by {@code equals}), in order of first
     * appearance, printed with {@code String.valueOf}; {@code null} is missing.
     *
     * @param name the feature's name
     * @param values one value per row
     * @return the feature
     */
    public static SliceFeature categorical(String name, Object[] values) {
        Objects.requireNonNull(values, "values");
        Map<Object, Integer> index = new HashMap<>();
        List<String> levels = new ArrayList<>();
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            codes[i] = v == null ? -1 : index.computeIfAbsent(v, k -> {
                levels.add(String.valueOf(k));
                return levels.size() - 1;
            });
        }
        return new SliceFeature(name, codes, levels);
    }

    /**
     * A numeric feature binned into at most {@code bins} quantile bins. The edges are the values at
     * ranks {@code floor(k * m / bins)} ({@code k = 1 .. bins - 1}) of the {@code m} sorted non-NaN
     * values, duplicates dropped; bin {@code j} holds {@code [edge_j, edge_j+1)}, the first bin
     * everything below the first edge and the last everything from the last edge up, printed as
     * {@code [a, b)}, {@code < b} and {@code >= a}. NaN is missing.
     *
     * @param name the feature's name
     * @param values one value per row
     * @param bins the most bins, at least 2
     * @return the feature
     * @throws IllegalArgumentException if {@code bins < 2} or a value is infinite
     */
    public static SliceFeature numeric(String name, double[] values, int bins) {
        Objects.requireNonNull(values, "values");
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be at least 2, got " + bins);
        }
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        for (double v : sorted) {
            if (Double.isInfinite(v)) {
                throw new IllegalArgumentException("feature '" + name + "' has an infinite value");
            }
        }
        double[] edges = new double[bins - 1];
        int e = 0;
        for (int k = 1; k < bins && sorted.length > 0; k++) {
            double edge = sorted[(int) ((long) k * sorted.length / bins)];
            if (edge > sorted[0] && (e == 0 || edge > edges[e - 1])) {
                edges[e++] = edge;
            }
        }
        edges = Arrays.copyOf(edges, e);
        List<String> levels = new ArrayList<>();
        if (e == 0) {
            levels.add("all");
        } else {
            levels.add("< " + num(edges[0]));
            for (int j = 1; j < e; j++) {
                levels.add("[" + num(edges[j - 1]) + ", " + num(edges[j]) + ")");
            }
            levels.add(">= " + num(edges[e - 1]));
        }
        int[] codes = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                codes[i] = -1;
                continue;
            }
            int pos = Arrays.binarySearch(edges, values[i]);
            codes[i] = pos >= 0 ? pos + 1 : -pos - 1;
        }
        return new SliceFeature(name, codes, levels);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.6g", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SliceFeature f && name.equals(f.name) && Arrays.equals(codes, f.codes)
                && levels.equals(f.levels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(codes), levels);
    }

    @Override
    public String toString() {
        return "SliceFeature[" + name + ", " + codes.length + " rows, " + levels.size() + " levels]";
    }
}
