package dev.fairway.fairness.ranking;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON state format of {@link ExposureTable}, {@code fairway-exposure/v1} (documented in
 * {@code docs/state-format.md}). Counts are JSON integers; each fixed-point sum is a string holding
 * its exact decimal value (a multiple of 2<sup>-62</sup>, so a finite decimal), which a reader
 * turns back into the same integer words. Stateless and thread-safe.
 */
final class ExposureTableJson {
    /** The format identifier written in every document. */
    static final String FORMAT = "fairway-exposure/v1";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] SUMS = {"mean_exposure", "exposure", "relevance"};
    private static final BigDecimal ONE = new BigDecimal(FixedSum.ONE);
    /** 5^62: fraction / 2^62 == fraction * 5^62 / 10^62. */
    private static final BigInteger FIVE_62 = BigInteger.valueOf(5).pow(62);
    private static final BigDecimal LIMIT = new BigDecimal(BigInteger.ONE.shiftLeft(63));

    private ExposureTableJson() {
    }

    static String write(ExposureTable t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("lists", t.lists());
        root.put("relevance", t.hasRelevance());
        ArrayNode groups = root.putArray("groups");
        for (String g : t.groups()) {
            long[] s = t.state(g);
            ObjectNode node = groups.addObject();
            node.put("name", g);
            node.put("lists", s[0]);
            node.put("items", s[1]);
            for (int k = 0; k < (t.hasRelevance() ? 3 : 2); k++) {
                node.put(SUMS[k], decimal(s[2 + 2 * k], s[3 + 2 * k]));
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** The exact decimal value of whole + fraction / 2^62. */
    static String decimal(long whole, long fraction) {
        BigDecimal f = new BigDecimal(BigInteger.valueOf(fraction).multiply(FIVE_62), 62);
        return BigDecimal.valueOf(whole).add(f).stripTrailingZeros().toPlainString();
    }

    /** The words of an exact decimal, or an exception saying why it is not one. */
    static long[] words(String text) {
        if (text.length() > 200) {
            throw new IllegalArgumentException("longer than 200 characters");
        }
        BigDecimal d;
        try {
            d = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal number");
        }
        if (d.signum() < 0 || d.compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException("outside [0, 2^63)");
        }
        BigDecimal scaled = d.multiply(ONE).stripTrailingZeros();
        if (scaled.scale() > 0) {
            throw new IllegalArgumentException("not a multiple of 2^-62, so not a sum this table kept");
        }
        BigInteger v = scaled.toBigIntegerExact();
        return new long[] {v.shiftRight(62).longValueExact(), v.longValue() & (FixedSum.ONE - 1)};
    }

    static ExposureTable read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("exposure table JSON is malformed: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("exposure table JSON must be an object");
        }
        JsonNode format = root.get("format");
        if (format == null || !format.isString() || !FORMAT.equals(format.asString())) {
            throw new IllegalArgumentException("exposure table JSON field 'format' must be \"" + FORMAT + "\", got "
                    + format);
        }
        long totalLists = integer(root, "lists", "lists");
        if (totalLists < 0) {
            throw new IllegalArgumentException("exposure table JSON field 'lists' must be at least 0");
        }
        JsonNode rel = root.get("relevance");
        if (rel == null || !rel.isBoolean()) {
            throw new IllegalArgumentException("exposure table JSON field 'relevance' must be true or false");
        }
        boolean relevance = rel.booleanValue();
        JsonNode groups = root.get("groups");
        if (groups == null || !groups.isArray()) {
            throw new IllegalArgumentException("exposure table JSON field 'groups' must be an array");
        }
        TreeMap<String, long[]> byName = new TreeMap<>();
        long listSum = 0;
        for (int g = 0; g < groups.size(); g++) {
            String at = "groups[" + g + "]";
            JsonNode group = groups.get(g);
            if (!group.isObject()) {
                throw new IllegalArgumentException("exposure table JSON field '" + at + "' must be an object");
            }
            JsonNode name = group.get("name");
            if (name == null || !name.isString()) {
                throw new IllegalArgumentException("exposure table JSON field '" + at + ".name' must be a string");
            }
            long[] s = new long[ExposureTable.STATE_WORDS];
            s[0] = integer(group, "lists", at + ".lists");
            s[1] = integer(group, "items", at + ".items");
            for (int k = 0; k < 3; k++) {
                String field = at + "." + SUMS[k];
                JsonNode v = group.get(SUMS[k]);
                if (k == 2 && !relevance) {
                    if (v != null) {
                        throw new IllegalArgumentException("exposure table JSON field '" + field
                                + "' is present but the table recorded no relevance");
                    }
                    continue;
                }
                if (v == null || !v.isString()) {
                    throw new IllegalArgumentException("exposure table JSON field '" + field
                            + "' must be a string holding a decimal number");
                }
                try {
                    long[] w = words(v.asString());
                    s[2 + 2 * k] = w[0];
                    s[3 + 2 * k] = w[1];
                } catch (IllegalArgumentException | ArithmeticException e) {
                    throw new IllegalArgumentException("exposure table JSON field '" + field + "' is invalid: "
                            + e.getMessage(), e);
                }
            }
            String bad = ExposureTableFormat.invalid(s, totalLists, relevance);
            if (bad != null) {
                throw new IllegalArgumentException("exposure table JSON field '" + at + "' is invalid: " + bad);
            }
            if (byName.put(name.asString(), s) != null) {
                throw new IllegalArgumentException("exposure table JSON field '" + at + ".name': group '"
                        + name.asString() + "' occurs twice");
            }
            listSum = Math.min(Long.MAX_VALUE / 2, listSum + s[0]);
        }
        if (relevance && totalLists == 0) {
            throw new IllegalArgumentException("exposure table JSON field 'relevance' is true but no list was recorded");
        }
        if ((byName.isEmpty()) != (totalLists == 0) || listSum < totalLists) {
            throw new IllegalArgumentException("exposure table JSON field 'lists' (" + totalLists
                    + ") does not fit the groups' lists (" + listSum + " in all over " + byName.size() + " groups)");
        }
        return ExposureTable.restore(totalLists, relevance, new ArrayList<>(byName.keySet()),
                byName.values().toArray(new long[0][]));
    }

    private static long integer(JsonNode parent, String name, String field) {
        JsonNode v = parent.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("exposure table JSON field '" + field + "' must be an integer");
        }
        return v.longValue();
    }
}
