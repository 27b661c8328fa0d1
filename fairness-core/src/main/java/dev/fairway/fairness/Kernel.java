package dev.fairway.fairness;

/**
 * The one-pass counting kernel. Rows are cut into blocks of a fixed size that depends only on
 * the number of groups, never on the number of threads; within a block four interleaved counter
 * copies break the store-to-load chains of consecutive rows in the same cell. Weighted sums are
 * accumulated with Ogita, Rump and Oishi's cascaded summation (Sum2: TwoSum per row, errors
 * carried in a second word) and each block's double-double partial is folded into the total in
 * block order, so the result is bit-identical for any number of threads.
 *
 * <p>Stateless; each call uses its own scratch arrays.
 */
final class Kernel {
    private static final int COPIES = 4;

    private Kernel() {
    }

    /** Rows per block: at least 2^16, and at least 64 rows per counter so resets stay cheap. */
    static int blockRows(int groups) {
        long wanted = Math.max(1L << 16, 64L * 4 * groups);
        long b = Long.highestOneBit(wanted);
        if (b < wanted) {
            b <<= 1;
        }
        return (int) Math.min(b, 1L << 30);
    }

    static int blockCount(int rows, int blockRows) {
        return (int) (((long) rows + blockRows - 1) / blockRows);
    }

    /** Scratch for one worker. */
    static final class Scratch {
        final int stride;
        final int[] counts;
        final double[] hi;
        final double[] lo;

        Scratch(int groups, boolean weighted) {
            stride = 4 * groups;
            counts = new int[COPIES * stride];
            hi = weighted ? new double[COPIES * stride] : null;
            lo = weighted ? new double[COPIES * stride] : null;
        }
    }

    /** Counts rows [from, to) into counts (added); if weighted, writes the block's dd partial. */
    static void countBlock(byte[] cells, int[] groups, int from, int to, Scratch s, long[] counts) {
        int[] c = s.counts;
        int st = s.stride;
        int i = from;
        for (; i + 3 < to; i += 4) {
            c[(groups[i] << 2) | cells[i]]++;
            c[st + ((groups[i + 1] << 2) | cells[i + 1])]++;
            c[2 * st + ((groups[i + 2] << 2) | cells[i + 2])]++;
            c[3 * st + ((groups[i + 3] << 2) | cells[i + 3])]++;
        }
        for (; i < to; i++) {
            c[(groups[i] << 2) | cells[i]]++;
        }
        for (int j = 0; j < st; j++) {
            counts[j] += (long) c[j] + c[st + j] + c[2 * st + j] + c[3 * st + j];
            c[j] = 0;
            c[st + j] = 0;
            c[2 * st + j] = 0;
            c[3 * st + j] = 0;
        }
    }

    /**
     * Weighted block: counts as {@link #countBlock}, and the block's weighted sums as a
     * double-double in {@code partHi/partLo} (overwritten).
     */
    static void countWeightedBlock(byte[] cells, int[] groups, double[] weights, int from, int to, Scratch s,
            long[] counts, double[] partHi, double[] partLo) {
        int[] c = s.counts;
        double[] hi = s.hi;
        double[] lo = s.lo;
        int st = s.stride;
        int i = from;
        for (; i + 3 < to; i += 4) {
            int j0 = (groups[i] << 2) | cells[i];
            int j1 = st + ((groups[i + 1] << 2) | cells[i + 1]);
            int j2 = 2 * st + ((groups[i + 2] << 2) | cells[i + 2]);
            int j3 = 3 * st + ((groups[i + 3] << 2) | cells[i + 3]);
            c[j0]++;
            c[j1]++;
            c[j2]++;
            c[j3]++;
            sum2(hi, lo, j0, weights[i]);
            sum2(hi, lo, j1, weights[i + 1]);
            sum2(hi, lo, j2, weights[i + 2]);
            sum2(hi, lo, j3, weights[i + 3]);
        }
        for (; i < to; i++) {
            int j = (groups[i] << 2) | cells[i];
            c[j]++;
            sum2(hi, lo, j, weights[i]);
        }
        for (int j = 0; j < st; j++) {
            counts[j] += (long) c[j] + c[st + j] + c[2 * st + j] + c[3 * st + j];
            double h = 0.0;
            double l = 0.0;
            for (int k = 0; k < COPIES; k++) {
                int x = k * st + j;
                // fold copy k into (h, l): TwoSum on the high words, low words added
                double sum = h + hi[x];
                double bp = sum - h;
                double err = (h - (sum - bp)) + (hi[x] - bp);
                l += err + lo[x];
                h = sum;
                c[x] = 0;
                hi[x] = 0.0;
                lo[x] = 0.0;
            }
            double norm = h + l;
            partLo[j] = l - (norm - h);
            partHi[j] = norm;
        }
    }

    private static void sum2(double[] hi, double[] lo, int j, double w) {
        double a = hi[j];
        double s = a + w;
        double bp = s - a;
        lo[j] += (a - (s - bp)) + (w - bp);
        hi[j] = s;
    }

    /** Adds the double-double (bh, bl) into (hi[j], lo[j]), normalised. */
    static void ddAdd(double[] hi, double[] lo, int j, double bh, double bl) {
        double a = hi[j];
        double s = a + bh;
        double bp = s - a;
        double e = (a - (s - bp)) + (bh - bp);
        e += lo[j] + bl;
        double h = s + e;
        lo[j] = e - (h - s);
        hi[j] = h;
    }
}
