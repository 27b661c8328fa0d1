/**
 * Fairway's consent ledger in PostgreSQL, for a fleet of service instances that share one ledger:
 * {@link dev.fairway.consent.jdbc.JdbcConsentStore} (a {@link dev.fairway.consent.ledger.ConsentStore} with one
 * total order across every instance) and {@link dev.fairway.consent.jdbc.ConsentFeed} (every new event delivered to
 * every instance's listeners, in sequence order).
 *
 * <p>{@code org.postgresql.jdbc} is the PostgreSQL driver, an automatic module named by its manifest.
 */
module dev.fairway.consent.jdbc {
    requires transitive dev.fairway.consent;
    requires transitive java.sql;
    requires org.postgresql.jdbc;
    requires org.slf4j;

    exports dev.fairway.consent.jdbc;
}
