package dev.fairway.explain.trees;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the XGBoost goldens under src/test/resources/dev/fairway/explain/trees/xgboost (see its README). */
final class Goldens {
    static final String DIR = "/dev/fairway/explain/trees/xgboost/";

    private Goldens() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Goldens.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TreeEnsemble model(String objective) {
        return XgboostJson.read(bytes(objective + ".model.json"), objective + ".model.json");
    }

    /** A CSV of numbers with a header; an empty cell is NaN. */
    static double[][] csv(String name) {
        String[] lines = new String(bytes(name), StandardCharsets.UTF_8).split("\n");
        List<double[]> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                continue;
            }
            String[] cells = lines[i].split(",", -1);
            double[] r = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                r[j] = cells[j].isEmpty() ? Double.NaN : Double.parseDouble(cells[j]);
            }
            rows.add(r);
        }
        return rows.toArray(new double[0][]);
    }
}
