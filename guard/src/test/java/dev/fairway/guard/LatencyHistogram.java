package dev.fairway.guard;

/**
 * A log-linear histogram of non-negative longs (latencies in nanoseconds), in the manner of
 * HdrHistogram without the dependency: values below 64 have a bucket each; above, each power of two is
 * cut into 64 equal buckets, so a bucket's width is at most 1/64 of its lower bound. One per thread
 * (not thread-safe); merge them afterwards.
 */
final class LatencyHistogram {
    private static final int SUB = 64;
    private static final int SHIFT = 6; // log2(SUB)
    private final long[] counts = new long[(64 - SHIFT + 1) * SUB];
    private long total;
    private long max;

    /** The bucket of a value: its power of two above 2^6 and its 1/64 slice. */
    static int bucket(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int e = 63 - Long.numberOfLeadingZeros(v); // e >= SHIFT
        return (e - SHIFT + 1) * SUB + (int) ((v >>> (e - SHIFT)) & (SUB - 1));
    }

    /** The largest value that falls into bucket {@code b}. */
    static long highest(int b) {
        if (b < SUB) {
            return b;
        }
        int e = b / SUB + SHIFT - 1;
        long low = (long) (SUB + b % SUB) << (e - SHIFT);
        return low + (1L << (e - SHIFT)) - 1;
    }

    void record(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("negative value " + v);
        }
        counts[bucket(v)]++;
        total++;
        max = Math.max(max, v);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /**
     * The value at quantile {@code q}: the highest value of the bucket holding the {@code ceil(q n)}-th
     * smallest recorded value (never below it, at most 1/64 above it), capped at the maximum.
     */
    long quantile(double q) {
        if (total == 0) {
            throw new IllegalStateException("empty histogram");
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return Math.min(highest(b), max);
            }
        }
        return max;
    }
}
