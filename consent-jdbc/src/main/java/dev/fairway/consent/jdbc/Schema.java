package dev.fairway.consent.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned DDL of the consent tables and the migration that applies it. Each version is a list of
 * statements applied in one transaction together with its row in {@code fairway_schema_version}; concurrent
 * openers are serialised by a transaction-level advisory lock, so a fleet starting at once migrates once. A
 * database whose version is newer than {@link #LATEST} is refused. Package-private. Thread-safety: stateless.
 */
final class Schema {
    /** The component whose versions this class keeps in {@code fairway_schema_version}. */
    static final String COMPONENT = "consent_ledger";
    /** The advisory lock class (first key) of schema migrations: "fwsc" in ASCII. */
    private static final int LOCK_CLASS = 0x66777363;

    static final String EVENTS = "fairway_consent_event";
    static final String HEAD = "fairway_consent_head";
    static final String VERSIONS = "fairway_schema_version";

    /** Version 1: the events (one row per event), the head (the last sequence number) and the subject index. */
    private static final List<String> V1 = List.of(
            """
            CREATE TABLE %1$s.fairway_consent_head (
              singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
              last_seq bigint NOT NULL CHECK (last_seq >= 0))""",
            "INSERT INTO %1$s.fairway_consent_head (singleton, last_seq) VALUES (true, 0)",
            """
            CREATE TABLE %1$s.fairway_consent_event (
              seq bigint PRIMARY KEY CHECK (seq > 0),
              event_id uuid NOT NULL UNIQUE,
              subject text NOT NULL CHECK (octet_length(subject) BETWEEN 1 AND %2$d),
              purpose text NOT NULL,
              state text NOT NULL,
              basis text NOT NULL,
              explicit boolean NOT NULL,
              event_time_s bigint NOT NULL,
              event_time_ns integer NOT NULL CHECK (event_time_ns BETWEEN 0 AND 999999999),
              recorded_time_s bigint NOT NULL,
              recorded_time_ns integer NOT NULL CHECK (recorded_time_ns BETWEEN 0 AND 999999999),
              expiry_s bigint,
              expiry_ns integer CHECK (expiry_ns BETWEEN 0 AND 999999999),
              notice_version text,
              source text NOT NULL,
              jurisdiction text,
              evidence_sha256 text,
              CHECK ((expiry_s IS NULL) = (expiry_ns IS NULL)))""",
            "CREATE INDEX fairway_consent_event_subject ON %1$s.fairway_consent_event (subject, seq)");

    /** Every version in order; index i holds version i + 1. */
    private static final List<List<String>> VERSIONS_DDL = List.of(V1);

    /** The newest schema version this code knows. */
    static final int LATEST = VERSIONS_DDL.size();

    private Schema() {
    }

    /**
     * Creates or migrates the schema to {@link #LATEST} in one transaction.
     *
     * @return the version found before migrating (0 for a new database)
     * @throws JdbcStoreException if the database's version is newer than {@link #LATEST} (nothing is changed)
     * @throws SQLException       if a statement fails (the transaction is rolled back by the caller)
     */
    static int migrate(Connection c, Database db) throws SQLException {
        String schema = db.schema();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setString(2, schema);
            lock.execute();
        }
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
            st.execute("CREATE TABLE IF NOT EXISTS " + db.table(VERSIONS) + " ("
                    + "component text NOT NULL, version integer NOT NULL CHECK (version > 0), "
                    + "applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version))");
        }
        int found;
        try (PreparedStatement q = c.prepareStatement(
                "SELECT coalesce(max(version), 0) FROM " + db.table(VERSIONS) + " WHERE component = ?")) {
            q.setString(1, COMPONENT);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                found = rs.getInt(1);
            }
        }
        if (found > LATEST) {
            throw new JdbcStoreException("consent store " + db.name() + ": the database's schema is version " + found
                    + " (table " + db.table(VERSIONS) + ", component " + COMPONENT + "), newer than the version "
                    + LATEST + " this Fairway knows; use a Fairway release that knows version " + found
                    + ", nothing was changed", null);
        }
        for (int v = found + 1; v <= LATEST; v++) {
            try (Statement st = c.createStatement()) {
                for (String ddl : VERSIONS_DDL.get(v - 1)) {
                    st.execute(String.format(ddl, schema, JdbcConsentStore.MAX_SUBJECT_BYTES));
                }
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO " + db.table(VERSIONS) + " (component, version) VALUES (?, ?)")) {
                ins.setString(1, COMPONENT);
                ins.setInt(2, v);
                ins.executeUpdate();
            }
        }
        return found;
    }
}
