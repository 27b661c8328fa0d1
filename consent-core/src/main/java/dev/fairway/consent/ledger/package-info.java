/**
 * The consent ledger: append-only consent events per person, stores (in memory, durable JSON lines,
 * or your own) and snapshots of every purpose at an instant.
 *
 * <p>Start from {@link dev.fairway.consent.ledger.ConsentLedger}: record
 * {@link dev.fairway.consent.ledger.ConsentEvent}s, then take a
 * {@link dev.fairway.consent.ledger.ConsentSnapshot} to compute a filter's granted mask.
 */
package dev.fairway.consent.ledger;
