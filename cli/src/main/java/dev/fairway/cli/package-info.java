/**
 * The {@code fairway} command line: the entry point {@link dev.fairway.cli.Fairway}, the shared picocli
 * mixins every command uses ({@link dev.fairway.cli.OutputOptions}, {@link dev.fairway.cli.ReportOptions},
 * {@link dev.fairway.cli.GateOptions}, {@link dev.fairway.cli.AuditColumns}), the one CSV reader
 * ({@link dev.fairway.cli.CsvInput}, numbers by {@link dev.fairway.cli.Decimal}), the one output writer
 * ({@link dev.fairway.cli.OutputFiles}, guarded by {@link dev.fairway.cli.PathRoles}) and
 * {@code fairway audit}. This package imports no subcommand package; the subcommands are listed in
 * {@code dev.fairway.cli.commands}.
 *
 * <p>Start from {@link dev.fairway.cli.Fairway}, then {@link dev.fairway.cli.OutputOptions}.
 */
package dev.fairway.cli;
