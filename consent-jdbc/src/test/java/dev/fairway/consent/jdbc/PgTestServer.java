package dev.fairway.consent.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real PostgreSQL the tests run against. The URL is {@code -Dfairway.pg.url} when given; otherwise the
 * throw-away server of {@code scripts/pg-test-server} on port {@code -Dfairway.pg.port} (55432), which this
 * extension starts when nothing answers there and stops at the end of the run if it started it. When PostgreSQL
 * cannot be reached or started, every test class using the extension fails with a message saying why and what
 * to install; it never skips.
 */
final class PgTestServer implements BeforeAllCallback {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static boolean ready;

    /** The JDBC URL the tests use. */
    static String url() {
        String given = System.getProperty("fairway.pg.url");
        if (given != null && !given.isBlank()) {
            return given;
        }
        return "jdbc:postgresql://127.0.0.1:" + System.getProperty("fairway.pg.port", "55432")
                + "/fairway?user=fairway";
    }

    /** A schema name no other test (in this or another JVM) uses. */
    static String freshSchema() {
        return "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /** Opens a plain connection (auto-commit on) for a test's own SQL. */
    static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("connectTimeout", "5");
        return new org.postgresql.Driver().connect(url(), p);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ensure(context);
    }

    private static synchronized void ensure(ExtensionContext context) throws Exception {
        if (ready) {
            return;
        }
        String firstFailure = reach();
        if (firstFailure == null) {
            ready = true;
            return;
        }
        if (System.getProperty("fairway.pg.url") != null) {
            throw new IllegalStateException("PostgreSQL at -Dfairway.pg.url=" + JdbcUrls.redact(url())
                    + " cannot be reached: " + firstFailure);
        }
        Path script = Path.of(System.getProperty("fairway.pg.script", "../scripts/pg-test-server"));
        String port = System.getProperty("fairway.pg.port", "55432");
        Result started = run(script, "start", port);
        String after = started.exit == 0 ? reach() : "not tried";
        if (started.exit != 0 || after != null) {
            throw new IllegalStateException("consent-jdbc's tests need a real PostgreSQL, and none could be used: "
                    + "nothing answered at " + JdbcUrls.redact(url()) + " (" + firstFailure + "), and '" + script
                    + " start " + port + "' exited " + started.exit + (after == null || started.exit != 0 ? ""
                    : " but the server still cannot be reached (" + after + ")") + ". Its output: "
                    + started.output.strip() + ". Install the PostgreSQL server (apt-get install -y postgresql; "
                    + ".ci/run does this) or point -Dfairway.pg.url at a server.");
        }
        ready = true;
        context.getRoot().getStore(ExtensionContext.Namespace.create(PgTestServer.class))
                .computeIfAbsent("server", k -> new Stopper(script, port), Stopper.class);
    }

    /** Returns null when a connection succeeds, else why it failed. */
    private static String reach() {
        try (Connection c = connect()) {
            return c.isValid(5) ? null : "the connection is not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path script, String command, String port) throws IOException, InterruptedException {
        if (!Files.isExecutable(script)) {
            return new Result(127, "no executable script at " + script.toAbsolutePath());
        }
        Process p = new ProcessBuilder(script.toString(), command, port).redirectErrorStream(true).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(124, "timed out after 180 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Stops the server this extension started, when the test run ends. */
    private record Stopper(Path script, String port) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            Result r;
            try {
                r = run(script, "stop", port);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the test server", e);
            }
            if (r.exit != 0) {
                throw new IllegalStateException(script + " stop " + port + " exited " + r.exit + ": " + r.output);
            }
        }
    }

    /** URL helpers for messages. */
    static final class JdbcUrls {
        private JdbcUrls() {
        }

        static String redact(String url) {
            return Database.redact(url);
        }
    }
}
