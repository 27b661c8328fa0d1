package dev.fairway.consent.jdbc;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The database refused or failed an operation of a {@link JdbcConsentStore} or {@link ConsentFeed}: it cannot be
 * reached, its schema is of a newer version than this code, or a statement failed. The message names the store
 * (its URL without the query string, so no password is shown) and what was being done; nothing the operation
 * was writing is left half written, because every write is one transaction.
 *
 * <p>Thread-safety: immutable once thrown, like every exception.
 */
public final class JdbcStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The SQLSTATE of the cause, or null. */
    private final String sqlState;

    /**
     * Creates an exception.
     *
     * @param message what failed, in full
     * @param cause   the driver's exception, or null
     */
    JdbcStoreException(String message, SQLException cause) {
        super(message, cause);
        this.sqlState = cause == null ? null : cause.getSQLState();
    }

    /**
     * Returns the five-character SQLSTATE the database or driver reported, for example {@code 08001} when the
     * server could not be reached.
     *
     * @return the SQLSTATE, or empty when the failure did not come from the driver (a newer schema)
     */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
