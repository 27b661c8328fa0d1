package dev.fairway.fairness.ranking;

import java.util.Arrays;
import java.util.Objects;

/**
 * Item-side popularity bias of top-k lists against a catalog with a popularity per item (for
 * example its number of training interactions). Lists stream in one at a time; the state is an
 * appearance count per catalog item and a few exact sums, so tables merge like
 * {@link ExposureTable}.
 *
 * <p>With U the lists recorded, L<sub>u</sub> the top min(k, |list|) of list u, φ(i) the
 * popularity and c(i) the number of lists whose top k contains catalog item i:
 * <ul>
 *   <li>{@link #arp()}: (1/|U|) Σ<sub>u</sub> Σ<sub>i ∈ L(u)</sub> φ(i) / |L<sub>u</sub>|
 *       (RecBole's AveragePopularity and Elliot's ARP; the divisor is the length of the top k, not
 *       of the whole list as in reclist's popularity_bias_at_k, reclist#7);</li>
 *   <li>{@link #coverage()}: |{i : c(i) &gt; 0}| / catalog size (RecBole's ItemCoverage);</li>
 *   <li>{@link #gini()}: with c sorted ascending over the whole catalog, never-recommended items
 *       as 0, Σ<sub>j</sub> (2j − n − 1) c<sub>(j)</sub> / (n Σ c), n = catalog size; 0 = equal
 *       (RecBole's GiniIndex formula, with the true catalog size where RecBole counts its padding
 *       item too);</li>
 *   <li>the short head: catalog items by decreasing popularity (ties by catalog order) up to and
 *       including the one at which the cumulative popularity reaches 80 % of the total; the long
 *       tail is every other item (Elliot's definition);</li>
 *   <li>{@link #aplt()}: (1/|U|) Σ<sub>u</sub> |L<sub>u</sub> ∩ tail| / |L<sub>u</sub>| and
 *       {@link #aclt()}: (1/|U|) Σ<sub>u</sub> |L<sub>u</sub> ∩ tail| (Elliot's APLT and ACLT);</li>
 *   <li>{@link #entropy()}: −Σ<sub>i</sub> q(i) log<sub>2</sub> q(i) with q(i) = c(i) / Σ c, in bits
 *       (Elliot's SEntropy when every list has k items; RecBole's ShannonEntropy uses ln and
 *       divides by the number of distinct items recommended).</li>
 * </ul>
 * Every figure is NaN before the first list.
 *
 * <p>Not thread-safe: one instance per thread, merged afterwards.
 */
public final class PopularityBias {
    private final double[] popularity;
    private final boolean[] tail;
    private final int longTail;
    private final int k;
    private final long[] counts;
    private final long[] arpSum = new long[2];
    private final long[] apltSum = new long[2];
    private long acltSum;
    private long lists;
    private final int[] stamp;
    private int stampValue;

    private PopularityBias(double[] popularity, int k) {
        this.popularity = popularity;
        this.k = k;
        this.counts = new long[popularity.length];
        this.stamp = new int[popularity.length];
        this.tail = new boolean[popularity.length];
        int n = popularity.length;
        Integer[] order = new Integer[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            total += popularity[i];
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(popularity[b], popularity[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        Arrays.fill(tail, true);
        double cumulative = 0;
        int head = 0;
        for (int j = 0; j < n && total > 0; j++) {
            tail[order[j]] = false;
            head++;
            cumulative += popularity[order[j]];
            if (cumulative >= 0.8 * total) {
                break;
            }
        }
        this.longTail = n - head;
    }

    /**
     * An empty accumulator over a catalog.
     *
     * @param popularity the popularity of each catalog item, by item code 0..n-1, each finite,
     *     &gt;= 0 and at most 2<sup>53</sup>
     * @param k the cut-off of each list (at least 1)
     * @return the accumulator
     * @throws IllegalArgumentException if the catalog is empty, k &lt; 1 or a popularity is out of range
     */
    public static PopularityBias of(double[] popularity, int k) {
        Objects.requireNonNull(popularity, "popularity");
        if (popularity.length == 0) {
            throw new IllegalArgumentException("the catalog is empty");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        for (int i = 0; i < popularity.length; i++) {
            FixedSum.check("popularity of catalog item " + i, popularity[i]);
        }
        return new PopularityBias(popularity.clone(), k);
    }

    /**
     * Records one list; only its top k counts.
     *
     * @param itemsByRank catalog codes of the items in rank order
     * @param n the list length (at least 1)
     * @throws IllegalArgumentException on an empty list, an unknown code or an item twice in the
     *     top k; the state is unchanged
     */
    public void record(int[] itemsByRank, int n) {
        Objects.requireNonNull(itemsByRank, "itemsByRank");
        if (n < 1) {
            throw new IllegalArgumentException("a ranked list needs at least one item");
        }
        int top = Math.min(n, k);
        stampValue++;
        for (int i = 0; i < top; i++) {
            int item = itemsByRank[i];
            if (item < 0 || item >= popularity.length) {
                throw new IllegalArgumentException("item code " + item + " at rank " + (i + 1) + " is not in the catalog");
            }
            if (stamp[item] == stampValue) {
                throw new IllegalArgumentException("item code " + item + " appears twice in the top " + k + " (rank " + (i + 1) + ")");
            }
            stamp[item] = stampValue;
        }
        double pop = 0;
        int inTail = 0;
        for (int i = 0; i < top; i++) {
            int item = itemsByRank[i];
            counts[item]++;
            pop += popularity[item];
            if (tail[item]) {
                inTail++;
            }
        }
        FixedSum.add(arpSum, 0, pop / top);
        FixedSum.add(apltSum, 0, (double) inTail / top);
        acltSum += inTail;
        lists++;
    }

    /**
     * Adds two accumulators over the same catalog and k.
     *
     * @param other the other accumulator
     * @return a new accumulator holding both
     * @throws IllegalArgumentException if the catalogs or k differ
     */
    public PopularityBias merge(PopularityBias other) {
        Objects.requireNonNull(other, "other");
        if (other.k != k || !Arrays.equals(other.popularity, popularity)) {
            throw new IllegalArgumentException("cannot merge popularity tables over different catalogs or k");
        }
        PopularityBias m = new PopularityBias(popularity, k);
        for (int i = 0; i < counts.length; i++) {
            m.counts[i] = counts[i] + other.counts[i];
        }
        FixedSum.addRaw(m.arpSum, 0, arpSum[0] + other.arpSum[0], 0);
        FixedSum.addRaw(m.arpSum, 0, 0, arpSum[1]);
        FixedSum.addRaw(m.arpSum, 0, 0, other.arpSum[1]);
        FixedSum.addRaw(m.apltSum, 0, apltSum[0] + other.apltSum[0], 0);
        FixedSum.addRaw(m.apltSum, 0, 0, apltSum[1]);
        FixedSum.addRaw(m.apltSum, 0, 0, other.apltSum[1]);
        m.acltSum = acltSum + other.acltSum;
        m.lists = lists + other.lists;
        return m;
    }

    /**
     * The cut-off.
     *
     * @return k
     */
    public int k() {
        return k;
    }

    /**
     * The number of lists recorded.
     *
     * @return the count
     */
    public long lists() {
        return lists;
    }

    /**
     * The catalog size.
     *
     * @return the number of catalog items
     */
    public int catalog() {
        return popularity.length;
    }

    /**
     * The number of long-tail items (outside the short head).
     *
     * @return the count
     */
    public int longTailItems() {
        return longTail;
    }

    /**
     * Says whether a catalog item is in the long tail.
     *
     * @param item the item code
     * @return whether it lies outside the short head
     */
    public boolean inLongTail(int item) {
        return tail[item];
    }

    /**
     * The number of top-k lists that contain an item.
     *
     * @param item the item code
     * @return its appearance count
     */
    public long appearances(int item) {
        return counts[item];
    }

    /**
     * Average recommendation popularity.
     *
     * @return ARP, or NaN before the first list
     */
    public double arp() {
        return lists == 0 ? Double.NaN : FixedSum.value(arpSum, 0) / lists;
    }

    /**
     * Catalog coverage.
     *
     * @return the share of catalog items recommended at least once, or NaN before the first list
     */
    public double coverage() {
        if (lists == 0) {
            return Double.NaN;
        }
        int seen = 0;
        for (long c : counts) {
            if (c > 0) {
                seen++;
            }
        }
        return (double) seen / counts.length;
    }

    /**
     * The Gini index of appearance counts over the whole catalog.
     *
     * @return the index in [0, 1), or NaN before the first list
     */
    public double gini() {
        if (lists == 0) {
            return Double.NaN;
        }
        long[] sorted = counts.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double num = 0;
        double total = 0;
        for (int j = 1; j <= n; j++) {
            num += (double) (2L * j - n - 1) * sorted[j - 1];
            total += sorted[j - 1];
        }
        return num / n / total;
    }

    /**
     * Average percentage of long-tail items.
     *
     * @return APLT in [0, 1], or NaN before the first list
     */
    public double aplt() {
        return lists == 0 ? Double.NaN : FixedSum.value(apltSum, 0) / lists;
    }

    /**
     * Average coverage of long-tail items: the mean number of long-tail items per list.
     *
     * @return ACLT, or NaN before the first list
     */
    public double aclt() {
        return lists == 0 ? Double.NaN : (double) acltSum / lists;
    }

    /**
     * Shannon entropy, in bits, of the recommendation distribution.
     *
     * @return the entropy, or NaN before the first list
     */
    public double entropy() {
        if (lists == 0) {
            return Double.NaN;
        }
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double q = c / total;
                h -= q * (Math.log(q) / Math.log(2));
            }
        }
        return h;
    }
}
