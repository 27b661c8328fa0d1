package dev.fairway.fairness;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON state format of {@link ConfusionCounts}, {@code fairway-counts/v1} (documented in
 * {@code docs/state-format.md}). Each group value is an object with one field naming its type;
 * numbers that a JSON number may not keep exactly (long, float, double, big integer, big
 * decimal) are strings. Stateless and thread-safe.
 */
final class CountTableJson {
    /** The format identifier written in every document. */
    static final String FORMAT = "fairway-counts/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] CELLS = {"tn", "fp", "fn", "tp"};

    private CountTableJson() {
    }

    static String write(ConfusionCounts t) {
        GroupIndex index = t.groups();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode columns = root.putArray("columns");
        index.columns().forEach(columns::add);
        root.put("weighted", t.weighted());
        ArrayNode groups = root.putArray("groups");
        long[] counts = t.countArray();
        double[] hi = t.hiArray();
        double[] lo = t.loArray();
        for (int g = 0; g < index.size(); g++) {
            ObjectNode group = groups.addObject();
            ArrayNode values = group.putArray("values");
            List<Object> vs = index.group(g).values();
            for (int c = 0; c < vs.size(); c++) {
                value(values.addObject(), index.columns().get(c), vs.get(c));
            }
            ObjectNode cells = group.putObject("counts");
            for (int k = 0; k < 4; k++) {
                cells.put(CELLS[k], counts[4 * g + k]);
            }
            if (t.weighted()) {
                ObjectNode w = group.putObject("weights");
                for (int k = 0; k < 4; k++) {
                    int j = 4 * g + k;
                    if (!Double.isFinite(hi[j]) || !Double.isFinite(lo[j])) {
                        throw new IllegalArgumentException("group " + index.group(g) + " has a weighted sum that"
                                + " overflowed (" + hi[j] + "); it cannot be written");
                    }
                    ArrayNode pair = w.putArray(CELLS[k]);
                    pair.add(hi[j]);
                    pair.add(lo[j]);
                }
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void value(ObjectNode node, String column, Object v) {
        switch (CountTableFormat.tag(column, v)) {
            case CountTableFormat.TAG_STRING -> node.put("string", (String) v);
            case CountTableFormat.TAG_BOOLEAN -> node.put("boolean", (Boolean) v);
            case CountTableFormat.TAG_BYTE -> node.put("byte", (Byte) v);
            case CountTableFormat.TAG_SHORT -> node.put("short", (Short) v);
            case CountTableFormat.TAG_INT -> node.put("int", (Integer) v);
            case CountTableFormat.TAG_LONG -> node.put("long", v.toString());
            case CountTableFormat.TAG_FLOAT -> node.put("float", v.toString());
            case CountTableFormat.TAG_DOUBLE -> node.put("double", v.toString());
            case CountTableFormat.TAG_CHAR -> node.put("char", v.toString());
            case CountTableFormat.TAG_BIG_INTEGER -> node.put("big_integer", v.toString());
            case CountTableFormat.TAG_BIG_DECIMAL -> node.put("big_decimal", v.toString());
            case CountTableFormat.TAG_DATE -> node.put("date", v.toString());
            default -> throw new AssertionError(v);
        }
    }

    static ConfusionCounts read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("count table JSON is malformed: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("count table JSON must be an object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isString() || !FORMAT.equals(format.asString())) {
            throw new IllegalArgumentException("count table JSON field 'format' must be \"" + FORMAT + "\", got " + format);
        }
        List<String> columns = new ArrayList<>();
        JsonNode cols = array(root, "columns", "columns");
        for (int c = 0; c < cols.size(); c++) {
            if (!cols.get(c).isString()) {
                throw new IllegalArgumentException("count table JSON field 'columns[" + c + "]' must be a string");
            }
            columns.add(cols.get(c).asString());
        }
        JsonNode weightedNode = root.get("weighted");
        if (weightedNode == null || !weightedNode.isBoolean()) {
            throw new IllegalArgumentException("count table JSON field 'weighted' must be true or false");
        }
        boolean weighted = weightedNode.booleanValue();
        JsonNode groups = array(root, "groups", "groups");
        int n = groups.size();
        List<List<Object>> values = new ArrayList<>(n);
        long[] counts = new long[4 * n];
        double[] hi = weighted ? new double[4 * n] : null;
        double[] lo = weighted ? new double[4 * n] : null;
        for (int g = 0; g < n; g++) {
            String at = "groups[" + g + "]";
            JsonNode group = groups.get(g);
            if (!group.isObject()) {
                throw new IllegalArgumentException("count table JSON field '" + at + "' must be an object");
            }
            JsonNode vs = array(group, "values", at + ".values");
            if (vs.size() != columns.size()) {
                throw new IllegalArgumentException("count table JSON field '" + at + ".values' has " + vs.size()
                        + " values for " + columns.size() + " columns");
            }
            List<Object> tuple = new ArrayList<>(vs.size());
            for (int c = 0; c < vs.size(); c++) {
                tuple.add(value(vs.get(c), at + ".values[" + c + "]"));
            }
            values.add(tuple);
            JsonNode cells = object(group, "counts", at + ".counts");
            for (int k = 0; k < 4; k++) {
                JsonNode v = cells.get(CELLS[k]);
                if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
                    throw new IllegalArgumentException("count table JSON field '" + at + ".counts." + CELLS[k]
                            + "' must be an integer");
                }
                counts[4 * g + k] = v.longValue();
            }
            if (weighted) {
                JsonNode w = object(group, "weights", at + ".weights");
                for (int k = 0; k < 4; k++) {
                    JsonNode pair = w.get(CELLS[k]);
                    String field = at + ".weights." + CELLS[k];
                    if (pair == null || !pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber()
                            || !pair.get(1).isNumber()) {
                        throw new IllegalArgumentException("count table JSON field '" + field
                                + "' must be [hi, lo], two numbers");
                    }
                    hi[4 * g + k] = pair.get(0).doubleValue();
                    lo[4 * g + k] = pair.get(1).doubleValue();
                }
            } else if (group.has("weights")) {
                throw new IllegalArgumentException("count table JSON field '" + at
                        + ".weights' is present but the table is not weighted");
            }
        }
        try {
            return ConfusionCounts.ofGroups(columns, values, counts, hi, lo);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("count table JSON is invalid: " + e.getMessage(), e);
        }
    }

    private static JsonNode array(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isArray()) {
            throw new IllegalArgumentException("count table JSON field '" + field + "' must be an array");
        }
        return node;
    }

    private static JsonNode object(JsonNode parent, String name, String field) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("count table JSON field '" + field + "' must be an object");
        }
        return node;
    }

    private static Object value(JsonNode node, String field) {
        if (!node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("count table JSON field '" + field
                    + "' must be an object with one field naming the type, such as {\"string\": \"F\"}");
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator();
        Map.Entry<String, JsonNode> e = it.next();
        String type = e.getKey();
        JsonNode v = e.getValue();
        try {
            switch (type) {
                case "string":
                    return text(v);
                case "boolean":
                    if (!v.isBoolean()) {
                        throw new IllegalArgumentException("not a boolean");
                    }
                    return v.booleanValue();
                case "byte":
                    return (byte) integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
                case "short":
                    return (short) integral(v, Short.MIN_VALUE, Short.MAX_VALUE);
                case "int":
                    return (int) integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "long":
                    return Long.parseLong(text(v));
                case "float":
                    return Float.parseFloat(text(v));
                case "double":
                    return Double.parseDouble(text(v));
                case "char": {
                    String s = text(v);
                    if (s.length() != 1) {
                        throw new IllegalArgumentException("not one character");
                    }
                    return s.charAt(0);
                }
                case "big_integer":
                    return new BigInteger(text(v));
                case "big_decimal":
                    return new BigDecimal(text(v));
                case "date":
                    return LocalDate.parse(text(v));
                default:
                    throw new IllegalArgumentException("unknown type '" + type + "'; types are string, boolean, byte,"
                            + " short, int, long, float, double, char, big_integer, big_decimal, date");
            }
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("count table JSON field '" + field + "." + type + "' is invalid: "
                    + ex.getMessage(), ex);
        }
    }

    private static String text(JsonNode v) {
        if (!v.isString()) {
            throw new IllegalArgumentException("not a string");
        }
        return v.asString();
    }

    private static long integral(JsonNode v, long min, long max) {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw new IllegalArgumentException("not an integer in " + min + ".." + max);
        }
        return v.longValue();
    }
}
