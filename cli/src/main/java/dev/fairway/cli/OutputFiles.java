package dev.fairway.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/**
 * The one writer of every {@code fairway} output file ({@code --out}, {@code --audit},
 * {@code --data-out}, ...), with one file mode. A regular file (new or existing) is written to a
 * temporary file in the target's directory, forced to disk, given mode {@code rw-r--r--} where POSIX
 * permissions exist, and moved over the target atomically, so that a failure or bad input found late
 * leaves no partial file and the old content stays whole. Anything else is not renamed over:
 *
 * <ul>
 *   <li>a FIFO, a terminal, {@code /dev/null} and the standard streams ({@code /dev/stdout},
 *       {@code /dev/stderr}, {@code /dev/fd/N}) are written through, in place;</li>
 *   <li>a directory, another device, a socket, a symbolic link to a regular file (renaming would
 *       replace the link, following it would write outside the named directory) and a read-only
 *       file are refused (exit 2), as is a target whose directory is missing (the message names the
 *       directory).</li>
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class OutputFiles {
    /** The mode of every output file. */
    public static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rw-r--r--");

    private OutputFiles() {
    }

    /** What a target is. */
    enum Kind { NEW_OR_REGULAR, WRITE_THROUGH }

    /**
     * A file being written: write to {@link #path()}, then {@link #commit()} (or {@link #abort()}).
     * Not thread-safe.
     */
    public static final class Pending {
        private final Path target;
        private final Path path;
        private final boolean through;
        private boolean done;

        private Pending(Path target, Path path, boolean through) {
            this.target = target;
            this.path = path;
            this.through = through;
        }

        /**
         * Returns the file to write: a temporary file beside the target, or the target itself when it is
         * written through.
         *
         * @return the path to write
         */
        public Path path() {
            return path;
        }

        /**
         * Forces the written file to disk, sets its mode and moves it over the target.
         *
         * @throws BadInputException (exit code 2) naming the target when it cannot be moved into place
         */
        public void commit() {
            if (done) {
                return;
            }
            done = true;
            if (through) {
                return;
            }
            try {
                try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                if (Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    Files.setPosixFilePermissions(path, MODE);
                }
                Files.move(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                forceDirectory(target.getParent());
            } catch (IOException e) {
                deleteQuietly(path);
                throw new BadInputException("cannot write " + name(target) + ": " + reason(e), e);
            }
        }

        /** Deletes the temporary file, if any; the target is left as it was. */
        public void abort() {
            if (!done && !through) {
                deleteQuietly(path);
            }
            done = true;
        }
    }

    /**
     * Writes UTF-8 text to a file atomically (see the class comment).
     *
     * @param out the target file
     * @param text the content
     * @throws BadInputException (exit code 2) naming the file when it cannot be written
     */
    public static void write(Path out, String text) {
        write(out, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes to a file atomically (see the class comment).
     *
     * @param out the target file
     * @param bytes the content
     * @throws BadInputException (exit code 2) naming the file when it cannot be written
     */
    public static void write(Path out, byte[] bytes) {
        Pending p = begin(out);
        try {
            if (p.through) {
                try (OutputStream o = Files.newOutputStream(p.path, StandardOpenOption.WRITE)) {
                    o.write(bytes);
                }
            } else {
                Files.write(p.path, bytes);
            }
        } catch (IOException e) {
            p.abort();
            throw new BadInputException("cannot write " + name(out) + ": " + reason(e), e);
        }
        p.commit();
    }

    /**
     * Checks a target and starts writing it: a temporary file beside it, or the target itself when it
     * is written through.
     *
     * @param out the target
     * @return the file being written
     * @throws BadInputException (exit code 2) when the target is refused (see the class comment)
     */
    public static Pending begin(Path out) {
        Path target = out.toAbsolutePath().normalize();
        if (check(out) == Kind.WRITE_THROUGH) {
            return new Pending(target, out, true);
        }
        try {
            return new Pending(target, Files.createTempFile(target.getParent(), ".fairway", ".tmp"), false);
        } catch (IOException e) {
            throw new BadInputException("cannot write " + name(out) + ": " + reason(e), e);
        }
    }

    /**
     * Checks an output target without writing anything, for a command that hands the path to a
     * library writer: a directory, a missing directory, a device or a read-only file is refused.
     *
     * @param out the target
     * @throws BadInputException (exit code 2) when the target is refused
     */
    public static void checkTarget(Path out) {
        check(out);
    }

    /**
     * Checks an output target without writing anything.
     *
     * @param out the target
     * @return how it will be written
     * @throws BadInputException (exit code 2) when the target is refused
     */
    static Kind check(Path out) {
        String shown = name(out);
        String text = out.toString();
        if (text.equals("/dev/stdout") || text.equals("/dev/stderr") || text.startsWith("/dev/fd/")
                || text.startsWith("/proc/self/fd/")) {
            return Kind.WRITE_THROUGH;
        }
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new BadInputException("cannot write " + shown + ": is a directory");
        }
        Path name = target.getFileName();
        if (name.toString().getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new BadInputException("cannot write " + shown + ": file name longer than 255 bytes");
        }
        if (!Files.exists(parent)) {
            throw new BadInputException("cannot write " + shown + ": no such directory " + name(parent));
        }
        if (!Files.isDirectory(parent)) {
            throw new BadInputException("cannot write " + shown + ": " + name(parent) + " is not a directory");
        }
        if (Files.isSymbolicLink(target)) {
            Path real;
            try {
                real = target.toRealPath();
            } catch (IOException e) {
                throw new BadInputException("cannot write " + shown + ": a symbolic link to a missing file; give the"
                        + " file itself", e);
            }
            if (Files.isRegularFile(real) || Files.isDirectory(real)) {
                throw new BadInputException("cannot write " + shown + ": is a symbolic link (to " + name(real)
                        + "); give the file itself");
            }
            return special(real, shown);
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return Kind.NEW_OR_REGULAR;
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException("cannot write " + shown + ": is a directory");
        }
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            if (readOnly(target)) {
                throw new BadInputException("cannot write " + shown + ": the file is read-only");
            }
            return Kind.NEW_OR_REGULAR;
        }
        return special(target, shown);
    }

    /** A FIFO, a terminal or /dev/null is written through; anything else special is refused. */
    private static Kind special(Path real, String shown) {
        int type;
        try {
            type = ((Integer) Files.getAttribute(real, "unix:mode")) & 0170000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            throw new BadInputException("cannot write " + shown + ": not a regular file");
        }
        String path = real.toString();
        boolean terminal = path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/null");
        if (type == 0010000 || (type == 0020000 && terminal)) {
            return Kind.WRITE_THROUGH;
        }
        String what = switch (type) {
            case 0020000 -> "a character device";
            case 0060000 -> "a block device";
            case 0140000 -> "a socket";
            default -> "not a regular file";
        };
        throw new BadInputException("cannot write " + shown + ": is " + what + "; give a regular file, a FIFO or a"
                + " terminal");
    }

    private static boolean readOnly(Path file) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
                return !p.contains(PosixFilePermission.OWNER_WRITE);
            }
            return !Files.isWritable(file);
        } catch (IOException e) {
            return !Files.isWritable(file);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open a directory; the rename itself is atomic there
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a leftover hidden temporary file is harmless; the error being reported matters more
        }
    }

    /**
     * A path as a message shows it: control characters escaped.
     *
     * @param p the path
     * @return the words
     */
    public static String name(Path p) {
        return Messages.escape(String.valueOf(p));
    }

    /**
     * The reason of an I/O error in our words: no exception class names, no library text.
     *
     * @param e the error
     * @return the reason
     */
    public static String reason(Throwable e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return "invalid UTF-8; the file must be UTF-8 text";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return Messages.escape(f.getReason().toLowerCase(Locale.ROOT));
        }
        return "input/output error";
    }
}
