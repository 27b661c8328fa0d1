package dev.fairway.fairness.privacy;

import dev.fairway.fairness.report.ReportHeader;
import dev.fairway.fairness.report.HtmlKit;
import java.util.List;
import java.util.Locale;

/**
 * The re-identification risk report's HTML page, in the audit report's style (its style sheet and
 * escaping): the header, the figures (classes, k-anonymity, unique rows, sample uniqueness,
 * l-diversity) and the table of the smallest classes. No script, no network.
 *
 * <p>Stateless.
 */
final class RiskHtml {
    private static final String CSS = """
            tr.flag td{background:#ffebe9}
            """;

    private RiskHtml() {
    }

    static String render(ReidentificationRisk r, List<String> quasi, String sensitive, ReportHeader header) {
        StringBuilder sb = new StringBuilder(8_192);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Fairway re-identification risk: ").append(esc(header.source())).append("</title>\n")
                .append("<style>\n").append(HtmlKit.CSS).append(CSS).append("</style>\n</head>\n<body>\n");
        sb.append("<header>\n<h1>Fairway re-identification risk</h1>\n<dl class=\"meta\">\n");
        meta(sb, "Data", header.source());
        meta(sb, "Rows", String.format(Locale.ROOT, "%,d", r.rows()));
        meta(sb, "Quasi-identifiers", String.join(", ", quasi));
        meta(sb, "Sensitive column", sensitive == null ? "none" : sensitive);
        meta(sb, "Fairway version", header.version());
        meta(sb, "Date", header.date());
        sb.append("</dl>\n</header>\n");
        sb.append("<p class=\"warn\">This report names the smallest classes by their quasi-identifier values: it is "
                + "itself sensitive and should stay with the data controller.</p>\n");
        sb.append("<h2>Figures</h2>\n<table class=\"figures\">\n<tbody>\n");
        figure(sb, "equivalence classes", String.valueOf(r.classes()));
        figure(sb, "k-anonymity (smallest class)", String.valueOf(r.kAnonymity()));
        figure(sb, "unique rows (alone in their class)", String.valueOf(r.uniqueRows()));
        figure(sb, "sample uniqueness (unique rows / rows)", String.format(Locale.ROOT, "%.4f", r.sampleUniqueness()));
        if (sensitive != null) {
            figure(sb, "l-diversity (fewest distinct " + sensitive + " in a class)", String.valueOf(r.lDiversity()));
        }
        sb.append("</tbody>\n</table>\n");
        sb.append("<h2>Smallest classes</h2>\n");
        if (r.smallestClasses().isEmpty()) {
            sb.append("<p>None asked for.</p>\n");
        } else {
            sb.append("<p>Smallest first, then least diverse. A class of one row (shaded) singles a person out; "
                    + "\u2014 is a missing value.</p>\n");
            sb.append("<table class=\"classes\">\n<thead><tr>");
            for (String q : quasi) {
                sb.append("<th>").append(esc(q)).append("</th>");
            }
            sb.append("<th class=\"n\">size</th>");
            if (sensitive != null) {
                sb.append("<th class=\"n\">distinct ").append(esc(sensitive)).append("</th>");
            }
            sb.append("</tr></thead>\n<tbody>\n");
            for (ReidentificationRisk.EquivalenceClass c : r.smallestClasses()) {
                sb.append(c.size() == 1 ? "<tr class=\"flag\">" : "<tr>");
                for (String q : quasi) {
                    String v = c.values().get(q);
                    sb.append("<td>").append(v == null ? "<span class=\"u\">\u2014</span>" : esc(v)).append("</td>");
                }
                sb.append("<td class=\"n\">").append(c.size()).append("</td>");
                if (sensitive != null) {
                    sb.append("<td class=\"n\">").append(c.distinctSensitive()).append("</td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</tbody>\n</table>\n");
        }
        sb.append("<footer>Made by Fairway ").append(esc(header.version())).append(" on ").append(esc(header.date()))
                .append(". Rows with equal values in every quasi-identifier form a class; a missing value is a value of "
                        + "its own.</footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void figure(StringBuilder sb, String name, String value) {
        sb.append("<tr><td>").append(esc(name)).append("</td><td class=\"n\">").append(value).append("</td></tr>\n");
    }

    private static void meta(StringBuilder sb, String name, String value) {
        sb.append("<dt>").append(esc(name)).append("</dt><dd>").append(esc(value)).append("</dd>\n");
    }

    private static String esc(String s) {
        return HtmlKit.esc(s);
    }
}
