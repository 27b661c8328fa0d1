package dev.fairway.fairness.report;

import dev.fairway.fairness.ranking.PrefixFairness;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code prefix} blocks of {@code rank-audit}: per query (the mean over its samples) the protected
 * share of every top-i up to k and rND, rKL, rRD ({@link PrefixFairness}); pooled, the mean over the
 * queries where each is defined. One instance per command run; not thread-safe.
 */
final class RankPrefix {
    private static final String[] NAMES = {"rnd", "rkl", "rrd"};
    private static final PrefixFairness.Measure[] MEASURES = PrefixFairness.Measure.values();

    private final int step;
    // the current query
    private double[] shareSum = new double[0];
    private int shareLen;
    private int samples;
    private int protectedItems;
    private int depth;
    private final double[] sum = new double[3];
    private final int[] undefinedSamples = new int[3];
    private final String[] reason = new String[3];
    // pooled
    private int queries;
    private final double[] total = new double[3];
    private final int[] defined = new int[3];
    private final String[] firstReason = new String[3];

    RankPrefix(int step) {
        this.step = step;
    }

    /** Adds one ranking (one sample) of the current query. */
    void sample(boolean[] prot, int n, int k) {
        PrefixFairness.Result r = PrefixFairness.of(prot, n, step, k);
        double[] share = PrefixFairness.protectedShare(prot, n, k);
        if (samples == 0) {
            shareSum = share;
            shareLen = share.length;
            protectedItems = r.protectedCount();
            depth = k;
        } else {
            shareLen = Math.min(shareLen, share.length);
            for (int i = 0; i < shareLen; i++) {
                shareSum[i] += share[i];
            }
        }
        for (int m = 0; m < 3; m++) {
            double v = r.value(MEASURES[m]);
            if (Double.isNaN(v)) {
                undefinedSamples[m]++;
                if (reason[m] == null) {
                    reason[m] = r.undefinedReason(MEASURES[m]);
                }
            } else {
                sum[m] += v;
            }
        }
        samples++;
    }

    /** Writes the current query's block and starts the next query. */
    void endQuery(ObjectNode qn) {
        ObjectNode pn = qn.putObject("prefix");
        pn.put("cut_step", step);
        pn.put("depth", depth);
        pn.put("protected_items", protectedItems);
        ArrayNode shares = pn.putArray("protected_share");
        for (int i = 0; i < shareLen; i++) {
            shares.add(shareSum[i] / samples);
        }
        queries++;
        for (int m = 0; m < 3; m++) {
            if (undefinedSamples[m] == 0) {
                double v = sum[m] / samples;
                pn.put(NAMES[m], v);
                total[m] += v;
                defined[m]++;
            } else {
                pn.putNull(NAMES[m]);
                String why = (samples > 1 ? "in " + undefinedSamples[m] + " of " + samples + " samples: " : "") + reason[m];
                pn.put(NAMES[m] + "_undefined_reason", why);
                if (firstReason[m] == null) {
                    firstReason[m] = "query '" + qn.get("query").asString() + "': " + why;
                }
            }
            sum[m] = 0;
            undefinedSamples[m] = 0;
            reason[m] = null;
        }
        samples = 0;
    }

    /** Writes the pooled block and the gate figures {@code prefix.rnd}, {@code prefix.rkl}, {@code prefix.rrd}. */
    void overall(ObjectNode ov, Map<String, Double> figures) {
        ObjectNode pn = ov.putObject("prefix");
        pn.put("cut_step", step);
        pn.put("queries", queries);
        ObjectNode undefined = pn.putObject("queries_undefined");
        for (int m = 0; m < 3; m++) {
            double v = defined[m] == 0 ? Double.NaN : total[m] / defined[m];
            RankAuditReport.putNumber(pn, NAMES[m], v);
            undefined.put(NAMES[m], queries - defined[m]);
            figures.put("prefix." + NAMES[m], v);
        }
    }

    /** Why a pooled figure is undefined (no query defines it). */
    String overallReason(String figure) {
        for (int m = 0; m < 3; m++) {
            if (figure.equals("prefix." + NAMES[m])) {
                return "undefined in every query; " + firstReason[m];
            }
        }
        return "no defined value";
    }

}
