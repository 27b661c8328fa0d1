package dev.fairway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Refuses, before a command reads anything, an output path that is the same file as an input or as
 * another output. Every file option of a command takes part: the options named in {@link #OUTPUTS}
 * are outputs, every other option or parameter of type {@link Path} is an input. Sameness is file
 * identity ({@link Files#isSameFile}), so hard links, symbolic links and {@code ..} are seen through;
 * for an output that does not exist yet, its directory's real path and its name are compared. The
 * check runs for every command from {@link Fairway}'s execution strategy. Stateless and thread-safe.
 */
public final class PathRoles {
    /** The option names that name an output file, across every command. */
    public static final Set<String> OUTPUTS = Set.of("--out", "--audit", "--data-out", "--log-out", "--timeline-out");

    private PathRoles() {
    }

    /** One file option and its value. */
    record Named(String option, Path path) {
    }

    /**
     * Checks the file options of the command about to run.
     *
     * @param spec the command (its options hold the parsed and default values)
     * @throws BadInputException (exit code 2) naming both options when two of them are one file
     */
    public static void check(CommandSpec spec) {
        List<Named> inputs = new ArrayList<>();
        List<Named> outputs = new ArrayList<>();
        for (ArgSpec arg : spec.args()) {
            String name = arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
            List<Path> paths = paths(arg.getValue());
            for (Path p : paths) {
                (OUTPUTS.contains(name) ? outputs : inputs).add(new Named(name, p));
            }
        }
        refuse(inputs, outputs);
    }

    private static List<Path> paths(Object value) {
        List<Path> out = new ArrayList<>();
        if (value instanceof Path p) {
            out.add(p);
        } else if (value instanceof Collection<?> c) {
            for (Object o : c) {
                if (o instanceof Path p) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * Refuses an output that is the same file as an input or as an earlier output.
     *
     * @param inputs the input files
     * @param outputs the output files
     * @throws BadInputException (exit code 2) naming both options and the file
     */
    static void refuse(List<Named> inputs, List<Named> outputs) {
        for (int i = 0; i < outputs.size(); i++) {
            Named out = outputs.get(i);
            for (Named in : inputs) {
                if (same(out.path(), in.path())) {
                    throw new BadInputException(out.option() + " " + OutputFiles.name(out.path()) + " is the same file as "
                            + in.option() + " " + OutputFiles.name(in.path()) + "; an output must not replace an input"
                            + " (nothing was read or written)");
                }
            }
            for (int j = 0; j < i; j++) {
                Named other = outputs.get(j);
                if (same(out.path(), other.path())) {
                    throw new BadInputException(out.option() + " " + OutputFiles.name(out.path()) + " is the same file as "
                            + other.option() + " " + OutputFiles.name(other.path()) + "; give each output its own file"
                            + " (nothing was read or written)");
                }
            }
        }
    }

    /**
     * Returns whether two paths are one file: by identity when both exist, else by real directory and name.
     *
     * @param a a path
     * @param b another path
     * @return true if they name one file
     */
    public static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException | SecurityException e) {
            // fall through to the comparison by name
        }
        Optional<Path> ka = key(a);
        Optional<Path> kb = key(b);
        return ka.isPresent() && ka.equals(kb);
    }

    /** The real directory and the name of a path that may not exist yet (a dangling link: its target). */
    private static Optional<Path> key(Path p) {
        try {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isSymbolicLink(abs)) {
                Path target = Files.readSymbolicLink(abs);
                abs = abs.resolveSibling(target).toAbsolutePath().normalize();
            }
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(abs.toRealPath());
            }
            Path parent = abs.getParent();
            if (parent == null || abs.getFileName() == null || !Files.exists(parent)) {
                return Optional.of(abs);
            }
            return Optional.of(parent.toRealPath().resolve(abs.getFileName()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
