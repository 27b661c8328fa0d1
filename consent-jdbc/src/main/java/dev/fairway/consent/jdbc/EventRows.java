package dev.fairway.consent.jdbc;

import dev.fairway.consent.LawfulBasis;
import dev.fairway.consent.ledger.ConsentEvent;
import dev.fairway.consent.ledger.ConsentSource;
import dev.fairway.consent.ledger.ConsentState;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.UUID;

/**
 * How a {@link ConsentEvent} is kept in a row of {@code fairway_consent_event}: one column per field, enums by
 * name, each instant as epoch seconds ({@code bigint}) and nano-of-second ({@code integer}) so that it reads back
 * exactly (PostgreSQL's {@code timestamptz} keeps microseconds and a smaller range than {@link Instant}).
 * Package-private. Thread-safety: stateless.
 */
final class EventRows {
    /** The selected columns, in the order {@link #read} expects. */
    static final String COLUMNS = "seq, subject, purpose, state, basis, explicit, event_time_s, event_time_ns, "
            + "recorded_time_s, recorded_time_ns, expiry_s, expiry_ns, notice_version, source, jurisdiction, "
            + "evidence_sha256";

    /** The inserted columns after {@code seq}, in the order {@link #bind} sets them. */
    static final String INSERT_COLUMNS = "event_id, subject, purpose, state, basis, explicit, event_time_s, "
            + "event_time_ns, recorded_time_s, recorded_time_ns, expiry_s, expiry_ns, notice_version, source, "
            + "jurisdiction, evidence_sha256";

    /** The placeholders of {@link #INSERT_COLUMNS}. */
    static final String INSERT_PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    private EventRows() {
    }

    /**
     * Checks what PostgreSQL cannot keep exactly, before anything is sent: text with U+0000 or an unpaired
     * surrogate (PostgreSQL's {@code text} holds neither; the driver would fail or replace it) and a subject over
     * {@link JdbcConsentStore#MAX_SUBJECT_BYTES} bytes in UTF-8 (the subject index's entry limit is near 2.7 kB).
     *
     * @throws IllegalArgumentException naming the field
     */
    static void validate(ConsentEvent e) {
        text(e.subject(), "event.subject");
        int bytes = e.subject().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > JdbcConsentStore.MAX_SUBJECT_BYTES) {
            throw new IllegalArgumentException("event.subject is " + bytes + " bytes in UTF-8, over the limit of "
                    + JdbcConsentStore.MAX_SUBJECT_BYTES);
        }
        text(e.noticeVersion(), "event.noticeVersion");
        text(e.jurisdiction(), "event.jurisdiction");
    }

    /** Whether a subject can be stored at all (a lookup of any other subject finds nothing). */
    static boolean storable(String subject) {
        try {
            text(subject, "subject");
        } catch (IllegalArgumentException e) {
            return false;
        }
        return subject.getBytes(StandardCharsets.UTF_8).length <= JdbcConsentStore.MAX_SUBJECT_BYTES;
    }

    private static void text(String s, String field) {
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == 0) {
                throw new IllegalArgumentException(field + " contains U+0000 at index " + i
                        + ", which PostgreSQL text cannot hold");
            }
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw new IllegalArgumentException(field + " contains an unpaired surrogate at index " + i
                        + ", which is not valid UTF-8");
            }
        }
    }

    /** Sets the 16 parameters of {@link #INSERT_COLUMNS}, the first at index {@code first}. */
    static void bind(PreparedStatement ps, int first, ConsentEvent e, UUID eventId) throws SQLException {
        int i = first;
        ps.setObject(i++, eventId);
        ps.setString(i++, e.subject());
        ps.setString(i++, e.purpose());
        ps.setString(i++, e.state().name());
        ps.setString(i++, e.basis().name());
        ps.setBoolean(i++, e.explicit());
        ps.setLong(i++, e.eventTime().getEpochSecond());
        ps.setInt(i++, e.eventTime().getNano());
        ps.setLong(i++, e.recordedTime().getEpochSecond());
        ps.setInt(i++, e.recordedTime().getNano());
        if (e.expiry() == null) {
            ps.setNull(i++, Types.BIGINT);
            ps.setNull(i++, Types.INTEGER);
        } else {
            ps.setLong(i++, e.expiry().getEpochSecond());
            ps.setInt(i++, e.expiry().getNano());
        }
        ps.setString(i++, e.noticeVersion());
        ps.setString(i++, e.source().name());
        ps.setString(i++, e.jurisdiction());
        ps.setString(i, e.evidenceSha256());
    }
    /**
     * Reads the current row (selected with {@link #COLUMNS}).
     *
     * @throws JdbcStoreException naming the table, sequence and column when a row does not hold a valid event
     *                            (written by something other than this store)
     */
    static ConsentEvent read(ResultSet rs, Database db) throws SQLException {
        long seq = rs.getLong(1);
        try {
            Instant expiry = null;
            long expirySeconds = rs.getLong(11);
            if (!rs.wasNull()) {
                expiry = Instant.ofEpochSecond(expirySeconds, rs.getInt(12));
            }
            return new ConsentEvent(rs.getString(2), rs.getString(3), ConsentState.valueOf(rs.getString(4)),
                    LawfulBasis.valueOf(rs.getString(5)), rs.getBoolean(6),
                    Instant.ofEpochSecond(rs.getLong(7), rs.getInt(8)),
                    Instant.ofEpochSecond(rs.getLong(9), rs.getInt(10)), expiry, rs.getString(13),
                    ConsentSource.valueOf(rs.getString(14)), rs.getString(15), rs.getString(16), seq);
        } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
            throw new JdbcStoreException("consent store " + db.name() + ": table " + db.table(Schema.EVENTS)
                    + ", seq " + seq + ": not a valid consent event: " + e.getMessage(), null);
        }
    }
}
