package dev.fairway.cli;

import java.util.List;

/**
 * The subcommands of {@code fairway}, found by {@link java.util.ServiceLoader} so that the root package
 * never imports a subcommand package (subcommands import the root's shared options, not the other
 * way). The one implementation, {@code dev.fairway.cli.commands.Commands}, is named in
 * {@code META-INF/services/dev.fairway.cli.CommandSet}; a new command is one line in its list.
 *
 * <p>Implementations are stateless and thread-safe; {@link #commands()} returns new command objects
 * on every call.
 */
public interface CommandSet {
    /**
     * Returns new instances of the top-level subcommands, in the order the help lists them.
     *
     * @return the picocli command objects
     */
    List<Object> commands();
}
