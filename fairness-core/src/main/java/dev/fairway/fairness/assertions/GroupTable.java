package dev.fairway.fairness.assertions;

import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;
import java.util.List;
import java.util.Locale;

/** The per-group table shown in a failure message. Stateless. */
final class GroupTable {
    private GroupTable() {
    }

    /**
     * Renders count and the metrics' values per group, the smallest and largest of each marked, and
     * the overall row; {@code highlight} (or -1) is marked with an arrow.
     */
    static String of(FairnessAudit a, List<Metric> metrics, int highlight) {
        String nl = System.lineSeparator();
        int width = "overall".length();
        for (Group g : a.groups().groups()) {
            width = Math.max(width, g.toString().length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %8s", "group", "count"));
        for (Metric m : metrics) {
            sb.append(String.format(Locale.ROOT, " %-26s", m.jsonName()));
        }
        String header = sb.toString().stripTrailing();
        sb.setLength(0);
        sb.append(header).append(nl);
        for (int g = 0; g < a.groups().size(); g++) {
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %8d", a.groups().group(g), a.counts().count(g)));
            for (Metric m : metrics) {
                double v = a.value(m, g);
                String mark = "";
                if (!Double.isNaN(v) && a.groups().size() > 1) {
                    mark = v == min(a, m) ? " (min)" : v == max(a, m) ? " (max)" : "";
                }
                sb.append(String.format(Locale.ROOT, " %-26s", format(v, a.undefinedReason(m, g)) + mark));
            }
            int end = sb.length();
            while (end > 0 && sb.charAt(end - 1) == ' ') {
                end--;
            }
            sb.setLength(end);
            if (g == highlight) {
                sb.append("   <-");
            }
            sb.append(nl);
        }
        sb.append(String.format(Locale.ROOT, "  %-" + width + "s %8d", "overall", a.counts().rows()));
        for (Metric m : metrics) {
            sb.append(String.format(Locale.ROOT, " %-26s", format(a.overall(m), a.overallUndefinedReason(m))));
        }
        return sb.toString().stripTrailing();
    }

    private static double min(FairnessAudit a, Metric m) {
        double best = Double.NaN;
        for (double v : a.byGroup(m)) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || v < best)) {
                best = v;
            }
        }
        return best;
    }

    private static double max(FairnessAudit a, Metric m) {
        double best = Double.NaN;
        for (double v : a.byGroup(m)) {
            if (!Double.isNaN(v) && (Double.isNaN(best) || v > best)) {
                best = v;
            }
        }
        return best;
    }

    static String format(double v, String undefinedReason) {
        if (Double.isNaN(v)) {
            return "undefined (" + undefinedReason + ")";
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
