package dev.lilcom.lhotse;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open channel per archive, shared by every thread: reads are positional
 * ({@link FileChannel#read(ByteBuffer, long)}), so threads never contend for a file position.
 */
final class ArchiveChannels implements Closeable {
    private final ConcurrentHashMap<Path, FileChannel> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Reads {@code length} bytes at {@code position} of the archive into {@code dst}.
     *
     * @throws EOFException if the archive ends first, saying how long it is
     */
    void readFully(Path archive, long position, byte[] dst, int length) throws IOException {
        Path key = archive.toAbsolutePath().normalize();
        FileChannel channel = channel(key);
        try {
            readFully(channel, position, dst, length, archive);
        } catch (ClosedChannelException e) {
            // An interrupt of another thread reading this channel closes it for everyone; reopen it
            // unless the interrupt was ours.
            if (e instanceof ClosedByInterruptException || closed) {
                throw e;
            }
            open.remove(key, channel);
            readFully(channel(key), position, dst, length, archive);
        }
    }

    private static void readFully(FileChannel channel, long position, byte[] dst, int length, Path archive)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(dst, 0, length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("archive " + archive + " has " + channel.size() + " bytes but the key needs bytes "
                        + position + " to " + (position + length));
            }
        }
    }

    private FileChannel channel(Path archive) throws IOException {
        FileChannel channel = open.get(archive);
        if (channel != null) {
            return channel;
        }
        if (closed) {
            throw new IllegalStateException("the feature reader is closed");
        }
        FileChannel fresh = FileChannel.open(archive, StandardOpenOption.READ);
        FileChannel prior = open.putIfAbsent(archive, fresh);
        if (prior != null) {
            fresh.close();
            return prior;
        }
        if (closed) {
            open.remove(archive, fresh);
            fresh.close();
            throw new IllegalStateException("the feature reader is closed");
        }
        return fresh;
    }

    /** Closes every archive. */
    @Override
    public void close() throws IOException {
        closed = true;
        IOException failure = null;
        for (FileChannel channel : open.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
