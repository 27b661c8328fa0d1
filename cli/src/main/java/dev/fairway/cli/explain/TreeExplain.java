package dev.fairway.cli.explain;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.fairway.explain.Attribution;
import dev.fairway.explain.Background;
import dev.fairway.explain.trees.TreeEnsemble;
import dev.fairway.explain.trees.TreeShapExplainer;
import dev.fairway.explain.trees.XgboostJson;
import dev.fairway.io.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code fairway explain --model m.json --data rows.csv} for an XGBoost JSON model (recognised by
 * content): explains every row of the CSV with exact TreeSHAP, path-dependent by default or
 * interventional against {@code --background}, and prints one JSON document:
 *
 * <pre>{@code
 * {"format": "fairway-tree-explanations/v1", "model": {"objective": "binary:logistic", "trees": 20, "digest": "sha256:..."},
 *  "method": "tree_path_dependent", "link": "logit", "withheld": [],
 *  "rows": [{"row": 1, "value": -1.23, "base": 0.06, "attributions": {"income": -0.88, ...}}, ...]}
 * }</pre>
 *
 * <p>{@code row} is the 1-based data row, {@code value} the margin (log-odds for a logistic
 * model), {@code base} the base value and {@code attributions} one value per feature, adding up
 * to {@code value − base}. A {@code --withheld} feature is a never-present player and is absent
 * from {@code attributions}. The CSV's header must name every model feature (other columns are
 * ignored); an empty cell is a missing value. Everything is read and computed before anything is
 * printed; bad input is exit 2 with one line naming the file, line and column.
 *
 * <p>Stateless; each call is independent.
 */
final class TreeExplain {
    /** The most data rows explained in one run. */
    static final int MAX_DATA_ROWS = 100_000;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TreeExplain() {
    }

    /**
     * Whether the model file is an XGBoost JSON model, by its first bytes; an unreadable file is
     * not, and is reported by the linear path.
     */
    static boolean recognises(Path model) {
        if (model == null || !Files.isRegularFile(model)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(model)) {
            return XgboostJson.looksLike(in.readNBytes(64));
        } catch (IOException e) {
            return false;
        }
    }

    static int run(Path modelFile, Path dataFile, Path backgroundFile, List<String> withheldNames, PrintWriter out) {
        if (dataFile == null) {
            throw new IllegalArgumentException("--model " + modelFile + " is a tree model: give the rows to explain with --data");
        }
        TreeEnsemble model;
        try {
            model = XgboostJson.read(modelFile);
        } catch (InputException e) {
            throw new IllegalArgumentException("--model " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--model: cannot read " + modelFile + " (" + e.getMessage() + ")", e);
        }
        List<String> features = model.featureNames();
        Set<String> withheld = new LinkedHashSet<>(withheldNames);
        for (String w : withheld) {
            if (!features.contains(w)) {
                throw new IllegalArgumentException("--withheld '" + w + "' is not a feature of the model " + features);
            }
        }
        if (model.outputs() != 1) {
            throw new IllegalArgumentException("--model " + modelFile + " has " + model.outputs()
                    + " outputs (multi:softprob); fairway explain --data explains single-output tree models");
        }
        TreeShapExplainer.Builder b = TreeShapExplainer.builder(model);
        if (backgroundFile != null) {
            Background bg = ExplainCommand.readBackground(backgroundFile, features, null);
            b.interventional(bg);
        }
        TreeShapExplainer explainer = b.build();
        List<double[]> rows = readData(dataFile, features);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "fairway-tree-explanations/v1");
        ObjectNode m = root.putObject("model");
        m.put("objective", model.objective().id());
        m.put("trees", model.trees());
        m.put("digest", model.digest());
        root.put("method", explainer.method().id());
        root.put("link", explainer.link().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode w = root.putArray("withheld");
        withheld.forEach(w::add);
        ArrayNode list = root.putArray("rows");
        for (int r = 0; r < rows.size(); r++) {
            Attribution a = explainer.explain(rows.get(r), withheld);
            ObjectNode row = list.addObject();
            row.put("row", r + 1);
            row.put("value", a.prediction());
            row.put("base", a.baseValue());
            ObjectNode attr = row.putObject("attributions");
            for (int j = 0; j < features.size(); j++) {
                if (!withheld.contains(features.get(j))) {
                    attr.put(features.get(j), a.value(j));
                }
            }
        }
        out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        out.flush();
        return 0;
    }

    static List<double[]> readData(Path file, List<String> features) {
        List<double[]> rows = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> csv = CsvReader.builder().ofNamedCsvRecord(file, StandardCharsets.UTF_8)) {
            for (NamedCsvRecord rec : csv) {
                long line = rec.getStartingLineNumber();
                if (rows.size() == MAX_DATA_ROWS) {
                    throw new IllegalArgumentException("--data " + file + " has more than " + MAX_DATA_ROWS
                            + " rows; split it");
                }
                double[] row = new double[features.size()];
                for (int j = 0; j < row.length; j++) {
                    String name = features.get(j);
                    String cell = rec.findField(name).orElseThrow(() -> new IllegalArgumentException(
                            "--data " + file + " line " + line + " has no column '" + name + "' (the header must name every"
                                    + " model feature)"));
                    row[j] = cell(cell, file, line, name);
                }
                rows.add(row);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("--data: cannot read " + file + " (" + e.getMessage() + ")", e);
        } catch (CsvParseException e) {
            throw new IllegalArgumentException("--data " + file + " is not valid CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("--data " + file + " has no data rows");
        }
        return rows;
    }

    /** An empty cell is missing (NaN); anything else must be a finite number. */
    private static double cell(String cell, Path file, long line, String column) {
        String s = cell.trim();
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException("not finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--data " + file + " line " + line + ", column '" + column
                    + "': not a finite number or empty: '" + cell + "'", e);
        }
    }
}
