package dev.fairway.fairness.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test resources of the statistics, score and mitigation tests: the COMPAS golden input, the
 * golden files and the scipy oracle (provenance in the READMEs beside them). A missing file fails.
 * Shared by the tests of {@code stats}, {@code scores} and {@code mitigation}.
 */
public final class TestData {
    /** A JSON mapper. */
    public static final JsonMapper JSON = JsonMapper.builder().build();

    private TestData() {
    }

    /**
     * Reads a JSON test resource.
     *
     * @param path path under {@code src/test/resources}
     * @return the tree
     */
    public static JsonNode json(String path) {
        try {
            return JSON.readTree(Files.readString(Path.of("src/test/resources").resolve(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The COMPAS golden input as columns of strings (the file has no quoted fields).
     *
     * @return column name to values
     */
    public static Map<String, List<String>> compas() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("src/test/resources/datasets/compas_golden_input.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String[] header = lines.get(0).split(",", -1);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        for (String h : header) {
            columns.put(h, new ArrayList<>());
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                columns.get(header[i]).add(f[i]);
            }
        }
        return columns;
    }

    /**
     * Parses a column of numbers.
     *
     * @param column the values
     * @return the doubles
     */
    public static double[] doubles(List<String> column) {
        return column.stream().mapToDouble(Double::parseDouble).toArray();
    }

    /**
     * Parses a 0/1 column.
     *
     * @param column the values
     * @return true where 1
     */
    public static boolean[] booleans(List<String> column) {
        boolean[] b = new boolean[column.size()];
        for (int i = 0; i < b.length; i++) {
            b[i] = column.get(i).equals("1");
        }
        return b;
    }

    /**
     * Reads a golden double (strings "NaN", "Infinity", "-Infinity" allowed).
     *
     * @param n the node
     * @return the value
     */
    public static double number(JsonNode n) {
        return n.isString() ? Double.parseDouble(n.asString()) : n.asDouble();
    }
}
