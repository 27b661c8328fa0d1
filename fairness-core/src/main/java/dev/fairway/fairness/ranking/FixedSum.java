package dev.fairway.fairness.ranking;

/**
 * Exact sums of non-negative doubles in fixed point: a whole part and a fraction in units of
 * 2<sup>-62</sup>, kept in two {@code long} slots of an array. Each added value is rounded once to
 * the nearest 2<sup>-62</sup> (an absolute error below 1.1e-19); after that, addition is integer
 * addition, so sums are associative and commutative bit for bit, whatever the order or split.
 * Not thread-safe.
 */
final class FixedSum {
    static final long ONE = 1L << 62;
    /** The largest value accepted, so that the whole part cannot overflow in practice. */
    static final double MAX = 0x1p53;

    private FixedSum() {
    }

    /** Adds x (finite, 0 &lt;= x &lt;= 2^53) to the sum in {@code a[2j], a[2j+1]}. */
    static void add(long[] a, int j, double x) {
        double floor = Math.floor(x);
        long whole = (long) floor;
        long frac = Math.round(Math.scalb(x - floor, 62));
        addRaw(a, j, whole, frac);
    }

    /** Adds a raw (whole, fraction) pair. */
    static void addRaw(long[] a, int j, long whole, long frac) {
        long f = a[2 * j + 1] + frac;
        long w = a[2 * j] + whole;
        if (f >= ONE) {
            f -= ONE;
            w++;
        }
        a[2 * j] = w;
        a[2 * j + 1] = f;
    }

    /** The sum rounded to a double. */
    static double value(long[] a, int j) {
        return a[2 * j] + Math.scalb((double) a[2 * j + 1], -62);
    }

    static void check(String what, double x) {
        if (!(x >= 0 && x <= MAX)) {
            throw new IllegalArgumentException(what + " must be finite and in [0, 2^53], got " + x);
        }
    }
}
