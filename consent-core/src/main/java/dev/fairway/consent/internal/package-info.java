/**
 * Helpers shared by the consent packages (identifier checks, hashing, JSON, and the checksummed
 * JSON-lines log {@link dev.fairway.consent.internal.CheckedLog} over a
 * {@link dev.fairway.consent.internal.LogFile} under the ledger store and the audit sink). Not exported by the
 * module: nothing here is API, and it may change without notice.
 */
package dev.fairway.consent.internal;
