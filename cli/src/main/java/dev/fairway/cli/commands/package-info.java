/**
 * The list of {@code fairway}'s subcommands, {@link dev.fairway.cli.commands.Commands}: the one place that
 * imports every subcommand package, found by {@link java.util.ServiceLoader} so that the root package
 * {@code dev.fairway.cli} depends on no subcommand package.
 */
package dev.fairway.cli.commands;
