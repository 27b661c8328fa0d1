package dev.fairway.consent.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The few file operations a checked log uses: read at a position, append, force, truncate. The
 * production implementation ({@link #open}) is a {@link FileChannel}; tests put an in-memory file here
 * that records every write and force and can be "crashed" at any point.
 *
 * <p><b>One writer.</b> {@link #open} for writing takes an exclusive lock on the file
 * ({@link FileChannel#tryLock()}) and on a lock file beside it, {@code <file>.lock} (which holds the
 * owner's process id, for the message a second writer gets). Operating-system file locks are advisory
 * on Linux and macOS (they bind only processes that ask for them, as every Fairway log does) and
 * mandatory on Windows; the lock file makes the claim visible to tools that only look for it. A second
 * writer, in this process or another, is refused with an {@link IllegalStateException} naming the file
 * and the lock file. Closing releases both locks and deletes the lock file (while still holding the
 * lock on the log itself, so no second writer can slip in between). Readers take no lock.
 *
 * <p>Thread-safety: implementations are safe for one appending thread at a time alongside
 * {@link #force()} from another.
 */
public interface LogFile extends Closeable {

    /**
     * Returns the current size in bytes.
     *
     * @return the size
     * @throws IOException if it cannot be read
     */
    long size() throws IOException;

    /**
     * Reads bytes starting at a position, like {@link FileChannel#read(ByteBuffer, long)}.
     *
     * @param dst      where to put them
     * @param position the file offset
     * @return the number of bytes read, -1 at the end
     * @throws IOException if they cannot be read
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * Appends all remaining bytes of {@code src} at the end of the file.
     *
     * @param src the bytes
     * @throws IOException if they cannot be written
     */
    void append(ByteBuffer src) throws IOException;

    /**
     * Forces every byte appended so far to the storage device.
     *
     * @throws IOException if the device reports an error
     */
    void force() throws IOException;

    /**
     * Cuts the file to {@code size} bytes and forces the change.
     *
     * @param size the new size
     * @throws IOException if it cannot be done
     */
    void truncate(long size) throws IOException;

    /**
     * Opens a file through a {@link FileChannel}; for writing, takes the exclusive writer's lock.
     *
     * @param file     the file
     * @param writable true to create it if needed and append (locked); false to read an existing file only
     * @return the open file
     * @throws IOException           if it cannot be opened
     * @throws IllegalStateException if another writer (in this process or another) holds the file
     */
    static LogFile open(Path file, boolean writable) throws IOException {
        if (!writable) {
            return new ChannelLogFile(FileChannel.open(file, StandardOpenOption.READ), null, null, null, null);
        }
        Path lockPath = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lockFileLock = null;
        FileChannel ch = null;
        try {
            lockFileLock = tryLock(lockChannel);
            if (lockFileLock == null) {
                throw held(file, lockPath, lockChannel);
            }
            boolean created = !Files.exists(file);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock fileLock = tryLock(ch);
            if (fileLock == null) {
                // a writer holds the log without our lock file (it was deleted under it): leave no stray file
                IllegalStateException refused = held(file, lockPath, lockChannel);
                Files.deleteIfExists(lockPath);
                throw refused;
            }
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            if (created) {
                ChannelLogFile.forceDirectory(file.toAbsolutePath().getParent());
            }
            return new ChannelLogFile(ch, fileLock, lockChannel, lockFileLock, lockPath);
        } catch (IOException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            lockChannel.close();
            throw e;
        }
    }

    /** A lock on the whole file, or null when another holder has it (in this process or another). */
    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static IllegalStateException held(Path file, Path lockPath, FileChannel lockChannel) {
        String owner = "";
        try {
            ByteBuffer b = ByteBuffer.allocate(32);
            int n = lockChannel.read(b, 0);
            String pid = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.US_ASCII).trim();
            if (pid.matches("[0-9]{1,19}")) {
                owner = " (by process " + pid + ")";
            }
        } catch (IOException e) {
            // the owner is only for the message
        }
        return new IllegalStateException(file + " is already open for writing" + owner + "; its lock file is "
                + lockPath + ". One log has one writer: close the other writer first");
    }

    /** A {@link LogFile} over a {@link FileChannel}, holding the writer's locks when opened for writing. */
    final class ChannelLogFile implements LogFile {
        private final FileChannel channel;
        private final FileLock lock;
        private final FileChannel lockChannel;
        private final FileLock lockFileLock;
        private final Path lockPath;
        private long end;

        ChannelLogFile(FileChannel channel, FileLock lock, FileChannel lockChannel, FileLock lockFileLock,
                Path lockPath) throws IOException {
            this.channel = channel;
            this.lock = lock;
            this.lockChannel = lockChannel;
            this.lockFileLock = lockFileLock;
            this.lockPath = lockPath;
            this.end = channel.size();
        }

        /** Makes a new directory entry durable where the platform allows opening a directory. */
        static void forceDirectory(Path dir) {
            if (dir == null) {
                return;
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // not every platform can open a directory (Windows cannot); the file's own force still holds
            }
        }

        @Override
        public long size() throws IOException {
            return channel.size();
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return channel.read(dst, position);
        }

        @Override
        public void append(ByteBuffer src) throws IOException {
            while (src.hasRemaining()) {
                end += channel.write(src, end);
            }
        }

        @Override
        public void force() throws IOException {
            channel.force(false);
        }

        @Override
        public void truncate(long size) throws IOException {
            channel.truncate(size);
            channel.force(true);
            end = size;
        }

        @Override
        public void close() throws IOException {
            if (lockChannel == null) {
                channel.close();
                return;
            }
            try {
                // the lock file goes while the log's own lock is still held: a second writer that opened
                // the old lock file meanwhile is still refused by the log's lock until this returns
                try {
                    Files.deleteIfExists(lockPath);
                } finally {
                    try {
                        lockFileLock.release();
                    } finally {
                        lockChannel.close();
                    }
                }
            } finally {
                try {
                    lock.release();
                } finally {
                    channel.close();
                }
            }
        }
    }
}
