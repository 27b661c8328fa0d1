package dev.fairway.fairness.privacy;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Association measures of an r x c contingency table of counts. Rows or columns whose total is
 * zero are dropped first (a level that never co-occurs with an observed value carries no
 * information). Not thread-safe during construction; immutable after.
 */
final class Contingency {
    final long n;
    final int rows;
    final int columns;
    final double chiSquare;
    final double cramersV;
    final double cramersVCorrected;
    final double mutualInformation;
    final double pValue;

    /**
     * Computes every measure from the table.
     *
     * @param table counts, {@code table[i][j]} for feature level i and sensitive level j
     */
    Contingency(long[][] table) {
        int r0 = table.length;
        int c0 = r0 == 0 ? 0 : table[0].length;
        long[] rowSum = new long[r0];
        long[] colSum = new long[c0];
        long total = 0;
        for (int i = 0; i < r0; i++) {
            for (int j = 0; j < c0; j++) {
                long v = table[i][j];
                if (v < 0) {
                    throw new IllegalArgumentException("negative count " + v + " at (" + i + ", " + j + ")");
                }
                rowSum[i] += v;
                colSum[j] += v;
                total += v;
            }
        }
        int r = 0;
        for (long s : rowSum) {
            r += s > 0 ? 1 : 0;
        }
        int c = 0;
        for (long s : colSum) {
            c += s > 0 ? 1 : 0;
        }
        n = total;
        rows = r;
        columns = c;
        double chi = 0;
        double mi = 0;
        double nd = total;
        for (int i = 0; i < r0; i++) {
            if (rowSum[i] == 0) {
                continue;
            }
            for (int j = 0; j < c0; j++) {
                if (colSum[j] == 0) {
                    continue;
                }
                double expected = (double) rowSum[i] * colSum[j] / nd;
                double d = table[i][j] - expected;
                chi += d * d / expected;
                if (table[i][j] > 0) {
                    double o = table[i][j];
                    mi += o / nd * Math.log(o * nd / ((double) rowSum[i] * colSum[j]));
                }
            }
        }
        chiSquare = total == 0 ? Double.NaN : chi;
        mutualInformation = total == 0 ? Double.NaN : Math.max(0, mi);
        int m = Math.min(r - 1, c - 1);
        double phi2 = chi / nd;
        cramersV = m <= 0 || total == 0 ? Double.NaN : Math.sqrt(phi2 / m);
        if (m <= 0 || total < 2) {
            cramersVCorrected = Double.NaN;
        } else {
            double n1 = nd - 1;
            double phi2c = Math.max(0, phi2 - (double) (r - 1) * (c - 1) / n1);
            double rc = r - (double) (r - 1) * (r - 1) / n1;
            double cc = c - (double) (c - 1) * (c - 1) / n1;
            double denom = Math.min(rc - 1, cc - 1);
            cramersVCorrected = denom <= 0 ? Double.NaN : Math.sqrt(phi2c / denom);
        }
        pValue = m <= 0 || total == 0 ? Double.NaN
                : ChiSquaredDistribution.of((double) (r - 1) * (c - 1)).survivalProbability(chi);
    }
}
