package dev.fairway.explain;

/**
 * The interventional game of one instance: evaluates coalition values in blocks, one model call
 * per block. Not thread-safe: one instance per explanation.
 */
final class Game {
    /** Target number of model rows per batched call. */
    static final int BLOCK_ROWS = 8192;

    private final Model model;
    private final double[] bg;
    private final double[] bgWeights;
    private final int bgRows;
    private final int[][] featuresOfPlayer;
    private final double[] x;
    private final Link link;
    private final int output;
    private final int m;
    private final int outs;
    private final int blockCoalitions;
    private final double[] rows;
    private final double[] out;
    private final int[] feats;
    long evaluations;
    long coalitions;

    Game(Model model, Background background, Players players, double[] x, Link link, int output) {
        this.model = model;
        this.bg = background.data();
        this.bgWeights = background.weightsInternal();
        this.bgRows = background.rows();
        this.featuresOfPlayer = players.featuresOfPlayers();
        this.x = x;
        this.link = link;
        this.output = output;
        this.m = background.features();
        this.outs = model.outputs();
        this.blockCoalitions = Math.max(1, BLOCK_ROWS / bgRows);
        this.rows = new double[blockCoalitions * bgRows * m];
        this.out = new double[blockCoalitions * bgRows * outs];
        this.feats = new int[m];
    }

    int blockCoalitions() {
        return blockCoalitions;
    }

    /** Writes the background rows of slot {@code c} with the features of the given players set to x. */
    private void fill(int c, int nf) {
        int base = c * bgRows * m;
        System.arraycopy(bg, 0, rows, base, bgRows * m);
        for (int k = 0; k < bgRows; k++) {
            int off = base + k * m;
            for (int t = 0; t < nf; t++) {
                int j = feats[t];
                rows[off + j] = x[j];
            }
        }
    }

    private void run(int n, double[] dst, int dstOff) {
        int total = n * bgRows;
        model.predict(rows, total, out);
        evaluations += total;
        coalitions += n;
        for (int c = 0; c < n; c++) {
            double s = 0;
            int base = c * bgRows;
            for (int k = 0; k < bgRows; k++) {
                s += bgWeights[k] * link.apply(out[(base + k) * outs + output]);
            }
            dst[dstOff + c] = s;
        }
    }

    /**
     * Values of coalitions given as bit masks over {@code active} players (bit i = active[i]).
     */
    void valuesOfMasks(long[] masks, int from, int n, int[] active, double[] dst, int dstOff) {
        for (int start = 0; start < n; start += blockCoalitions) {
            int cnt = Math.min(blockCoalitions, n - start);
            for (int c = 0; c < cnt; c++) {
                long mask = masks[from + start + c];
                int nf = 0;
                while (mask != 0) {
                    int i = Long.numberOfTrailingZeros(mask);
                    mask &= mask - 1;
                    for (int j : featuresOfPlayer[active[i]]) {
                        feats[nf++] = j;
                    }
                }
                fill(c, nf);
            }
            run(cnt, dst, dstOff + start);
        }
    }

    /**
     * Values of coalitions given as prefixes: coalition c holds players {@code order[lo[c] .. hi[c])}.
     */
    void valuesOfRanges(int[] order, int[] lo, int[] hi, int n, double[] dst) {
        for (int start = 0; start < n; start += blockCoalitions) {
            int cnt = Math.min(blockCoalitions, n - start);
            for (int c = 0; c < cnt; c++) {
                int nf = 0;
                for (int t = lo[start + c]; t < hi[start + c]; t++) {
                    for (int j : featuresOfPlayer[order[t]]) {
                        feats[nf++] = j;
                    }
                }
                fill(c, nf);
            }
            run(cnt, dst, start);
        }
    }
}
