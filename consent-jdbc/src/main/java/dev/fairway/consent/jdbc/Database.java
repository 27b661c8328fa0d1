package dev.fairway.consent.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a store or feed connects: a {@code jdbc:postgresql:} URL, driver properties and the schema that holds
 * Fairway's tables. Package-private. Thread-safety: immutable.
 */
final class Database {
    /** Schema names: lower snake case, short enough that the notification channel stays under 63 bytes. */
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,39}");

    private final String url;
    private final Properties properties;
    private final String schema;
    private final String name;

    Database(String url, Properties properties, String schema, Duration connectTimeout, String applicationName) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url: only jdbc:postgresql: URLs are supported, got '" + redact(url) + "'");
        }
        if (!SCHEMA.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be lower snake case of 1 to 40 characters, got '"
                    + schema + "'");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toSeconds() > 3600) {
            throw new IllegalArgumentException("connectTimeout must be from 1 s to 1 h, got " + connectTimeout);
        }
        this.url = url;
        this.properties = new Properties();
        this.properties.putAll(properties);
        long seconds = Math.max(1, connectTimeout.toSeconds());
        this.properties.putIfAbsent("connectTimeout", Long.toString(seconds));
        this.properties.putIfAbsent("loginTimeout", Long.toString(seconds));
        this.properties.putIfAbsent("tcpKeepAlive", "true");
        this.properties.putIfAbsent("ApplicationName", applicationName);
        this.schema = schema;
        this.name = redact(url) + " (schema " + schema + ")";
    }

    /** The URL without its query string (which may carry a password). */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** How messages name this database: the redacted URL and the schema. */
    String name() {
        return name;
    }

    String schema() {
        return schema;
    }

    /** A table name qualified by the schema. */
    String table(String table) {
        return schema + "." + table;
    }

    /** The notification channel events of this schema are announced on (a quoted identifier). */
    String channel() {
        return "fairway_consent_" + schema;
    }

    /**
     * Opens a connection with auto-commit off.
     *
     * @throws JdbcStoreException naming the database when it cannot be reached or refuses the login
     */
    Connection connect() {
        Connection c;
        try {
            c = new org.postgresql.Driver().connect(url, properties);
        } catch (SQLException e) {
            throw new JdbcStoreException("consent store " + name + ": cannot connect: " + e.getMessage(), e);
        }
        if (c == null) {
            throw new JdbcStoreException("consent store " + name + ": the PostgreSQL driver does not accept the URL",
                    null);
        }
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new JdbcStoreException("consent store " + name + ": cannot configure the connection: "
                    + e.getMessage(), e);
        }
        return c;
    }

    /**
     * Whether a failure means the connection is gone or the transaction may be retried: SQLSTATE class 08
     * (connection exception), 57P01-57P03 (the server is shutting down or terminated the backend), 40001 and
     * 40P01 (serialization failure, deadlock).
     */
    static boolean retryable(SQLException e) {
        String s = e.getSQLState();
        if (s == null) {
            return false;
        }
        return s.startsWith("08") || s.equals("57P01") || s.equals("57P02") || s.equals("57P03")
                || s.equals("40001") || s.equals("40P01");
    }

    static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is discarded by the caller when it is broken
        }
    }

    static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
