package dev.fairway.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The groups of an audit: the sensitive columns, the groups that occur (each a combination of
 * one value per column, in sorted order) and, for intersections, how each group rolls up to
 * each single column.
 *
 * <p>Group codes are dense, {@code 0 .. size()-1}. Combinations that never occur in the data
 * have no code and are never reported. Immutable and thread-safe.
 */
public final class GroupIndex {
    private final List<String> columns;
    private final List<List<Object>> levels;
    /** levelOf[c][g]: the level of column c in group g. */
    private final int[][] levelOf;
    private final List<Group> groups;

    GroupIndex(List<String> columns, List<List<Object>> levels, int[][] levelOf) {
        this.columns = List.copyOf(columns);
        List<List<Object>> lv = new ArrayList<>(levels.size());
        for (List<Object> l : levels) {
            lv.add(Collections.unmodifiableList(new ArrayList<>(l)));
        }
        this.levels = Collections.unmodifiableList(lv);
        this.levelOf = levelOf;
        int n = levelOf[0].length;
        List<Group> gs = new ArrayList<>(n);
        for (int g = 0; g < n; g++) {
            List<Object> values = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                values.add(levels.get(c).get(levelOf[c][g]));
            }
            gs.add(new Group(columns, values));
        }
        this.groups = Collections.unmodifiableList(gs);
    }

    /**
     * Builds an index over declared groups, for counting decisions as they arrive (live counts)
     * rather than from data. Each group is one value per column; groups get codes in the order an
     * audit of the same data would give them (levels sorted per column, combinations sorted), so a
     * table built on this index merges with an audit's table group by group.
     *
     * @param columns the sensitive column names
     * @param groups the groups, each a list of one non-null value per column
     * @return the index
     * @throws IllegalArgumentException if there are no columns or no groups, a group has the wrong
     *     number of values or a null value, a group is listed twice, or two distinct values of a
     *     column print alike
     */
    public static GroupIndex of(List<String> columns, List<? extends List<?>> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("at least one group is needed");
        }
        List<List<Object>> tuples = new ArrayList<>(groups.size());
        for (List<?> g : groups) {
            tuples.add(new ArrayList<>(g));
        }
        return canonical(List.copyOf(columns), tuples).index();
    }

    /**
     * Returns the sensitive column names, in audit order.
     *
     * @return the columns
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the number of groups that occur.
     *
     * @return the number of groups
     */
    public int size() {
        return groups.size();
    }

    /**
     * Returns the groups, indexed by group code.
     *
     * @return the groups
     */
    public List<Group> groups() {
        return groups;
    }

    /**
     * Returns a group by code.
     *
     * @param code the group code
     * @return the group
     * @throws IndexOutOfBoundsException if the code is not in {@code 0 .. size()-1}
     */
    public Group group(int code) {
        return groups.get(code);
    }

    /**
     * Returns the distinct values of one column, sorted, as they appear in groups.
     *
     * @param column the column name
     * @return the values
     * @throws IllegalArgumentException if there is no such column
     */
    public List<Object> levels(String column) {
        return levels.get(columnIndex(column));
    }

    /**
     * Finds the group whose values, written as strings, equal the given ones. Every column
     * must be named.
     *
     * @param values column name to value (as text, compared with {@code String.valueOf})
     * @return the group code
     * @throws IllegalArgumentException if a column is unknown or missing, or no group matches
     */
    public int find(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        for (String c : values.keySet()) {
            columnIndex(c);
        }
        if (!values.keySet().containsAll(columns)) {
            throw new IllegalArgumentException("a group must name every column " + columns + ", got " + values.keySet());
        }
        for (int g = 0; g < groups.size(); g++) {
            boolean match = true;
            for (int c = 0; c < columns.size() && match; c++) {
                match = String.valueOf(groups.get(g).values().get(c)).equals(values.get(columns.get(c)));
            }
            if (match) {
                return g;
            }
        }
        throw new IllegalArgumentException("no group " + values + " in the data; groups are " + groups);
    }

    int columnIndex(String column) {
        int i = columns.indexOf(Objects.requireNonNull(column, "column"));
        if (i < 0) {
            throw new IllegalArgumentException("unknown sensitive column '" + column + "'; columns are " + columns);
        }
        return i;
    }

    /** Maps each group to its level in one column: the roll-up to that column's marginal. */
    int[] marginalMap(int column) {
        return levelOf[column].clone();
    }

    /** The index of a single column's marginal groups: one group per level. */
    GroupIndex marginal(int column) {
        int k = levels.get(column).size();
        int[] identity = new int[k];
        for (int i = 0; i < k; i++) {
            identity[i] = i;
        }
        return new GroupIndex(List.of(columns.get(column)), List.of(levels.get(column)), new int[][] {identity});
    }

    /**
     * The index of some of this index's groups, in the same order; each column keeps only the
     * levels its retained groups use.
     *
     * @param codes the retained group codes, ascending, at least one
     */
    GroupIndex subset(int[] codes) {
        int cols = columns.size();
        List<List<Object>> lv = new ArrayList<>(cols);
        int[][] of = new int[cols][codes.length];
        for (int c = 0; c < cols; c++) {
            int[] newLevel = new int[levels.get(c).size()];
            Arrays.fill(newLevel, -1);
            for (int code : codes) {
                newLevel[levelOf[c][code]] = 0;
            }
            List<Object> kept = new ArrayList<>();
            for (int l = 0; l < newLevel.length; l++) {
                if (newLevel[l] == 0) {
                    newLevel[l] = kept.size();
                    kept.add(levels.get(c).get(l));
                }
            }
            lv.add(kept);
            for (int i = 0; i < codes.length; i++) {
                of[c][i] = newLevel[levelOf[c][codes[i]]];
            }
        }
        return new GroupIndex(columns, lv, of);
    }

    /** The union of two indices over the same columns, and where each side's groups land. */
    record Union(GroupIndex index, int[] left, int[] right) {
    }

    /** Builds the union of two indices over the same columns, groups sorted as in encoding. */
    static Union union(GroupIndex a, GroupIndex b) {
        int cols = a.columns.size();
        List<List<Object>> levels = new ArrayList<>(cols);
        List<Map<Object, Integer>> rank = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            LinkedHashSet<Object> set = new LinkedHashSet<>(a.levels.get(c));
            set.addAll(b.levels.get(c));
            List<Object> lv = new ArrayList<>(set);
            Levels.sort(lv);
            Levels.checkDistinctText(a.columns.get(c), lv);
            Map<Object, Integer> r = new HashMap<>();
            for (int j = 0; j < lv.size(); j++) {
                r.put(lv.get(j), j);
            }
            levels.add(lv);
            rank.add(r);
        }
        int[][] ta = tuples(a, rank);
        int[][] tb = tuples(b, rank);
        TreeMap<int[], Integer> sorted = new TreeMap<>(Arrays::compare);
        for (int[] t : ta) {
            sorted.put(t, 0);
        }
        for (int[] t : tb) {
            sorted.put(t, 0);
        }
        int[][] levelOf = new int[cols][sorted.size()];
        int code = 0;
        for (Map.Entry<int[], Integer> e : sorted.entrySet()) {
            e.setValue(code);
            for (int c = 0; c < cols; c++) {
                levelOf[c][code] = e.getKey()[c];
            }
            code++;
        }
        int[] left = new int[ta.length];
        for (int g = 0; g < ta.length; g++) {
            left[g] = sorted.get(ta[g]);
        }
        int[] right = new int[tb.length];
        for (int g = 0; g < tb.length; g++) {
            right[g] = sorted.get(tb[g]);
        }
        return new Union(new GroupIndex(a.columns, levels, levelOf), left, right);
    }

    /** An index built from group tuples in any order, and where each input tuple landed. */
    record Canonical(GroupIndex index, int[] codeOf) {
    }

    /**
     * Builds the index of the given groups (one value per column each, in any order): levels and
     * groups sorted as in encoding.
     *
     * @throws IllegalArgumentException if a tuple has the wrong size, a null value, or occurs twice
     */
    static Canonical canonical(List<String> columns, List<List<Object>> groups) {
        int cols = columns.size();
        if (cols == 0) {
            throw new IllegalArgumentException("at least one sensitive column is needed");
        }
        if (new HashSet<>(columns).size() != cols) {
            throw new IllegalArgumentException("sensitive columns " + columns + " name a column twice");
        }
        List<Map<Object, Integer>> rank = new ArrayList<>(cols);
        List<List<Object>> levels = new ArrayList<>(cols);
        for (int c = 0; c < cols; c++) {
            LinkedHashSet<Object> set = new LinkedHashSet<>();
            for (int g = 0; g < groups.size(); g++) {
                List<Object> t = groups.get(g);
                if (t.size() != cols) {
                    throw new IllegalArgumentException("group " + g + " has " + t.size() + " values for the "
                            + cols + " columns " + columns);
                }
                if (t.get(c) == null) {
                    throw new IllegalArgumentException("group " + g + " has a null value in column '" + columns.get(c)
                            + "'");
                }
                set.add(t.get(c));
            }
            List<Object> lv = new ArrayList<>(set);
            Levels.sort(lv);
            Levels.checkDistinctText(columns.get(c), lv);
            Map<Object, Integer> r = new HashMap<>();
            for (int j = 0; j < lv.size(); j++) {
                r.put(lv.get(j), j);
            }
            levels.add(lv);
            rank.add(r);
        }
        int[][] tuples = new int[groups.size()][cols];
        TreeMap<int[], Integer> sorted = new TreeMap<>(Arrays::compare);
        for (int g = 0; g < groups.size(); g++) {
            for (int c = 0; c < cols; c++) {
                tuples[g][c] = rank.get(c).get(groups.get(g).get(c));
            }
            if (sorted.put(tuples[g], g) != null) {
                throw new IllegalArgumentException("group " + groups.get(g) + " occurs twice");
            }
        }
        int[][] levelOf = new int[cols][groups.size()];
        int[] codeOf = new int[groups.size()];
        int code = 0;
        for (Map.Entry<int[], Integer> e : sorted.entrySet()) {
            codeOf[e.getValue()] = code;
            for (int c = 0; c < cols; c++) {
                levelOf[c][code] = e.getKey()[c];
            }
            code++;
        }
        return new Canonical(new GroupIndex(columns, levels, levelOf), codeOf);
    }

    /** The levels of one column by position, for the state format. */
    List<Object> levelsAt(int column) {
        return levels.get(column);
    }

    /** The level of a column in a group, for the state format. */
    int levelOf(int column, int group) {
        return levelOf[column][group];
    }

    private static int[][] tuples(GroupIndex x, List<Map<Object, Integer>> rank) {
        int[][] t = new int[x.size()][x.columns.size()];
        for (int g = 0; g < x.size(); g++) {
            for (int c = 0; c < x.columns.size(); c++) {
                t[g][c] = rank.get(c).get(x.levels.get(c).get(x.levelOf[c][g]));
            }
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupIndex other && columns.equals(other.columns) && groups.equals(other.groups);
    }

    @Override
    public int hashCode() {
        return columns.hashCode() * 31 + groups.hashCode();
    }

    @Override
    public String toString() {
        return "GroupIndex" + columns + groups;
    }
}
