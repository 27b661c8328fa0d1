/**
 * The checked line log under every durable log of Fairway: the consent ledger
 * ({@code dev.fairway.consent.ledger.JsonLinesConsentStore}), the audit sink
 * ({@code dev.fairway.consent.filter.JsonLinesAuditSink}) and the guard's decision log. Each line is
 * {@code <crc32c> <sequence> <body>\n}; the files are read back in a stream under a {@link
 * dev.fairway.consent.log.RecoveryMode}, appended under a {@link dev.fairway.consent.log.FsyncPolicy},
 * and held by one writer at a time (an exclusive lock, see {@link dev.fairway.consent.log.LogFile#open}).
 * What a recovery found is a {@link dev.fairway.consent.log.Recovery}.
 *
 * <p>Start with {@link dev.fairway.consent.log.RecoveryMode} and {@link dev.fairway.consent.log.FsyncPolicy},
 * the two choices a user of the logs makes; {@link dev.fairway.consent.log.CheckedLog} is the frame and
 * the scan, for code that writes a log of its own. This package depends on no other consent package.
 */
package dev.fairway.consent.log;
