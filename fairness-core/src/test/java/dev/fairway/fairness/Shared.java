package dev.fairway.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Access to the golden reference files and the COMPAS input shipped as this module's test resources
 * ({@code src/test/resources/golden}, {@code src/test/resources/datasets}; provenance in their READMEs).
 * A missing file fails the test: nothing is skipped.
 */
public final class Shared {
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Shared() {
    }

    public static Path root() {
        Path path = Path.of("src/test/resources");
        if (!Files.isDirectory(path.resolve("golden")) || !Files.isDirectory(path.resolve("datasets"))) {
            throw new IllegalStateException("golden test resources missing under " + path.toAbsolutePath());
        }
        return path;
    }

    public static JsonNode golden(String file) {
        try {
            return JSON.readTree(Files.readString(root().resolve("golden").resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The COMPAS golden input as columns of strings (the file has no quoted fields). */
    public static Map<String, List<String>> compas() {
        List<String> lines;
        try {
            lines = Files.readAllLines(root().resolve("datasets").resolve("compas_golden_input.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = lines.get(0).split(",", -1);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String h : header) {
            columns.put(h, new ArrayList<>());
        }
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            assertEquals(header.length, f.length, () -> "fields in " + line);
            for (int i = 0; i < f.length; i++) {
                columns.get(header[i]).add(f[i]);
            }
        }
        return columns;
    }

    public static int[] ints(List<String> column) {
        return column.stream().mapToInt(Integer::parseInt).toArray();
    }

    public static double[] doubles(List<String> column) {
        return column.stream().mapToDouble(Double::parseDouble).toArray();
    }

    public static double number(JsonNode n) {
        if (n.isString()) {
            return switch (n.asString()) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> throw new AssertionError("not a number: " + n);
            };
        }
        return n.doubleValue();
    }

    /** Asserts agreement to 1e-12 relative (absolute below 1); NaN must match NaN. */
    public static void close(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, what);
            return;
        }
        double tol = 1e-12 * Math.max(1.0, Math.abs(expected));
        if (!(Math.abs(expected - actual) <= tol)) {
            fail(what + ": expected " + expected + " but was " + actual + " (diff " + Math.abs(expected - actual) + ")");
        }
    }

    public static String describe(Object... parts) {
        return Arrays.toString(parts);
    }
}
