package dev.fairway.consent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input to the JDBC store: one clear error each, and nothing half written (checked by counting rows and
 * reading the head with our own SQL).
 */
@ExtendWith(PgTestServer.class)
class JdbcBadInputTest {
    private final String schema = PgTestServer.freshSchema();

    private static long count(String sql) throws SQLException {
        try (Connection c = PgTestServer.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(String sql) throws SQLException {
        try (Connection c = PgTestServer.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long rows() throws SQLException {
        return count("SELECT count(*) FROM " + schema + ".fairway_consent_event");
    }

    private long head() throws SQLException {
        return count("SELECT last_seq FROM " + schema + ".fairway_consent_head");
    }

    private JdbcConsentStore open() {
        return JdbcConsentStore.builder(PgTestServer.url()).schema(schema).build();
    }

    @Test
    void anUnreachableDatabaseIsOneClearErrorWithoutThePassword() {
        JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> JdbcConsentStore
                .builder("jdbc:postgresql://127.0.0.1:1/fairway?user=fairway&password=s3cret")
                .connectTimeout(Duration.ofSeconds(2)).build());
        assertTrue(e.getMessage().startsWith("consent store jdbc:postgresql://127.0.0.1:1/fairway (schema fairway): "
                + "cannot connect: "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertEquals("08001", e.sqlState().orElseThrow());
        JdbcStoreException feed = assertThrows(JdbcStoreException.class, () -> ConsentFeed
                .builder("jdbc:postgresql://127.0.0.1:1/fairway").connectTimeout(Duration.ofSeconds(2)).build());
        assertTrue(feed.getMessage().contains("cannot connect"), feed.getMessage());
    }

    @Test
    void onlyPostgresqlUrlsAndSnakeCaseSchemasAreAccepted() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> JdbcConsentStore.builder("jdbc:mysql://h/db?password=x").build());
        assertEquals("url: only jdbc:postgresql: URLs are supported, got 'jdbc:mysql://h/db'", url.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> JdbcConsentStore.builder(PgTestServer.url()).schema("x; DROP TABLE y").build());
        assertTrue(name.getMessage().startsWith("schema must be lower snake case"), name.getMessage());
    }

    @Test
    void aNewerSchemaIsRefusedAndNothingIsChanged() throws SQLException {
        try (JdbcConsentStore s = open()) {
            s.append(ConsentStoreContract.event("alice", 0));
        }
        exec("INSERT INTO " + schema + ".fairway_schema_version (component, version) VALUES ('consent_ledger', 2)");
        JdbcStoreException e = assertThrows(JdbcStoreException.class, this::open);
        assertTrue(e.getMessage().contains("the database's schema is version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("newer than the version 1 this Fairway knows"), e.getMessage());
        assertTrue(e.sqlState().isEmpty());
        assertEquals(2, count("SELECT count(*) FROM " + schema + ".fairway_schema_version"));
        assertEquals(1, rows());
        assertEquals(1, head());
    }

    @Test
    void aSecondOpenDoesNotMigrateAgain() throws SQLException {
        open().close();
        open().close();
        assertEquals(1, count("SELECT count(*) FROM " + schema + ".fairway_schema_version"));
        assertEquals(1, count("SELECT count(*) FROM " + schema + ".fairway_consent_head"));
    }

    @Test
    void aSubjectOverTheLimitIsRefusedBeforeAnythingIsSent() throws SQLException {
        try (JdbcConsentStore s = open()) {
            String limit = "é".repeat(JdbcConsentStore.MAX_SUBJECT_BYTES / 2);
            assertEquals(1, s.append(ConsentStoreContract.event(limit, 0)).sequence());
            String over = limit + "a";
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.append(ConsentStoreContract.event(over, 1)));
            assertEquals("event.subject is 1025 bytes in UTF-8, over the limit of 1024", e.getMessage());
            assertEquals(List.of(), s.events(over));
            assertEquals(1, s.events(limit).size());
        }
        assertEquals(1, rows());
        assertEquals(1, head());
    }

    @Test
    void textPostgresqlCannotHoldIsRefusedNamingTheField() throws SQLException {
        try (JdbcConsentStore s = open()) {
            ConsentEvent good = ConsentStoreContract.event("alice", 1);
            List<ConsentEvent> bad = new ArrayList<>();
            bad.add(ConsentStoreContract.event("ali\u0000ce", 1));
            bad.add(new ConsentEvent("alice", good.purpose(), good.state(), good.basis(), good.explicit(),
                    good.eventTime(), good.recordedTime(), good.expiry(), "v\uD800", good.source(), null, null, 0));
            bad.add(new ConsentEvent("alice", good.purpose(), good.state(), good.basis(), good.explicit(),
                    good.eventTime(), good.recordedTime(), good.expiry(), null, good.source(), "E\u0000U", null, 0));
            List<String> messages = new ArrayList<>();
            for (ConsentEvent e : bad) {
                messages.add(assertThrows(IllegalArgumentException.class, () -> s.append(e)).getMessage());
            }
            assertEquals(List.of("event.subject contains U+0000 at index 3, which PostgreSQL text cannot hold",
                    "event.noticeVersion contains an unpaired surrogate at index 1, which is not valid UTF-8",
                    "event.jurisdiction contains U+0000 at index 1, which PostgreSQL text cannot hold"), messages);
            assertEquals(List.of(), s.events("ali\u0000ce"));
            assertEquals(0, s.lastSequence());
        }
        assertEquals(0, rows());
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowAndNoGap() throws SQLException {
        try (JdbcConsentStore s = open()) {
            s.append(ConsentStoreContract.event("alice", 0));
            exec("CREATE FUNCTION " + schema + ".boom() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$BEGIN IF NEW.subject = 'boom' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; "
                    + "RETURN NEW; END$$");
            exec("CREATE TRIGGER boom BEFORE INSERT ON " + schema + ".fairway_consent_event FOR EACH ROW EXECUTE "
                    + "FUNCTION " + schema + ".boom()");
            JdbcStoreException e = assertThrows(JdbcStoreException.class,
                    () -> s.append(ConsentStoreContract.event("boom", 1)));
            assertTrue(e.getMessage().contains("refused by test trigger"), e.getMessage());
            assertEquals(1, head());
            assertEquals(1, rows());
            assertEquals(2, s.append(ConsentStoreContract.event("alice", 2)).sequence());
        }
    }

    @Test
    void anInvalidRowIsReportedWithTableSequenceAndReason() throws SQLException {
        try (JdbcConsentStore s = open()) {
            s.append(ConsentStoreContract.event("alice", 0));
            exec("UPDATE " + schema + ".fairway_consent_event SET state = 'MAYBE'");
            JdbcStoreException e = assertThrows(JdbcStoreException.class, () -> s.events("alice"));
            assertTrue(e.getMessage().contains("table " + schema + ".fairway_consent_event, seq 1: not a valid "
                    + "consent event"), e.getMessage());
            assertTrue(e.getMessage().contains("MAYBE"), e.getMessage());
        }
    }

    @Test
    void anEventIdIsStoredOnce() throws SQLException {
        try (JdbcConsentStore s = open()) {
            UUID id = UUID.randomUUID();
            ConsentEvent e = ConsentStoreContract.event("alice", 0);
            ConsentEvent first = s.append(e, id);
            assertEquals(first, s.append(e, id));
            assertEquals(1, s.lastSequence());
            IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                    () -> s.append(ConsentStoreContract.event("alice", 1), id));
            assertEquals("eventId " + id + " is already stored for a different event (seq 1)", other.getMessage());
            assertEquals(2, s.append(e).sequence());
        }
        assertEquals(2, rows());
        assertEquals(2, head());
    }

    @Test
    void aTerminatedConnectionIsReplacedAndTheAppendSucceeds() throws SQLException {
        try (JdbcConsentStore s = open()) {
            s.append(ConsentStoreContract.event("alice", 0));
            long killed = count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                    + "application_name = 'fairway-consent-store' AND pid <> pg_backend_pid()");
            assertTrue(killed >= 1, "the store's idle connection was terminated");
            assertEquals(2, s.append(ConsentStoreContract.event("alice", 1)).sequence());
        }
        assertEquals(2, rows());
    }
}
