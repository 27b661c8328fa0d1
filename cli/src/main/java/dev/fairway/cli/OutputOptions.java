package dev.fairway.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The output of a command, as a picocli {@code @Mixin}: {@code --out FILE}, or standard output when it
 * is not given. A command declares {@code @Mixin OutputOptions output;} and ends with
 * {@code output.write(text)}; the file is written by {@link OutputFiles} (atomically, mode
 * {@code rw-r--r--}, special files written through or refused), and {@link PathRoles} has refused an
 * {@code --out} naming an input before the command ran. Not thread-safe: one instance per run.
 */
public final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the result to this file instead of standard output. The file is replaced whole and only "
                    + "when the command succeeds; it must not be one of the input files.")
    Path out;

    /** Creates the options; picocli fills them. */
    public OutputOptions() {
    }

    /**
     * Returns the {@code --out} file.
     *
     * @return the file, or {@code null} for standard output
     */
    public Path out() {
        return out;
    }

    /**
     * Writes the result: to {@code --out}, or to standard output.
     *
     * @param text the whole result
     * @throws BadInputException (exit code 2) when {@code --out} cannot be written
     */
    public void write(String text) {
        if (out == null) {
            PrintWriter o = mixee.commandLine().getOut();
            o.print(text);
            o.flush();
        } else {
            OutputFiles.write(out, text);
        }
    }
}
