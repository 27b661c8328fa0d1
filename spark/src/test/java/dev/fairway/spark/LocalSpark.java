package dev.fairway.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * One local SparkSession ({@code local[2]}) shared by every test class of this module, and the
 * COMPAS test files of fairness-core ({@code ../fairness-core/src/test/resources}, provenance in
 * the READMEs there). A missing file fails the test.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("fairway-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "2")
                    .getOrCreate();
        }
        return session;
    }

    static Path resource(String relative) {
        Path p = Path.of("../fairness-core/src/test/resources").resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("test resource missing: " + p.toAbsolutePath());
        }
        return p;
    }

    static Path compas() {
        return resource("datasets/compas_golden_input.csv");
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
