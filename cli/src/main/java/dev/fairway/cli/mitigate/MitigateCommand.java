package dev.fairway.cli.mitigate;

import picocli.CommandLine.Command;

/**
 * {@code fairway mitigate}: fix what an audit finds (group thresholds, reweighing, reject option).
 *
 * <p>Thread-safety: a command object, used by one thread.
 */
@Command(
        name = "mitigate",
        mixinStandardHelpOptions = true,
        description = "Mitigation: per-group thresholds, reweighing, reject-option classification.",
        subcommands = {ThresholdsCommand.class, ReweighCommand.class, RejectOptionCommand.class})
public final class MitigateCommand {

    /** Creates the command; picocli calls this. */
    public MitigateCommand() {
    }
}
