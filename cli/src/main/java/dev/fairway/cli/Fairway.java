package dev.fairway.cli;

import java.io.PrintWriter;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fairway} command line: the front door to Fairway's audits, consent tools and
 * explanations.
 *
 * <p>Exit codes: 0 on success, 2 on bad input or usage (one line on standard error starting
 * {@code fairway: }; also when the run does not fit in the Java heap), 3 when a {@code --fail-if} rule is
 * violated, 1 on an unexpected failure. {@code fairway} alone or a mistyped command prints a usage hint
 * and exits 2. Before any command reads a file, {@link PathRoles} refuses an output that is one of its
 * inputs or another output.
 *
 * <p>The subcommands come from the {@link CommandSet} found by {@link ServiceLoader}, so this package
 * imports no subcommand package.
 *
 * <p>Thread-safety: {@link #run(PrintWriter, PrintWriter, String...)} builds a new command line per call
 * and may be called from several threads; the command objects are not shared.
 */
@Command(
        name = "fairway",
        mixinStandardHelpOptions = true,
        versionProvider = Fairway.Version.class,
        description = "Responsible personalization: fairness audits, consent filtering and explanations.")
public final class Fairway implements Runnable {

    /** Exit code for bad input or usage. */
    static final int EXIT_BAD_INPUT = 2;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private Fairway() {
    }

    /**
     * {@code --verbose}: the libraries' warnings on standard error too (off by default, so that a run
     * prints only {@code fairway:} lines).
     *
     * @param verbose whether the option is given
     */
    @picocli.CommandLine.Option(names = "--verbose", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Also print the libraries' own warnings on standard error. Without it, standard error holds "
                    + "only lines that start with fairway:.")
    void verbose(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
    }

    /** {@code fairway} without a command: a usage hint, exit 2. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command, for example fairway demo; "
                + "fairway --help lists them");
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
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, argv) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("fairway: " + oneLine(ex.getMessage()) + hint(ex));
            return EXIT_BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException) {
                commandLine.getErr().println("fairway: " + oneLine(ex.getMessage()));
                return EXIT_BAD_INPUT;
            }
            throw ex;
        });
        cli.setExecutionStrategy(parseResult -> {
            CommandLine.ParseResult leaf = parseResult;
            while (leaf.subcommand() != null) {
                leaf = leaf.subcommand();
            }
            if (!leaf.isUsageHelpRequested() && !leaf.isVersionHelpRequested()) {
                try {
                    PathRoles.check(leaf.commandSpec());
                } catch (BadInputException e) {
                    throw new CommandLine.ParameterException(leaf.commandSpec().commandLine(), e.getMessage(), e, null,
                            "");
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // what was read is unreachable once the command has unwound, so this line can be printed; reports go to
            // --out only when complete, so nothing was written
            err.println("fairway: out of memory: this run needs more than the Java heap's " + (Runtime.getRuntime()
                    .maxMemory() >> 20) + " MiB (a large input, or a large --bootstrap or --samples); nothing was"
                    + " written (give the JVM more with java -Xmx, or split the input)");
            code = EXIT_BAD_INPUT;
        }
        out.flush();
        err.flush();
        return code;
    }

    /** The command line with every subcommand of the {@link CommandSet}s on the class path. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Fairway());
        for (CommandSet set : ServiceLoader.load(CommandSet.class, Fairway.class.getClassLoader())) {
            for (Object command : set.commands()) {
                cli.addSubcommand(command);
            }
        }
        return cli;
    }

    /** After a usage error: how to get help for the command in question. */
    private static String hint(CommandLine.ParameterException ex) {
        if (ex.getCause() instanceof BadInputException) {
            return "";
        }
        String name = ex.getCommandLine().getCommandSpec().qualifiedName();
        return " (see " + Messages.escape(name) + " --help)";
    }

    /** Keeps an error message on one line: control characters (say, from an argument) are escaped. */
    static String oneLine(String message) {
        return Messages.escape(String.valueOf(message).strip());
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
