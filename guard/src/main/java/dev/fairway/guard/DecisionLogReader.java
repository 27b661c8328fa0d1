package dev.fairway.guard;

import dev.fairway.consent.internal.CheckedLog;
import dev.fairway.consent.internal.Json;
import dev.fairway.consent.internal.LogFile;
import dev.fairway.consent.ledger.JsonLinesConsentStore;
import dev.fairway.consent.ledger.RecoveryMode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a decision log ({@code fairway-decision/v1}, written by {@link DecisionLog}) back in a
 * stream: each line {@code <crc32c> <json>\n} is checked (checksum, then the JSON body against the
 * schema) and handed to the caller as an {@link Entry} in file order, without reading the whole
 * file into memory. A line may be at most {@link #MAX_LINE_BYTES} bytes; JSON is read under
 * consent-core's limits (nesting depth 64, strings of 65,536 characters, numbers of 100 characters,
 * duplicate keys refused).
 *
 * <p>Damaged lines (no final newline, no or a wrong checksum, a body that is not a valid header,
 * decision or outcome) are treated as the {@link RecoveryMode} says, exactly as the consent ledger
 * and the audit sink treat theirs: by default a damaged <em>last</em> line is a torn tail (left out
 * and reported in {@link Result#tornTail()}), and damage before it refuses with an
 * {@link IllegalStateException} naming the file, the line and its byte offset. A checksum-valid
 * first line naming another schema refuses in every mode (it is not damage, it is another format).
 * The file is never changed.
 *
 * <p>Thread-safety: stateless; {@link #forEach} may run from many threads at once (the consumer is
 * called on the calling thread).
 */
public final class DecisionLogReader {
    /** The longest line read back, in bytes including checksum and newline; a longer one is damaged. */
    public static final int MAX_LINE_BYTES = CheckedLog.MAX_LINE_BYTES;

    private static final Set<String> DECISION_FIELDS = Set.of("id", "time", "group", "prediction", "score", "model",
            "route", "mode", "withheld", "plan", "personal", "subject", "subject_key");
    private static final Set<String> OUTCOME_FIELDS = Set.of("id", "time", "label");
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, the times the log writes. */
    static final long MIN_TIME = -62_167_219_200_000L;
    static final long MAX_TIME = 253_402_300_799_999L;

    private DecisionLogReader() {
    }

    /**
     * One line of a decision log read back: the {@link Header}, a {@link LoggedDecision} or a
     * {@link LoggedOutcome}.
     *
     * <p>Thread-safety: implementations are immutable records.
     */
    public sealed interface Entry permits Header, LoggedDecision, LoggedOutcome {
        /**
         * Returns the 1-based line number in the file.
         *
         * @return the line number
         */
        long line();
    }

    /**
     * The header line: the sensitive columns whose level codes decisions carry, and their data
     * categories. Immutable.
     *
     * @param line       the line number (1)
     * @param columns    the group columns, in order
     * @param categories each column's data category, in the same order
     */
    public record Header(long line, List<String> columns, List<String> categories) implements Entry {
        /**
         * Copies the lists.
         *
         * @param line       the line number
         * @param columns    the columns
         * @param categories the categories
         */
        public Header {
            columns = List.copyOf(columns);
            categories = List.copyOf(categories);
        }

        /**
         * Makes a header.
         *
         * @param line       the line number
         * @param columns    the columns
         * @param categories the categories, one per column
         * @return the header
         */
        public static Header of(long line, List<String> columns, List<String> categories) {
            return new Header(line, columns, categories);
        }
    }

    /**
     * A decision line. Immutable.
     *
     * @param line       the line number
     * @param id         the decision id
     * @param time       the decision time (millisecond precision)
     * @param group      each sensitive column's level code, in the line's order
     * @param prediction the decision
     * @param score      the model's score, or {@code NaN} when the line has none
     * @param model      the model version, or null
     * @param route      which model answered
     * @param mode       the request mode, or null
     * @param withheld   the features withheld from the model
     * @param plan       the consent plan's fingerprint, or null
     */
    public record LoggedDecision(long line, long id, Instant time, Map<String, Integer> group, boolean prediction,
            double score, String model, DecisionLog.Route route, String mode, List<String> withheld, String plan)
            implements Entry {
        /**
         * Copies the map and list.
         *
         * @param line       the line number
         * @param id         the id
         * @param time       the time
         * @param group      the level codes
         * @param prediction the decision
         * @param score      the score or NaN
         * @param model      the model or null
         * @param route      the route
         * @param mode       the mode or null
         * @param withheld   the withheld features
         * @param plan       the plan fingerprint or null
         */
        public LoggedDecision {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(route, "route");
            group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
            withheld = List.copyOf(withheld);
        }

        /**
         * Makes a decision line.
         *
         * @param line       the line number
         * @param id         the id
         * @param time       the time
         * @param group      the level codes
         * @param prediction the decision
         * @param score      the score or NaN
         * @param model      the model or null
         * @param route      the route
         * @param mode       the mode or null
         * @param withheld   the withheld features
         * @param plan       the plan fingerprint or null
         * @return the decision line
         */
        public static LoggedDecision of(long line, long id, Instant time, Map<String, Integer> group,
                boolean prediction, double score, String model, DecisionLog.Route route, String mode,
                List<String> withheld, String plan) {
            return new LoggedDecision(line, id, time, group, prediction, score, model, route, mode, withheld, plan);
        }
    }

    /**
     * An outcome line. Immutable.
     *
     * @param line  the line number
     * @param id    the decision's id
     * @param time  when the outcome arrived
     * @param label the outcome
     */
    public record LoggedOutcome(long line, long id, Instant time, boolean label) implements Entry {
        /**
         * Checks the time.
         *
         * @param line  the line number
         * @param id    the id
         * @param time  the time
         * @param label the outcome
         */
        public LoggedOutcome {
            Objects.requireNonNull(time, "time");
        }

        /**
         * Makes an outcome line.
         *
         * @param line  the line number
         * @param id    the id
         * @param time  the time
         * @param label the outcome
         * @return the outcome line
         */
        public static LoggedOutcome of(long line, long id, Instant time, boolean label) {
            return new LoggedOutcome(line, id, time, label);
        }
    }

    /**
     * What a read found. Immutable.
     *
     * @param header    the header, empty when the file is empty, its only line was torn, or (in
     *                  {@link RecoveryMode#SALVAGE}) the header line was damaged and skipped
     * @param decisions the decision lines read
     * @param outcomes  the outcome lines read
     * @param tornTail  the torn last line left out, if any
     * @param salvaged  the damaged lines skipped in {@link RecoveryMode#SALVAGE}, in file order
     */
    public record Result(Optional<Header> header, long decisions, long outcomes,
            Optional<JsonLinesConsentStore.Recovery> tornTail, List<JsonLinesConsentStore.Recovery> salvaged) {
        /**
         * Copies the list.
         *
         * @param header    the header
         * @param decisions the decisions
         * @param outcomes  the outcomes
         * @param tornTail  the torn tail
         * @param salvaged  the skipped lines
         */
        public Result {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(tornTail, "tornTail");
            salvaged = List.copyOf(salvaged);
        }

        /**
         * Makes a result.
         *
         * @param header    the header
         * @param decisions the decisions
         * @param outcomes  the outcomes
         * @param tornTail  the torn tail
         * @param salvaged  the skipped lines
         * @return the result
         */
        public static Result of(Optional<Header> header, long decisions, long outcomes,
                Optional<JsonLinesConsentStore.Recovery> tornTail, List<JsonLinesConsentStore.Recovery> salvaged) {
            return new Result(header, decisions, outcomes, tornTail, salvaged);
        }
    }

    /**
     * Reads a decision log in a stream, passing each good line to the action in file order; the file
     * is not changed. Entries are passed as they are read: if the recovery mode refuses damage found
     * later, the exception comes after the entries before it.
     *
     * @param file   the file
     * @param mode   how damaged lines are treated
     * @param action what to do with each entry (the header first, when it is there)
     * @return what was read
     * @throws IOException           if the file cannot be read
     * @throws IllegalStateException if the recovery mode refuses the damage found (naming file, line and
     *                               byte offset), or the first line names another schema
     */
    public static Result forEach(Path file, RecoveryMode mode, Consumer<? super Entry> action) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(action, "action");
        try (LogFile f = LogFile.open(file, false)) {
            return forEach(f, file.toString(), mode, action);
        }
    }

    static Result forEach(LogFile f, String name, RecoveryMode mode, Consumer<? super Entry> action)
            throws IOException {
        Header[] header = {null};
        long[] counts = new long[2];
        CheckedLog.Scan scan = CheckedLog.scan(f, name, "decision log", mode, false, (b, off, len, line) -> {
            Entry e;
            try {
                e = line == 1 ? header(b, off, len, name) : parse(b, off, len, line, header[0]);
            } catch (BadLine bad) {
                return bad.getMessage();
            }
            if (e instanceof Header h) {
                header[0] = h;
            } else if (e instanceof LoggedDecision) {
                counts[0]++;
            } else {
                counts[1]++;
            }
            action.accept(e);
            return null;
        });
        return new Result(Optional.ofNullable(header[0]), counts[0], counts[1], Optional.ofNullable(scan.tornTail()),
                scan.skipped());
    }

    /** What is wrong with one line body; the message becomes the damage's reason. */
    static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message, null, false, false);
        }
    }

    private static JsonNode object(byte[] b, int off, int len) throws BadLine {
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(b, off, len);
        } catch (JacksonException e) {
            throw new BadLine("not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw new BadLine("expected a JSON object");
        }
        return o;
    }

    /**
     * Parses the first line as the header.
     *
     * @throws BadLine               if it is not a header
     * @throws IllegalStateException if it is a header of another schema
     */
    static Header header(byte[] b, int off, int len, String name) throws BadLine {
        JsonNode o = object(b, off, len);
        JsonNode schema = o.get("schema");
        if (schema == null || !schema.isString()) {
            throw new BadLine("line 1 must be the header {\"schema\":\"" + DecisionLog.SCHEMA + "\",...}");
        }
        if (!DecisionLog.SCHEMA.equals(schema.stringValue())) {
            throw new IllegalStateException("decision log " + name + " line 1: schema '" + schema.stringValue()
                    + "' is not " + DecisionLog.SCHEMA);
        }
        for (String f : o.propertyNames()) {
            if (!f.equals("schema") && !f.equals("group_columns")) {
                throw new BadLine("unknown header field '" + f + "'");
            }
        }
        JsonNode cs = o.get("group_columns");
        if (cs == null || !cs.isArray() || cs.size() == 0) {
            throw new BadLine("field 'group_columns' must list at least one column");
        }
        List<String> columns = new ArrayList<>();
        List<String> categories = new ArrayList<>();
        for (JsonNode c : cs) {
            if (!c.isObject() || c.size() != 2) {
                throw new BadLine("each of 'group_columns' must be {\"column\":...,\"category\":...}");
            }
            String column = string(c, "group_columns.column", c.get("column"), false);
            if (column.isEmpty() || columns.contains(column)) {
                throw new BadLine("field 'group_columns' names column '" + column + "' "
                        + (column.isEmpty() ? "(empty)" : "twice"));
            }
            columns.add(column);
            categories.add(string(c, "group_columns.category", c.get("category"), false));
        }
        return new Header(1, columns, categories);
    }

    /**
     * Parses a decision or outcome line.
     *
     * @param header the header, or null when there is none (salvage); then any group columns are taken
     * @throws BadLine if the body is not a valid decision or outcome
     */
    static Entry parse(byte[] b, int off, int len, long line, Header header) throws BadLine {
        JsonNode o = object(b, off, len);
        long id = integer(o, "id");
        Instant time = time(o);
        if (o.has("label")) {
            for (String f : o.propertyNames()) {
                if (!OUTCOME_FIELDS.contains(f)) {
                    throw new BadLine("unknown outcome field '" + f + "'");
                }
            }
            return new LoggedOutcome(line, id, time, binary(o, "label"));
        }
        for (String f : o.propertyNames()) {
            if (!DECISION_FIELDS.contains(f)) {
                throw new BadLine("unknown decision field '" + f + "'");
            }
        }
        JsonNode g = o.get("group");
        if (g == null || !g.isObject()) {
            throw new BadLine("field 'group' must be an object" + (header == null ? "" : " of " + header.columns()));
        }
        Map<String, Integer> group = new LinkedHashMap<>();
        if (header != null) {
            for (String c : header.columns()) {
                group.put(c, code(c, g.get(c)));
            }
            if (g.size() != header.columns().size()) {
                throw new BadLine("field 'group' has columns other than " + header.columns());
            }
        } else {
            for (Map.Entry<String, JsonNode> e : g.properties()) {
                group.put(e.getKey(), code(e.getKey(), e.getValue()));
            }
        }
        boolean prediction = binary(o, "prediction");
        double score = Double.NaN;
        JsonNode s = o.get("score");
        if (s != null) {
            if (!s.isNumber() || !Double.isFinite(s.doubleValue())) {
                throw new BadLine("field 'score' must be a finite number");
            }
            score = s.doubleValue();
        }
        String model = string(o, "model", o.get("model"), true);
        String routeName = string(o, "route", o.get("route"), false);
        DecisionLog.Route route = null;
        for (DecisionLog.Route r : DecisionLog.Route.values()) {
            if (r.jsonName().equals(routeName)) {
                route = r;
            }
        }
        if (route == null) {
            throw new BadLine("field 'route' must be primary, fallback, paused, rollback or non_personalised, was '" + routeName + "'");
        }
        String mode = string(o, "mode", o.get("mode"), true);
        JsonNode w = o.get("withheld");
        if (w == null || !w.isArray()) {
            throw new BadLine("field 'withheld' must be an array of strings");
        }
        List<String> withheld = new ArrayList<>(w.size());
        for (JsonNode x : w) {
            if (!x.isString()) {
                throw new BadLine("field 'withheld' must be an array of strings");
            }
            withheld.add(x.stringValue());
        }
        String plan = string(o, "plan", o.get("plan"), true);
        if (o.has("personal") && binary(o, "personal")) {
            throw new BadLine("field 'personal' is written only as 0 (no personal feature used)");
        }
        if (o.has("subject") != o.has("subject_key")) {
            throw new BadLine("fields 'subject' and 'subject_key' go together");
        }
        if (o.has("subject")) {
            string(o, "subject", o.get("subject"), false);
            string(o, "subject_key", o.get("subject_key"), false);
        }
        return new LoggedDecision(line, id, time, group, prediction, score, model, route, mode, withheld, plan);
    }

    private static int code(String column, JsonNode v) throws BadLine {
        if (v == null) {
            throw new BadLine("field 'group." + column + "' is missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new BadLine("field 'group." + column + "' must be a level code (an integer >= 0)");
        }
        return v.intValue();
    }

    private static String string(JsonNode o, String field, JsonNode v, boolean nullable) throws BadLine {
        if (v == null) {
            throw new BadLine("field '" + field + "' is missing");
        }
        if (nullable && v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new BadLine("field '" + field + "' must be a string" + (nullable ? " or null" : ""));
        }
        return v.stringValue();
    }

    private static long integer(JsonNode o, String field) throws BadLine {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadLine("field '" + field + "' must be an integer");
        }
        return v.longValue();
    }

    private static boolean binary(JsonNode o, String field) throws BadLine {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || (v.intValue() != 0 && v.intValue() != 1)) {
            throw new BadLine("field '" + field + "' must be 0 or 1");
        }
        return v.intValue() == 1;
    }

    private static Instant time(JsonNode o) throws BadLine {
        JsonNode v = o.get("time");
        if (v == null || !v.isString()) {
            throw new BadLine("field 'time' must be a string");
        }
        String t = v.stringValue();
        Instant i;
        try {
            i = Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new BadLine("field 'time' must be ISO-8601 UTC such as 2026-12-02T01:30:00Z, got '"
                    + (t.length() > 64 ? t.substring(0, 64) + "..." : t) + "'");
        }
        if (i.isBefore(Instant.ofEpochMilli(MIN_TIME)) || i.isAfter(Instant.ofEpochMilli(MAX_TIME))) {
            throw new BadLine("field 'time' must lie in the years 0000 to 9999, got '" + t + "'");
        }
        return i;
    }
}
