package dev.fairway.consent.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The few file operations the JSON-lines logs use: read at a position, append, force, truncate. The
 * production implementation is a {@link FileChannel}; tests put an in-memory file here that records
 * every write and force and can be "crashed" at any point.
 *
 * <p>Thread-safety: implementations are safe for one appending thread at a time alongside
 * {@link #force()} from another.
 *
 * <p>Internal: public only so that the ledger and filter packages share it; this package is not
 * exported from the module and is no part of Fairway's API.
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
     * Opens a file through a {@link FileChannel}.
     *
     * @param file     the file
     * @param writable true to create it if needed and append; false to read an existing file only
     * @return the open file
     * @throws IOException if it cannot be opened
     */
    static LogFile open(Path file, boolean writable) throws IOException {
        if (!writable) {
            return new ChannelLogFile(FileChannel.open(file, StandardOpenOption.READ));
        }
        boolean created = !Files.exists(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (created) {
            ChannelLogFile.forceDirectory(file.toAbsolutePath().getParent());
        }
        return new ChannelLogFile(ch);
    }

    /** A {@link LogFile} over a {@link FileChannel}. */
    final class ChannelLogFile implements LogFile {
        private final FileChannel channel;
        private long end;

        /**
         * Wraps an open channel.
         *
         * @param channel the channel, positioned anywhere; appends go to its end
         * @throws IOException if its size cannot be read
         */
        ChannelLogFile(FileChannel channel) throws IOException {
            this.channel = channel;
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
            channel.close();
        }
    }
}
