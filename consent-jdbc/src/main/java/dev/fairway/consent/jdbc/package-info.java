/**
 * The consent ledger in PostgreSQL: a store many service instances append to at once, and a change feed that
 * tells every instance about every new event.
 *
 * <p>Open {@link dev.fairway.consent.jdbc.JdbcConsentStore} first: build it with
 * {@link dev.fairway.consent.jdbc.JdbcConsentStore#builder(String)} from a {@code jdbc:postgresql:} URL and use it
 * wherever a {@link dev.fairway.consent.ledger.ConsentStore} goes (a
 * {@link dev.fairway.consent.ledger.ConsentLedger}). Then {@link dev.fairway.consent.jdbc.ConsentFeed} for the
 * events other instances record. Database failures are {@link dev.fairway.consent.jdbc.JdbcStoreException}s.
 * The schema, its versions and the ordering argument are in {@code docs/consent-stores.md}.
 */
package dev.fairway.consent.jdbc;
