package dev.fairway.explain.trees;

import java.util.Arrays;

/**
 * The per-model precomputation of path-dependent TreeSHAP (in the spirit of Fast TreeSHAP v2, Yang
 * 2021): everything in a leaf's closed form that depends only on the model is computed once, so
 * that explaining a row only finds, for each leaf, which of its path players the row follows.
 *
 * <p>For each leaf with a non-zero value and {@code d} unique path players, the path's split
 * nodes (with the child the path takes and the position of the split's player) and, for each of
 * the {@code 2^d} hot/cold patterns over its positions, the {@code d} values the closed form
 * ({@link TreeShapExplainer#closedForm}) gives the positions. Per row: one comparison per split
 * node of the explained trees, then per leaf one test per path node and {@code d} additions,
 * {@code O(T·L·D)} instead of {@code O(T·L·D²)}. The values are computed by the same arithmetic as
 * the per-row algorithm, in the same leaf order, so both give the same numbers.
 *
 * <p>Memory: {@code 8 · Σ_leaves d·2^d} bytes of tables plus about 16 bytes per path node; the
 * build refuses (returns {@code null}) past {@link #MAX_UNIQUE} players on a path or
 * {@link #MAX_TABLE} table entries, and the explainer keeps the per-row algorithm then.
 *
 * <p>Thread-safety: immutable after construction; {@link #explain} uses only its arguments as
 * scratch, so concurrent calls are safe.
 */
final class PathTables {
    /** The most unique players on one path that gets tables (2^12 patterns). */
    static final int MAX_UNIQUE = 12;
    /** The most table entries (doubles) per explainer: 2^23, 64 MiB. */
    static final long MAX_TABLE = 1L << 23;

    private final TreeEnsemble model;
    /** The split nodes of the explained trees, in order. */
    private final int[] splits;
    /** Per leaf (in tree order, depth first): its first entry in the path arrays; one more at the end. */
    private final int[] pathStart;
    /** Per path entry: the split node. */
    private final int[] pathNode;
    /** Per path entry: whether the path goes to the split's left child. */
    private final boolean[] pathLeft;
    /** Per path entry: the bit of the split player's position. */
    private final int[] pathBit;
    /** Per leaf: its number of unique path players {@code d}. */
    private final int[] width;
    /** Per leaf: its first entry in {@link #player}. */
    private final int[] playerStart;
    /** Per leaf and position: the player. */
    private final int[] player;
    /** Per leaf: its value. */
    private final double[] leafValue;
    /** Per leaf: its first entry in {@link #table}. */
    private final int[] tableStart;
    /** Per leaf, pattern and position: the position's value; patterns are {@code d} apart. */
    private final double[] table;

    private PathTables(TreeEnsemble model, int[] splits, int[] pathStart, int[] pathNode, boolean[] pathLeft, int[] pathBit,
            int[] width, int[] playerStart, int[] player, double[] leafValue, int[] tableStart, double[] table) {
        this.model = model;
        this.splits = splits;
        this.pathStart = pathStart;
        this.pathNode = pathNode;
        this.pathLeft = pathLeft;
        this.pathBit = pathBit;
        this.width = width;
        this.playerStart = playerStart;
        this.player = player;
        this.leafValue = leafValue;
        this.tableStart = tableStart;
        this.table = table;
    }

    /** The bytes of the precomputed arrays. */
    long bytes() {
        return 8L * table.length + 4L * (splits.length + pathStart.length + pathNode.length + pathBit.length + width.length
                + playerStart.length + player.length + tableStart.length) + pathLeft.length + 8L * leafValue.length;
    }

    /**
     * Adds one row's path-dependent values of the explained trees to {@code phi} (no player
     * withheld) and returns the sum of the values of the leaves the row follows all the way.
     *
     * @param x the row
     * @param hotLeft scratch, one per model node: whether the row goes left at a split
     */
    double explain(double[] x, double[] phi, boolean[] hotLeft) {
        TreeEnsemble m = model;
        int[] feature = m.feature;
        int[] left = m.left;
        for (int n : splits) {
            hotLeft[n] = m.next(n, x[feature[n]]) == left[n];
        }
        double vN = 0;
        int leaves = width.length;
        for (int l = 0; l < leaves; l++) {
            int d = width[l];
            int mask = (1 << d) - 1;
            int full = mask;
            for (int e = pathStart[l], end = pathStart[l + 1]; e < end; e++) {
                if (hotLeft[pathNode[e]] != pathLeft[e]) {
                    mask &= ~pathBit[e];
                }
            }
            if (mask == full) {
                vN += leafValue[l];
            }
            int t = tableStart[l] + mask * d;
            int p = playerStart[l];
            for (int i = 0; i < d; i++) {
                phi[player[p + i]] += table[t + i];
            }
        }
        return vN;
    }

    /**
     * Builds the tables for the explained trees, or returns {@code null} if they would be too
     * large ({@link #MAX_UNIQUE}, {@link #MAX_TABLE}).
     */
    static PathTables build(TreeEnsemble model, int[] trees, int[] playerOf, int players, double[][] shapleyWeight) {
        Builder b = new Builder(model, playerOf, players);
        for (int t : trees) {
            b.walk(model.roots[t], 0, 0);
        }
        if (b.tooLarge) {
            return null;
        }
        int leaves = b.leaves;
        double[] table = new double[(int) b.tableSize];
        int[] tableStart = new int[leaves];
        int width = model.depth + 1;
        double[] zero = new double[width];
        boolean[] hot = new boolean[width];
        double[] poly = new double[width + 1];
        int[] hotIdx = new int[width];
        for (int l = 0, off = 0; l < leaves; l++) {
            tableStart[l] = off;
            int d = b.width[l];
            System.arraycopy(b.zero, b.playerStart[l], zero, 0, d);
            for (int mask = 0; mask < 1 << d && d > 0; mask++) {
                for (int i = 0; i < d; i++) {
                    hot[i] = (mask >>> i & 1) != 0;
                }
                TreeShapExplainer.closedForm(d, zero, hot, b.value[l], shapleyWeight[d], poly, hotIdx, table, off + mask * d);
            }
            off += d << d;
        }
        int[] splits = new int[b.splitCount];
        System.arraycopy(b.splits, 0, splits, 0, b.splitCount);
        return new PathTables(model, splits, Arrays.copyOf(b.pathStart, leaves + 1), Arrays.copyOf(b.pathNode, b.entries),
                Arrays.copyOf(b.pathLeft, b.entries), Arrays.copyOf(b.pathBit, b.entries), Arrays.copyOf(b.width, leaves),
                Arrays.copyOf(b.playerStart, leaves), Arrays.copyOf(b.player, b.players), Arrays.copyOf(b.value, leaves),
                tableStart, table);
    }

    /** Collects the leaves' paths depth first, as the per-row algorithm visits them. */
    private static final class Builder {
        private final TreeEnsemble model;
        private final int[] playerOf;
        /** Per player, its position on the current path, or −1. */
        private final int[] position;
        private final int[] stackNode;
        private final boolean[] stackLeft;
        private final int[] stackPlayer;
        private final double[] stackRatio;
        private int[] splits = new int[64];
        private int splitCount;
        private int[] pathStart = new int[65];
        private int[] pathNode = new int[256];
        private boolean[] pathLeft = new boolean[256];
        private int[] pathBit = new int[256];
        private int[] width = new int[64];
        private int[] playerStart = new int[64];
        private int[] player = new int[256];
        private double[] zero = new double[256];
        private double[] value = new double[64];
        private int leaves;
        private int entries;
        private int players;
        private long tableSize;
        private boolean tooLarge;

        Builder(TreeEnsemble model, int[] playerOf, int playerCount) {
            this.model = model;
            this.playerOf = playerOf;
            this.position = new int[playerCount];
            Arrays.fill(position, -1);
            int depth = model.depth + 1;
            stackNode = new int[depth];
            stackLeft = new boolean[depth];
            stackPlayer = new int[depth];
            stackRatio = new double[depth];
        }

        void walk(int n, int level, int unique) {
            if (tooLarge) {
                return;
            }
            if (model.left[n] == TreeEnsemble.LEAF) {
                leaf(n, level);
                return;
            }
            if (splitCount == splits.length) {
                splits = Arrays.copyOf(splits, 2 * splitCount);
            }
            splits[splitCount++] = n;
            int p = playerOf[model.feature[n]];
            double c = model.cover[n];
            int fresh = position[p] < 0 ? 1 : 0;
            if (fresh == 1) {
                position[p] = unique;
            }
            stackNode[level] = n;
            stackPlayer[level] = p;
            for (int side = 0; side < 2; side++) {
                int child = side == 0 ? model.left[n] : model.right[n];
                stackLeft[level] = side == 0;
                stackRatio[level] = model.cover[child] / c;
                walk(child, level + 1, unique + fresh);
            }
            if (fresh == 1) {
                position[p] = -1;
            }
        }

        private void leaf(int n, int level) {
            double val = model.value[n];
            if (val == 0) {
                return;
            }
            if (leaves + 1 >= width.length) {
                int cap = 2 * width.length;
                width = Arrays.copyOf(width, cap);
                playerStart = Arrays.copyOf(playerStart, cap);
                value = Arrays.copyOf(value, cap);
                pathStart = Arrays.copyOf(pathStart, cap + 1);
            }
            if (entries + level > pathNode.length || players + level > player.length) {
                int cap = 2 * Math.max(pathNode.length, player.length) + level;
                pathNode = Arrays.copyOf(pathNode, cap);
                pathLeft = Arrays.copyOf(pathLeft, cap);
                pathBit = Arrays.copyOf(pathBit, cap);
                player = Arrays.copyOf(player, cap);
                zero = Arrays.copyOf(zero, cap);
            }
            // positions in order of first appearance; zero fractions multiplied in path order
            int d = 0;
            int ps = players;
            for (int i = 0; i < level; i++) {
                int p = stackPlayer[i];
                int q = position[p];
                if (q == d) {
                    player[ps + d] = p;
                    zero[ps + d] = stackRatio[i];
                    d++;
                } else {
                    zero[ps + q] = zero[ps + q] * stackRatio[i];
                }
                pathNode[entries + i] = stackNode[i];
                pathLeft[entries + i] = stackLeft[i];
                pathBit[entries + i] = 1 << q;
            }
            if (d > MAX_UNIQUE) {
                tooLarge = true;
                return;
            }
            tableSize += (long) d << d;
            if (tableSize > MAX_TABLE) {
                tooLarge = true;
                return;
            }
            pathStart[leaves] = entries;
            entries += level;
            pathStart[leaves + 1] = entries;
            width[leaves] = d;
            playerStart[leaves] = ps;
            value[leaves] = val;
            players += d;
            leaves++;
        }
    }
}
