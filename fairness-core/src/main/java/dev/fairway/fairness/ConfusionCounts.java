package dev.fairway.fairness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/**
 * The per-group confusion table of an audit: for every group, the unweighted counts of the four
 * cells (TP, FP, TN, FN) and the weighted sums of the same cells. Every metric, disparity and
 * test in this package derives from this table.
 *
 * <p>{@link #of(AuditData)} fills it in one pass over the rows; {@link #ofParallel(AuditData,
 * ForkJoinPool)} splits the rows into blocks and gives a bit-identical result for any number of
 * threads. Weighted sums are carried as double-double values (a high and a low word, about 106
 * bits): rows are accumulated with cascaded summation (Ogita, Rump and Oishi's Sum2) within
 * fixed blocks whose size depends only on the number of groups, and block partials are folded in
 * block order. {@link #weight(int, Cell)} rounds the double-double to the nearest double. Without
 * weights the weighted sums equal the counts.
 *
 * <p>Tables are mergeable: {@link #merge(ConfusionCounts)} adds two tables over the same
 * sensitive columns, aligning groups by value, so data can be counted in chunks or streams.
 * Counts merge exactly, so merge is associative and commutative on counts; on weighted sums it is
 * commutative exactly and associative up to the rounding of the low word (far below the
 * precision of a double). {@link #empty(List)} is the identity.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfusionCounts {
    private final GroupIndex index;
    private final long[] counts;
    private final double[] hi;
    private final double[] lo;
    private final boolean weighted;

    private ConfusionCounts(GroupIndex index, long[] counts, double[] hi, double[] lo, boolean weighted) {
        this.weighted = weighted;
        this.index = index;
        this.counts = counts;
        this.hi = hi;
        this.lo = lo;
    }

    /**
     * Counts the data in one pass on the calling thread.
     *
     * @param data the audit data
     * @return the table
     */
    public static ConfusionCounts of(AuditData data) {
        Objects.requireNonNull(data, "data");
        int g = data.groupIndex().size();
        int blockRows = Kernel.blockRows(g);
        int blocks = Kernel.blockCount(data.rows(), blockRows);
        long[] counts = new long[4 * g];
        if (!data.weighted()) {
            Kernel.Scratch s = new Kernel.Scratch(g, false);
            for (int b = 0; b < blocks; b++) {
                Kernel.countBlock(data.cells(), data.groupCodes(), b * blockRows,
                        (int) Math.min((long) (b + 1) * blockRows, data.rows()), s, counts);
            }
            return unweighted(data.groupIndex(), counts);
        }
        Kernel.Scratch s = new Kernel.Scratch(g, true);
        double[] hi = new double[4 * g];
        double[] lo = new double[4 * g];
        double[] partHi = new double[4 * g];
        double[] partLo = new double[4 * g];
        for (int b = 0; b < blocks; b++) {
            Kernel.countWeightedBlock(data.cells(), data.groupCodes(), data.weightArray(), b * blockRows,
                    (int) Math.min((long) (b + 1) * blockRows, data.rows()), s, counts, partHi, partLo);
            for (int j = 0; j < hi.length; j++) {
                Kernel.ddAdd(hi, lo, j, partHi[j], partLo[j]);
            }
        }
        return new ConfusionCounts(data.groupIndex(), counts, hi, lo, true);
    }

    /**
     * Counts the data on a fork-join pool and the calling thread: blocks of rows are counted in
     * parallel (as many shares as the pool has threads, one of them on the caller) and combined
     * in block order, so the result is bit-identical to {@link #of(AuditData)} whatever the
     * pool's parallelism.
     *
     * @param data the audit data
     * @param pool the pool to run on, such as {@link ForkJoinPool#commonPool()}
     * @return the table
     */
    public static ConfusionCounts ofParallel(AuditData data, ForkJoinPool pool) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(pool, "pool");
        int g = data.groupIndex().size();
        int blockRows = Kernel.blockRows(g);
        int blocks = Kernel.blockCount(data.rows(), blockRows);
        // as many tasks as the pool has threads; the calling thread runs one of them itself
        int tasks = Math.min(blocks, Math.max(1, pool.getParallelism()));
        if (tasks <= 1) {
            return of(data);
        }
        boolean weighted = data.weighted();
        double[][] partHi = weighted ? new double[blocks][] : null;
        double[][] partLo = weighted ? new double[blocks][] : null;
        List<Future<long[]>> futures = new ArrayList<>(tasks - 1);
        // tasks 1.. run on the pool; task 0 runs on the calling thread, which would otherwise wait
        for (int t = 1; t < tasks; t++) {
            int firstBlock = (int) ((long) blocks * t / tasks);
            int endBlock = (int) ((long) blocks * (t + 1) / tasks);
            futures.add(pool.submit(() -> countBlocks(data, g, blockRows, firstBlock, endBlock, partHi, partLo)));
        }
        long[] counts = countBlocks(data, g, blockRows, 0, (int) ((long) blocks / tasks), partHi, partLo);
        for (Future<long[]> f : futures) {
            long[] part = join(f);
            for (int j = 0; j < counts.length; j++) {
                counts[j] += part[j];
            }
        }
        if (!weighted) {
            return unweighted(data.groupIndex(), counts);
        }
        double[] hi = new double[4 * g];
        double[] lo = new double[4 * g];
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < hi.length; j++) {
                Kernel.ddAdd(hi, lo, j, partHi[b][j], partLo[b][j]);
            }
        }
        return new ConfusionCounts(data.groupIndex(), counts, hi, lo, true);
    }

    /** Counts blocks [firstBlock, endBlock); weighted partials go to their block's slot. */
    private static long[] countBlocks(AuditData data, int g, int blockRows, int firstBlock, int endBlock,
            double[][] partHi, double[][] partLo) {
        long[] counts = new long[4 * g];
        boolean weighted = partHi != null;
        Kernel.Scratch s = new Kernel.Scratch(g, weighted);
        for (int b = firstBlock; b < endBlock; b++) {
            int from = b * blockRows;
            int to = (int) Math.min((long) (b + 1) * blockRows, data.rows());
            if (weighted) {
                partHi[b] = new double[4 * g];
                partLo[b] = new double[4 * g];
                Kernel.countWeightedBlock(data.cells(), data.groupCodes(), data.weightArray(), from, to, s, counts,
                        partHi[b], partLo[b]);
            } else {
                Kernel.countBlock(data.cells(), data.groupCodes(), from, to, s, counts);
            }
        }
        return counts;
    }

    private static long[] join(Future<long[]> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("counting failed", cause);
        }
    }

    private static ConfusionCounts unweighted(GroupIndex index, long[] counts) {
        double[] hi = new double[counts.length];
        for (int j = 0; j < counts.length; j++) {
            hi[j] = counts[j];
        }
        return new ConfusionCounts(index, counts, hi, new double[counts.length], false);
    }

    /**
     * Builds a table from per-group cell counts and, optionally, weighted sums, for instance a
     * bootstrap replicate or a table restored from storage. Both arrays are indexed
     * {@code 4 * group + k} with {@code k} = 0 true negatives, 1 false positives, 2 false negatives,
     * 3 true positives (this method's contract), and copied.
     *
     * @param groups the groups the cells belong to
     * @param counts the unweighted counts, {@code 4 * groups.size()} of them, each at least 0
     * @param weights the weighted sums (same layout, finite and at least 0), or {@code null}
     *     for an unweighted table whose weighted sums are the counts
     * @return the table
     * @throws IllegalArgumentException if a length differs or a value is negative or not finite
     */
    public static ConfusionCounts of(GroupIndex groups, long[] counts, double[] weights) {
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(counts, "counts");
        int n = 4 * groups.size();
        if (counts.length != n || (weights != null && weights.length != n)) {
            throw new IllegalArgumentException("counts and weights need " + n + " cells (4 per group), got "
                    + counts.length + (weights == null ? "" : " and " + weights.length));
        }
        for (int j = 0; j < n; j++) {
            if (counts[j] < 0) {
                throw new IllegalArgumentException("counts[" + j + "] is negative: " + counts[j]);
            }
            if (weights != null && !(weights[j] >= 0 && weights[j] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("weights[" + j + "] must be finite and at least 0, got " + weights[j]);
            }
        }
        if (weights == null) {
            return unweighted(groups, counts.clone());
        }
        return new ConfusionCounts(groups, counts.clone(), weights.clone(), new double[n], true);
    }

    /**
     * Builds a table from per-group cells, for adapters that count elsewhere (such as a Spark
     * partition) and for the state format. Groups may come in any order; the table sorts them
     * as {@link AuditData} does. Cell {@code k} of group {@code g} is at index {@code 4 * g + k}
     * with {@code k} = 0 true negatives, 1 false positives, 2 false negatives, 3 true positives (this
     * method's contract). Weighted sums are double-double
     * values: {@code weightHi[j] + weightLo[j]} with {@code |weightLo[j]|} at most half an ulp of
     * {@code weightHi[j]}, as {@link Kernel}'s two-sum produces them.
     *
     * @param columns the sensitive column names
     * @param groups each group's values, one per column, never null
     * @param counts the unweighted counts, {@code 4 * groups.size()} of them
     * @param weightHi the high words of the weighted sums, or {@code null} when unweighted
     * @param weightLo the low words of the weighted sums, or {@code null} when unweighted
     * @return the table
     * @throws IllegalArgumentException if a length disagrees, a group occurs twice, a count is
     *     negative, a weighted sum is negative, not finite, not normalised, or non-zero for an
     *     empty cell (a group may have no rows, as a declared group not seen yet)
     */
    public static ConfusionCounts ofGroups(List<String> columns, List<List<Object>> groups, long[] counts,
            double[] weightHi, double[] weightLo) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(counts, "counts");
        if ((weightHi == null) != (weightLo == null)) {
            throw new IllegalArgumentException("weightHi and weightLo must both be given or both be null");
        }
        int n = groups.size();
        if (counts.length != 4 * n || weightHi != null && (weightHi.length != 4 * n || weightLo.length != 4 * n)) {
            throw new IllegalArgumentException("need 4 cells for each of the " + n + " groups, got " + counts.length
                    + " counts" + (weightHi == null ? "" : " and " + weightHi.length + "/" + weightLo.length
                    + " weighted sums"));
        }
        GroupIndex.Canonical canon = GroupIndex.canonical(List.copyOf(columns), groups);
        long[] c = new long[4 * n];
        double[] h = new double[4 * n];
        double[] l = new double[4 * n];
        for (int g = 0; g < n; g++) {
            int to = canon.codeOf()[g];
            for (int k = 0; k < 4; k++) {
                int j = 4 * g + k;
                long count = counts[j];
                if (count < 0) {
                    throw new IllegalArgumentException("group " + groups.get(g) + " has a negative count " + count
                            + " of " + Cell.values()[k]);
                }
                c[4 * to + k] = count;
                if (weightHi == null) {
                    h[4 * to + k] = count;
                } else {
                    checkWeight(groups.get(g), Cell.values()[k], count, weightHi[j], weightLo[j]);
                    h[4 * to + k] = weightHi[j];
                    l[4 * to + k] = weightLo[j];
                }
            }
        }
        return new ConfusionCounts(canon.index(), c, h, l, weightHi != null);
    }

    private static void checkWeight(List<Object> group, Cell cell, long count, double hi, double lo) {
        if (!Double.isFinite(hi) || !Double.isFinite(lo) || hi < 0 || hi + lo != hi) {
            throw new IllegalArgumentException("group " + group + " has weighted sum (" + hi + ", " + lo + ") of "
                    + cell + "; need a finite, non-negative, normalised double-double");
        }
        if (count == 0 && (hi != 0 || lo != 0)) {
            throw new IllegalArgumentException("group " + group + " has weighted sum " + hi + " of " + cell
                    + " but no rows in that cell");
        }
    }

    /**
     * Writes this table in the versioned binary state format ({@code docs/state-format.md}):
     * magic {@code FWCT}, format version, columns, group values, counts, the weighted sums as
     * double-double words, and a CRC-32C. {@link #fromBytes(byte[])} reads it back equal, on any
     * machine, so partial tables can be shipped and merged exactly.
     *
     * @return the bytes
     * @throws IllegalArgumentException if a group value's type is not one the format carries
     *     (String, Boolean, Byte, Short, Integer, Long, Float, Double, Character, BigInteger,
     *     BigDecimal, LocalDate)
     */
    public byte[] toBytes() {
        return CountTableFormat.write(this);
    }

    /**
     * Reads a table written by {@link #toBytes()} (any format version this library knows).
     * Reading is bounded: at most 256 columns, strings of at most 65,536 bytes, at most
     * 16,777,216 levels per column and groups, and never more memory than the input's size
     * justifies.
     *
     * @param bytes the bytes
     * @return the table
     * @throws StateFormatException if the bytes are truncated, corrupted, of an unknown version or
     *     beyond a limit; the message and {@link StateFormatException#offset()} name the offset
     */
    public static ConfusionCounts fromBytes(byte[] bytes) {
        return CountTableFormat.read(Objects.requireNonNull(bytes, "bytes"));
    }

    /**
     * Writes this table as JSON for people ({@code fairway-counts/v1}): the same content as
     * {@link #toBytes()}, with each group value tagged by its type and each weighted sum as its
     * high and low words.
     *
     * @return the JSON text
     * @throws IllegalArgumentException if a group value's type is not one the format carries
     */
    public String toJson() {
        return CountTableJson.write(this);
    }

    /**
     * Reads a table written by {@link #toJson()}.
     *
     * @param json the JSON text
     * @return the table
     * @throws IllegalArgumentException if the text is not a valid {@code fairway-counts/v1}
     *     document; the message names the field
     */
    public static ConfusionCounts fromJson(String json) {
        return CountTableJson.read(Objects.requireNonNull(json, "json"));
    }

    long[] countArray() {
        return counts;
    }

    double[] hiArray() {
        return hi;
    }

    double[] loArray() {
        return lo;
    }

    /** Builds a table from validated arrays in canonical group order (the state reader). */
    static ConfusionCounts ofValidated(GroupIndex index, long[] counts, double[] hi, double[] lo, boolean weighted) {
        return new ConfusionCounts(index, counts, hi, lo, weighted);
    }

    /**
     * Returns the empty table over the given sensitive columns: no groups, the identity of
     * {@link #merge(ConfusionCounts)}.
     *
     * @param columns the sensitive column names
     * @return the empty table
     */
    public static ConfusionCounts empty(List<String> columns) {
        List<String> cols = List.copyOf(columns);
        if (cols.isEmpty()) {
            throw new IllegalArgumentException("at least one sensitive column is needed");
        }
        List<List<Object>> levels = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) {
            levels.add(List.of());
        }
        return new ConfusionCounts(new GroupIndex(cols, levels, new int[cols.size()][0]), new long[0], new double[0],
                new double[0], false);
    }

    /**
     * Adds two tables over the same sensitive columns. Groups are aligned by value; a group in
     * only one table keeps its counts.
     *
     * @param other the other table
     * @return the sum
     * @throws IllegalArgumentException if the sensitive columns differ
     */
    public ConfusionCounts merge(ConfusionCounts other) {
        Objects.requireNonNull(other, "other");
        if (!index.columns().equals(other.index.columns())) {
            throw new IllegalArgumentException("cannot merge tables over columns " + index.columns() + " and "
                    + other.index.columns());
        }
        GroupIndex.Union u = index.equals(other.index) ? null : GroupIndex.union(index, other.index);
        GroupIndex target = u == null ? index : u.index();
        int g = target.size();
        long[] c = new long[4 * g];
        double[] h = new double[4 * g];
        double[] l = new double[4 * g];
        addInto(this, u == null ? null : u.left(), c, h, l);
        addInto(other, u == null ? null : u.right(), c, h, l);
        return new ConfusionCounts(target, c, h, l, weighted || other.weighted);
    }

    private static void addInto(ConfusionCounts t, int[] map, long[] c, double[] h, double[] l) {
        for (int g = 0; g < t.index.size(); g++) {
            int to = map == null ? g : map[g];
            for (int k = 0; k < 4; k++) {
                c[4 * to + k] += t.counts[4 * g + k];
                Kernel.ddAdd(h, l, 4 * to + k, t.hi[4 * g + k], t.lo[4 * g + k]);
            }
        }
    }

    /** Sums groups into the groups of {@code target}: {@code map[g]} is g's target group. */
    ConfusionCounts rollUp(int[] map, GroupIndex target) {
        int g = target.size();
        long[] c = new long[4 * g];
        double[] h = new double[4 * g];
        double[] l = new double[4 * g];
        addInto(this, map, c, h, l);
        return new ConfusionCounts(target, c, h, l, weighted);
    }

    /**
     * Returns the table of one sensitive column's marginal groups, rolled up from this table.
     *
     * @param column a sensitive column
     * @return the marginal table
     * @throws IllegalArgumentException if the column is unknown
     */
    public ConfusionCounts marginal(String column) {
        int c = index.columnIndex(column);
        if (index.columns().size() == 1) {
            return this;
        }
        return rollUp(index.marginalMap(c), index.marginal(c));
    }

    /**
     * Returns the table of the groups that match, for instance to leave groups below a minimum
     * size out of disparities: {@code counts.retain(g -> counts.count(g) >= 30)}. Counts and
     * weighted sums of the retained groups are unchanged; a column keeps only the values its
     * retained groups use.
     *
     * @param keep which groups to keep, by group code
     * @return this table if every group is kept, otherwise a new table
     * @throws IllegalArgumentException if no group is kept
     */
    public ConfusionCounts retain(IntPredicate keep) {
        Objects.requireNonNull(keep, "keep");
        int[] codes = new int[index.size()];
        int n = 0;
        for (int g = 0; g < index.size(); g++) {
            if (keep.test(g)) {
                codes[n++] = g;
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("retain would keep none of the groups " + index.groups());
        }
        if (n == index.size()) {
            return this;
        }
        codes = Arrays.copyOf(codes, n);
        long[] c = new long[4 * n];
        double[] h = new double[4 * n];
        double[] l = new double[4 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(counts, 4 * codes[i], c, 4 * i, 4);
            System.arraycopy(hi, 4 * codes[i], h, 4 * i, 4);
            System.arraycopy(lo, 4 * codes[i], l, 4 * i, 4);
        }
        return new ConfusionCounts(index.subset(codes), c, h, l, weighted);
    }

    /**
     * Returns a group's number of rows (unweighted).
     *
     * @param group the group code
     * @return the number of rows
     */
    public long count(int group) {
        Objects.checkIndex(group, index.size());
        long t = 0;
        for (int k = 0; k < 4; k++) {
            t += counts[4 * group + k];
        }
        return t;
    }

    /**
     * Returns whether sample weights were counted (in this table or any table merged into it).
     *
     * @return true if weighted
     */
    public boolean weighted() {
        return weighted;
    }

    /**
     * Returns the groups of this table.
     *
     * @return the group index
     */
    public GroupIndex groups() {
        return index;
    }

    /**
     * Returns a group's unweighted count of one cell.
     *
     * @param group the group code
     * @param cell the cell
     * @return the number of rows
     */
    public long count(int group, Cell cell) {
        return counts[slot(group, cell)];
    }

    /**
     * Returns a group's weighted sum of one cell, rounded to the nearest double; the count when
     * unweighted.
     *
     * @param group the group code
     * @param cell the cell
     * @return the weighted sum
     */
    public double weight(int group, Cell cell) {
        int j = slot(group, cell);
        return hi[j] + lo[j];
    }

    /**
     * Returns a group's weighted confusion matrix.
     *
     * @param group the group code
     * @return the weighted sums of the four cells
     */
    public Confusion confusion(int group) {
        return new Confusion(weight(group, Cell.TRUE_POSITIVE), weight(group, Cell.FALSE_POSITIVE),
                weight(group, Cell.TRUE_NEGATIVE), weight(group, Cell.FALSE_NEGATIVE));
    }

    /**
     * Returns a group's unweighted confusion matrix.
     *
     * @param group the group code
     * @return the counts of the four cells
     */
    public Confusion unweightedConfusion(int group) {
        return new Confusion(count(group, Cell.TRUE_POSITIVE), count(group, Cell.FALSE_POSITIVE),
                count(group, Cell.TRUE_NEGATIVE), count(group, Cell.FALSE_NEGATIVE));
    }

    /**
     * Returns the weighted confusion matrix of all rows.
     *
     * @return the weighted sums over every group
     */
    public Confusion overall() {
        double[] h = new double[4];
        double[] l = new double[4];
        for (int g = 0; g < index.size(); g++) {
            for (int k = 0; k < 4; k++) {
                Kernel.ddAdd(h, l, k, hi[4 * g + k], lo[4 * g + k]);
            }
        }
        return new Confusion(h[3] + l[3], h[1] + l[1], h[0] + l[0], h[2] + l[2]);
    }

    /**
     * Returns the unweighted confusion matrix of all rows.
     *
     * @return the counts over every group
     */
    public Confusion overallCounts() {
        long[] t = new long[4];
        for (int j = 0; j < counts.length; j++) {
            t[j & 3] += counts[j];
        }
        return new Confusion(t[3], t[1], t[0], t[2]);
    }

    /**
     * Returns the total number of rows.
     *
     * @return the number of rows
     */
    public long rows() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    private int slot(int group, Cell cell) {
        Objects.checkIndex(group, index.size());
        return 4 * group + cell.ordinal();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionCounts other && index.equals(other.index) && Arrays.equals(counts, other.counts)
                && Arrays.equals(hi, other.hi) && Arrays.equals(lo, other.lo) && weighted == other.weighted;
    }

    @Override
    public int hashCode() {
        return (index.hashCode() * 31 + Arrays.hashCode(counts)) * 31 + Arrays.hashCode(hi);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ConfusionCounts[");
        for (int g = 0; g < index.size(); g++) {
            if (g > 0) {
                sb.append("; ");
            }
            sb.append(index.group(g)).append(": TP=").append(count(g, Cell.TRUE_POSITIVE))
                    .append(" FP=").append(count(g, Cell.FALSE_POSITIVE))
                    .append(" TN=").append(count(g, Cell.TRUE_NEGATIVE))
                    .append(" FN=").append(count(g, Cell.FALSE_NEGATIVE));
        }
        return sb.append(']').toString();
    }
}
