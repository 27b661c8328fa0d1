package dev.fairway.cli.consent;

import picocli.CommandLine.Command;

/**
 * {@code fairway consent}: decode consent signals and filter feature rows by a person's consent.
 *
 * <p>Thread-safety: a command object, used by one thread.
 */
@Command(
        name = "consent",
        mixinStandardHelpOptions = true,
        description = "Consent signals and consent-aware feature filtering.",
        subcommands = {DecodeCommand.class, FilterCommand.class, CopyCommand.class})
public final class ConsentCommand {

    /** Creates the command; picocli calls this. */
    public ConsentCommand() {
    }
}
