package dev.fairway.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encoding of sensitive values to dense, sorted level codes, and of several columns to dense
 * codes of the combinations that occur. Not thread-safe; used while building.
 */
final class Levels {
    private Levels() {
    }

    /**
     * The order of group values: natural order when every value is {@link Comparable} and of one
     * class, otherwise by {@code String.valueOf}, then by class name.
     */
    static void sort(List<Object> values) {
        boolean natural = !values.isEmpty() && values.get(0) instanceof Comparable;
        Class<?> type = natural ? values.get(0).getClass() : null;
        for (Object v : values) {
            natural &= v.getClass() == type;
        }
        if (natural) {
            values.sort(Levels::compareNatural);
        } else {
            values.sort(Comparator.comparing((Object v) -> String.valueOf(v)).thenComparing(v -> v.getClass().getName()));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareNatural(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    /** Rejects two distinct values with the same text, which would make reports ambiguous. */
    static void checkDistinctText(String column, List<Object> levels) {
        Map<String, Object> seen = new HashMap<>();
        for (Object v : levels) {
            Object prior = seen.put(String.valueOf(v), v);
            if (prior != null) {
                throw new IllegalArgumentException("sensitive column '" + column + "' has two distinct values that"
                        + " print as '" + v + "' (" + prior.getClass().getSimpleName() + " and "
                        + v.getClass().getSimpleName() + ")");
            }
        }
    }

    /**
     * Encodes object values: fills {@code codes} with the sorted level of each row and returns
     * the levels.
     */
    static List<Object> encode(String column, List<?> values, Object nullGroup, int[] codes) {
        Map<Object, Integer> firstSeen = new HashMap<>();
        List<Object> seenOrder = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            Object v = values.get(i);
            if (v == null) {
                if (nullGroup == null) {
                    throw new IllegalArgumentException("sensitive column '" + column + "' is null at row " + i
                            + "; map nulls to a named group with nullGroup(...)");
                }
                v = nullGroup;
            }
            Integer code = firstSeen.get(v);
            if (code == null) {
                code = seenOrder.size();
                firstSeen.put(v, code);
                seenOrder.add(v);
            }
            codes[i] = code;
        }
        return sortAndRemap(column, seenOrder, codes);
    }

    /** Encodes dictionary codes ({@code -1} for null) given their levels. */
    static List<Object> encode(String column, int[] dictCodes, List<?> dictLevels, Object nullGroup, int[] codes) {
        int k = dictLevels.size();
        for (int j = 0; j < k; j++) {
            if (dictLevels.get(j) == null) {
                throw new IllegalArgumentException("sensitive column '" + column + "' has a null level at index " + j
                        + "; use code -1 for null rows");
            }
        }
        int[] used = new int[k + 1];
        Arrays.fill(used, -1);
        List<Object> seenOrder = new ArrayList<>();
        Map<Object, Integer> byValue = new HashMap<>();
        for (int i = 0; i < codes.length; i++) {
            int d = dictCodes[i];
            if (d < -1 || d >= k) {
                throw new IllegalArgumentException("sensitive column '" + column + "' has code " + d + " at row " + i
                        + ", outside -1.." + (k - 1));
            }
            if (d == -1 && nullGroup == null) {
                throw new IllegalArgumentException("sensitive column '" + column + "' is null at row " + i
                        + "; map nulls to a named group with nullGroup(...)");
            }
            int slot = d + 1;
            if (used[slot] < 0) {
                Object v = d == -1 ? nullGroup : dictLevels.get(d);
                Integer code = byValue.get(v);
                if (code == null) {
                    code = seenOrder.size();
                    byValue.put(v, code);
                    seenOrder.add(v);
                }
                used[slot] = code;
            }
            codes[i] = used[slot];
        }
        return sortAndRemap(column, seenOrder, codes);
    }

    private static List<Object> sortAndRemap(String column, List<Object> seenOrder, int[] codes) {
        List<Object> sorted = new ArrayList<>(seenOrder);
        sort(sorted);
        checkDistinctText(column, sorted);
        Map<Object, Integer> rank = new HashMap<>();
        for (int j = 0; j < sorted.size(); j++) {
            rank.put(sorted.get(j), j);
        }
        int[] remap = new int[seenOrder.size()];
        for (int j = 0; j < remap.length; j++) {
            remap[j] = rank.get(seenOrder.get(j));
        }
        for (int i = 0; i < codes.length; i++) {
            codes[i] = remap[codes[i]];
        }
        return sorted;
    }

    /**
     * Combines per-column level codes into dense codes of the combinations that occur, in
     * lexicographic order of the levels. Returns the row codes; {@code levelOf[c][g]} receives
     * each group's level in each column.
     */
    static int[] combine(int[][] columnCodes, int[] levelCounts, int[][][] levelOfOut) {
        int columns = columnCodes.length;
        int n = columnCodes[0].length;
        int[] codes = columnCodes[0].clone();
        int groups = levelCounts[0];
        // levelOf for the current prefix of columns
        int[][] levelOf = new int[1][groups];
        for (int g = 0; g < groups; g++) {
            levelOf[0][g] = g;
        }
        // Column 0's levels all occur by construction; drop none.
        for (int c = 1; c < columns; c++) {
            long radix = levelCounts[c];
            long space = groups * radix;
            int[] next = new int[n];
            int[] col = columnCodes[c];
            long[] distinct;
            if (space <= Math.max(1L << 22, 4L * n)) {
                int[] present = new int[(int) space];
                for (int i = 0; i < n; i++) {
                    present[(int) (codes[i] * radix + col[i])] = 1;
                }
                int rank = 0;
                for (int k = 0; k < present.length; k++) {
                    if (present[k] != 0) {
                        present[k] = ++rank;
                    }
                }
                distinct = new long[rank];
                for (int k = 0; k < present.length; k++) {
                    if (present[k] != 0) {
                        distinct[present[k] - 1] = k;
                    }
                }
                for (int i = 0; i < n; i++) {
                    next[i] = present[(int) (codes[i] * radix + col[i])] - 1;
                }
            } else {
                long[] keys = new long[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = codes[i] * radix + col[i];
                }
                long[] sorted = keys.clone();
                Arrays.sort(sorted);
                int m = 0;
                for (int i = 0; i < n; i++) {
                    if (i == 0 || sorted[i] != sorted[i - 1]) {
                        sorted[m++] = sorted[i];
                    }
                }
                distinct = Arrays.copyOf(sorted, m);
                for (int i = 0; i < n; i++) {
                    next[i] = Arrays.binarySearch(distinct, keys[i]);
                }
            }
            int[][] nextLevelOf = new int[c + 1][distinct.length];
            for (int g = 0; g < distinct.length; g++) {
                int prefix = (int) (distinct[g] / radix);
                for (int p = 0; p < c; p++) {
                    nextLevelOf[p][g] = levelOf[p][prefix];
                }
                nextLevelOf[c][g] = (int) (distinct[g] % radix);
            }
            levelOf = nextLevelOf;
            codes = next;
            groups = distinct.length;
        }
        levelOfOut[0] = levelOf;
        return codes;
    }
}
