package dev.fairway.fairness.live;

import dev.fairway.fairness.ConfusionCounts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON state format of {@link LiveSnapshot}, {@code fairway-live-snapshot/v1} (documented in
 * {@code docs/state-format.md}): bounds and counters as JSON integers, and the two tables as
 * nested {@code fairway-counts/v1} documents ({@link ConfusionCounts#toJson()}). Stateless and
 * thread-safe.
 */
final class LiveSnapshotJson {
    /** The format identifier written in every document. */
    static final String FORMAT = "fairway-live-snapshot/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LiveSnapshotJson() {
    }

    static String write(LiveSnapshot s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("start", s.start());
        root.put("end", s.end());
        long[] counters = LiveSnapshotFormat.counters(s);
        for (int k = 0; k < counters.length; k++) {
            root.put(LiveSnapshotFormat.COUNTERS[k], counters[k]);
        }
        root.set("decisions", JSON.readTree(s.decisions().toJson()));
        root.set("labelled", JSON.readTree(s.labelled().toJson()));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    static LiveSnapshot read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("live snapshot JSON is malformed: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("live snapshot JSON must be an object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isString() || !FORMAT.equals(format.asString())) {
            throw new IllegalArgumentException("live snapshot JSON field 'format' must be \"" + FORMAT + "\", got "
                    + format);
        }
        long start = integer(root, "start");
        long end = integer(root, "end");
        long[] counters = new long[LiveSnapshotFormat.COUNTERS.length];
        for (int k = 0; k < counters.length; k++) {
            counters[k] = integer(root, LiveSnapshotFormat.COUNTERS[k]);
            if (counters[k] < 0) {
                throw new IllegalArgumentException("live snapshot JSON field '" + LiveSnapshotFormat.COUNTERS[k]
                        + "' must be at least 0, got " + counters[k]);
            }
        }
        ConfusionCounts decisions = table(root, "decisions");
        ConfusionCounts labelled = table(root, "labelled");
        if (!decisions.groups().equals(labelled.groups())) {
            throw new IllegalArgumentException("live snapshot JSON field 'labelled' has other groups than 'decisions'");
        }
        return new LiveSnapshot(start, end, decisions, labelled, counters[0], counters[1], counters[2], counters[3],
                counters[4], counters[5]);
    }

    private static long integer(JsonNode parent, String name) {
        JsonNode v = parent.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("live snapshot JSON field '" + name + "' must be an integer");
        }
        return v.longValue();
    }

    private static ConfusionCounts table(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("live snapshot JSON field '" + name
                    + "' must be an object (a fairway-counts/v1 document)");
        }
        try {
            return ConfusionCounts.fromJson(JSON.writeValueAsString(node));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("live snapshot JSON field '" + name + "': " + e.getMessage(), e);
        }
    }
}
