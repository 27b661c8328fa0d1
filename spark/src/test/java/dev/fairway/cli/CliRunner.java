package dev.fairway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs the real {@code fairway} command line (the cli module, a test dependency) so the Spark
 * job's errors can be compared with the CLI's own.
 */
public final class CliRunner {
    private CliRunner() {
    }

    /**
     * Runs {@code fairway} with the arguments.
     *
     * @param args the arguments
     * @return exit code, standard output, standard error
     */
    public static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Fairway.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }
}
