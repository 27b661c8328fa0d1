package dev.fairway.fairness.slices;

import dev.fairway.fairness.report.HtmlKit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The worst-off slices {@link SliceFinder} found, best first, with the search's settings, as JSON
 * ({@code fairway-slices/v1}), text or HTML.
 *
 * <p>Immutable and thread-safe.
 *
 * @param rows the rows searched
 * @param meanError the overall mean error
 * @param alpha the weight of the error term
 * @param minSupport the fewest rows of a slice
 * @param maxLevel the most predicates of a slice
 * @param top how many slices were asked for
 * @param evaluated how many slices were counted (the rest were pruned)
 * @param slices the slices, best first, at most {@code top}
 */
public record SliceReport(long rows, double meanError, double alpha, int minSupport, int maxLevel, int top,
        long evaluated, List<Slice> slices) {
    /** The schema name written in every JSON document. */
    public static final String SCHEMA = "fairway-slices/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Validates and copies the report. */
    public SliceReport {
        slices = List.copyOf(slices);
        if (rows <= 0) {
            throw new IllegalArgumentException("rows must be > 0, got " + rows);
        }
    }

    /**
     * One slice.
     *
     * @param predicates feature to level, in feature order
     * @param size its rows
     * @param error its mean error
     * @param score its SliceLine score
     */
    public record Slice(Map<String, String> predicates, long size, double error, double score) {
        /** Validates and copies the slice. */
        public Slice {
            predicates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predicates));
            if (predicates.isEmpty() || size <= 0) {
                throw new IllegalArgumentException("a slice needs a predicate and a row");
            }
        }

        /** The predicates as {@code a = x AND b = y}. */
        String text() {
            return predicates.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(Collectors.joining(" AND "));
        }
    }

    /**
     * Writes the report as JSON: {@code schema}, {@code rows}, {@code mean_error}, {@code alpha},
     * {@code min_support}, {@code max_level}, {@code top}, {@code evaluated} and {@code slices}, each
     * with {@code predicates} (feature to value), {@code size}, {@code error} and {@code score}.
     *
     * @return the JSON text, ending in a line break
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("rows", rows);
        root.put("mean_error", meanError);
        root.put("alpha", alpha);
        root.put("min_support", minSupport);
        root.put("max_level", maxLevel);
        root.put("top", top);
        root.put("evaluated", evaluated);
        ArrayNode a = root.putArray("slices");
        for (Slice s : slices) {
            ObjectNode o = a.addObject();
            ObjectNode p = o.putObject("predicates");
            s.predicates().forEach(p::put);
            o.put("size", s.size());
            o.put("error", s.error());
            o.put("score", s.score());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * Writes the report as aligned text: one line per slice with its rank, score, size, error
     * and predicates.
     *
     * @return the text
     */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "worst-off slices: %d rows, mean error %.4f, alpha %s, min support %d,"
                + " max level %d (%d slices counted)%n", rows, meanError, alpha, minSupport, maxLevel, evaluated));
        if (slices.isEmpty()) {
            sb.append("no slice scores above 0\n");
        }
        sb.append(String.format(Locale.ROOT, "%4s %8s %8s %7s  %s%n", "rank", "score", "size", "error", "slice"));
        int rank = 1;
        for (Slice s : slices) {
            sb.append(String.format(Locale.ROOT, "%4d %8.4f %8d %7.4f  %s%n", rank++, s.score(), s.size(), s.error(),
                    s.text()));
        }
        return sb.toString();
    }

    /**
     * Writes the report as one self-contained HTML page (the shared {@link HtmlKit} style), every
     * data text escaped.
     *
     * @param date the report date, as printed
     * @return the page
     */
    public String toHtml(String date) {
        Objects.requireNonNull(date, "date");
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Worst-off slices</title><style>")
                .append(HtmlKit.CSS).append("</style></head><body>\n<h1>Worst-off slices</h1>\n<dl class=\"meta\">")
                .append("<dt>Date</dt><dd>").append(HtmlKit.esc(date)).append("</dd><dt>Rows</dt><dd>").append(rows)
                .append("</dd><dt>Mean error</dt><dd>").append(String.format(Locale.ROOT, "%.4f", meanError))
                .append("</dd><dt>Alpha</dt><dd>").append(alpha).append("</dd><dt>Min support</dt><dd>").append(minSupport)
                .append("</dd><dt>Max level</dt><dd>").append(maxLevel).append("</dd></dl>\n");
        h.append("<table><tr><th class=\"n\">Rank</th><th class=\"n\">Score</th><th class=\"n\">Size</th>"
                + "<th class=\"n\">Error</th><th>Slice</th></tr>\n");
        int rank = 1;
        for (Slice s : slices) {
            h.append("<tr><td class=\"n\">").append(rank++).append("</td><td class=\"n\">")
                    .append(String.format(Locale.ROOT, "%.4f", s.score())).append("</td><td class=\"n\">").append(s.size())
                    .append("</td><td class=\"n\">").append(String.format(Locale.ROOT, "%.4f", s.error()))
                    .append("</td><td>").append(HtmlKit.esc(s.text())).append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"small\">Score = alpha &#183; (slice error / mean error &#8722; 1) &#8722; (1 &#8722; alpha)"
                + " &#183; (rows / slice size &#8722; 1) (SliceLine, Sagadeeva and Boehm, SIGMOD 2021); only slices"
                + " scoring above 0 are listed.</p>\n<footer>Written by Fairway (" + SCHEMA + ").</footer></body></html>\n");
        return h.toString();
    }
}
