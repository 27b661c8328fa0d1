package dev.fairway.fairness.report;

import dev.fairway.fairness.Disparity;
import dev.fairway.fairness.DisparityMethod;
import dev.fairway.fairness.FairnessAudit;
import dev.fairway.fairness.Group;
import dev.fairway.fairness.Metric;

import java.util.List;
import java.util.Locale;

/**
 * The plain-text report: a group table (one number format per column, at most 100 columns wide for
 * up to six metrics), the disparity table with names as the gate grammar spells them, and numbered
 * footnotes for every undefined value.
 *
 * <p>Stateless; each rendering builds its own {@link ReportView}.
 */
final class TextReport {
    /** Widest line for up to six metrics. */
    static final int WIDTH = 100;
    static final String UNDEFINED = "—";
    private static final int VALUE = 10;
    private static final int COUNT = 7;
    private static final int NAME = 40;
    private static final int DISPARITY = 15;

    private TextReport() {
    }

    /** A short column header for a metric. */
    static String shortName(Metric m) {
        return switch (m) {
            case COUNT -> "count";
            case SELECTION_RATE -> "selection";
            case BASE_RATE -> "base_rate";
            case TRUE_POSITIVE_RATE -> "TPR";
            case FALSE_POSITIVE_RATE -> "FPR";
            case TRUE_NEGATIVE_RATE -> "TNR";
            case FALSE_NEGATIVE_RATE -> "FNR";
            case PRECISION -> "precision";
            case NEGATIVE_PREDICTIVE_VALUE -> "NPV";
            case FALSE_DISCOVERY_RATE -> "FDR";
            case FALSE_OMISSION_RATE -> "FOR";
            case ACCURACY -> "accuracy";
            case BALANCED_ACCURACY -> "bal_acc";
            case ERROR_RATE -> "error";
            case F1_SCORE -> "F1";
        };
    }

    static String render(ReportView v) {
        StringBuilder sb = new StringBuilder();
        String nl = System.lineSeparator();
        FairnessAudit a = v.audit;
        sb.append("Fairway audit: ").append(a.counts().rows()).append(" rows").append(a.counts().weighted() ? " (weighted)" : "")
                .append(", grouped by ").append(v.columnsLabel()).append(", zero division ")
                .append(a.zeroDivision().name().toLowerCase(Locale.ROOT)).append(nl);
        if (v.referenceSpec != null) {
            wrap(sb, "Reference group (marked *): " + spec(v) + ", compared with all other rows.", nl);
        }
        String small = v.smallGroupsSentence();
        if (small != null) {
            wrap(sb, small.replace(" (minimum group size)", " (minimum group size, marked !)"), nl);
        }
        sb.append(nl);
        groupTable(sb, v, nl);
        sb.append(nl);
        disparityTable(sb, v, nl);
        List<String> notes = v.notes();
        if (!notes.isEmpty()) {
            sb.append(nl).append(v.fairlearn() ? "Zero division (0 by Fairlearn's convention):" : "Undefined (" + UNDEFINED + "):")
                    .append(nl);
            for (int i = 0; i < notes.size(); i++) {
                wrap(sb, String.format(Locale.ROOT, "  [%d] %s", i + 1, notes.get(i)), nl);
            }
        }
        return sb.toString();
    }

    private static String spec(ReportView v) {
        StringBuilder sb = new StringBuilder();
        v.referenceSpec.forEach((k, val) -> sb.append(sb.length() == 0 ? "" : ", ").append(TextKit.esc(k)).append('=').append(TextKit.esc(val)));
        return sb.toString();
    }

    private static void groupTable(StringBuilder sb, ReportView v, String nl) {
        FairnessAudit a = v.audit;
        boolean weighted = a.counts().weighted();
        int fixed = 3 + 1 + COUNT + (weighted ? 1 + VALUE : 0) + v.metrics.size() * (1 + VALUE);
        int labelWidth = Math.max(v.columnsLabel().length(), "overall".length());
        for (Group g : a.groups().groups()) {
            labelWidth = Math.max(labelWidth, ReportView.label(g).length());
        }
        labelWidth = Math.max(12, Math.min(labelWidth, WIDTH - fixed));
        String labelFormat = "%-" + labelWidth + "s";
        StringBuilder head = new StringBuilder("   ");
        head.append(String.format(Locale.ROOT, labelFormat, cut(v.columnsLabel(), labelWidth)));
        head.append(String.format(Locale.ROOT, " %" + COUNT + "s", "count"));
        if (weighted) {
            head.append(String.format(Locale.ROOT, " %" + VALUE + "s", "weight"));
        }
        for (Metric m : v.metrics) {
            head.append(String.format(Locale.ROOT, " %" + VALUE + "s", shortName(m)));
        }
        sb.append(head.toString().stripTrailing()).append(nl);
        for (int g = 0; g < a.groups().size(); g++) {
            StringBuilder line = new StringBuilder();
            line.append(v.reference[g] ? '*' : ' ').append(v.small[g] ? '!' : ' ').append(' ');
            line.append(String.format(Locale.ROOT, labelFormat, cut(ReportView.label(a.groups().group(g)), labelWidth)));
            line.append(String.format(Locale.ROOT, " %" + COUNT + "d", a.counts().count(g)));
            if (weighted) {
                line.append(String.format(Locale.ROOT, " %" + VALUE + ".2f", a.weight(g)));
            }
            for (Metric m : v.metrics) {
                line.append(' ').append(cell(v, a.value(m, g), v.groupNote(a, m, g)));
            }
            sb.append(line.toString().stripTrailing()).append(nl);
        }
        StringBuilder line = new StringBuilder("   ");
        line.append(String.format(Locale.ROOT, labelFormat, "overall"));
        line.append(String.format(Locale.ROOT, " %" + COUNT + "d", a.counts().rows()));
        if (weighted) {
            double total = 0;
            for (int g = 0; g < a.groups().size(); g++) {
                total += a.weight(g);
            }
            line.append(String.format(Locale.ROOT, " %" + VALUE + ".2f", total));
        }
        for (Metric m : v.metrics) {
            line.append(' ').append(cell(v, a.overall(m), v.overallNote(m)));
        }
        sb.append(line.toString().stripTrailing()).append(nl);
        StringBuilder legend = new StringBuilder();
        for (Metric m : v.metrics) {
            if (!m.jsonName().startsWith(shortName(m))) {
                legend.append(legend.length() == 0 ? "   " : ", ").append(shortName(m)).append(' ').append(m.jsonName());
            }
        }
        if (legend.length() > 0) {
            wrap(sb, legend.toString(), nl);
        }
    }

    /** Appends text wrapped at spaces to {@link #WIDTH} columns, continuation lines indented by three. */
    static void wrap(StringBuilder sb, String text, String nl) {
        String rest = text;
        while (rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(' ', WIDTH);
            if (cut <= 3) {
                break;
            }
            sb.append(rest, 0, cut).append(nl);
            rest = "   " + rest.substring(cut + 1);
        }
        sb.append(rest).append(nl);
    }

    private static void disparityTable(StringBuilder sb, ReportView v, String nl) {
        boolean ref = v.cmp != null;
        sb.append(String.format(Locale.ROOT, "%-" + NAME + "s %" + DISPARITY + "s %" + DISPARITY + "s", "disparity",
                "between_groups", "to_overall"));
        if (ref) {
            sb.append(String.format(Locale.ROOT, " %" + DISPARITY + "s", "to_reference"));
        }
        sb.append(nl);
        for (ReportView.Row row : v.rows()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + NAME + "s", row.name()));
            for (DisparityMethod method : DisparityMethod.values()) {
                line.append(' ').append(pad(cell(v, row.value(v.compared, method), v.rowNote(row, method)), DISPARITY));
            }
            if (ref && row.aggregation() == null) {
                double x = row.disparity() == Disparity.RATIO ? v.cmp.ratio(row.metric()) : v.cmp.difference(row.metric());
                line.append(' ').append(pad(cell(v, x, v.referenceNote(row.metric(), row.disparity())), DISPARITY));
            }
            sb.append(line.toString().stripTrailing()).append(nl);
        }
        sb.append("between_groups: max - min and min / max over the groups; to_overall: the group furthest from overall")
                .append(nl);
        if (ref) {
            sb.append("to_reference: rows outside the reference minus (or over) the reference rows.").append(nl);
            double di = v.cmp.disparateImpact();
            wrap(sb, "pooled_disparate_impact " + (Double.isFinite(di) ? format(di) : UNDEFINED)
                    + " (AIF360: the selection rate of all rows outside the reference over the reference rows'; "
                    + "not the four-fifths rule)", nl);
        } else if (v.referenceProblem != null) {
            wrap(sb, v.referenceProblem, nl);
        }
        wrap(sb, v.fourFifthsSentence().replace(String.valueOf(ReportView.MARK), ""), nl);
    }

    /** A value right-aligned in a value column: four decimals, or the undefined sign, with its footnote. */
    private static String cell(ReportView v, double x, String note) {
        String s = Double.isFinite(x) ? format(x) : UNDEFINED;
        if (note != null) {
            s += "[" + v.note(note) + "]";
        }
        return pad(s, VALUE);
    }

    static String format(double x) {
        return String.format(Locale.ROOT, "%.4f", x);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
