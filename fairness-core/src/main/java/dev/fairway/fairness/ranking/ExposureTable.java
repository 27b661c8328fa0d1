package dev.fairway.fairness.ranking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per-group exposure of ranked lists, kept as mergeable sums: for every group, the number of
 * lists it appears in, its number of items, the sum over lists of its mean exposure per item, the
 * sum of its position weights and the sum of its items' relevance. Every figure is a function of
 * these sums; the lists themselves are never held.
 *
 * <p>Definitions, for a browsing model with weight w(i) at 1-based rank i:
 * <ul>
 *   <li>the exposure of group g in one list is (Σ<sub>i ∈ g</sub> w(i)) / n<sub>g</sub>, the mean
 *       exposure per item of g in that list;</li>
 *   <li>{@link #exposure(String)} is the mean of that over the lists in which g appears; with
 *       stochastic rankings record every sample as a list, and this is the mean over samples
 *       (FairRankTune sums over samples instead);</li>
 *   <li>{@link #ratio()} is min<sub>g</sub> / max<sub>g</sub> of the exposures over the groups that
 *       appear, {@link #difference()} is max − min; with fewer than two groups both are undefined
 *       (NaN) and {@link #undefinedReason()} says why, never 1.0 or 0.0;</li>
 *   <li>{@link #exposureShare(String)} is g's share of all position weight,
 *       {@link #populationShare(String)} its share of items and {@link #relevanceShare(String)} its
 *       share of relevance (Singh and Joachims' disparate treatment compares the last two, see
 *       {@link #treatmentRatio()}).</li>
 * </ul>
 *
 * <p>Sums are kept in fixed point (see the package documentation): each list's contribution is
 * computed in double precision in rank order, then rounded once to 2<sup>-62</sup> and added
 * exactly, so {@link #merge} is associative and commutative bit for bit and a table counted in
 * any split of the lists equals the table counted in one pass. Groups are identified by name;
 * codes from {@link #code(String)} are local to one table.
 *
 * <p>A table has a versioned state format, binary ({@link #toBytes()}) and JSON
 * ({@link #toJson()}), that carries every sum exactly, so tables written on one machine merge
 * exactly on another.
 *
 * <p>Not thread-safe: one table per thread (or window), merged afterwards. {@link #copy()} gives
 * a snapshot.
 */
public final class ExposureTable {
    private final Map<String, Integer> codes = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private long[] lists = new long[8];
    private long[] items = new long[8];
    private long[] meanExposure = new long[16];
    private long[] exposure = new long[16];
    private long[] relevance = new long[16];
    private long totalLists;
    private boolean relevanceRecorded;

    // per-list scratch
    private int[] listCount = new int[8];
    private double[] listWeight = new double[8];
    private double[] listRelevance = new double[8];
    private int[] touched = new int[8];
    private double[] weightScratch = new double[16];

    private ExposureTable() {
    }

    /**
     * An empty table, the identity of {@link #merge}.
     *
     * @return a new empty table
     */
    public static ExposureTable empty() {
        return new ExposureTable();
    }

    /**
     * The code of a group in this table, adding the group if it is new. A group added but never
     * seen in a list does not count as present.
     *
     * @param group the group's name
     * @return its code, for {@link #record(int[], int, double[], double[])}
     */
    public int code(String group) {
        Objects.requireNonNull(group, "group");
        Integer c = codes.get(group);
        if (c != null) {
            return c;
        }
        int code = names.size();
        codes.put(group, code);
        names.add(group);
        if (code == lists.length) {
            int n = code * 2;
            lists = Arrays.copyOf(lists, n);
            items = Arrays.copyOf(items, n);
            meanExposure = Arrays.copyOf(meanExposure, 2 * n);
            exposure = Arrays.copyOf(exposure, 2 * n);
            relevance = Arrays.copyOf(relevance, 2 * n);
            listCount = Arrays.copyOf(listCount, n);
            listWeight = Arrays.copyOf(listWeight, n);
            listRelevance = Arrays.copyOf(listRelevance, n);
            touched = Arrays.copyOf(touched, n);
        }
        return code;
    }

    /**
     * Records one list, its items in rank order (index 0 is rank 1).
     *
     * @param groupCodes the group code of each item, from {@link #code(String)}
     * @param n the list length (at least 1)
     * @param weights the position weights w(1)..w(n), each finite and in [0, 2<sup>53</sup>]
     * @param itemRelevance the relevance of each item (finite, &gt;= 0), or {@code null} when unknown
     * @throws IllegalArgumentException if the list is empty, a code is unknown, or a weight or
     *     relevance is out of range; the table is unchanged
     */
    public void record(int[] groupCodes, int n, double[] weights, double[] itemRelevance) {
        Objects.requireNonNull(groupCodes, "groupCodes");
        Objects.requireNonNull(weights, "weights");
        if (n < 1) {
            throw new IllegalArgumentException("a ranked list needs at least one item, got " + n);
        }
        if (groupCodes.length < n || weights.length < n || (itemRelevance != null && itemRelevance.length < n)) {
            throw new IllegalArgumentException("arrays shorter than the list length " + n);
        }
        if (totalLists > 0 && relevanceRecorded != (itemRelevance != null)) {
            throw new IllegalArgumentException("record relevance for every list or for none");
        }
        int t = 0;
        try {
            for (int i = 0; i < n; i++) {
                int g = groupCodes[i];
                if (g < 0 || g >= names.size()) {
                    throw new IllegalArgumentException("unknown group code " + g + " at rank " + (i + 1));
                }
                double w = weights[i];
                if (!(w >= 0 && w <= FixedSum.MAX)) {
                    FixedSum.check("position weight at rank " + (i + 1), w);
                }
                if (itemRelevance != null && !(itemRelevance[i] >= 0 && itemRelevance[i] <= FixedSum.MAX)) {
                    FixedSum.check("relevance at rank " + (i + 1), itemRelevance[i]);
                }
                if (listCount[g]++ == 0) {
                    touched[t++] = g;
                }
                listWeight[g] += w;
                if (itemRelevance != null) {
                    listRelevance[g] += itemRelevance[i];
                }
            }
            for (int j = 0; j < t; j++) {
                FixedSum.check("summed position weight", listWeight[touched[j]]);
                FixedSum.check("summed relevance", listRelevance[touched[j]]);
            }
            for (int j = 0; j < t; j++) {
                int g = touched[j];
                lists[g]++;
                items[g] += listCount[g];
                FixedSum.add(meanExposure, g, listWeight[g] / listCount[g]);
                FixedSum.add(exposure, g, listWeight[g]);
                FixedSum.add(relevance, g, listRelevance[g]);
            }
            totalLists++;
            relevanceRecorded = itemRelevance != null;
        } finally {
            for (int j = 0; j < t; j++) {
                int g = touched[j];
                listCount[g] = 0;
                listWeight[g] = 0;
                listRelevance[g] = 0;
            }
        }
    }

    /**
     * Records one list given by its items' groups in rank order, weighting positions with a
     * browsing model. This is the entry point for a serving path: one call per slate shown.
     *
     * @param groupsByRank the group of the item at rank 1, 2, ...
     * @param model the browsing model
     * @param itemRelevance the relevance per item in rank order, or {@code null} (gerr needs it)
     * @throws IllegalArgumentException as {@link #record(int[], int, double[], double[])}
     */
    public void record(List<String> groupsByRank, BrowsingModel model, double[] itemRelevance) {
        Objects.requireNonNull(groupsByRank, "groupsByRank");
        Objects.requireNonNull(model, "model");
        int n = groupsByRank.size();
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = code(groupsByRank.get(i));
        }
        if (weightScratch.length < n) {
            weightScratch = new double[Math.max(n, 2 * weightScratch.length)];
        }
        if (n > 0) {
            model.weights(n, itemRelevance, weightScratch);
        }
        record(c, n, weightScratch, itemRelevance);
    }

    /**
     * Adds two tables, aligning groups by name. Neither input changes.
     *
     * @param other the other table
     * @return a new table holding both
     * @throws IllegalArgumentException if one table recorded relevance and the other did not
     */
    public ExposureTable merge(ExposureTable other) {
        Objects.requireNonNull(other, "other");
        if (totalLists > 0 && other.totalLists > 0 && relevanceRecorded != other.relevanceRecorded) {
            throw new IllegalArgumentException("cannot merge a table with relevance and one without");
        }
        ExposureTable m = new ExposureTable();
        for (String name : new TreeMap<>(union(other)).keySet()) {
            int c = m.code(name);
            m.addFrom(c, this, name);
            m.addFrom(c, other, name);
        }
        m.totalLists = totalLists + other.totalLists;
        m.relevanceRecorded = relevanceRecorded || other.relevanceRecorded;
        return m;
    }

    private Map<String, Integer> union(ExposureTable other) {
        Map<String, Integer> u = new HashMap<>(codes);
        u.putAll(other.codes);
        return u;
    }

    private void addFrom(int c, ExposureTable src, String name) {
        Integer s = src.codes.get(name);
        if (s == null) {
            return;
        }
        lists[c] += src.lists[s];
        items[c] += src.items[s];
        FixedSum.addRaw(meanExposure, c, src.meanExposure[2 * s], src.meanExposure[2 * s + 1]);
        FixedSum.addRaw(exposure, c, src.exposure[2 * s], src.exposure[2 * s + 1]);
        FixedSum.addRaw(relevance, c, src.relevance[2 * s], src.relevance[2 * s + 1]);
    }

    /**
     * A copy of this table that later recording does not change.
     *
     * @return the copy
     */
    public ExposureTable copy() {
        return merge(empty());
    }

    /**
     * The groups that appear in at least one recorded list, sorted by name.
     *
     * @return the group names
     */
    public List<String> groups() {
        List<String> present = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            if (lists[c] > 0) {
                present.add(names.get(c));
            }
        }
        Collections.sort(present);
        return present;
    }

    /**
     * The number of lists recorded.
     *
     * @return the list count
     */
    public long lists() {
        return totalLists;
    }

    /**
     * The number of lists in which a group appears.
     *
     * @param group the group
     * @return the count (0 for an unknown group)
     */
    public long lists(String group) {
        Integer c = codes.get(group);
        return c == null ? 0 : lists[c];
    }

    /**
     * The number of a group's items over all lists.
     *
     * @param group the group
     * @return the count (0 for an unknown group)
     */
    public long items(String group) {
        Integer c = codes.get(group);
        return c == null ? 0 : items[c];
    }

    /**
     * The group's exposure: the mean over the lists in which it appears of its mean position
     * weight per item.
     *
     * @param group the group
     * @return the exposure, or NaN if the group appears in no list
     */
    public double exposure(String group) {
        Integer c = codes.get(group);
        return c == null || lists[c] == 0 ? Double.NaN : FixedSum.value(meanExposure, c) / lists[c];
    }

    /**
     * The disparate exposure ratio: the smallest group exposure over the largest, over the groups
     * that appear.
     *
     * @return the ratio in [0, 1], or NaN when {@link #undefinedReason()} is not null
     */
    public double ratio() {
        if (undefinedReason() != null) {
            return Double.NaN;
        }
        double[] mm = minMax();
        return mm[0] / mm[1];
    }

    /**
     * The exposure difference: the largest group exposure minus the smallest.
     *
     * @return the difference, or NaN when fewer than two groups appear
     */
    public double difference() {
        if (groups().size() < 2) {
            return Double.NaN;
        }
        double[] mm = minMax();
        return mm[1] - mm[0];
    }

    /**
     * Why {@link #ratio()} is undefined, or {@code null} when it is defined.
     *
     * @return the reason or null
     */
    public String undefinedReason() {
        List<String> g = groups();
        if (g.isEmpty()) {
            return "no list recorded";
        }
        if (g.size() == 1) {
            return "only one group appears ('" + g.get(0) + "'); a ratio needs at least two";
        }
        if (minMax()[1] == 0) {
            return "every group has zero exposure";
        }
        return null;
    }

    private double[] minMax() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (String g : groups()) {
            double e = exposure(g);
            min = Math.min(min, e);
            max = Math.max(max, e);
        }
        return new double[] {min, max};
    }

    /**
     * The group's share of all position weight: Σ<sub>lists</sub> Σ<sub>i ∈ g</sub> w(i) over the
     * same sum for every item.
     *
     * @param group the group
     * @return the share, or NaN when no weight was recorded
     */
    public double exposureShare(String group) {
        return share(exposure, group);
    }

    /**
     * The group's share of items over all lists.
     *
     * @param group the group
     * @return the share, or NaN when nothing was recorded
     */
    public double populationShare(String group) {
        long total = 0;
        for (int c = 0; c < names.size(); c++) {
            total += items[c];
        }
        return total == 0 ? Double.NaN : (double) items(group) / total;
    }

    /**
     * The group's share of relevance over all lists.
     *
     * @param group the group
     * @return the share, or NaN when no relevance was recorded or all of it is zero
     */
    public double relevanceShare(String group) {
        return relevanceRecorded ? share(relevance, group) : Double.NaN;
    }

    /**
     * Singh and Joachims' disparate treatment as a ratio: for every group with relevance, its
     * exposure share over its relevance share; the result is the smallest of those over the
     * largest (1 = exposure proportional to relevance).
     *
     * @return the ratio, or NaN without relevance or with fewer than two groups with relevance
     */
    public double treatmentRatio() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (String g : groups()) {
            double r = relevanceShare(g);
            if (r > 0) {
                double v = exposureShare(g) / r;
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        return n < 2 || !(max > 0) ? Double.NaN : min / max;
    }

    /**
     * Says whether relevance was recorded with the lists.
     *
     * @return whether relevance is known
     */
    public boolean hasRelevance() {
        return relevanceRecorded;
    }

    private double share(long[] sums, String group) {
        Integer c = codes.get(group);
        long[] total = new long[2];
        for (int j = 0; j < names.size(); j++) {
            FixedSum.addRaw(total, 0, sums[2 * j], sums[2 * j + 1]);
        }
        double t = FixedSum.value(total, 0);
        if (!(t > 0)) {
            return Double.NaN;
        }
        return c == null ? 0 : FixedSum.value(sums, c) / t;
    }

    /**
     * Writes this table in the versioned binary state format ({@code docs/state-format.md}):
     * magic {@code FWET}, format version, the list count, per group (sorted by name) its name,
     * list and item counts and the three fixed-point sums as their exact integer words, and a
     * CRC-32C. {@link #fromBytes(byte[])} reads it back equal on any machine, so tables counted
     * on several machines merge exactly.
     *
     * @return the bytes
     * @throws IllegalArgumentException if a group name takes more than 65,536 bytes of UTF-8 or
     *     there are more than 16,777,216 groups
     */
    public byte[] toBytes() {
        return ExposureTableFormat.write(this);
    }

    /**
     * Reads a table written by {@link #toBytes()} (any format version this library knows).
     * Reading is bounded: group names of at most 65,536 bytes, at most 16,777,216 groups, and
     * never more memory than the input's size justifies.
     *
     * @param bytes the bytes
     * @return the table
     * @throws dev.fairway.fairness.StateFormatException if the bytes are truncated, corrupted, of
     *     an unknown version or beyond a limit; the message and its {@code offset()} name the offset
     */
    public static ExposureTable fromBytes(byte[] bytes) {
        return ExposureTableFormat.read(Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Writes this table as JSON for people ({@code fairway-exposure/v1}): the same content as
     * {@link #toBytes()}, each fixed-point sum as its exact decimal value in a string.
     *
     * @return the JSON text
     * @throws IllegalArgumentException as {@link #toBytes()}
     */
    public String toJson() {
        return ExposureTableJson.write(this);
    }

    /**
     * Reads a table written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the table
     * @throws IllegalArgumentException if the text is not a valid {@code fairway-exposure/v1}
     *     document; the message names the field
     */
    public static ExposureTable fromJson(String json) {
        return ExposureTableJson.read(Objects.requireNonNull(json, "json"));
    }

    /** Number of longs per group in {@link #state(String)}. */
    static final int STATE_WORDS = 8;

    /**
     * The exact state of a present group: lists, items, then the whole and fraction words of the
     * mean-exposure, exposure and relevance sums.
     */
    long[] state(String group) {
        int c = codes.get(group);
        return new long[] {lists[c], items[c], meanExposure[2 * c], meanExposure[2 * c + 1], exposure[2 * c],
            exposure[2 * c + 1], relevance[2 * c], relevance[2 * c + 1]};
    }

    /**
     * A table from validated state: groups sorted by name, each with {@link #STATE_WORDS} words as
     * {@link #state(String)} gives them.
     */
    static ExposureTable restore(long totalLists, boolean relevanceRecorded, List<String> groups, long[][] states) {
        ExposureTable t = new ExposureTable();
        for (int g = 0; g < groups.size(); g++) {
            int c = t.code(groups.get(g));
            long[] s = states[g];
            t.lists[c] = s[0];
            t.items[c] = s[1];
            FixedSum.addRaw(t.meanExposure, c, s[2], s[3]);
            FixedSum.addRaw(t.exposure, c, s[4], s[5]);
            FixedSum.addRaw(t.relevance, c, s[6], s[7]);
        }
        t.totalLists = totalLists;
        t.relevanceRecorded = relevanceRecorded;
        return t;
    }

    /** Equal when the same groups (by name) hold the same sums; codes and registration order do not matter. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExposureTable t) || t.totalLists != totalLists || t.relevanceRecorded != relevanceRecorded) {
            return false;
        }
        List<String> g = groups();
        if (!g.equals(t.groups())) {
            return false;
        }
        for (String name : g) {
            int a = codes.get(name);
            int b = t.codes.get(name);
            if (lists[a] != t.lists[b] || items[a] != t.items[b]
                    || !same(meanExposure, a, t.meanExposure, b) || !same(exposure, a, t.exposure, b)
                    || !same(relevance, a, t.relevance, b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(long[] x, int a, long[] y, int b) {
        return x[2 * a] == y[2 * b] && x[2 * a + 1] == y[2 * b + 1];
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(totalLists);
        for (String name : groups()) {
            int c = codes.get(name);
            h = 31 * h + name.hashCode();
            h = 31 * h + Long.hashCode(items[c]);
            h = 31 * h + Long.hashCode(meanExposure[2 * c + 1]);
        }
        return h;
    }

    /** One line per group: lists, items and exposure. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ExposureTable[lists=").append(totalLists).append(']');
        for (String g : groups()) {
            sb.append("\n  ").append(g).append(": lists=").append(lists(g)).append(" items=").append(items(g))
                    .append(" exposure=").append(exposure(g));
        }
        return sb.toString();
    }
}
