package dev.fairway.fairness.scores;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Group values as dense codes, groups sorted by their text (as pandas' groupby sorts strings). */
final class GroupColumn {
    final List<String> names;
    final int[] codes;
    final int[][] members;

    private GroupColumn(List<String> names, int[] codes, int[][] members) {
        this.names = names;
        this.codes = codes;
        this.members = members;
    }

    static GroupColumn of(String column, List<?> values, int rows) {
        Objects.requireNonNull(values, column);
        if (values.size() != rows) {
            throw new IllegalArgumentException("column '" + column + "' has " + values.size() + " rows, expected " + rows);
        }
        Map<String, Integer> index = new TreeMap<>();
        for (int i = 0; i < rows; i++) {
            Object v = values.get(i);
            if (v == null) {
                throw new IllegalArgumentException("column '" + column + "' is null at row " + i);
            }
            index.putIfAbsent(v.toString(), 0);
        }
        List<String> names = new ArrayList<>(index.keySet());
        for (int g = 0; g < names.size(); g++) {
            index.put(names.get(g), g);
        }
        int[] codes = new int[rows];
        int[] sizes = new int[names.size()];
        for (int i = 0; i < rows; i++) {
            codes[i] = index.get(values.get(i).toString());
            sizes[codes[i]]++;
        }
        int[][] members = new int[names.size()][];
        for (int g = 0; g < sizes.length; g++) {
            members[g] = new int[sizes[g]];
        }
        int[] fill = new int[names.size()];
        for (int i = 0; i < rows; i++) {
            members[codes[i]][fill[codes[i]]++] = i;
        }
        return new GroupColumn(List.copyOf(names), codes, members);
    }

    static void checkWeights(double[] weights, int rows) {
        if (weights == null) {
            return;
        }
        if (weights.length != rows) {
            throw new IllegalArgumentException("weights have " + weights.length + " rows, expected " + rows);
        }
        for (int i = 0; i < rows; i++) {
            if (!(weights[i] >= 0) || weights[i] == Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException("weight at row " + i + " must be finite and at least 0, got " + weights[i]);
            }
        }
    }
}
