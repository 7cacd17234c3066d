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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The open archives, one channel each, shared by every thread: reads are positional
 * ({@link FileChannel#read(ByteBuffer, long)}), so threads never contend for a file position.
 *
 * <p>At most {@code limit} archives stay open; opening one more closes the least recently used.
 * A corpus of thousands of archives would otherwise run out of file descriptors. A channel is
 * counted while a thread reads through it, and one that falls out of the set then is closed when
 * that read ends, never under it: so at most {@code limit} plus the number of reading threads
 * channels are open at any moment, and exactly {@code limit} or fewer when no read is in progress.
 */
final class ArchiveChannels implements Closeable {
    /** An open archive and how many reads are using it; both guarded by the {@code ArchiveChannels}. */
    static final class Channel {
        final FileChannel file;
        int readers;
        /** Out of the set (evicted, broken or the whole set closed): close when the last reader leaves. */
        boolean retired;

        Channel(FileChannel file) {
            this.file = file;
        }
    }

    private final int limit;
    /** In access order: the eldest entry is the least recently used archive. */
    private final LinkedHashMap<Path, Channel> open = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    /** @param limit the most archives kept open between reads, at least 1 */
    ArchiveChannels(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the open archive limit must be at least 1; got " + limit);
        }
        this.limit = limit;
    }

    /**
     * Reads {@code length} bytes at {@code position} of the archive into {@code dst}.
     *
     * @throws EOFException if the archive ends first, saying how long it is
     */
    void readFully(Path archive, long position, byte[] dst, int length) throws IOException {
        Path key = archive.toAbsolutePath().normalize();
        Channel channel = acquire(key);
        try {
            readFully(channel.file, position, dst, length, archive);
            return;
        } catch (ClosedChannelException e) {
            // An interrupt of another thread reading this channel closes it for everyone; reopen it
            // unless the interrupt was ours.
            if (e instanceof ClosedByInterruptException || isClosed()) {
                throw e;
            }
            discard(key, channel);
        } finally {
            release(channel);
        }
        Channel fresh = acquire(key);
        try {
            readFully(fresh.file, position, dst, length, archive);
        } finally {
            release(fresh);
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

    /** The archive's channel, counted as in use until {@link #release}; opened if need be. */
    Channel acquire(Path key) throws IOException {
        synchronized (this) {
            ensureOpen();
            Channel channel = open.get(key);
            if (channel != null) {
                channel.readers++;
                return channel;
            }
        }
        // opened outside the lock, so that a slow file system holds up only this read
        FileChannel file = FileChannel.open(key, StandardOpenOption.READ);
        List<Channel> evicted = new ArrayList<>();
        Channel channel;
        synchronized (this) {
            if (closed) {
                file.close();
                ensureOpen();
            }
            channel = open.get(key);
            if (channel == null) {
                channel = new Channel(file);
                open.put(key, channel);
                file = null;
                for (Iterator<Channel> eldest = open.values().iterator(); open.size() > limit; ) {
                    Channel old = eldest.next();
                    eldest.remove();
                    old.retired = true;
                    if (old.readers == 0) {
                        evicted.add(old);
                    }
                }
            }
            channel.readers++;
        }
        if (file != null) {
            file.close(); // another thread opened the archive meanwhile
        }
        for (Channel old : evicted) {
            closeQuietly(old);
        }
        return channel;
    }

    /** Ends a read begun with {@link #acquire}; closes the channel if it was retired meanwhile. */
    void release(Channel channel) {
        boolean last;
        synchronized (this) {
            last = --channel.readers == 0 && channel.retired;
        }
        if (last) {
            closeQuietly(channel);
        }
    }

    /** Takes a channel that another thread's interrupt closed out of the set, so that the next read reopens it. */
    private synchronized void discard(Path key, Channel channel) {
        if (open.get(key) == channel) {
            open.remove(key);
        }
        channel.retired = true;
    }

    /**
     * A read-only channel holds no data to lose, so a failure to close it is not worth failing a
     * read over (the descriptor is released either way).
     */
    private static void closeQuietly(Channel channel) {
        try {
            channel.file.close();
        } catch (IOException ignored) {
            // see above
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the feature reader is closed");
        }
    }

    /** The archives open between reads, least recently used first (for tests). */
    synchronized List<Path> openArchives() {
        return List.copyOf(open.keySet());
    }

    /**
     * Closes every archive; reads in progress on other threads finish first, each closing its
     * channel as it ends.
     */
    @Override
    public void close() throws IOException {
        List<Channel> idle = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Channel channel : open.values()) {
                channel.retired = true;
                if (channel.readers == 0) {
                    idle.add(channel);
                }
            }
            open.clear();
        }
        IOException failure = null;
        for (Channel channel : idle) {
            try {
                channel.file.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
