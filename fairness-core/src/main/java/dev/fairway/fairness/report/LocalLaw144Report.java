package dev.fairway.fairness.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The NYC Local Law 144 bias-audit tables {@link LocalLaw144} computes, with their JSON
 * ({@code fairway-ll144/v1}), CSV and HTML forms.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind whether the rates are selection rates or scoring rates
 * @param median the sample's median score for a scoring tool, empty for a selection tool
 * @param minShare the share of a table's applicants under which a category is excluded
 * @param applicants every applicant, known category or not
 * @param sex the table by sex
 * @param raceEthnicity the table by race/ethnicity
 * @param intersectional the table by sex and race/ethnicity together
 */
public record LocalLaw144Report(Kind kind, OptionalDouble median, double minShare, long applicants, Table sex,
        Table raceEthnicity, Table intersectional) {
    /** The schema name written in every JSON document. */
    public static final String SCHEMA = "fairway-ll144/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Validates the report. */
    public LocalLaw144Report {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(sex, "sex");
        Objects.requireNonNull(raceEthnicity, "raceEthnicity");
        Objects.requireNonNull(intersectional, "intersectional");
        if (median.isPresent() != (kind == Kind.SCORING)) {
            throw new IllegalArgumentException("a median is given exactly for a scoring tool");
        }
        if (applicants < 0) {
            throw new IllegalArgumentException("applicants must be >= 0, got " + applicants);
        }
    }

    /** What the rates of a report are. */
    public enum Kind {
        /** A selection tool: the rate is the share of a category's applicants selected. */
        SELECTION,
        /** A scoring tool: the rate is the share of a category's applicants scoring above the sample's median. */
        SCORING;

        /** The lower-case name used in JSON. */
        String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One table of the audit.
     *
     * @param name {@code sex}, {@code race_ethnicity} or {@code intersectional}
     * @param columns the data columns that make up a category
     * @param rows one row per category with at least one applicant, in the table's group order
     * @param unknown the applicants left out because a category value is unknown
     */
    public record Table(String name, List<String> columns, List<Row> rows, long unknown) {
        /** Validates and copies the table. */
        public Table {
            Objects.requireNonNull(name, "name");
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
            if (unknown < 0) {
                throw new IllegalArgumentException("unknown must be >= 0, got " + unknown);
            }
        }

        /**
         * The row of a category, for instance {@code row(Map.of("sex", "Female"))}.
         *
         * @param category the category's value per column
         * @return the row, or empty when the table has no such category
         */
        public java.util.Optional<Row> row(Map<String, String> category) {
            return rows.stream().filter(r -> r.category().equals(category)).findFirst();
        }
    }

    /**
     * One category of a table.
     *
     * @param category the category's value per data column
     * @param applicants its applicants
     * @param selected its selected applicants (for a scoring tool: those above the median)
     * @param rate selected over applicants
     * @param impactRatio the rate over the highest rate of the table's included categories; empty
     *     when the category is excluded or that highest rate is 0
     * @param excluded whether the category holds under the minimum share of the table's applicants
     */
    public record Row(Map<String, String> category, long applicants, long selected, double rate,
            OptionalDouble impactRatio, boolean excluded) {
        /** Validates and copies the row. */
        public Row {
            category = Map.copyOf(new java.util.LinkedHashMap<>(category));
            Objects.requireNonNull(impactRatio, "impactRatio");
            if (applicants <= 0 || selected < 0 || selected > applicants) {
                throw new IllegalArgumentException("need 0 <= selected <= applicants and applicants > 0, got "
                        + selected + " of " + applicants);
            }
        }
    }

    /**
     * The tables in their order: sex, race/ethnicity, intersectional.
     *
     * @return the three tables
     */
    public List<Table> tables() {
        return List.of(sex, raceEthnicity, intersectional);
    }

    /**
     * Writes the report as {@code fairway-ll144/v1} JSON: {@code schema}, {@code kind},
     * {@code median} (scoring only), {@code applicants}, {@code min_share}, {@code tables} with
     * {@code sex}, {@code race_ethnicity} and {@code intersectional} rows ({@code category}, a
     * string, or for the intersection an object with {@code sex} and {@code race_ethnicity};
     * {@code applicants}, {@code selected}, {@code rate}, {@code impact_ratio} or null,
     * {@code excluded}) and {@code unknown} with each table's count.
     *
     * @return the JSON text, ending in a line break
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("kind", kind.json());
        if (median.isPresent()) {
            root.put("median", median.getAsDouble());
        }
        root.put("applicants", applicants);
        root.put("min_share", minShare);
        ObjectNode tables = root.putObject("tables");
        ObjectNode unknown = JSON.createObjectNode();
        for (Table t : tables()) {
            ArrayNode rows = tables.putArray(t.name());
            for (Row r : t.rows()) {
                ObjectNode o = rows.addObject();
                if (t.columns().size() == 1) {
                    o.put("category", r.category().get(t.columns().get(0)));
                } else {
                    ObjectNode c = o.putObject("category");
                    c.put("sex", r.category().get(t.columns().get(0)));
                    c.put("race_ethnicity", r.category().get(t.columns().get(1)));
                }
                o.put("applicants", r.applicants());
                o.put("selected", r.selected());
                o.put("rate", r.rate());
                if (r.impactRatio().isPresent()) {
                    o.put("impact_ratio", r.impactRatio().getAsDouble());
                } else {
                    o.putNull("impact_ratio");
                }
                o.put("excluded", r.excluded());
            }
            unknown.put(t.name(), t.unknown());
        }
        root.set("unknown", unknown);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /**
     * Writes the report as CSV with the header
     * {@code table,sex,race_ethnicity,applicants,selected,rate,impact_ratio,status}: one line per
     * category ({@code status} {@code included} or {@code excluded}, an empty impact ratio when it
     * has none; the race/ethnicity cell is empty in the sex table and the other way round), then per
     * table one line with {@code status} {@code unknown} whose {@code applicants} are the applicants
     * left out. Cells are quoted when they hold a comma, quote or line break.
     *
     * @return the CSV text, lines ending in {@code \n}
     */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("table,sex,race_ethnicity,applicants,selected,rate,impact_ratio,status\n");
        for (Table t : tables()) {
            for (Row r : t.rows()) {
                String s = t.name().equals("race_ethnicity") ? "" : r.category().get(t.columns().get(0));
                String e = t.name().equals("sex") ? "" : r.category().get(t.columns().get(t.columns().size() - 1));
                sb.append(t.name()).append(',').append(cell(s)).append(',').append(cell(e)).append(',')
                        .append(r.applicants()).append(',').append(r.selected()).append(',').append(r.rate()).append(',')
                        .append(r.impactRatio().isPresent() ? String.valueOf(r.impactRatio().getAsDouble()) : "")
                        .append(',').append(r.excluded() ? "excluded" : "included").append('\n');
            }
            sb.append(t.name()).append(",,,").append(t.unknown()).append(",,,,unknown\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /**
     * Writes the report as one self-contained HTML page laid out like the published LL144 bias
     * audit summaries: the date of the audit, the source of the data, the number of applicants and
     * of applicants of unknown category, then the three tables (number of applicants, rate, impact
     * ratio), with excluded categories marked. Every data text is escaped with {@link HtmlKit#esc}.
     *
     * @param date the date of the audit, as printed
     * @param dataSource where the data came from, as printed (such as a file name or "historical data")
     * @return the HTML page
     */
    public String toHtml(String date, String dataSource) {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(dataSource, "dataSource");
        String rateName = kind == Kind.SCORING ? "Scoring rate" : "Selection rate";
        StringBuilder h = new StringBuilder(4096);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bias audit summary"
                + " (NYC Local Law 144)</title><style>").append(HtmlKit.CSS).append("</style></head><body>\n");
        h.append("<h1>Bias audit summary</h1><p>Automated employment decision tool, NYC Local Law 144"
                + " (6 RCNY §5-301), ").append(kind == Kind.SCORING ? "scoring" : "selection").append(" tool.</p>\n");
        h.append("<dl class=\"meta\"><dt>Date of the audit</dt><dd>").append(HtmlKit.esc(date))
                .append("</dd><dt>Source of the data</dt><dd>").append(HtmlKit.esc(dataSource))
                .append("</dd><dt>Applicants</dt><dd>").append(applicants).append("</dd>");
        if (median.isPresent()) {
            h.append("<dt>Median score</dt><dd>").append(median.getAsDouble()).append("</dd>");
        }
        h.append("<dt>Unknown sex</dt><dd>").append(sex.unknown()).append("</dd><dt>Unknown race/ethnicity</dt><dd>")
                .append(raceEthnicity.unknown()).append("</dd><dt>Minimum share</dt><dd>")
                .append(minShare == 0 ? "none" : String.format(Locale.ROOT, "%.4g", minShare)).append("</dd></dl>\n");
        String[] titles = {"Sex", "Race/ethnicity", "Intersectional (sex and race/ethnicity)"};
        List<Table> all = tables();
        for (int k = 0; k < 3; k++) {
            Table t = all.get(k);
            h.append("<h2>").append(titles[k]).append("</h2>\n<table><tr>");
            for (String c : t.columns()) {
                h.append("<th>").append(HtmlKit.esc(c)).append("</th>");
            }
            h.append("<th class=\"n\">Number of applicants</th><th class=\"n\">").append(rateName)
                    .append("</th><th class=\"n\">Impact ratio</th></tr>\n");
            for (Row r : t.rows()) {
                h.append("<tr>");
                for (String c : t.columns()) {
                    h.append("<td>").append(HtmlKit.esc(r.category().get(c))).append("</td>");
                }
                h.append("<td class=\"n\">").append(r.applicants()).append("</td><td class=\"n\">")
                        .append(String.format(Locale.ROOT, "%.4f", r.rate())).append("</td><td class=\"n\">")
                        .append(r.excluded() ? "excluded<sup>1</sup>" : r.impactRatio().isPresent()
                                ? String.format(Locale.ROOT, "%.4f", r.impactRatio().getAsDouble()) : "n/a")
                        .append("</td></tr>\n");
            }
            h.append("</table>\n<p class=\"small\">").append(t.unknown())
                    .append(" applicants of unknown category are not in this table.</p>\n");
        }
        h.append("<ol class=\"notes\"><li>A category with under ")
                .append(String.format(Locale.ROOT, "%.4g", minShare * 100))
                .append("% of its table's applicants is listed but has no impact ratio and does not set the highest rate.</li>")
                .append("<li>").append(rateName).append(kind == Kind.SCORING
                        ? ": the share of a category's applicants scoring strictly above the sample's median score."
                        : ": the share of a category's applicants selected.")
                .append(" Impact ratio: the category's rate divided by the highest rate of the table.</li></ol>\n");
        h.append("<footer>Written by Fairway (").append(SCHEMA).append(").</footer></body></html>\n");
        return h.toString();
    }
}
