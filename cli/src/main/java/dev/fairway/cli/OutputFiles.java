package dev.fairway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * How every {@code fairway} command writes its {@code --out} file: to a temporary file beside the
 * target, moved into place atomically, so that a failure (or bad input found late) leaves no partial
 * or stale-looking file. Stateless and thread-safe.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Writes UTF-8 text to a file atomically, as an ordinary file ({@code rw-r--r--} where POSIX
     * permissions exist).
     *
     * @param out the target file
     * @param text the content
     * @throws BadInputException (exit code 2) naming the file when it cannot be written
     */
    public static void write(Path out, String text) {
        Path target = out.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".fairway", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    // a temporary file is private (rw-------); a report is an ordinary file (rw-r--r--)
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
