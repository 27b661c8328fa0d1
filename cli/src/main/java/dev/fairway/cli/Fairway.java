package dev.fairway.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fairway} command line: the front door to Fairway's audits, consent tools and
 * explanations.
 *
 * <p>Exit codes: 0 on success, 2 on bad input or usage (one line on standard error; also when the
 * input does not fit in the Java heap, which is reported as one line instead of a stack trace), 1 on
 * an unexpected failure.
 */
@Command(
        name = "fairway",
        mixinStandardHelpOptions = true,
        versionProvider = Fairway.Version.class,
        description = "Responsible personalization: fairness audits, consent filtering and explanations.",
        subcommands = {
            AuditCommand.class,
            DemoCommand.class,
            dev.fairway.cli.consent.ConsentCommand.class,
            dev.fairway.cli.explain.ExplainCommand.class,
            dev.fairway.cli.privacy.ProxiesCommand.class,
            dev.fairway.cli.privacy.RiskCommand.class,
            dev.fairway.cli.privacy.MinimiseCommand.class,
            dev.fairway.cli.mitigate.MitigateCommand.class,
            dev.fairway.cli.rank.RankAuditCommand.class,
            dev.fairway.cli.rank.FairTableCommand.class,
            dev.fairway.cli.monitor.MonitorCommand.class,
            dev.fairway.cli.audit.LocalLaw144Command.class,
            dev.fairway.cli.audit.SlicesCommand.class,
            dev.fairway.cli.audit.EstimateCommand.class,
            dev.fairway.cli.audit.IncidentCommand.class
        })
public final class Fairway {

    /** Exit code for bad input or usage. */
    static final int EXIT_BAD_INPUT = 2;

    private Fairway() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting, for tests and embedding.
     *
     * @param args the arguments
     * @return the exit code
     */
    static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command line with the given output and error writers, for tests.
     *
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Fairway());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, argv) -> {
            ex.getCommandLine().getErr().println("fairway: " + oneLine(ex.getMessage()));
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof BadInputException || ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("fairway: " + oneLine(ex.getMessage()));
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // the columns read so far are unreachable once the command has unwound, so this line can be printed;
            // reports go to --out only after the input is fully read, so nothing was written
            err.println("fairway: out of memory: the input does not fit in the Java heap (" + (Runtime.getRuntime()
                    .maxMemory() >> 20) + " MiB) before it was fully read; nothing was written (give the JVM more"
                    + " with java -Xmx, or split the input)");
            code = EXIT_BAD_INPUT;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** Keeps an error message on one line: line breaks (say, from an argument) are escaped. */
    static String oneLine(String message) {
        return String.valueOf(message).strip().replace("\r", "\\r").replace("\n", "\\n");
    }

    /**
     * Returns Fairway's version from the jar manifest, or "development" when run from classes.
     *
     * @return the version
     */
    public static String version() {
        String v = Fairway.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** Reads the version from the jar manifest, falling back to "development". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fairway " + version()};
        }
    }
}
